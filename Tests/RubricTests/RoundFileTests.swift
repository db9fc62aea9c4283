import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Rubric

/// The shipped 2568 round file's text.
private func shippedRound() throws -> String {
    try String(contentsOf: TestPaths.rubrics.appendingPathComponent("2568/round.yaml"), encoding: .utf8)
}

/// Every problem of a round file given as text (empty when it loads).
private func problems(_ yaml: String) throws -> [RubricProblem] {
    try RoundFileLoader.reading(yaml: yaml, file: "round.yaml").problems
}

@Suite("Round files")
struct RoundFileTests {
    @Test("the shipped 2568 round: window, stages, four sub-types with their rules and judging bodies")
    func shipped() throws {
        let catalog = try RubricCatalog(directory: TestPaths.rubrics)
        let round = try #require(catalog.round(year: 2568))
        #expect(round.window.opens.description == "2025-01-06" && round.window.closes.description == "2025-02-28")
        #expect(round.window.timeZone == "Asia/Bangkok")
        #expect(round.stages.map(\.stage) == RoundStage.allCases)
        #expect(round.dates(of: .ceremony)?.from.description == "2025-09-12")
        #expect(round.types.map(\.type) == catalog.types(year: 2568))
        #expect(round.rules(type: "participation-expanded")?.previousAwardRequired == true)
        #expect(round.rules(type: "open-governance")?.previousAwardRequired == false)
        #expect(round.rules(type: "poverty-integration")?.judgingBody.th == "สำนักงาน ป.ย.ป.")
        #expect(round.types.allSatisfy { $0.minMonthsRun == 12 && !$0.agencyKinds.isEmpty })
        // The built-in catalogue carries the same round file.
        #expect(try RubricCatalog.builtIn().round(year: 2568)?.withFile(round.file) == round)
        #expect(catalog.round(year: 2567) == nil)
        let missing = try #require(throws: PSEAError.self) { try catalog.requiredRound(year: 2567) }
        #expect(missing.code == RubricCode.roundFileNotFound.code && !missing.isInvalidInput)
    }

    @Test("every stage of a round has its Thai and English name in labels.json, and the section names no other")
    func stageLabels() {
        let table = Labels.sections[RoundStage.labelSection] ?? [:]
        #expect(Set(table.keys) == Set(RoundStage.allCases.map(\.rawValue)))
        #expect(RoundStage.deskReview.label == LocalizedText(th: "ประเมินเอกสาร", en: "desk review"))
        #expect(RoundStage.allCases.allSatisfy { !$0.label.th.isEmpty && $0.label.th != $0.rawValue && !$0.label.en.isEmpty })
    }

    @Test("every aggregation method has its Thai and English name in labels.json, and the section names no other")
    func aggregationLabels() {
        let table = Labels.sections[Aggregation.labelSection] ?? [:]
        #expect(Set(table.keys) == Set(Aggregation.allCases.map(\.rawValue)))
        #expect(Aggregation.trimmedMean.label == LocalizedText(th: "ค่าเฉลี่ยแบบตัดปลาย", en: "trimmed mean"))
    }

    @Test("the window closes at midnight at the end of its last day, Bangkok time")
    func closingInstant() throws {
        let window = try #require(RubricCatalog(directory: TestPaths.rubrics).round(year: 2568)?.window)
        // 2025-02-28T23:59:59+07:00 is inside, 2025-03-01T00:00:00+07:00 is late.
        let lastSecond = try Date("2025-02-28T16:59:59Z", strategy: .iso8601)
        #expect(!window.isLate(lastSecond))
        #expect(window.isLate(lastSecond.addingTimeInterval(1)))
    }

    @Test("an unknown key stops the file with its line")
    func unknownKey() throws {
        let text = try shippedRound().replacingOccurrences(of: "  timeZone: Asia/Bangkok", with: "  timezone: Asia/Bangkok")
        let error = try #require(throws: PSEAError.self) { try RoundFileLoader.load(yaml: text, file: "round.yaml") }
        #expect(error.code == RubricCode.unknownKey.code)
        #expect(error.context["line"] == "\(lineOf("timezone", in: text) ?? 0)")
    }

    @Test("bad values are each reported with their line: dates, time zone, stage, order, agency kind, months, assumed")
    func badValues() throws {
        let text = try shippedRound()
            .replacingOccurrences(of: "opens: 2025-01-06", with: "opens: 2025-02-30")
            .replacingOccurrences(of: "Asia/Bangkok", with: "Mars/Olympus")
            .replacingOccurrences(of: "  ceremony: {from: 2025-09-12}", with: "  ceremony: {from: 2025-09-12}\n  party: {from: 2025-09-13}")
            .replacingOccurrences(of: "approval: {from: 2025-08-18", with: "approval: {from: 2025-06-01")
            .replacingOccurrences(of: "[central-department, province,", with: "[central-departments, province,")
            .replacingOccurrences(of: "minMonthsRun: 12\n    agencyKinds", with: "minMonthsRun: -1\n    agencyKinds")
            .replacingOccurrences(of: "  - window.opens", with: "  - window.open")
        let found = try problems(text)
        let codes = Set(found.map(\.code))
        for code in [
            RubricCode.roundBadDate, .roundTimeZone, .roundUnknownStage, .roundStageOrder, .roundAgencyKind, .roundMonths,
            .roundUnknownAssumed,
        ] {
            #expect(codes.contains(code.code), "\(code.code) missing from \(found.map(\.code))")
        }
        #expect(found.allSatisfy { $0.line != nil && $0.file == "round.yaml" })
        #expect(found.first { $0.code == RubricCode.roundBadDate.code }?.line == lineOf("2025-02-30", in: text))
        #expect(found.map { $0.line ?? 0 } == found.map { $0.line ?? 0 }.sorted())
        let error = try #require(throws: PSEAError.self) { try RoundFileLoader.load(yaml: text, file: "round.yaml") }
        #expect(error.isInvalidInput)
    }

    @Test("a catalogue whose round file does not fit its rubrics is unusable (a usage error)")
    func catalogueChecks() throws {
        let (folder, rubrics) = try rubricsCopy { $0.replacingOccurrences(of: "poverty-integration", with: "poverty-reduction") }
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(throws: PSEAError.self) { try RubricCatalog(directory: rubrics) }
        #expect(error.code == RubricCode.roundTypes.code && !error.isInvalidInput)
        #expect(error.text(.en).contains("poverty-reduction") && error.text(.en).contains("poverty-integration"))

        let (other, wrongYear) = try rubricsCopy { $0.replacingOccurrences(of: "year: 2568", with: "year: 2569") }
        defer { try? FileManager.default.removeItem(at: other) }
        let year = try #require(throws: PSEAError.self) { try RubricCatalog(directory: wrongYear) }
        #expect(year.code == RubricCode.roundYear.code)

        let (broken, bad) = try rubricsCopy { $0.replacingOccurrences(of: "closes: 2025-02-28", with: "closes: 2025-01-01") }
        defer { try? FileManager.default.removeItem(at: broken) }
        let order = try #require(throws: PSEAError.self) { try RubricCatalog(directory: bad) }
        #expect(order.code == RubricCode.roundBadDate.code && !order.isInvalidInput)
    }
}

extension RoundFile {
    /// The same round file named `file` (the built-in copy names its file `<built-in>/…`).
    fileprivate func withFile(_ file: String) -> RoundFile {
        var copy = self
        copy.file = file
        return copy
    }
}

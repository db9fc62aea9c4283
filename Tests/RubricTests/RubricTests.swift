import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Rubric

/// The repository's `Rubrics/` directory.
let rubricsDirectory = TestPaths.rubrics

/// The error a throwing load produced, or nil when it loaded.
func loadError(_ yaml: String) -> PSEAError? {
    do {
        _ = try RubricLoader.load(yaml: yaml, file: "test.yaml")
        return nil
    } catch {
        return error
    }
}

/// The 1-based line of the first line containing `needle`.
func lineOf(_ needle: String, in text: String) -> Int? {
    text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
}

@Suite("Shipped rubrics")
struct ShippedRubricTests {
    static let types = ["effective-change", "open-governance", "participation-expanded", "poverty-integration"]

    @Test func catalogListsTheFourSubTypes() throws {
        let catalog = try RubricCatalog(directory: rubricsDirectory)
        #expect(catalog.types(year: 2568) == Self.types)
        #expect(catalog.years == [2568])
        #expect(catalog.all.count == 4)
        #expect(catalog.rubric(year: 2568, type: "nope") == nil)
        #expect(catalog.rubric(year: 2567, type: "open-governance") == nil)
        let url = try #require(catalog.rubric(year: 2568, type: "open-governance")?.sourceURL)
        #expect(url.lastPathComponent == "open-governance.yaml")
        #expect(catalog.origin == .directory(rubricsDirectory))
    }

    @Test("the rubrics built into psea are the repository's Rubrics folder, byte for byte")
    func builtInRubricsAreTheShippedFolder() throws {
        let builtIn = try RubricCatalog.builtIn()
        let folder = try RubricCatalog(directory: rubricsDirectory)
        #expect(builtIn.origin == .builtIn)
        #expect(builtIn.all.map(\.key) == folder.all.map(\.key))
        #expect(builtIn.all.map(\.sourceText) == folder.all.map(\.sourceText))
        #expect(builtIn.bands?.bands == folder.bands?.bands)
        #expect(builtIn.all.allSatisfy { $0.sourceText != nil })
    }

    @Test("the catalogue in use: --rubrics, else $PSEA_RUBRICS, else the built-in rubrics; nothing else is searched")
    func resolution() throws {
        #expect(
            try RubricCatalog.resolve(option: rubricsDirectory.path, environment: ["PSEA_RUBRICS": "/nonexistent"]).origin
                == .directory(rubricsDirectory))
        #expect(
            try RubricCatalog.resolve(option: nil, environment: ["PSEA_RUBRICS": rubricsDirectory.path]).origin
                == .directory(rubricsDirectory))
        #expect(try RubricCatalog.resolve(option: nil, environment: ["PSEA_RUBRICS": ""]).origin == .builtIn)
        #expect(try RubricCatalog.resolve(option: nil, environment: [:]).origin == .builtIn)
        #expect(throws: PSEAError.self) { try RubricCatalog.resolve(option: nil, environment: ["PSEA_RUBRICS": "/nonexistent/rubrics"]) }
    }

    @Test("a missing year or type is an error naming where rubrics were looked up")
    func missingRubricNamesWhereItLooked() throws {
        let builtIn = try RubricCatalog.builtIn()
        let error = builtIn.missing(year: 2570, type: "open-governance")
        #expect(error.code == "PSEA-R024")
        #expect(!error.isInvalidInput)
        #expect(error.message.en.contains("the rubrics built into psea"))
        #expect(error.message.en.contains("2570/open-governance"))
        #expect(throws: PSEAError.self) { try builtIn.required(year: 2570, type: "open-governance") }
        #expect(try builtIn.required(year: 2568, type: "open-governance").key == "2568/open-governance")
        let folder = try RubricCatalog(directory: rubricsDirectory)
        #expect(folder.missing(year: 2568, type: "nope").message.en.contains(rubricsDirectory.path))
    }

    @Test(arguments: types)
    func loadsAndPassesTheChecker(type: String) throws {
        let rubric = try shipped(type)
        #expect(rubric.year == 2568)
        #expect(rubric.type == type)
        #expect(rubric.totalPoints == 100)
        #expect(rubric.levels.outstanding == 80)
        #expect(rubric.levels.good == 70)
        #expect(rubric.assumed.contains("levels.outstanding"))
        #expect(Set(rubric.narrativeLimits.keys) == Set(Rubric.narrativeFields))
        let lenses = Set(rubric.allCriteria.map { $0.criterion.lens })
        #expect(lenses.isSuperset(of: [Lens.adli, .letci, .spectrum]))
        let modes = Set(rubric.allCriteria.map { $0.criterion.mode })
        #expect(modes.contains(.judged) && modes.contains(.auto))
        #expect(!rubric.allCriteria.contains { $0.criterion.title.th.isEmpty || $0.criterion.guidance.en.isEmpty })
        let problems = RubricChecker.check(rubric)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        for (_, criterion) in rubric.allCriteria where criterion.needsAnswer {
            #expect(criterion.asks?.th.isEmpty == false && criterion.asks?.en.isEmpty == false, "\(criterion.id)")
            #expect((criterion.answerLimit ?? 0) > 0, "\(criterion.id)")
            #expect(criterion.descriptors.map(\.label) == ["0–25", "30–45", "50–65", "70–85", "90–100"], "\(criterion.id)")
        }
    }

    @Test func openGovernanceFollowsThe2018Structure() throws {
        let rubric = try shipped("open-governance")
        #expect(rubric.dimensions.map(\.points) == [10, 60, 30])
        #expect(rubric.dimensions[0].criteria.map(\.points) == [6, 4])
        #expect(rubric.dimensions[1].criteria.map(\.points) == [20, 20, 20])
        #expect(rubric.dimensions[2].assumed)
    }

    @Test func bandsLoadAndPass() throws {
        let catalog = try RubricCatalog(directory: rubricsDirectory)
        let bands = try #require(catalog.bands)
        #expect(bands.bands.map(\.label) == ["0–5", "10–25", "30–45", "50–65", "70–85", "90–100"])
        #expect(bands.bands.map(\.assumed) == [false, false, false, true, true, true])
        #expect(bands.bands.allSatisfy { !$0.adli.th.isEmpty && !$0.letci.en.isEmpty })
        #expect(RubricChecker.check(bands).isEmpty)
        #expect(bands.band(for: 65)?.label == "50–65")
        #expect(bands.band(for: 70)?.label == "70–85")
    }

    /// A band set in any order gives the band whose minimum is the highest reached; of two with the same minimum,
    /// the later in the file; nothing below the lowest.
    @Test func bandForPercentReadsBandsInAnyOrder() {
        func band(_ min: Int, _ max: Int, _ note: String = "") -> Band {
            Band(min: min, max: max, adli: LocalizedText(th: note, en: note), letci: LocalizedText(th: "", en: ""))
        }
        let bands = BandSet(bands: [band(50, 65), band(10, 25), band(90, 100), band(10, 25, "second"), band(70, 85)])
        #expect(bands.band(for: 5) == nil)
        #expect(bands.band(for: 10)?.adli.en == "second")
        #expect(bands.band(for: 49)?.adli.en == "second")
        #expect(bands.band(for: 50)?.label == "50–65")
        #expect(bands.band(for: 89)?.label == "70–85")
        #expect(bands.band(for: 100)?.label == "90–100")
        #expect(bands.label(for: 100) == "90–100")
        #expect(bands.label(for: 5) == nil)
    }
}

@Suite("Rubric loading errors")
struct RubricLoadingTests {
    @Test func unknownKeyIsRejectedWithItsLine() throws {
        let text = try shippedText("open-governance").replacingOccurrences(
            of: "        pmqaCategory: 1\n", with: "        pmqaCategory: 1\n        weight: 3\n")
        let error = try #require(loadError(text))
        #expect(error.code == "PSEA-R101")
        #expect(error.context["key"] == "weight")
        #expect(error.context["line"] == lineOf("weight: 3", in: text).map(String.init))
        #expect(error.message.th.contains("weight"))
    }

    @Test func unknownTopLevelKeyIsRejected() throws {
        let text = try shippedText("effective-change") + "colour: blue\n"
        let error = try #require(loadError(text))
        #expect(error.code == "PSEA-R101")
        #expect(error.context["line"] == lineOf("colour: blue", in: text).map(String.init))
    }

    @Test func unknownBandKeyIsRejected() throws {
        let text = "bands:\n  - min: 0\n    max: 100\n    adli: {th: ก, en: a}\n    letci: {th: ข, en: b}\n    colour: red\n"
        #expect(throws: PSEAError.self) { try RubricLoader.loadBands(yaml: text) }
        do {
            _ = try RubricLoader.loadBands(yaml: text)
        } catch {
            #expect(error.code == "PSEA-R101")
            #expect(error.context["line"] == "6")
        }
    }

    @Test func brokenYAMLGivesLineAndColumn() throws {
        let text = "year: 2568\ntype: [open\ntitle: x\n"
        let error = try #require(loadError(text))
        #expect(error.code == "PSEA-R100")
        #expect(Int(error.context["line"] ?? "0") ?? 0 > 0)
        #expect(error.isInvalidInput)
    }

    @Test func unknownKeyInsideATitleIsRejected() throws {
        let text = try shippedText("open-governance").replacingOccurrences(
            of: "  en: Participatory Governance Award, Open Governance\n", with: "  en: Participatory Governance Award, Open Governance\n  fr: Prix\n"
        )
        let error = try #require(loadError(text))
        #expect(error.code == "PSEA-R101")
        #expect(error.context["key"] == "fr")
    }

    @Test func unknownKeyInsideANarrativeLimitIsRejected() throws {
        let text = try shippedText("effective-change").replacingOccurrences(
            of: "  work.title: {min: 5, max: 200}\n", with: "  work.title: {min: 5, max: 200, maks: 3}\n")
        let error = try #require(loadError(text))
        #expect(error.code == "PSEA-R101")
        #expect(error.context["key"] == "maks")
        #expect(error.context["line"] == lineOf("maks: 3", in: text).map(String.init))
    }

    @Test func duplicateKeyIsRejected() throws {
        let text = try shippedText("open-governance").replacingOccurrences(of: "totalPoints: 100\n", with: "totalPoints: 100\ntotalPoints: 90\n")
        let error = try #require(loadError(text))
        #expect(error.code == "PSEA-R100")
        #expect(error.message.en.contains("totalPoints"))
    }

    @Test func rootThatIsNotAMappingIsAFormatError() {
        #expect(loadError("- a\n- b\n")?.code == "PSEA-R102")
    }

    @Test func emptyFileIsASyntaxError() {
        #expect(loadError("")?.code == "PSEA-R100")
    }

    @Test func wrongTypeAndMissingKeyAreFormatErrors() throws {
        let text = try shippedText("open-governance")
        let wrongType = text.replacingOccurrences(of: "  minJudges: 3", with: "  minJudges: three")
        let error = try #require(loadError(wrongType))
        #expect(error.code == "PSEA-R102")
        #expect(error.context["line"] == lineOf("minJudges: three", in: wrongType).map(String.init))
        let missing = text.replacingOccurrences(of: "totalPoints: 100\n", with: "")
        #expect(loadError(missing)?.code == "PSEA-R102")
    }

    @Test func unreadableFile() {
        let url = URL(fileURLWithPath: "/nonexistent/psea/rubric.yaml")
        #expect(throws: PSEAError.self) { try RubricLoader.load(contentsOf: url) }
        do {
            _ = try RubricLoader.load(contentsOf: url)
        } catch {
            #expect(error.code == "PSEA-IO001")
        }
    }

    @Test func catalogRejectsAFileWhosePathDoesNotMatch() throws {
        let dir = temporaryPath("psea-rubric")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("2568"), withIntermediateDirectories: true)
        try shippedText("open-governance").write(to: dir.appendingPathComponent("2568/renamed.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try RubricCatalog(directory: dir)
            Issue.record("expected a mismatch error")
        } catch {
            #expect(error.code == "PSEA-R023")
        }
    }

    @Test("with several bad files the catalogue reports the first in path order, however loading is scheduled")
    func catalogReportsTheFirstProblemInPathOrder() throws {
        for (mismatchName, brokenName, expected) in [("a.yaml", "b.yaml", "PSEA-R023"), ("b.yaml", "a.yaml", "PSEA-IO001")] {
            let dir = temporaryPath("psea-rubric")
            defer { try? FileManager.default.removeItem(at: dir) }
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("2568"), withIntermediateDirectories: true)
            try shippedText("open-governance").write(to: dir.appendingPathComponent("2568/\(mismatchName)"), atomically: true, encoding: .utf8)
            try Data([0xFF, 0xFE, 0x00]).write(to: dir.appendingPathComponent("2568/\(brokenName)"))
            do {
                _ = try RubricCatalog(directory: dir)
                Issue.record("expected an error")
            } catch {
                #expect(error.code == expected)
            }
        }
    }
}

/// One broken copy of a shipped rubric and the codes the checker must report for it.
struct Breakage: CustomStringConvertible, Sendable {
    let description: String
    let codes: Set<String>
    let breakIt: @Sendable (inout Rubric) -> Void
}

@Suite("Rubric checker")
struct RubricCheckerTests {
    static let breakages: [Breakage] = [
        Breakage(description: "criteria do not add up", codes: ["PSEA-R001"]) { $0.dimensions[0].criteria[0].points = 7 },
        Breakage(description: "dimensions do not add up", codes: ["PSEA-R002"]) {
            $0.dimensions[2].points = 35; $0.dimensions[2].criteria[0].points = 15
        },
        Breakage(description: "duplicate criterion id", codes: ["PSEA-R003"]) { $0.dimensions[1].criteria[1].id = "OG2.1" },
        Breakage(description: "duplicate dimension id", codes: ["PSEA-R003"]) { $0.dimensions[2].id = "capability" },
        Breakage(description: "criterion id equal to a dimension id", codes: ["PSEA-R003"]) { $0.dimensions[2].criteria[0].id = "results" },
        Breakage(description: "unknown rule", codes: ["PSEA-R006"]) { $0.dimensions[2].criteria[0].rule?.name = "magic" },
        Breakage(description: "lottery not last", codes: ["PSEA-R007"]) { $0.tieBreak.append(.spectrum) },
        Breakage(description: "tie-break names a missing dimension", codes: ["PSEA-R007"]) { $0.tieBreak[1] = .dimension("nowhere") },
        Breakage(description: "tie-break names a missing criterion", codes: ["PSEA-R007"]) { $0.tieBreak[1] = .criterion("X9") },
        Breakage(description: "duplicate tie-break key", codes: ["PSEA-R007"]) { $0.tieBreak.insert(.spectrum, at: 0) },
        Breakage(description: "unknown narrative field", codes: ["PSEA-R008"]) { $0.narrativeLimits["work.motto"] = NarrativeLimit(max: 10) },
        Breakage(description: "judged criterion without prompt", codes: ["PSEA-R025"]) { $0.dimensions[0].criteria[0].asks = nil },
        Breakage(description: "judged criterion without answer limit", codes: ["PSEA-R025"]) {
            $0.dimensions[0].criteria[0].answerLimit = nil
        },
        Breakage(description: "zero answer limit", codes: ["PSEA-R025"]) { $0.dimensions[0].criteria[0].answerLimit = 0 },
        Breakage(description: "hybrid criterion missing a band descriptor", codes: ["PSEA-R026"]) {
            $0.dimensions[0].criteria[1].descriptors.removeLast()
        },
        Breakage(description: "band descriptor with blank English", codes: ["PSEA-R026"]) {
            $0.dimensions[0].criteria[0].descriptors[2].text.en = ""
        },
        Breakage(description: "auto criterion made judged without prompt", codes: ["PSEA-R025", "PSEA-R026"]) {
            let index = $0.dimensions[2].criteria.firstIndex { $0.mode == .auto } ?? 0
            $0.dimensions[2].criteria[index].mode = .judged
            $0.dimensions[2].criteria[index].rule = nil
        },
        Breakage(description: "auto criterion without rule", codes: ["PSEA-R009"]) { $0.dimensions[2].criteria[0].rule = nil },
        Breakage(description: "hybrid criterion without rule", codes: ["PSEA-R009"]) { $0.dimensions[0].criteria[1].rule = nil },
        Breakage(description: "judged criterion with rule", codes: ["PSEA-R010"]) {
            $0.dimensions[0].criteria[0].rule = RuleSpec(name: "evidence-coverage")
        },
        Breakage(description: "spectrum-depth missing a level", codes: ["PSEA-R011"]) {
            $0.dimensions[0].criteria[1].rule = RuleSpec(
                name: "spectrum-depth", params: ["inform": .number(10), "consult": .number(20), "involve": .number(30), "collaborate": .number(40)])
        },
        Breakage(description: "spectrum-depth falling", codes: ["PSEA-R011"]) {
            $0.dimensions[0].criteria[1].rule = RuleSpec(
                name: "spectrum-depth",
                params: ["inform": .number(50), "consult": .number(20), "involve": .number(30), "collaborate": .number(40), "empower": .number(100)])
        },
        Breakage(description: "spectrum-depth above 100", codes: ["PSEA-R011"]) {
            $0.dimensions[0].criteria[1].rule = RuleSpec(
                name: "spectrum-depth",
                params: ["inform": .number(10), "consult": .number(20), "involve": .number(30), "collaborate": .number(40), "empower": .number(120)])
        },
        Breakage(description: "stage-coverage bad minLevel", codes: ["PSEA-R011"]) {
            $0.dimensions[1].criteria[1].rule?.params["minLevel"] = .text("shout")
        },
        Breakage(description: "stage-coverage bad stage", codes: ["PSEA-R011"]) {
            $0.dimensions[1].criteria[1].rule?.params["stages"] = .list(["planning", "dreaming"])
        },
        Breakage(description: "stakeholder-breadth full 0", codes: ["PSEA-R011"]) { $0.dimensions[0].criteria[1].rule?.params["full"] = .number(0) },
        Breakage(description: "unknown rule parameter", codes: ["PSEA-R011"]) { $0.dimensions[2].criteria[0].rule?.params["speed"] = .number(1) },
        Breakage(description: "threshold above total", codes: ["PSEA-R012"]) {
            $0.levels.outstanding = 120; $0.levels.bestOfBest = 130
        },
        Breakage(description: "good above outstanding", codes: ["PSEA-R013"]) { $0.levels.good = 85 },
        Breakage(description: "best of best below outstanding", codes: ["PSEA-R013"]) { $0.levels.bestOfBest = 75 },
        Breakage(description: "gate percent above 100", codes: ["PSEA-R014"]) { $0.gates[0].minPercent = 120 },
        Breakage(description: "disagreement threshold above 100", codes: ["PSEA-R014"]) { $0.panel.disagreementThreshold = 150 },
        Breakage(description: "unknown PMQA category", codes: ["PSEA-R015"]) { $0.dimensions[0].criteria[0].pmqaCategory = 8 },
        Breakage(description: "minJudges 0", codes: ["PSEA-R016"]) { $0.panel.minJudges = 0 },
        Breakage(description: "gate names a missing dimension", codes: ["PSEA-R017"]) { $0.gates[0].dimension = "nowhere" },
        Breakage(description: "gate names both", codes: ["PSEA-R017"]) { $0.gates[0].criterion = "OG2.1" },
        Breakage(description: "trimmed-mean without trim", codes: ["PSEA-R018"]) { $0.panel.aggregation = .trimmedMean },
        Breakage(description: "trim too large", codes: ["PSEA-R018"]) {
            $0.panel.aggregation = .trimmedMean; $0.panel.trim = 0.6
        },
        Breakage(description: "narrative min above max", codes: ["PSEA-R019"]) {
            $0.narrativeLimits["work.title"] = NarrativeLimit(min: 300, max: 200)
        },
        Breakage(description: "unknown assumed key", codes: ["PSEA-R021"]) { $0.assumed.append("levels.silver") },
        Breakage(description: "negative criterion points", codes: ["PSEA-R022", "PSEA-R001"]) { $0.dimensions[0].criteria[0].points = -6 },
        Breakage(description: "criterion points not a number", codes: ["PSEA-R022"]) { $0.dimensions[0].criteria[0].points = .nan },
        Breakage(description: "good threshold not a number", codes: ["PSEA-R012"]) { $0.levels.good = .nan },
        Breakage(description: "total points zero", codes: ["PSEA-R022", "PSEA-R002", "PSEA-R012"]) { $0.totalPoints = 0 },
    ]

    @Test(arguments: breakages)
    func brokenCopyFailsWithTheRightCode(_ breakage: Breakage) throws {
        var rubric = try shipped("open-governance")
        #expect(RubricChecker.check(rubric).isEmpty)
        breakage.breakIt(&rubric)
        let problems = RubricChecker.check(rubric)
        #expect(Set(problems.map(\.code)) == breakage.codes, "\(problems.map(\.description))")
        #expect(problems.allSatisfy { !$0.message.th.isEmpty && !$0.message.en.isEmpty && $0.message.th != $0.message.en })
        #expect(problems.allSatisfy { $0.file?.hasSuffix("open-governance.yaml") == true })
    }

    @Test func problemsCarryTheCriterionAndItsLine() throws {
        let text = try shippedText("open-governance").replacingOccurrences(
            of: "lens: adli\n        mode: judged\n        guidance:\n          th: พิจารณาว่าผู้บริหาร",
            with: "lens: pmqa\n        mode: judged\n        guidance:\n          th: พิจารณาว่าผู้บริหาร")
        let problems = try RubricLoader.check(yaml: text, file: "og.yaml")
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.code == "PSEA-R004")
        #expect(problem.criterion == "OG1.1")
        #expect(problem.dimension == "capability")
        #expect(problem.line == lineOf("lens: pmqa", in: text))
        #expect(problem.text(.en).contains("og.yaml:\(problem.line ?? 0)"))
        #expect(problem.message.th.contains("pmqa"))
        #expect(problem.text(.th).contains("ไม่รู้จักมุมมองการประเมิน"))
        #expect(problem.text(.th).contains("[capability/OG1.1]"))
    }

    @Test func checkerFindsABreakageInEveryShippedRubric() throws {
        for type in ShippedRubricTests.types {
            var rubric = try shipped(type)
            rubric.dimensions[0].criteria[0].pmqaCategory = 0
            #expect(RubricChecker.check(rubric).map(\.code) == ["PSEA-R015"])
        }
    }

    @Test func badBandsAreReported() throws {
        let text = LocalizedText(th: "ก", en: "a")
        let outside = BandSet(bands: [Band(min: -5, max: 50, adli: text, letci: text), Band(min: 55, max: 100, adli: text, letci: text)])
        #expect(Set(RubricChecker.check(outside).map(\.code)) == ["PSEA-R014", "PSEA-R020"])
        let overlapping = BandSet(bands: [Band(min: 0, max: 50, adli: text, letci: text), Band(min: 45, max: 100, adli: text, letci: text)])
        #expect(RubricChecker.check(overlapping).map(\.code) == ["PSEA-R020"])
        let inverted = BandSet(bands: [Band(min: 0, max: 50, adli: text, letci: text), Band(min: 100, max: 60, adli: text, letci: text)])
        #expect(RubricChecker.check(inverted).map(\.code).contains("PSEA-R020"))
        #expect(RubricChecker.check(BandSet.pmqaRanges).isEmpty)
    }

    @Test func tieBreakVocabulary() {
        #expect(TieBreakKey("results-dimension") == .resultsDimension)
        #expect(TieBreakKey("criterion:EC2.2") == .criterion("EC2.2"))
        #expect(TieBreakKey("dimension:results") == .dimension("results"))
        #expect(TieBreakKey("lottery") == .lottery)
        #expect(TieBreakKey("dimension:") == nil)
        #expect(TieBreakKey("coin-toss") == nil)
    }
}

/// One word of a shipped rubric replaced by one outside its vocabulary, and what the check must say.
struct UnknownWord: CustomStringConvertible, Sendable {
    let description: String
    let from: String
    let to: String
    let code: String
    let word: String
}

@Suite("Rubric words outside their vocabulary")
struct RubricUnknownWordTests {
    static let words: [UnknownWord] = [
        UnknownWord(description: "lens", from: "        lens: adli\n", to: "        lens: pmqa\n", code: "PSEA-R004", word: "pmqa"),
        UnknownWord(description: "mode", from: "        mode: judged\n", to: "        mode: manual\n", code: "PSEA-R005", word: "manual"),
        UnknownWord(description: "aggregation", from: "  aggregation: mean\n", to: "  aggregation: mode\n", code: "PSEA-R018", word: "mode"),
        UnknownWord(
            description: "normalisation", from: "  normalisation: raw\n", to: "  normalisation: percentile\n", code: "PSEA-R018", word: "percentile"),
        UnknownWord(
            description: "tie-break key", from: "tieBreak: [results-dimension,", to: "tieBreak: [alphabetical, results-dimension,", code: "PSEA-R007",
            word: "alphabetical"),
    ]

    /// The shipped open-governance rubric with the first occurrence of `from` replaced by `to`.
    static func broken(_ word: UnknownWord) throws -> String {
        let text = try shippedText("open-governance")
        let range = try #require(text.range(of: word.from))
        return text.replacingCharacters(in: range, with: word.to)
    }

    @Test(arguments: words)
    func anUnknownWordIsAProblemWithItsFileAndLine(_ word: UnknownWord) throws {
        let text = try Self.broken(word)
        let problems = try RubricLoader.check(yaml: text, file: "og.yaml")
        #expect(problems.map(\.code) == [word.code], "\(problems.map(\.description))")
        #expect(problems.first?.line == lineOf(word.to.trimmingCharacters(in: .whitespacesAndNewlines), in: text))
        #expect(problems.first?.file == "og.yaml")
        #expect(problems.first?.message.en.contains("'\(word.word)'") == true)
        #expect(problems.first?.message.th.contains(word.word) == true)
    }

    @Test(
        "a rubric with an unknown word is never handed out: load throws, naming the file, the line and the problem",
        arguments: words)
    func loadRefusesIt(_ word: UnknownWord) throws {
        let text = try Self.broken(word)
        let error = try #require(loadError(text))
        #expect(error.code == word.code)
        #expect(error.context["path"] == "test.yaml")
        let line = try #require(lineOf(word.to.trimmingCharacters(in: .whitespacesAndNewlines), in: text))
        #expect(error.message.en.contains("test.yaml:\(line):"))
        #expect(error.message.en.contains(word.word))
        #expect(error.isInvalidInput)
    }

    @Test("every unknown word and every other problem of a file are reported together, in file order")
    func everyProblemAtOnce() throws {
        var text = try shippedText("open-governance")
        for word in Self.words {
            let range = try #require(text.range(of: word.from))
            text.replaceSubrange(range, with: word.to)
        }
        text = text.replacingOccurrences(of: "  minJudges: 3", with: "  minJudges: 0")
        let problems = try RubricLoader.check(yaml: text, file: "og.yaml")
        #expect(
            problems.map(\.code) == ["PSEA-R004", "PSEA-R005", "PSEA-R018", "PSEA-R018", "PSEA-R016", "PSEA-R007"],
            "\(problems.map(\.description))")
        #expect(problems.map { $0.line ?? 0 } == problems.map { $0.line ?? 0 }.sorted())
    }

    @Test("a stand-in for an unknown mode or aggregation brings no problem of its own")
    func standInsAreSilent() throws {
        // OG1.2 is hybrid with a rule: an unknown mode must not read as "judged with a rule" (R010).
        let text = try shippedText("open-governance")
            .replacingOccurrences(of: "        lens: spectrum\n        mode: hybrid\n", with: "        lens: spectrum\n        mode: half\n")
            .replacingOccurrences(of: "  aggregation: mean\n", with: "  aggregation: trimmed\n  trim: 0.1\n")
        let codes = try RubricLoader.check(yaml: text, file: "og.yaml").map(\.code)
        #expect(codes == ["PSEA-R005", "PSEA-R005", "PSEA-R018"])
    }

    @Test("the lines of tie-break keys after an unknown one still point at their own place")
    func tieBreakLinesAfterAnUnknownKey() throws {
        let text = try shippedText("open-governance")
            .replacingOccurrences(
                of: "tieBreak: [results-dimension, dimension:open-system, spectrum, lottery]\n",
                with: "tieBreak:\n  - coin\n  - spectrum\n  - lottery\n  - spectrum\n")
        let problems = try RubricLoader.check(yaml: text, file: "og.yaml")
        #expect(problems.map(\.code) == ["PSEA-R007", "PSEA-R007", "PSEA-R007"], "\(problems.map(\.description))")
        let lines = text.components(separatedBy: "\n")
        let spectrumLines = lines.indices.filter { lines[$0] == "  - spectrum" }.map { $0 + 1 }
        // coin is unknown; lottery (third raw key, second kept) is not last; the fourth raw key repeats spectrum.
        #expect(problems.map(\.line) == [lineOf("  - coin", in: text), lineOf("  - lottery", in: text), spectrumLines.last])
    }

    @Test("a rubric decoded outside the loader refuses an unknown word instead of replacing it")
    func plainDecodingRefusesUnknownWords() throws {
        let json = Data(#"{"aggregation": "mode", "normalisation": "raw", "minJudges": 3, "disagreementThreshold": 20}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PanelSettings.self, from: json) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TieBreakKey.self, from: Data(#""coin""#.utf8)) }
        #expect(try JSONDecoder().decode(TieBreakKey.self, from: Data(#""criterion:OG2.1""#.utf8)) == .criterion("OG2.1"))
        #expect(TieBreakKey.criterion("OG2.1").text == "criterion:OG2.1")
    }
}

import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Intake

/// Format version 2: the answers to the judged and hybrid criteria, in both formats, and their rules.
@Suite("Responses (format version 2)")
struct ResponsesTests {
    /// The criteria the fixture's sub-type asks to answer, as the rubric catalogue would give them.
    static let answered = [
        AnsweredCriterion(id: "EC1.1", title: LocalizedText(th: "การนำองค์การ", en: "Leadership"), answerLimit: 40),
        AnsweredCriterion(id: "EC2.2", title: LocalizedText(th: "ผลต่อการตัดสินใจ", en: "Influence on decisions"), answerLimit: 3000),
    ]

    static let context = RuleContext(knownTypes: ["effective-change"], answered: answered)

    /// The rules fixture in version 2 with an answer to each criterion.
    static var application: Application {
        var app = RulesFixture.application
        app.schemaVersion = 2
        app.responses = [
            Response(criterion: "EC1.1", text: "ผู้ว่าราชการจังหวัดกำหนดทิศทางให้ชุมชนร่วมตัดสินใจ", evidenceRefs: ["E1"]),
            Response(criterion: "EC2.2", text: "ชุมชนเสนอปรับแนวเขตป่า จังหวัดนำไปใช้จริงและแจ้งผลในเวทีประชาคม"),
        ]
        return app
    }

    static func codes(_ app: Application) -> [String] {
        BusinessRules.check(app, context: context).map(\.code)
    }

    @Test func everyCriterionAnsweredIsClean() {
        #expect(Self.codes(Self.application).isEmpty)
    }

    @Test func aMissingResponseIsAnErrorNamingTheCriterion() throws {
        var app = Self.application
        app.responses?.removeLast()
        let findings = BusinessRules.check(app, context: Self.context)
        let finding = try #require(findings.first)
        #expect(findings.map(\.code) == ["PSEA-E070"])
        #expect(finding.pointer == "/responses")
        #expect(finding.message.en.contains("EC2.2"))
        #expect(finding.message.th.contains("EC2.2"))
    }

    @Test func aResponseToACriterionTheSubTypeLacksIsAnError() throws {
        var app = Self.application
        app.responses?.append(Response(criterion: "OG1.1", text: "คำตอบของประเภทอื่น"))
        let finding = try #require(BusinessRules.check(app, context: Self.context).first)
        #expect(finding.code == "PSEA-E071")
        #expect(finding.pointer == "/responses/2/criterion")
    }

    @Test func aResponseOverItsLimitIsAnError() throws {
        var app = Self.application
        app.responses?[0].text = String(repeating: "ก", count: 41)
        let finding = try #require(BusinessRules.check(app, context: Self.context).first)
        #expect(finding.code == "PSEA-E072")
        #expect(finding.pointer == "/responses/0/text")
        #expect(finding.message.en.contains("41 characters"))
    }

    @Test func aResponseCitingUnknownEvidenceIsAnUnresolvedReference() throws {
        var app = Self.application
        app.responses?[1].evidenceRefs = ["E1", "E9"]
        let finding = try #require(BusinessRules.check(app, context: Self.context).first)
        #expect(finding.code == "PSEA-E021")
        #expect(finding.pointer == "/responses/1/evidenceRefs/1")
    }

    @Test func aCriterionAnsweredTwiceIsAnError() throws {
        var app = Self.application
        app.responses?.append(Response(criterion: "EC1.1", text: "อีกคำตอบหนึ่ง"))
        let finding = try #require(BusinessRules.check(app, context: Self.context).first)
        #expect(finding.code == "PSEA-E073")
        #expect(finding.pointer == "/responses/2/criterion")
    }

    @Test func evidenceCitedOnlyByAResponseCountsAsReferenced() {
        var app = Self.application
        app.evidence.append(Evidence(id: "E9", kind: .document, title: "คำสั่งแต่งตั้งคณะทำงาน"))
        app.responses?[1].evidenceRefs = ["E9"]
        #expect(Self.codes(app).isEmpty)
    }

    @Test func versionOneWarnsOncePerUnansweredCriterionAndStaysValid() {
        var app = Self.application
        app.schemaVersion = 1
        app.responses = nil
        let findings = BusinessRules.check(app, context: Self.context)
        #expect(findings.map(\.code) == ["PSEA-W074", "PSEA-W074"])
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(findings[1].message.en.contains("EC2.2"))
    }

    @Test func withoutARubricTheCriteriaAreNotChecked() {
        var app = Self.application
        app.responses = []
        #expect(BusinessRules.check(app, context: RuleContext()).isEmpty)
    }

    // MARK: Both formats

    @Test(arguments: SourceFormat.allCases)
    func aVersionTwoFileReadsBackThroughBothPaths(format: SourceFormat) throws {
        let app = Self.application
        let data = format == .xml ? Data(XMLApplicationWriter.write(app).utf8) : JSONApplicationWriter.write(app)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(format == .xml ? "urn:psea:application:2" : "\"schemaVersion\": 2"))
        let fast = try #require(format == .xml ? XMLApplicationReader.readClean(data) : JSONApplicationReader.readClean(data))
        #expect(fast.application == app)
        let full = format == .xml ? XMLApplicationReader.readFully(data) : JSONApplicationReader.readFully(data)
        #expect(full.diagnostics.isEmpty)
        #expect(full.application == app)
    }

    @Test(arguments: SourceFormat.allCases)
    func aMissingResponseIsReportedAtItsPlaceInTheFile(format: SourceFormat) throws {
        var app = Self.application
        app.responses?.removeLast()
        let data = format == .xml ? Data(XMLApplicationWriter.write(app).utf8) : JSONApplicationWriter.write(app)
        let result = ApplicationIntake.check(data: data, file: "x", rules: FixedRules(context: Self.context))
        let finding = try #require(result.diagnostics.first)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E070"])
        let line = try #require(finding.location?.line)
        let responsesLine = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("responses") }
        #expect(line == (responsesLine ?? -1) + 1)
    }

    @Test(arguments: SourceFormat.allCases)
    func responsesInAVersionOneFileAreRefusedByTheSchema(format: SourceFormat) {
        var app = Self.application
        app.schemaVersion = 1
        let data = format == .xml ? Data(XMLApplicationWriter.write(app).utf8) : JSONApplicationWriter.write(app)
        let result = ApplicationIntake.check(data: data, file: "x")
        #expect(result.diagnostics.map(\.code).contains("PSEA-E011"))
    }

    @Test(arguments: SourceFormat.allCases)
    func aVersionTwoFileWithoutResponsesMissesARequiredField(format: SourceFormat) {
        var app = Self.application
        app.responses = nil
        let data = format == .xml ? Data(XMLApplicationWriter.write(app).utf8) : JSONApplicationWriter.write(app)
        let result = ApplicationIntake.check(data: data, file: "x")
        #expect(result.diagnostics.map(\.code) == ["PSEA-E010"])
    }

    @Test func everyElementAndPropertyOfTheVersionTwoSchemasIsDocumentedInBothLanguages() throws {
        let schemas = TestPaths.packageRoot.appendingPathComponent("Sources/Intake/Schemas")
        let xsd = try String(contentsOf: schemas.appendingPathComponent("application-v2.xsd"), encoding: .utf8)
        let declarations = xsd.components(separatedBy: "<xs:element name=").count + xsd.components(separatedBy: "<xs:attribute name=").count - 2
        #expect(declarations > 80)
        #expect(xsd.components(separatedBy: "<xs:documentation xml:lang=\"th\">").count - 1 == declarations)
        #expect(xsd.components(separatedBy: "<xs:documentation xml:lang=\"en\">").count - 1 == declarations)
        let json = try JSONValue.parse(Data(contentsOf: schemas.appendingPathComponent("application-v2.schema.json")))
        var undocumented: [String] = []
        func walk(_ value: JSONValue, _ pointer: String) {
            switch value {
            case .object(let members):
                if case .object(let properties) = members["properties"] {
                    for (name, property) in properties {
                        guard case .object(let keywords) = property, case .string(let text) = keywords["description"],
                            text.unicodeScalars.contains(where: { (0x0E00...0x0E7F).contains($0.value) }), text.contains(" — ")
                        else {
                            undocumented.append("\(pointer)/properties/\(name)")
                            continue
                        }
                    }
                }
                for (key, member) in members { walk(member, pointer + "/" + key) }
            case .array(let items):
                for (index, item) in items.enumerated() { walk(item, pointer + "/\(index)") }
            default:
                break
            }
        }
        walk(json, "")
        #expect(undocumented.isEmpty, "\(undocumented.sorted())")
    }
}

/// A rule context provider that gives the same context for every year and type.
struct FixedRules: RuleContextProvider {
    let context: RuleContext
    func ruleContext(awardYear: Int, type: String) -> RuleContext { context }
}

/// Dates in the Thai text of the findings are written the Thai way beside the date as the file has it.
@Suite struct ThaiDatesInFindingsTests {
    @Test func anActivityOutsideThePeriodIsDatedTheThaiWay() throws {
        var app = RulesFixture.application
        app.activities[0].date = RulesFixture.date("2024-10-12")
        let finding = try #require(BusinessRules.check(app, context: RuleContext()).first { $0.code == "PSEA-W041" })
        #expect(finding.message.th.contains("2024-10-12 (12 ต.ค. 2567)"))
        #expect(finding.message.th.contains("1 ต.ค. 2566 – 30 ก.ย. 2567"))
        #expect(!finding.message.en.contains("ต.ค."))
    }

    @Test func aBuddhistEraDateNamesTheDateItBecameTheThaiWay() throws {
        var app = RulesFixture.application
        app.work.period.end = RulesFixture.date("2567-09-30")
        let finding = try #require(BusinessRules.check(app, context: RuleContext()).first { $0.code == "PSEA-W024" })
        #expect(finding.message.th.contains("2024-09-30"))
        #expect(finding.message.th.contains("30 ก.ย. 2567"))
        #expect(finding.message.en.contains("2024-09-30"))
    }
}

/// A version 1 file's findings about the whole document are placed without rebuilding its source map, exactly
/// where the map would place them.
@Suite struct RootLocationTests {
    static let documents: [(name: String, format: SourceFormat, data: Data)] = {
        var documents: [(String, SourceFormat, Data)] = []
        for folder in ["valid", "v1"] {
            let directory = TestPaths.samples.appendingPathComponent(folder)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted() {
                guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else { continue }
                let format: SourceFormat = name.hasSuffix(".xml") ? .xml : .json
                documents.append((name, format, data))
                let text = String(decoding: data, as: UTF8.self)
                let shifted =
                    format == .xml
                    ? text.replacingOccurrences(of: "?>\n<application", with: "?>\n<!-- ใบสมัคร\n ฉบับแก้ไข -->\n\n  <application")
                    : "\u{FEFF}\n \r\n\t" + text
                documents.append((name + " (shifted)", format, Data(shifted.utf8)))
            }
        }
        return documents
    }()

    @Test func theRootIsWhereTheSourceMapPlacesIt() throws {
        #expect(Self.documents.count >= 28)
        for document in Self.documents {
            let read =
                document.format == .xml
                ? XMLApplicationReader.readFully(document.data) : JSONApplicationReader.readFully(document.data)
            #expect(read.application != nil, "\(document.name)")
            let expected = try #require(read.sourceMap.locate(""), "\(document.name)")
            #expect(ApplicationIntake.rootLocation(document.data, format: document.format) == expected, "\(document.name)")
        }
    }

    @Test func aVersionOneFilesWarningsArePlacedAtTheRoot() throws {
        var app = ResponsesTests.application
        app.schemaVersion = 1
        app.responses = nil
        let data = Data(XMLApplicationWriter.write(app).replacingOccurrences(of: "?>\n<application", with: "?>\n\n\n<application").utf8)
        let result = ApplicationIntake.check(data: data, file: "x", rules: FixedRules(context: ResponsesTests.context))
        #expect(result.diagnostics.map(\.code) == ["PSEA-W074", "PSEA-W074"])
        #expect(result.diagnostics.allSatisfy { $0.location == SourceLocation(line: 4, column: 1, path: "/application") })
    }
}

/// The Thai text of the findings names agency kinds, levels and directions by their Thai labels, never by keys.
@Suite struct ThaiLabelsInFindingsTests {
    static func thai(_ app: Application, _ code: String) throws -> String {
        try #require(BusinessRules.check(app, context: RuleContext()).first { $0.code == code }).message.th
    }

    @Test func agencyKindsLevelsAndDirectionsAreThai() throws {
        var app = RulesFixture.application
        app.agency.kind = .centralDepartment
        app.agency.ministry = nil
        let ministry = try Self.thai(app, "PSEA-E052")
        #expect(ministry.contains("หน่วยงานประเภทส่วนราชการระดับกรม ต้องระบุกระทรวง"))

        app = RulesFixture.application
        app.agency.kind = .localAdministration
        app.agency.province = nil
        #expect(try Self.thai(app, "PSEA-E053").contains("องค์กรปกครองส่วนท้องถิ่น"))

        app = RulesFixture.application
        app.type = "open-governance"
        let above = try Self.thai(app, "PSEA-W034")
        #expect(above.contains("อยู่ในระดับการเข้ามาเกี่ยวข้อง ซึ่งสูงกว่า"))

        app = RulesFixture.application
        app.indicators[0].direction = .decrease
        let target = try Self.thai(app, "PSEA-E047")
        #expect(target.contains("เป็นตัวชี้วัดที่ยิ่งน้อยยิ่งดี"))

        for text in [ministry, above, target] {
            for key in ["central-department", "local-administration", "involve", "collaborate", "increase", "decrease", "effective-change"] {
                #expect(!text.contains(key), "\(text)")
            }
        }
    }
}

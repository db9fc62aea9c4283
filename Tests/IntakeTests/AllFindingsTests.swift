import Foundation
import Model
import Testing

@testable import Intake

/// Every finding in one run: the business rules run on whatever parsed, even when the schema check failed.
@Suite struct AllFindingsTests {
    /// The fixture's rubric context for every year, so that a wrong award year hides no narrative check.
    struct FixedRules: RuleContextProvider {
        func ruleContext(awardYear: Int, type: String) -> RuleContext { RulesFixture.context }
    }

    /// The fixture application with seven independent business mistakes.
    static var mistaken: Application {
        var app = RulesFixture.application
        app.awardYear = 2025
        app.work.summary = String(repeating: "ก", count: 1600)
        app.evidence[2].uri = "www.example.go.th/x"
        app.activities[0].date = RulesFixture.date("2022-01-01")
        app.activities[1].stakeholderRefs = ["S1", "S9"]
        app.indicators[0].objectiveRef = "O9"
        app.activities[1].evidenceRefs = ["E2", "E7"]
        return app
    }

    /// The nine findings, schema and rules mixed, each once: the same in both formats.
    static let nine = [
        "PSEA-E022 /awardYear", "PSEA-E011 /contact/fax", "PSEA-E055 /work/summary", "PSEA-W041 /activities/0/date",
        "PSEA-E013 /activities/1/level", "PSEA-E021 /activities/1/stakeholderRefs/1", "PSEA-E021 /activities/1/evidenceRefs/1",
        "PSEA-E021 /indicators/0/objectiveRef", "PSEA-E061 /evidence/2/uri",
    ]

    static func check(_ text: String) -> IntakeResult {
        ApplicationIntake.check(data: Data(text.utf8), file: "nine.txt", rules: FixedRules())
    }

    @Test func nineMistakesInOneXMLRun() throws {
        var xml = XMLApplicationWriter.write(Self.mistaken)
        xml = xml.replacingOccurrences(of: "</email>", with: "</email><fax>02-000-0000</fax>")
        xml = xml.replacingOccurrences(of: "level=\"collaborate\"", with: "level=\"colaborate\"")
        let result = Self.check(xml)
        #expect(result.diagnostics.map { "\($0.code) \($0.pointer)" } == Self.nine)
    }

    @Test func nineMistakesInOneJSONRun() throws {
        var json = try #require(String(data: JSONApplicationWriter.write(Self.mistaken), encoding: .utf8))
        json = json.replacingOccurrences(of: "\"email\"", with: "\"fax\": \"02-000-0000\", \"email\"")
        json = json.replacingOccurrences(of: "\"collaborate\"", with: "\"colaborate\"")
        let result = Self.check(json)
        #expect(result.diagnostics.map { "\($0.code) \($0.pointer)" } == Self.nine)
    }

    @Test func aRuleOnARefusedValueIsDropped() {
        let refused = DiagnosticRule.schemaOther.diagnostic(th: "ค่า", en: "value", at: "/activities/1/level")
        let findings = [
            DiagnosticRule.badURI.diagnostic(th: "ก", en: "a", at: "/activities/1/level"),
            DiagnosticRule.badURI.diagnostic(th: "ข", en: "b", at: "/activities/1/level/x"),
            DiagnosticRule.badURI.diagnostic(th: "ค", en: "c", at: "/activities/1/levels"),
            DiagnosticRule.badURI.diagnostic(th: "ง", en: "d", at: "/activities/1"),
        ]
        let kept = ApplicationIntake.withoutRefusedValues(findings, refused: [refused])
        #expect(kept.map(\.pointer) == ["/activities/1/levels", "/activities/1"])
    }

    @Test func aJSONFileWhoseEveryEnumIsBadStillHasItsRulesChecked() throws {
        var json = try #require(String(data: JSONApplicationWriter.write(Self.mistaken), encoding: .utf8))
        json = json.replacingOccurrences(of: "\"province\"", with: "\"provinc\"")
        json = json.replacingOccurrences(of: "\"increase\"", with: "\"up\"")
        let codes = Self.check(json).diagnostics.map(\.pointer)
        #expect(codes.contains("/evidence/2/uri"))
        #expect(codes.contains("/indicators/0/direction"))
    }

    @Test(arguments: [SourceFormat.xml, .json])
    func aBuddhistEraDateValidatesWithAWarningAndIsConverted(format: SourceFormat) throws {
        var app = RulesFixture.application
        app.work.period.end = RulesFixture.date("2567-09-30")
        let text =
            format == .xml
            ? XMLApplicationWriter.write(app) : try #require(String(data: JSONApplicationWriter.write(app), encoding: .utf8))
        let result = Self.check(text)
        #expect(result.isValid)
        #expect(result.diagnostics.map(\.code) == ["PSEA-W024"])
        #expect(result.diagnostics.first?.message.en.contains("2024-09-30") == true)
        #expect(result.diagnostics.first?.message.th.contains("2024-09-30") == true)
        #expect(result.application?.work.period.end == RulesFixture.date("2024-09-30"))
    }
}

import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Intake

/// XML and JSON carry the same information: the same application read through either path gives the same model,
/// and the same defect gives the same code through the XSD and through the JSON Schema.
@Suite struct CrossFormatTests {
    static let samples: [URL] = {
        let folder = TestPaths.validSamples
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
    }()

    @Test(arguments: samples)
    func everySampleReadsTheSameThroughBothPaths(_ url: URL) throws {
        let original = ApplicationIntake.check(data: try Data(contentsOf: url), file: url.lastPathComponent)
        #expect(original.diagnostics.isEmpty, "\(original.diagnostics)")
        let application = try #require(original.application)
        let xml = XMLApplicationReader.read(Data(XMLApplicationWriter.write(application).utf8))
        let json = JSONApplicationReader.read(JSONApplicationWriter.write(application))
        #expect(xml.diagnostics.isEmpty, "\(xml.diagnostics)")
        #expect(json.diagnostics.isEmpty, "\(json.diagnostics)")
        #expect(xml.application == application)
        #expect(json.application == application)
    }

    /// One defect written into both forms of one application.
    struct Defect: Sendable, CustomTestStringConvertible {
        let name: String
        let xml: (String, String)
        let json: (String, String)
        let code: String
        var testDescription: String { name }
    }

    static let defects: [Defect] = [
        Defect(
            name: "unknown level", xml: ("level=\"involve\"", "level=\"ladder\""),
            json: ("\"level\": \"involve\"", "\"level\": \"ladder\""), code: "PSEA-E013"),
        Defect(
            name: "bad id", xml: ("<id>PG-2568-0042</id>", "<id>PG 2568/42</id>"),
            json: ("\"id\": \"PG-2568-0042\"", "\"id\": \"PG 2568/42\""), code: "PSEA-E014"),
        Defect(
            name: "missing e-mail", xml: ("<email>somsri@nan.go.th</email>", ""),
            json: ("\"email\": \"somsri@nan.go.th\",", ""), code: "PSEA-E010"),
        Defect(
            name: "wrong version", xml: ("schemaVersion=\"1\"", "schemaVersion=\"2\""),
            json: ("\"schemaVersion\": 1", "\"schemaVersion\": 3"), code: "PSEA-E015"),
        Defect(
            name: "count not a number", xml: ("count=\"640\"", "count=\"many\""),
            json: ("\"count\": 640", "\"count\": \"many\""), code: "PSEA-E012"),
        Defect(
            name: "impossible date", xml: ("date=\"2025-02-20\"", "date=\"2025-02-30\""),
            json: ("\"date\": \"2025-02-20\"", "\"date\": \"2025-02-30\""), code: "PSEA-E019"),
    ]

    /// The base application in both forms, written by psea from one model.
    static let base: (xml: String, json: String) = {
        let application = ApplicationIntake.check(data: Data(JSONFixture.valid.utf8), file: "base.json").application
        guard let application else { return ("", "") }
        return (XMLApplicationWriter.write(application), String(decoding: JSONApplicationWriter.write(application), as: UTF8.self))
    }()

    @Test(arguments: defects)
    func theSameDefectGivesTheSameCodeInBothFormats(_ defect: Defect) throws {
        #expect(Self.base.xml.contains(defect.xml.0), "XML base lacks \(defect.xml.0)")
        #expect(Self.base.json.contains(defect.json.0), "JSON base lacks \(defect.json.0)")
        let xml = Self.base.xml.replacingOccurrences(of: defect.xml.0, with: defect.xml.1)
        let json = Self.base.json.replacingOccurrences(of: defect.json.0, with: defect.json.1)
        let xmlCodes = Set(ApplicationIntake.check(data: Data(xml.utf8), file: "d.xml").diagnostics.map(\.code))
        let jsonCodes = Set(ApplicationIntake.check(data: Data(json.utf8), file: "d.json").diagnostics.map(\.code))
        #expect(xmlCodes.contains(defect.code), "XML gave \(xmlCodes)")
        #expect(jsonCodes.contains(defect.code), "JSON gave \(jsonCodes)")
    }
}

import Foundation
import Model
import PSEATestSupport
import Testing

@testable import Intake

/// Costs bounded by the input (issue 19, point 1): the limits are checked in one pass before a parser runs, so a
/// hostile file inside the size limit is refused at once, with a code and the place where the limit is crossed.
@Suite struct InputLimitsTests {
    static func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func anElementWith100000AttributesIsRefusedInUnderASecond() throws {
        let attributes = (0..<100_000).map { "a\($0)=\"x\"" }.joined(separator: " ")
        let text = "<?xml version=\"1.0\"?>\n<application xmlns=\"\(Application.xmlNamespace(version: 1))\">\n  <agency \(attributes)/></application>"
        #expect(text.utf8.count > 1_000_000)
        var result: IntakeResult?
        let elapsed = Self.seconds { result = ApplicationIntake.check(data: Data(text.utf8), file: "attrs.xml") }
        #expect(elapsed < 1, "took \(elapsed) s")
        let finding = try #require(result?.diagnostics.first)
        #expect(result?.diagnostics.count == 1)
        #expect(finding.code == DiagnosticRule.tooMany.code)
        #expect(finding.location?.line == 3 && finding.location?.column == 3)
    }

    @Test func attributesUpToTheLimitAreReadAndOneMoreIsNot() {
        func element(_ count: Int) -> String {
            let attributes = (0..<count).map { "a\($0)=\"x\"" }.joined(separator: " ")
            return "<application xmlns=\"\(Application.xmlNamespace(version: 1))\"><agency \(attributes)/></application>"
        }
        let within = ApplicationIntake.check(data: Data(element(XMLLimits.maxAttributes).utf8), file: "in.xml")
        #expect(!within.diagnostics.contains { $0.code == DiagnosticRule.tooMany.code })
        let over = ApplicationIntake.check(data: Data(element(XMLLimits.maxAttributes + 1).utf8), file: "over.xml")
        #expect(over.diagnostics.map(\.code) == [DiagnosticRule.tooMany.code])
    }

    @Test func aNineMegabyteThaiTextIsRefusedInUnderHalfASecond() throws {
        let thai = String(repeating: "ก", count: 3_000_000)
        let xml = "<application xmlns=\"\(Application.xmlNamespace(version: 1))\">\n<id>\(thai)</id></application>"
        let json = "{\"schemaVersion\": 1,\n \"id\": \"\(thai)\"}"
        for (text, name, column) in [(xml, "thai.xml", 5), (json, "thai.json", 8)] {
            var result: IntakeResult?
            let elapsed = Self.seconds { result = ApplicationIntake.check(data: Data(text.utf8), file: name) }
            #expect(elapsed < 0.5, "\(name) took \(elapsed) s")
            #expect(result?.diagnostics.map(\.code) == [DiagnosticRule.tooMany.code], "\(name)")
            #expect(result?.diagnostics.first?.location?.line == 2 && result?.diagnostics.first?.location?.column == column, "\(name)")
        }
    }

    @Test func tooManyElementsOrValuesAreRefusedAtTheFirstOneOver() throws {
        let elements =
            "<application xmlns=\"\(Application.xmlNamespace(version: 1))\">" + String(repeating: "<z/>", count: 100_000) + "</application>"
        let xml = ApplicationIntake.check(data: Data(elements.utf8), file: "z.xml")
        #expect(xml.diagnostics.map(\.code) == [DiagnosticRule.tooMany.code])
        #expect(xml.diagnostics.first?.message.en.contains("\(XMLLimits.maxElements) elements") == true)
        let array = "[" + Array(repeating: "1", count: 300_000).joined(separator: ",") + "]"
        let json = ApplicationIntake.check(data: Data(array.utf8), file: "a.json")
        #expect(json.diagnostics.map(\.code) == [DiagnosticRule.tooMany.code])
        #expect(json.diagnostics.first?.location?.column == 2 * JSONLimits.maxValues)
    }

    @Test func aStringWithEscapedQuotesIsMeasuredToItsRealEnd() {
        let long = String(repeating: "\\\"", count: JSONLimits.maxStringBytes / 2 + 1)
        let over = ApplicationIntake.check(data: Data("{\"id\": \"\(long)\"}".utf8), file: "q.json")
        #expect(over.diagnostics.map(\.code) == [DiagnosticRule.tooMany.code])
        let short = ApplicationIntake.check(data: Data("{\"id\": \"a\\\\\", \"x\": \"\(String(repeating: "b", count: 100))\"}".utf8), file: "s.json")
        #expect(!short.diagnostics.contains { $0.code == DiagnosticRule.tooMany.code })
    }

    @Test func everyShippedSampleIsWithinTheLimits() throws {
        for path in TestPaths.validSampleFiles {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let breach = data.withUnsafeBytes { raw in
                path.hasSuffix(".xml") ? XMLLimits.check(raw.bindMemory(to: UInt8.self)) : JSONLimits.check(raw.bindMemory(to: UInt8.self))
            }
            #expect(breach == nil, "\(path)")
        }
    }
}

/// The id an ingest reads before it checks anything (to find two files with one id): the id the readers give a
/// valid file, read cheaply.
@Suite struct ApplicationIDTests {
    @Test func theIDOfEveryValidSampleIsTheIDItsReaderGives() throws {
        for path in TestPaths.validSampleFiles {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let read = ApplicationIntake.check(data: data, file: path)
            #expect(ApplicationIntake.applicationID(in: data) == read.application?.id, "\(path)")
            #expect(ApplicationIntake.applicationID(fileAt: path) == read.application?.id, "\(path)")
        }
    }

    @Test func anIDIsTrimmedAsTheReadersTrimItAndMissingOneIsNil() {
        let xml = "<application xmlns=\"\(Application.xmlNamespace(version: 1))\">\n  <id>  PG-1 <![CDATA[x]]></id><rest/></application>"
        #expect(ApplicationIntake.applicationID(in: Data(xml.utf8)) == "PG-1 x")
        #expect(ApplicationIntake.applicationID(in: Data("{\"x\": 1, \"id\": \" PG-2\\t\"}".utf8)) == "PG-2")
        let nested = #"{"agency": {"id": "Z", "list": ["id", {"id": "Y"}]}, "n": "id", "\u0069d": "PG-3", "id": "later"}"#
        #expect(ApplicationIntake.applicationID(in: Data(nested.utf8)) == "PG-3")
        #expect(ApplicationIntake.applicationID(in: Data("<application><name>n</name><id>late</id></application>".utf8)) == nil)
        #expect(ApplicationIntake.applicationID(in: Data("[1]".utf8)) == nil)
        #expect(ApplicationIntake.applicationID(in: Data("<!DOCTYPE a><application><id>x</id></application>".utf8)) == nil)
    }
}

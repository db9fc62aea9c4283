import Foundation
import Intake
import Model
import Testing

/// Hostile and broken documents: each must be refused quickly, with a located diagnostic, and never crash.
@Suite("XML reader: hostile and broken input")
struct XMLHostileTests {
    /// Reads `data` and checks that it took well under two seconds.
    func timedRead(_ data: Data, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ReadResult {
        let clock = ContinuousClock()
        let start = clock.now
        let result = XMLApplicationReader.read(data)
        #expect(clock.now - start < .seconds(2), sourceLocation: sourceLocation)
        #expect(result.application == nil, sourceLocation: sourceLocation)
        return result
    }

    @Test func unclosedTagIsE005WithLineAndColumn() throws {
        let text = XMLSample.replacing("<lessons>ให้ชุมชนร่วมตั้งแต่การกำหนดปัญหา</lessons>", with: "<lessons>ให้ชุมชน")
        let result = timedRead(Data(text.utf8))
        let first = try #require(result.diagnostics.first)
        #expect(result.diagnostics.allSatisfy { $0.code == "PSEA-E005" })
        #expect((first.location?.line ?? 0) > 0)
        #expect((first.location?.column ?? 0) > 0)
        #expect(first.message.en.contains("lessons"))
        #expect(first.message.th.contains("<lessons>"))
    }

    @Test func wellFormednessColumnsCountUnicodeScalarsNotBytes() throws {
        // Thai letters are 3 bytes each in UTF-8; the column must count them as one each.
        let text = "<application xmlns=\"urn:psea:application:1\">\n  <id>ภาษาไทย</idx>\n</application>"
        let result = timedRead(Data(text.utf8))
        let first = try #require(result.diagnostics.first)
        #expect(first.code == "PSEA-E005")
        #expect(first.location?.line == 2)
        // libxml2 points just after the mismatched end tag.
        #expect(first.location?.column == column(of: "</idx>", line: 2, in: text) + "</idx>".count)
    }

    @Test func externalFileEntityIsE006AndNeverRead() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <application xmlns="urn:psea:application:1" schemaVersion="1"><id>&x;</id></application>
            """
        let result = timedRead(Data(text.utf8))
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E006"])
        #expect(d.location == SourceLocation(line: 2, column: 1, path: ""))
        let everything = result.diagnostics.map { "\($0.message.en) \($0.message.th)" }.joined()
        #expect(!everything.contains("root:"))
        #expect(!everything.contains("/bin/"))
    }

    @Test func httpEntityIsE006() {
        let text = """
            <!-- remote -->
            <!DOCTYPE application SYSTEM "http://example.invalid/app.dtd">
            <application xmlns="urn:psea:application:1" schemaVersion="1"/>
            """
        let result = timedRead(Data(text.utf8))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E006"])
        #expect(result.diagnostics.first?.location?.line == 2)

        let entity = """
            <?xml version="1.0"?>
            <!DOCTYPE application [<!ENTITY x SYSTEM "http://127.0.0.1:9/secret">]>
            <application xmlns="urn:psea:application:1" schemaVersion="1"><id>&x;</id></application>
            """
        let entityResult = timedRead(Data(entity.utf8))
        #expect(entityResult.diagnostics.map(\.code) == ["PSEA-E006"])
        #expect(entityResult.diagnostics.first?.location == SourceLocation(line: 2, column: 1, path: ""))
    }

    @Test func billionLaughsIsRefused() {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let text = "<?xml version=\"1.0\"?><!DOCTYPE application [\(entities)]><application>&lol9;</application>"
        let result = timedRead(Data(text.utf8))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E006"])
    }

    @Test func quadraticBlowUpIsRefused() {
        let big = String(repeating: "x", count: 100_000)
        let references = String(repeating: "&a;", count: 100_000)
        let text = "<!DOCTYPE application [<!ENTITY a \"\(big)\">]><application>\(references)</application>"
        let result = timedRead(Data(text.utf8))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E006"])
    }

    @Test func invalidUTF8IsE003WithItsPlace() throws {
        var data = Data("<application xmlns=\"urn:psea:application:1\">\n<id>ก".utf8)
        data.append(contentsOf: [0xC3, 0x28, 0xFF])
        data.append(Data("</id></application>".utf8))
        let result = timedRead(data)
        let d = try #require(result.diagnostics.first)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E003"])
        #expect(d.location == SourceLocation(line: 2, column: 6, path: ""))
    }

    @Test func deepNestingIsRefused() {
        let depth = 100_000
        var text = "<application xmlns=\"urn:psea:application:1\">"
        text += String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        text += "</application>"
        let result = timedRead(Data(text.utf8))
        #expect(!result.diagnostics.isEmpty)
        #expect(result.diagnostics.allSatisfy { $0.code == "PSEA-E005" })
        #expect(result.diagnostics.contains { $0.message.th.contains("ลึกเกิน") })
    }

    @Test func fiftyMebibyteDocumentDoesNotCrash() {
        let element = "<group id=\"S1\" kind=\"community\">ชาวบ้าน</group>\n"
        let count = 50 * 1024 * 1024 / element.utf8.count + 1
        var data = Data("<application xmlns=\"urn:psea:application:1\" schemaVersion=\"1\"><stakeholders>".utf8)
        let chunk = Data(String(repeating: element, count: 1024).utf8)
        for _ in 0..<(count / 1024 + 1) { data.append(chunk) }
        data.append(Data("</stakeholders></application>".utf8))
        #expect(data.count > 50 * 1024 * 1024)
        let result = timedRead(data)
        #expect(result.diagnostics.map(\.code) == ["PSEA-E002"])
    }

    @Test func manyRepeatedElementsUnderTheLimitGiveSchemaErrors() {
        // 30,000 unexpected repeated elements: parsed and validated, errors capped, no crash.
        let element = "<extra/>"
        let text =
            "<application xmlns=\"urn:psea:application:1\" schemaVersion=\"1\">"
            + String(repeating: element, count: 30_000) + "</application>"
        let result = timedRead(Data(text.utf8))
        #expect(!result.diagnostics.isEmpty)
        #expect(result.diagnostics.allSatisfy { ["PSEA-E010", "PSEA-E011", "PSEA-E017"].contains($0.code) })
    }

    @Test func undefinedEntityIsE005() {
        let result = timedRead(Data("<application xmlns=\"urn:psea:application:1\">&x;</application>".utf8))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E005"])
        #expect(result.diagnostics.first?.location?.line == 1)
        #expect(result.diagnostics.first?.message.th.contains("&x;") == true)
    }

    @Test func nonUTF8EncodingDeclarationIsE003() {
        let text = XMLSample.replacing("encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        let result = timedRead(Data(text.utf8))
        #expect(result.diagnostics.map(\.code) == ["PSEA-E003"])
    }

    @Test func concurrentReadsGiveTheSameResult() async {
        let inputs = [
            XMLSample.text,
            XMLSample.replacing("level=\"involve\"", with: "level=\"leader\""),
            XMLSample.replacing("<awardYear>2568</awardYear>", with: "<awardYear>๒๕๖๘</awardYear>"),
            XMLSample.replacing("</lessons>", with: ""),
        ]
        let expected = inputs.map { XMLSample.read($0) }
        let results = await withTaskGroup(of: (Int, ReadResult).self) { group in
            for round in 0..<16 {
                let index = round % inputs.count
                let input = inputs[index]
                group.addTask { (index, XMLSample.read(input)) }
            }
            var collected: [(Int, ReadResult)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 16)
        for (index, result) in results {
            #expect(result.application == expected[index].application)
            #expect(result.diagnostics == expected[index].diagnostics)
        }
    }
}

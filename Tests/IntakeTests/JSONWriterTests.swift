import Foundation
import Model
import Testing

@testable import Intake

@Suite("JSON writer")
struct JSONWriterTests {
    private func text(_ application: Application) -> String {
        String(decoding: JSONApplicationWriter.write(application), as: UTF8.self)
    }

    @Test func roundTripGivesTheSameApplication() throws {
        let written = JSONApplicationWriter.write(JSONFixture.expected)
        let result = JSONApplicationReader.read(written)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message.en))")
        #expect(result.application == JSONFixture.expected)
    }

    @Test func roundTripKeepsEscapesAndMinimalApplications() throws {
        var application = JSONFixture.expected
        application.work.title = "ชื่อ \"ในวงเล็บ\" \\ ทับ\tแท็บ / ทับ\nบรรทัดใหม่\r\nอีก"
        application.submittedAt = nil
        application.previousAward = PreviousAward(year: 2565, type: "open-governance", title: "รางวัลเดิม")
        application.sustainability = nil
        application.lessons = nil
        application.indicators = []
        application.evidence = []
        application.work.areas = nil
        application.activities[0].evidenceRefs = nil
        let result = JSONApplicationReader.read(JSONApplicationWriter.write(application))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message.en))")
        #expect(result.application == application)
        let written = text(application)
        #expect(!written.contains("\"lessons\""))
        #expect(!written.contains("\"submittedAt\""))
        #expect(written.contains("แท็บ / ทับ\\nบรรทัดใหม่\\r\\nอีก"))
        #expect(written.contains("\"indicators\": []"))
    }

    /// Strings are escaped by the program's one JSON escaper (`JSONText`): backspace, form feed, unit separator
    /// and DEL in the `\u00XX` form. No application may hold them (PSEA-E027), so reading the text back refuses it
    /// at the field rather than losing a character.
    @Test func controlCharactersUseTheSharedEscapesAndAreRefusedOnReading() throws {
        var application = JSONFixture.expected
        application.work.title = "ก\u{08}ข\u{0C}ค\u{1F}ง\u{7F}จ"
        let written = text(application)
        #expect(written.contains(JSONText.quoted(application.work.title)))
        #expect(written.contains("ก\\u0008ข\\u000cค\\u001fง\\u007fจ"))
        let result = JSONApplicationReader.read(JSONApplicationWriter.write(application))
        #expect(result.diagnostics.map(\.code) == [DiagnosticRule.controlCharacter.code])
        #expect(result.diagnostics.first?.pointer == "/work/title")
        #expect(result.application == nil)
    }

    @Test func layoutIsPrettyOrderedAndPlain() throws {
        let written = text(JSONFixture.expected)
        #expect(written.hasPrefix("{\n  \"schemaVersion\": 1,\n  \"id\": \"PG-2568-0042\",\n  \"awardYear\": 2568,\n"))
        #expect(written.hasSuffix("}\n"))
        #expect(written.contains("\"value\": 1200\n"))
        #expect(!written.contains("1200.0"))
        #expect(written.contains("\"value\": 12.5\n"))
        #expect(written.contains("\"value\": 2800.5\n"))
        #expect(written.contains("\"target\": 3000,\n"))
        #expect(written.contains("\"uri\": \"https://nan.go.th/forest/a1.jpg\""))
        #expect(!written.contains("\\/"))
        #expect(written.contains("\"name\": \"จังหวัดน่าน\""))
        #expect(written.contains("\"level\": \"involve\""))
        #expect(written.components(separatedBy: "\"technique\"").count == 2)
        let topLevel = written.split(separator: "\n")
            .filter { $0.hasPrefix("  \"") }
            .map { $0.dropFirst(3).prefix { $0 != "\"" } }
            .map(String.init)
        #expect(
            topLevel == [
                "schemaVersion", "id", "awardYear", "category", "type", "submittedAt", "agency", "contact", "work",
                "stakeholders", "activities", "indicators", "sustainability", "lessons", "evidence", "declaration",
            ])
    }

    @Test func outputIsDeterministic() {
        let first = JSONApplicationWriter.write(JSONFixture.expected)
        let again = JSONApplicationWriter.write(JSONFixture.expected)
        #expect(first == again)
        let reread = JSONApplicationReader.read(first).application.map(JSONApplicationWriter.write)
        #expect(reread == first)
    }
}

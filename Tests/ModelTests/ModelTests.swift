import Foundation
import Testing

@testable import Model

@Suite struct LocalDateTests {
    @Test func parsesAndPrintsISODates() throws {
        let date = try #require(LocalDate(iso: "2024-02-29"))
        #expect(date.year == 2024 && date.month == 2 && date.day == 29)
        #expect(date.description == "2024-02-29")
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-04-31", "24-01-01", "2024/01/01", "๒๕๖๘-01-01", ""])
    func rejectsImpossibleOrMalformedDates(_ text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func ordersChronologically() throws {
        let a = try #require(LocalDate(iso: "2023-12-31"))
        let b = try #require(LocalDate(iso: "2024-01-01"))
        #expect(a < b)
    }

    @Test(arguments: ["2025-02-20T10:30:00+07:00", "2025-02-20T10:30:00Z", "2025-02-20T10:30:00.123Z", "2025-02-20T10:30:00"])
    func acceptsDateTimes(_ text: String) throws {
        let stamp = try #require(Timestamp(iso: text))
        #expect(stamp.date == LocalDate(iso: "2025-02-20"))
        #expect(stamp.text == text)
    }

    @Test(arguments: ["2025-02-20", "2025-02-20T25:00:00Z", "2025-02-20T10:30:00+7", "2025-02-30T10:00:00Z", "2025-02-20T10:30Z", "2025-02-20T10:30"])
    func rejectsBadDateTimes(_ text: String) {
        #expect(Timestamp(iso: text) == nil)
    }
}

@Suite struct ParticipationLevelTests {
    @Test func thaiAliasesMapToCanonicalLevels() {
        #expect(ParticipationLevel(name: "ระดับการปรึกษาหารือ") == .consult)
        #expect(ParticipationLevel(name: " การรับฟังความคิดเห็น ") == .consult)
        #expect(ParticipationLevel(name: "การเข้ามามีบทบาท") == .involve)
        #expect(ParticipationLevel(name: "ระดับเสริมอำนาจประชาชน") == .empower)
        #expect(ParticipationLevel(name: "empower") == .empower)
        #expect(ParticipationLevel(name: "ladder") == nil)
    }

    @Test func decodingAcceptsAliasesAndEncodingWritesKeys() throws {
        let decoded = try JSONDecoder().decode([ParticipationLevel].self, from: Data(#"["การร่วมมือ","inform"]"#.utf8))
        #expect(decoded == [.collaborate, .inform])
        let encoded = String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self)
        #expect(encoded == #"["collaborate","inform"]"#)
    }

    @Test func ranksRiseWithInfluence() {
        #expect(ParticipationLevel.allCases.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(ParticipationLevel.involve > .consult)
    }
}

@Suite struct ThaiTests {
    @Test func convertsThaiDigits() {
        #expect(Thai.containsThaiDigits("๒๕๖๘"))
        #expect(!Thai.containsThaiDigits("2568"))
        #expect(Thai.asciiDigits("ปี ๒๕๖๘") == "ปี 2568")
    }

    @Test func thaiCollationSortsLeadingVowelsByConsonant() {
        let names = ["ไก่", "เขียว", "กา", "โคก", "แจ้", "ใบ"]
        let sorted = names.sorted(by: Thai.collates)
        // ก (กา, ไก่) < ข (เขียว) < ค (โคก) < จ (แจ้) < บ (ใบ)
        #expect(sorted.firstIndex(of: "ไก่")! < sorted.firstIndex(of: "เขียว")!)
        #expect(sorted.firstIndex(of: "เขียว")! < sorted.firstIndex(of: "โคก")!)
        #expect(sorted.firstIndex(of: "โคก")! < sorted.firstIndex(of: "แจ้")!)
        #expect(sorted.last == "ใบ")
    }

    @Test func trimsUnicodeWhitespace() {
        #expect("\n  จังหวัดน่าน \u{3000}".trimmingWhitespace == "จังหวัดน่าน")
        // Ends the byte-level check answers for (ASCII, Thai) and ends it leaves to Unicode.
        let cases: [(String, String)] = [
            ("น่าน", "น่าน"), ("a", "a"), ("", ""), (" ", ""), ("\u{00A0}x\u{2003}", "x"), ("x\u{0085}", "x"),
            ("\u{0E01}\u{0E48}", "\u{0E01}\u{0E48}"), ("é ", "é"), ("\u{1680}น\u{3000}", "น"), ("x\r\n", "x"), ("\u{202F}", ""),
            ("🙂", "🙂"), ("a\u{0301}", "a\u{0301}"),
        ]
        for (text, trimmed) in cases {
            #expect(text.trimmingWhitespace == trimmed, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Array(text.trimmingWhitespace.unicodeScalars) == Array(trimmed.unicodeScalars))
        }
    }
}

@Suite struct SourceMapTests {
    @Test func resolvesNearestRecordedAncestor() {
        var map = SourceMap()
        map.record("/activities/2", SourceLocation(line: 40, column: 5, path: "/activities/2"))
        map.record("", SourceLocation(line: 1, column: 1, path: ""))
        #expect(map.locate("/activities/2/level")?.line == 40)
        #expect(map.locate("/work/title")?.line == 1)
    }

    @Test func escapesPointerTokens() {
        #expect(Pointer.join(["a/b", 0, "c~d"]) == "/a~1b/0/c~0d")
    }
}

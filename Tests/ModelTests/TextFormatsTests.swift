import Foundation
import Model
import Testing

@Suite("One CSV writer and one JSON string escaper")
struct TextFormatsTests {
    @Test func quoteEscapesControlCharacters() {
        #expect(JSONText.quoted("a\"b\\c\n\u{01}ก") == "\"a\\\"b\\\\c\\n\\u0001ก\"")
    }

    /// Backspace, form feed and the other controls (C0, DEL, C1) take the `\u00XX` form in lowercase hex;
    /// everything else is written as it is.
    @Test func controlCharactersTakeTheUnicodeForm() {
        #expect(JSONText.quoted("\u{08}\u{0C}\u{1F}\r\t\u{7F}\u{9B}\u{A0}/") == "\"\\u0008\\u000c\\u001f\\r\\t\\u007f\\u009b\u{A0}/\"")
        var out = "x"
        JSONText.appendQuoted("ไทย", to: &out)
        #expect(out == "x\"ไทย\"")
    }

    /// Text with nothing to escape is appended whole: every scalar up to U+02FF, Thai, a separator and an emoji is
    /// written as it is exactly when the rule above does not escape it, and between plain text as it is alone.
    @Test func plainTextIsWrittenAsTheEscapingRuleWritesIt() {
        let scalars = (0...0x2FF).compactMap { Unicode.Scalar(UInt32($0)) } + ["ก", "\u{2028}", "\u{FEFF}", "🙂"]
        for scalar in scalars {
            let escaped = scalar.value < 0x20 || scalar == "\"" || scalar == "\\" || (0x7F...0x9F).contains(scalar.value)
            let alone = JSONText.quoted(String(scalar))
            #expect((alone == "\"\(scalar)\"") == !escaped, "U+\(String(scalar.value, radix: 16))")
            #expect(JSONText.quoted("ab\(scalar)ไทย") == "\"ab" + alone.dropFirst().dropLast() + "ไทย\"")
            #expect(JSONText.isPlain("ab\(scalar)") == (scalar.value >= 0x20 && !escaped && !(0x80...0xBF).contains(scalar.value)))
        }
    }

    /// The byte form (what the JSON application writer appends to) and the text form write the same bytes, and
    /// an escaped scalar is written as the rule says: the short escape of `"`, `\`, LF, CR and tab, else `\u00xx`;
    /// at the start, inside and at the end of the text (a C1 control or U+00A0–U+00BF last tests the byte after 0xC2).
    @Test func byteFormWritesWhatTheRuleSays() {
        let short: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"]
        let scalars = (0...0x2FF).compactMap { Unicode.Scalar(UInt32($0)) } + ["ก", "\u{2028}", "\u{FEFF}", "🙂"]
        for scalar in scalars {
            let escaped = scalar.value < 0x20 || scalar == "\"" || scalar == "\\" || (0x7F...0x9F).contains(scalar.value)
            let hex = String(scalar.value, radix: 16)
            let form = escaped ? short[scalar] ?? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex : String(scalar)
            for text in ["\(scalar)", "ab\(scalar)ไทย", "ไทย\(scalar)", "\(scalar)\(scalar)"] {
                var bytes: [UInt8] = [0x78]
                JSONText.appendQuoted(text, to: &bytes)
                let expected = "x\"" + text.unicodeScalars.map { $0 == scalar ? form : String($0) }.joined() + "\""
                #expect(String(decoding: bytes, as: UTF8.self) == expected, "U+\(hex) in \(text.debugDescription)")
                #expect(bytes.dropFirst().elementsEqual(JSONText.quoted(text).utf8), "U+\(hex)")
            }
        }
    }

    @Test func csvRecordsQuoteOnlyWhatNeedsIt() {
        #expect(CSVText.record(["J1", "PG-1", "a,b", "say \"hi\"", "line\r\nnext", ""]) == "J1,PG-1,\"a,b\",\"say \"\"hi\"\"\",\"line\r\nnext\",")
        // A CR LF pair is one `Character`: the check on bytes still sees it.
        #expect(CSVText.field("a\r\nb") == "\"a\r\nb\"")
    }

    @Test func csvFieldsCarryNoRawControlAndIsolateBidiControls() {
        #expect(CSVText.field("กรม\u{1B}[2J") == "กรม\\u001B[2J")
        #expect(CSVText.field("a\u{0}b\u{85}") == "a\\u0000b\\u0085")
        #expect(CSVText.field("abc\u{202E}def") == "\u{2068}abc\u{202E}def\u{2069}")
        #expect(CSVText.field("x\u{202E},y") == "\"\u{2068}x\u{202E},y\u{2069}\"")
        #expect(CSVText.field("tab\there") == "tab\there")
    }
}

@Suite("Characters: what text may hold, and how it is shown")
struct UnicodeTextTests {
    @Test func forbiddenAreTheControlsButTabLFCRAndTheTwoNoncharacters() {
        let forbidden = (0..<0x20).filter { ![0x09, 0x0A, 0x0D].contains($0) } + Array(0x7F...0x9F) + [0xFFFE, 0xFFFF]
        for value in forbidden { #expect(UnicodeText.isForbidden(Unicode.Scalar(UInt32(value))!), "U+\(String(value, radix: 16))") }
        for value in [0x09, 0x0A, 0x0D, 0x20, 0x7E, 0xA0, 0x0E01, 0x202E, 0xFFFD, 0x10FFFF] {
            #expect(!UnicodeText.isForbidden(Unicode.Scalar(UInt32(value))!), "U+\(String(value, radix: 16))")
        }
        for value in Array(0x202A...0x202E) + Array(0x2066...0x2069) { #expect(UnicodeText.isBidiControl(Unicode.Scalar(UInt32(value))!)) }
        #expect(!UnicodeText.isBidiControl("\u{200F}"))
    }

    /// The byte scan of the fast paths agrees with the scalar test on every scalar that matters.
    @Test func theByteScanFindsExactlyWhatTheScalarTestFinds() {
        let interesting = Array(0..<0x100) + Array(0x2020...0x2070) + Array(0xFFF0...0xFFFF) + [0x0E01, 0x10000, 0x10FFFF]
        for value in interesting {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            var text = "ก" + String(Character(scalar)) + "x"
            let scanned = text.withUTF8 { UnicodeText.mayNeedCare($0) }
            #expect(scanned == (UnicodeText.isForbidden(scalar) || UnicodeText.isBidiControl(scalar)), "U+\(String(value, radix: 16))")
            // XML's scan: its parser refuses the C0 controls, so it looks for everything else.
            let afterParser = text.withUTF8 { UnicodeText.mayNeedCare($0, controlsRefused: true) }
            #expect(afterParser == (value >= 0x20 && scanned), "U+\(String(value, radix: 16))")
        }
    }

    /// XML's scan finds DEL, a C1 control, a noncharacter and a bidirectional control at every place of a text full
    /// of line breaks and indentation, and nothing in such a text without them.
    @Test func theScanAfterTheXMLParserFindsEverythingButC0ControlsAtEveryPlace() {
        let padding = "\n    <x>กขค</x>\n\t\r\n  " + "ภาษาไทย 123\n"
        for value in [0x7F, 0x85, 0x202E, 0x2067, 0xFFFE] {
            let character = String(Character(Unicode.Scalar(UInt32(value))!))
            for offset in 0..<24 {
                var text = String(repeating: "\n", count: offset) + character + padding
                #expect(text.withUTF8 { UnicodeText.mayNeedCare($0, controlsRefused: true) }, "U+\(String(value, radix: 16)) at \(offset)")
            }
        }
        var plain = String(repeating: padding, count: 9)
        #expect(!plain.withUTF8 { UnicodeText.mayNeedCare($0, controlsRefused: true) })
    }

    /// The scans read sixteen bytes at a time: a character is found at every place of a block, across the
    /// boundary of two blocks and in the tail, and a text of Thai letters and ASCII alone holds none.
    @Test func theBlockScansFindACharacterAtEveryPlace() {
        let padding = "กขค abc " + "ภาษาไทย 123 " + "xyz"
        for value in [0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x202E, 0x2067, 0x2014, 0xFFFE, 0x0E01] {
            let scalar = Unicode.Scalar(UInt32(value))!
            for offset in 0..<40 {
                var text = String(repeating: "a", count: offset) + String(Character(scalar)) + padding
                let care = text.withUTF8 { UnicodeText.mayNeedCare($0) }
                #expect(care == (UnicodeText.isForbidden(scalar) || UnicodeText.isBidiControl(scalar)), "U+\(String(value, radix: 16)) at \(offset)")
                let escape = text.withUTF8 { TerminalText.mayNeedEscaping($0) }
                #expect(escape == (UnicodeText.isForbidden(scalar) || scalar == "\r"), "U+\(String(value, radix: 16)) at \(offset)")
                #expect(TerminalText.safe(text) == text || escape, "U+\(String(value, radix: 16)) at \(offset)")
                let controlOrBidi = value < 0x20 || UnicodeText.isForbidden(scalar) || UnicodeText.isBidiControl(scalar)
                #expect(UnicodeText.needsCare(text) == controlOrBidi, "U+\(String(value, radix: 16)) at \(offset)")
            }
        }
        var plain = String(repeating: padding, count: 9)
        #expect(!plain.withUTF8 { UnicodeText.mayNeedCare($0) })
        #expect(!plain.withUTF8 { TerminalText.mayNeedEscaping($0) })
    }

    @Test func aValueOnATerminalCannotStartALineOrSendAnEscape() {
        #expect(TerminalText.escaped("a\nb.json") == "a\\nb.json")
        #expect(TerminalText.escaped("x\r\t\u{1B}[2J\u{7}") == "x\\r\\t\\u001B[2J\\u0007")
        #expect(TerminalText.escaped("abc\u{202E}d") == "\u{2068}abc\u{202E}d\u{2069}")
        #expect(TerminalText.escaped("กรมการปกครอง") == "กรมการปกครอง")
        #expect(TerminalText.safe("line\n\u{1B}]0;title\u{7}\tend\r\n") == "line\n\\u001B]0;title\\u0007\tend\\u000D\n")
    }

    @Test func aTerminalTableEscapesEveryCellAndPadsTheEscapedText() {
        let table = TextTable(headers: ["a", "b"], rows: [["x\ny", "ok"], ["z", "\u{1B}[2J"]])
        #expect(table.line(["x\ny", "ok"]) == "x\\ny  ok")
        #expect(table.line(["z", "\u{1B}[2J"]) == "z     \\u001B[2J")
        #expect(table.head == ["a     b", "----  ---------"])
    }
}

@Suite("The shared encoding and error helpers")
struct SharedHelpersTests {
    struct Sample: Encodable {
        var name: String
        var line: Int?
        enum CodingKeys: String, CodingKey { case name, line }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeListingNulls([.name: name, .line: line])
        }
    }

    @Test func anAbsentValueIsListedAsNull() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(Sample(name: "a", line: nil)), as: UTF8.self) == #"{"line":null,"name":"a"}"#)
        #expect(String(decoding: try encoder.encode(Sample(name: "a", line: 3)), as: UTF8.self) == #"{"line":3,"name":"a"}"#)
    }

    @Test func aValueWrittenAsOneStringIsParsedOrRefusedWithItsText() throws {
        #expect(try JSONDecoder().decode([LocalDate].self, from: Data(#"[" 2024-09-30 "]"#.utf8)) == [LocalDate(year: 2024, month: 9, day: 30)])
        let error = try #require(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["30/09/2024"]"#.utf8)) }
        guard case .dataCorrupted(let context) = error else { Issue.record("\(error)"); return }
        #expect(context.debugDescription == "'30/09/2024' is not a YYYY-MM-DD date")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ParticipationLevel].self, from: Data(#"["shout"]"#.utf8)) }
        #expect(try JSONDecoder().decode([ParticipationLevel].self, from: Data(#"["การปรึกษาหารือ"]"#.utf8)) == [.consult])
    }

    @Test func errorsAboutAFileOrAnApplicationNameIt() {
        let file = PSEAError.unwritable("out\u{1B}.csv", reason: "full")
        let shown = TerminalText.escaped("out\u{1B}.csv")
        #expect(shown != "out\u{1B}.csv")
        #expect(file.code == ProblemCode.fileUnwritable.code && file.place == "out\u{1B}.csv" && !file.isInvalidInput)
        #expect(file.message.en == "cannot write \(shown): full" && file.message.th == "เขียนไฟล์ \(shown) ไม่ได้: full")
        let entry = PSEAError(code: .unknownEntry, application: "A-1", th: "ไม่พบ", en: "unknown")
        #expect(entry.context == ["application": "A-1"] && entry.isInvalidInput && entry.severity == .error)
    }
}

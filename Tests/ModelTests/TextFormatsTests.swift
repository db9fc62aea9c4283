import Model
import Testing

@Suite("One CSV writer and one JSON string escaper")
struct TextFormatsTests {
    @Test func quoteEscapesControlCharacters() {
        #expect(JSONText.quoted("a\"b\\c\n\u{01}ก") == "\"a\\\"b\\\\c\\n\\u0001ก\"")
    }

    /// Backspace, form feed and the other C0 controls take the `\u00XX` form in lowercase hex; DEL and everything
    /// above U+001F are written as they are.
    @Test func controlCharactersTakeTheUnicodeForm() {
        #expect(JSONText.quoted("\u{08}\u{0C}\u{1F}\r\t\u{7F}/") == "\"\\u0008\\u000c\\u001f\\r\\t\u{7F}/\"")
        var out = "x"
        JSONText.appendQuoted("ไทย", to: &out)
        #expect(out == "x\"ไทย\"")
    }

    @Test func csvRecordsQuoteOnlyWhatNeedsIt() {
        #expect(CSVText.record(["J1", "PG-1", "a,b", "say \"hi\"", "line\r\nnext", ""]) == "J1,PG-1,\"a,b\",\"say \"\"hi\"\"\",\"line\r\nnext\",")
        // A CR LF pair is one `Character`: the check on bytes still sees it.
        #expect(CSVText.field("a\r\nb") == "\"a\r\nb\"")
    }
}

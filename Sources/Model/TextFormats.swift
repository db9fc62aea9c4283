import Foundation

/// CSV fields as every module writes them (exports, the demo's score file, `psea assignments`): RFC 4180 quoting.
package enum CSVText {
    /// The field as written in a record: in double quotes, with inner quotes doubled, when it holds a comma, a
    /// double quote, CR or LF; otherwise as it is. Checked on bytes, so a CR LF pair inside one `Character` counts.
    /// A control character other than tab, LF and CR is written as its escape (`\u001B`) and a value with a
    /// bidirectional control is isolated (`UnicodeText`), so no raw control byte reaches a spreadsheet.
    package static func field(_ value: String) -> String {
        let value = UnicodeText.needsCare(value) ? UnicodeText.isolated(UnicodeText.withoutForbidden(value)) : value
        // These ASCII bytes are always characters of their own (or part of CR LF) in UTF-8.
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: each field quoted as needed, joined by commas, without a line end.
    package static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }
}

/// JSON string literals as every module writes them (exports, `rank --format json`, `psea convert`).
package enum JSONText {
    /// `text` as a JSON string literal: `"` and `\` escaped, LF, CR and tab as `\n`, `\r`, `\t`, other control
    /// characters (U+0000–U+001F, U+007F–U+009F) as `\u00XX` (lowercase hex); everything else, non-ASCII included,
    /// written as is.
    package static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// Whether `text` is written between the quotes as it is, by `quoted` and by `JSONEncoder` alike: it holds no byte
    /// below 0x20, `"`, `\`, DEL or 0xC2 (which starts U+0080–U+00BF, the C1 controls among them).
    package static func isPlain(_ text: String) -> Bool {
        func plain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xC2 }
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where !plain(byte) { return false }
            return true
        } ?? text.utf8.allSatisfy(plain)
    }

    /// Appends `text` as a JSON string literal (see `quoted`) to `out`.
    package static func appendQuoted(_ text: String, to out: inout String) {
        // Most text has nothing to escape: it is appended whole.
        if isPlain(text) {
            out += "\""
            out += text
            out += "\""
            return
        }
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal (see `quoted`) to `out`, as UTF-8: the one escaper of both forms.
    package static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var mark = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // U+0080–U+009F (C1 controls) are 0xC2 0x80–0x9F in UTF-8.
                let c1 = byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] <= 0x9F
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || c1 else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<index]))
                let scalar = c1 ? bytes[index + 1] : byte
                index += c1 ? 2 : 1
                mark = index
                switch scalar {
                case 0x22, 0x5C: out.append(contentsOf: [0x5C, scalar])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(scalar >> 4)], hexDigits[Int(scalar & 0x0F)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension KeyedEncodingContainer {
    /// Encodes each value under its key, an absent one as null: the one home of the JSON objects that list every
    /// key (synthesized `Encodable` leaves a nil value out), such as score sheets and `--format json` reports.
    package mutating func encodeListingNulls(_ fields: KeyValuePairs<Key, any Encodable>) throws {
        for (key, value) in fields { try encode(value, forKey: key) }
    }
}

/// The characters an application's text may not hold, and those it may hold only with care: the one definition
/// both readers check and every writer escapes or isolates by.
package enum UnicodeText {
    /// Control characters (Unicode `Cc`: U+0000–U+001F, U+007F–U+009F) other than tab, LF and CR, and the
    /// noncharacters U+FFFE and U+FFFF: no text field may hold them (XML cannot carry them, so a JSON file holding
    /// one could not convert without loss), and a terminal would obey them.
    package static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A && value != 0x0D }
        return (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF
    }

    /// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): allowed, but they can make
    /// text read in another order than it is stored, so they are warned about and isolated wherever shown.
    package static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Whether `text` may need care: it holds a control character (tab, LF and CR included), U+FFFE/U+FFFF or a
    /// bidirectional control. A fast test on the UTF-8 bytes first: every such character starts with one of the
    /// bytes 0x00–0x1F, 0x7F, 0xC2, 0xE2 or 0xEF.
    package static func needsCare(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in firstLead(in: bytes, from: 0, lineBreaksToo: true) < bytes.count }
            && text.unicodeScalars.contains { isForbidden($0) || isBidiControl($0) || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    }

    /// Whether UTF-8 `bytes` may hold a forbidden character or a bidirectional control (raw, not escaped): exact
    /// for the forbidden bytes and sequences (C0 but tab, LF, CR; DEL; C2 80–9F; EF BF BE–BF) and the bidirectional
    /// ones (E2 80 AA–AE, E2 81 A6–A9). For the fast paths of the readers. `controlsRefused`: the caller's parser
    /// refuses every C0 control but tab, LF and CR itself (libxml2 does in text, attribute values and CDATA; the
    /// JSON parser in strings and between tokens), so only the other four lead bytes are looked for, each with
    /// `memchr`, several times faster than testing every word of the text for all of them.
    package static func mayNeedCare(_ bytes: UnsafeBufferPointer<UInt8>, controlsRefused: Bool = false) -> Bool {
        if controlsRefused, let base = bytes.baseAddress {
            for lead: UInt8 in [0x7F, 0xC2, 0xE2, 0xEF] {
                var index = 0
                while index < bytes.count, let found = memchr(base + index, Int32(lead), bytes.count - index) {
                    index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    if follows(bytes, at: index) { return true }
                    index += 1
                }
            }
            return false
        }
        var index = 0
        while true {
            index = firstLead(in: bytes, from: index, lineBreaksToo: false)
            guard index < bytes.count else { return false }
            if follows(bytes, at: index) { return true }
            index += 1
        }
    }

    /// The index of the first byte at or after `from` that may start a control character, U+FFFE/U+FFFF or a
    /// bidirectional control (0x00–0x1F, with tab, LF and CR only when `lineBreaksToo`; 0x7F; 0xC2; 0xE2; 0xEF),
    /// or `bytes.count`. Eight bytes at a time: every application's text passes here, and almost none of it holds
    /// such a byte (Thai letters start with 0xE0).
    static func firstLead(in bytes: UnsafeBufferPointer<UInt8>, from: Int, lineBreaksToo: Bool) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let count = bytes.count
        func isLead(_ byte: UInt8) -> Bool {
            byte < 0x20
                ? lineBreaksToo || (byte != 0x09 && byte != 0x0A && byte != 0x0D)
                : byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == 0xEF
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// High bit set in some byte when a byte of `word` is zero (a byte after a zero byte may be set too).
        func zeroByte(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }
        var index = from
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // A word with none of the lead bytes is passed over; one that may hold one is read byte by byte.
            let suspect =
                ((word &- ones &* 0x20) & ~word & highs) | zeroByte(word ^ (ones &* 0x7F)) | zeroByte(word ^ (ones &* 0xC2))
                | zeroByte(word ^ (ones &* 0xE2)) | zeroByte(word ^ (ones &* 0xEF))
            if suspect != 0 {
                for offset in 0..<8 where isLead(base[index + offset]) { return index + offset }
            }
            index += 8
        }
        while index < count {
            if isLead(base[index]) { return index }
            index += 1
        }
        return count
    }

    /// Whether the lead byte at `index` starts a forbidden character or a bidirectional control.
    private static func follows(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let count = bytes.count
        switch bytes[index] {
        case 0xC2:
            return index + 1 < count && (0x80...0x9F).contains(bytes[index + 1])
        case 0xE2:
            guard index + 2 < count else { return false }
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            return (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third))
        case 0xEF:
            return index + 2 < count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF)
        default:
            return true  // a C0 control other than tab, LF and CR, or DEL
        }
    }

    /// Whether `text` holds a bidirectional control.
    package static func hasBidiControl(_ text: String) -> Bool {
        needsCare(text) && text.unicodeScalars.contains(where: isBidiControl)
    }

    /// `\u001B` for ESC: how an escaped character is written in terminal, CSV and HTML text.
    package static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE when it holds a bidirectional control, so
    /// an override inside it ends with it and cannot reorder the text around it (plain-text outputs: Markdown,
    /// CSV, the terminal; HTML uses `<bdi>`).
    package static func isolated(_ text: String) -> String {
        hasBidiControl(text) ? "\u{2068}" + text + "\u{2069}" : text
    }

    /// `text` with every forbidden character written as its escape (`\u001B`); tab, LF and CR kept.
    package static func withoutForbidden(_ text: String) -> String {
        guard needsCare(text), text.unicodeScalars.contains(where: isForbidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isForbidden(scalar) { out.append(contentsOf: escape(scalar).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}

/// Text psea writes to a terminal: nothing in it can move the cursor, clear the screen or start a line.
package enum TerminalText {
    /// One value inside a line (a file name, a value from a file): every control character, tab, LF and CR
    /// included, written as its escape (`\n`, `\r`, `\t`, `\u001B`), and the value isolated when it holds a
    /// bidirectional control, so a file name with a newline cannot forge a line of its own.
    package static func escaped(_ text: String) -> String {
        guard UnicodeText.needsCare(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            default:
                if UnicodeText.isForbidden(scalar) {
                    out.append(contentsOf: UnicodeText.escape(scalar).unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return UnicodeText.isolated(String(out))
    }

    /// Whether UTF-8 `bytes` may hold what `safe` escapes: a byte below 0x20 other than tab and LF, 0x7F, or the
    /// lead byte of a C1 control (0xC2) or of U+FFFE/U+FFFF (0xEF). Every line a command prints passes this test.
    package static func mayNeedEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while true {
            index = UnicodeText.firstLead(in: bytes, from: index, lineBreaksToo: true)
            guard index < bytes.count else { return false }
            let byte = bytes[index]
            if byte == 0x7F || byte == 0xC2 || byte == 0xEF || (byte < 0x20 && byte != 0x09 && byte != 0x0A) { return true }
            index += 1
        }
    }

    /// Whole output as it goes to the terminal (the last line of defence, for text made anywhere): every control
    /// character but tab and LF written as its escape, so none reaches the terminal raw.
    package static func safe(_ text: String) -> String {
        guard UnicodeText.needsCare(text),
            text.unicodeScalars.contains(where: { UnicodeText.isForbidden($0) || $0 == "\r" })
        else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if UnicodeText.isForbidden(scalar) || scalar == "\r" {
                out.append(contentsOf: UnicodeText.escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// A plain-text table for the terminal: each column padded to its widest cell (in characters), columns two
/// spaces apart, the last one unpadded, a dashed line under the headers. Rows are printed one by one, so that
/// notes can go between them. Every cell is escaped for the terminal (`TerminalText.escaped`): a value cannot
/// start a line, drive the terminal or reorder the row.
package struct TextTable: Sendable {
    package let headers: [String]
    private let widths: [Int]

    package init(headers: [String], rows: [[String]]) {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TerminalText.escaped(cell).count) }
        }
        self.headers = headers
        self.widths = widths
    }

    /// The header line and the dashed line under it.
    package var head: [String] { [line(headers), line(widths.map { String(repeating: "-", count: $0) })] }

    /// One row, each cell but the last padded to its column's width.
    package func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            let cell = TerminalText.escaped(cell)
            return i == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
        }.joined(separator: "  ")
    }
}

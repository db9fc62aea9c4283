import Foundation

/// CSV fields as every module writes them (exports, the demo's score file, `psea assignments`): RFC 4180 quoting.
package enum CSVText {
    /// The field as written in a record: in double quotes, with inner quotes doubled, when it holds a comma, a
    /// double quote, CR or LF; otherwise as it is. Checked on bytes, so a CR LF pair inside one `Character` counts.
    package static func field(_ value: String) -> String {
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
    /// characters below U+0020 as `\u00XX` (lowercase hex); everything else, non-ASCII included, written as is.
    package static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// The characters with a two-character escape.
    private static let shortEscapes: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"]

    /// Appends `text` as a JSON string literal (see `quoted`) to `out`.
    package static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20, scalar != "\"", scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else if let escape = shortEscapes[scalar] {
                out += escape
            } else {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "\""
    }
}

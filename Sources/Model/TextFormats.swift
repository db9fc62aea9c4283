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

/// A plain-text table for the terminal: each column padded to its widest cell (in characters), columns two
/// spaces apart, the last one unpadded, a dashed line under the headers. Rows are printed one by one, so that
/// notes can go between them.
package struct TextTable: Sendable {
    package let headers: [String]
    private let widths: [Int]

    package init(headers: [String], rows: [[String]]) {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        self.headers = headers
        self.widths = widths
    }

    /// The header line and the dashed line under it.
    package var head: [String] { [line(headers), line(widths.map { String(repeating: "-", count: $0) })] }

    /// One row, each cell but the last padded to its column's width.
    package func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
        }.joined(separator: "  ")
    }
}

import Model

/// One CSV record with the source line it starts on (a quoted field may span several lines).
@MemberwiseInit
package struct CSVRecord: Sendable, Hashable {
    package let line: Int
    package let fields: [String]
}

/// One data row of a table whose header was checked: values by column name, trimmed of surrounding white space.
package struct CSVRow: Sendable, Hashable {
    package let line: Int
    /// The table's column names, one array shared by every row of the table.
    let columns: [String]
    /// The row's values, trimmed, in the order of `columns`: a file of millions of scores holds an array per row,
    /// not a dictionary.
    let fields: [String]

    /// The values by column name.
    package var values: [String: String] { Dictionary(zip(columns, fields), uniquingKeysWith: { first, _ in first }) }

    /// The value in `column`, or `""` when the column does not exist.
    package subscript(_ column: String) -> String { columns.firstIndex(of: column).map { fields[$0] } ?? "" }
}

/// An RFC 4180 reader: comma-separated, fields optionally in double quotes, `""` for a quote inside a quoted
/// field, records ended by CRLF, LF or a lone CR, a UTF-8 byte-order mark skipped. Line breaks inside quoted
/// fields are kept as written. Lines that are completely empty are skipped (a trailing newline is common).
package enum CSV {
    /// The text of a UTF-8 file; a byte-order mark is left in place for `records` to skip.
    package static func decode(_ bytes: [UInt8]) throws(PanelIssue) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PanelIssue(
                .csvNotUTF8, line: 0, th: "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8 ให้บันทึกใหม่เป็น CSV UTF-8",
                en: "the file is not UTF-8 text; save it again as CSV UTF-8")
        }
        return text
    }

    /// Splits `text` into records, each with the line number it starts on.
    package static func records(_ text: String) throws(PanelIssue) -> [CSVRecord] {
        let scalars = Array(text.unicodeScalars)
        var index = scalars.first == "\u{FEFF}" ? 1 : 0
        var line = 1
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var afterQuote = false
        var recordHasQuote = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields == [""] && !recordHasQuote) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            recordHasQuote = false
        }

        while index < scalars.count {
            let c = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            if inQuotes {
                if c == "\"" {
                    if next == "\"" {
                        field.append("\"")
                        index += 2
                    } else {
                        inQuotes = false
                        afterQuote = true
                        index += 1
                    }
                    continue
                }
                if c == "\r" && next == "\n" {
                    field.append(c)
                    field.append("\n")
                    line += 1
                    index += 2
                    continue
                }
                if c == "\n" || c == "\r" { line += 1 }
                field.append(c)
                index += 1
                continue
            }
            switch c {
            case ",":
                endField()
                index += 1
            case "\r", "\n":
                endRecord()
                index += (c == "\r" && next == "\n") ? 2 : 1
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty && !afterQuote else {
                    throw PanelIssue(
                        .strayQuote, line: line,
                        th: "พบเครื่องหมายอัญประกาศ (\") กลางข้อมูลที่ไม่ได้อยู่ในอัญประกาศ ให้ครอบทั้งช่องด้วยอัญประกาศและเขียน \"\" แทนอัญประกาศหนึ่งตัว",
                        en: "a double quote inside an unquoted field; quote the whole field and write \"\" for one quote"
                    )
                }
                inQuotes = true
                recordHasQuote = true
                quoteLine = line
                index += 1
            default:
                if afterQuote {
                    throw PanelIssue(
                        .strayQuote, line: line,
                        th: "มีข้อความต่อท้ายหลังอัญประกาศปิด ข้อมูลในช่องนี้ต้องอยู่ภายในอัญประกาศทั้งหมด",
                        en: "text after a closing double quote; the whole field must be inside the quotes"
                    )
                }
                field.append(c)
                index += 1
            }
        }
        if inQuotes {
            throw PanelIssue(
                .unterminatedQuote, line: quoteLine,
                th: "อัญประกาศที่เปิดไว้ในบรรทัดนี้ไม่มีอัญประกาศปิดจนถึงท้ายไฟล์",
                en: "a quoted field opened on this line is never closed"
            )
        }
        if !field.isEmpty || !fields.isEmpty || afterQuote || recordHasQuote { endRecord() }
        return records
    }

    /// Reads a table whose first record must be exactly `columns`, same names in the same order (white space
    /// around a header name is ignored, letter case is not). Every other record must have as many fields.
    /// Structural problems are returned as issues with their line numbers; rows with a wrong field count are left out.
    package static func table(_ text: String, columns: [String]) -> (rows: [CSVRow], issues: [PanelIssue]) {
        let records: [CSVRecord]
        do {
            records = try CSV.records(text)
        } catch {
            return ([], [error])
        }
        guard let header = records.first else {
            return ([], [PanelIssue(.emptyCSV, line: 0, th: "ไฟล์ว่างเปล่า ไม่มีแถวหัวตาราง", en: "the file is empty: no header line")])
        }
        let names = header.fields.map(\.trimmingWhitespace)
        guard names == columns else {
            let expected = columns.joined(separator: ",")
            let found = names.joined(separator: ",")
            return (
                [],
                [
                    PanelIssue(
                        .headerMismatch, line: header.line,
                        th: "หัวตารางต้องเป็น \(expected) ตามลำดับนี้พอดี แต่พบ \(found)",
                        en: "the header must be exactly \(expected) in this order, found \(found)"
                    )
                ]
            )
        }
        var rows: [CSVRow] = []
        var issues: [PanelIssue] = []
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                issues.append(
                    PanelIssue(
                        .fieldCount, line: record.line,
                        th: "แถวนี้มี \(record.fields.count) ช่อง แต่หัวตารางมี \(columns.count) ช่อง",
                        en: "this record has \(record.fields.count) fields, the header has \(columns.count)"
                    ))
                continue
            }
            rows.append(CSVRow(line: record.line, columns: columns, fields: record.fields.map(\.trimmingWhitespace)))
        }
        return (rows, issues)
    }
}

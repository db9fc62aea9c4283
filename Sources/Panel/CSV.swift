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
        guard let text = String(validating: bytes, as: UTF8.self) else { throw notUTF8Issue }
        return text
    }

    /// A file that is not UTF-8 text: refused as a whole, whatever else it holds.
    static let notUTF8Issue = PanelIssue(
        .csvNotUTF8, line: 0, th: "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8 ให้บันทึกใหม่เป็น CSV UTF-8",
        en: "the file is not UTF-8 text; save it again as CSV UTF-8")

    /// Splits `text` into records, each with the line number it starts on.
    package static func records(_ text: String) throws(PanelIssue) -> [CSVRecord] {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        parser.feed(text.utf8) { records.append($0) }
        if let issue = parser.finish({ records.append($0) }) { throw issue }
        return records
    }

    /// Reads a table whose first record must be exactly `columns`, same names in the same order (white space
    /// around a header name is ignored, letter case is not). Every other record must have as many fields.
    /// Structural problems are returned as issues with their line numbers; rows with a wrong field count are left out.
    package static func table(_ text: String, columns: [String]) -> (rows: [CSVRow], issues: [PanelIssue]) {
        let table = table(text, shapes: [columns])
        return (table.rows, table.issues)
    }

    /// Reads a table whose header is exactly one of `shapes` (the current shape first, then older ones still
    /// read); `shape` is the index of the one found, nil when none matched (then `issues` says so).
    package static func table(_ text: String, shapes: [[String]]) -> (rows: [CSVRow], issues: [PanelIssue], shape: Int?) {
        var reader = CSVTableReader(shapes: shapes)
        var rows: [CSVRow] = []
        var issues: [PanelIssue] = []
        reader.feed(text.utf8, row: { rows.append($0) }, issue: { issues.append($0) })
        if let refused = reader.finish(row: { rows.append($0) }, issue: { issues.append($0) }) { return ([], [refused], nil) }
        return (rows, issues, reader.shape)
    }
}

/// The RFC 4180 reader of `CSV`, fed the bytes of a file as they are read, so that a file of millions of rows is
/// never held whole: each record goes to the caller as soon as it ends. The rules are `CSV`'s; every field must be
/// UTF-8 (delimiters are ASCII bytes, so checking each field checks the whole file). A problem that makes the whole
/// file unreadable (not UTF-8, a stray or unterminated quote) stops the records; the rest of the input is still
/// checked for UTF-8, which `finish` reports first, as the file-level problem that voids everything else found.
package struct CSVParser {
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var inQuotes = false
    private var afterQuote = false
    private var recordHasQuote = false
    /// A quote inside a quoted field whose meaning (a doubled quote or the end of the field) the next byte decides.
    private var quotePending = false
    /// A carriage return just seen: a line feed right after it belongs to the same line break.
    private var crPending = false
    /// The first bytes, held until they can be told apart from a byte-order mark.
    private var head: [UInt8] = []
    private var started = false
    private var fields: [String] = []
    private var field: [UInt8] = []
    /// The structural problem found, after which no record is given.
    private var failure: PanelIssue?
    private var notUTF8 = false

    package init() {}

    /// Reads the next bytes of the file; records ended by them go to `record` in file order.
    package mutating func feed<Bytes: Sequence<UInt8>>(_ bytes: Bytes, _ record: (CSVRecord) throws -> Void) rethrows {
        for byte in bytes {
            if !started {
                head.append(byte)
                if head.count < 3 && head == Array(Self.byteOrderMark.prefix(head.count)) { continue }
                try startBody(record)
                continue
            }
            try consume(byte, record)
        }
    }

    /// Ends the input: gives the last record and returns the problem that makes the whole file unreadable, if any.
    package mutating func finish(_ record: (CSVRecord) throws -> Void) rethrows -> PanelIssue? {
        if !started { try startBody(record) }
        if !notUTF8 && failure == nil {
            if quotePending {
                quotePending = false
                inQuotes = false
                afterQuote = true
            }
            crPending = false
            if inQuotes {
                fail(
                    PanelIssue(
                        .unterminatedQuote, line: quoteLine,
                        th: "อัญประกาศที่เปิดไว้ในบรรทัดนี้ไม่มีอัญประกาศปิดจนถึงท้ายไฟล์",
                        en: "a quoted field opened on this line is never closed"
                    ))
            } else if !field.isEmpty || !fields.isEmpty || afterQuote || recordHasQuote {
                try endRecord(record)
            }
        } else if !notUTF8 {
            endRun()
        }
        if notUTF8 { return CSV.notUTF8Issue }
        return failure
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private mutating func startBody(_ record: (CSVRecord) throws -> Void) rethrows {
        started = true
        let held = head == Self.byteOrderMark ? [] : head
        head = []
        for byte in held { try consume(byte, record) }
    }

    private mutating func consume(_ byte: UInt8, _ record: (CSVRecord) throws -> Void) rethrows {
        if notUTF8 { return }
        if failure != nil {
            // Nothing more is read into records; the rest is only checked for UTF-8, a run of non-ASCII bytes at a time.
            if byte < 0x80 {
                endRun()
            } else {
                field.append(byte)
            }
            return
        }
        if crPending {
            crPending = false
            if byte == UInt8(ascii: "\n") {
                if inQuotes { field.append(byte) }
                return
            }
        }
        if inQuotes {
            if quotePending {
                quotePending = false
                if byte == UInt8(ascii: "\"") {
                    field.append(byte)
                    return
                }
                inQuotes = false
                afterQuote = true
                try consumeUnquoted(byte, record)
                return
            }
            switch byte {
            case UInt8(ascii: "\""):
                quotePending = true
            case UInt8(ascii: "\r"):
                field.append(byte)
                line += 1
                crPending = true
            case UInt8(ascii: "\n"):
                field.append(byte)
                line += 1
            default:
                field.append(byte)
            }
            return
        }
        try consumeUnquoted(byte, record)
    }

    private mutating func consumeUnquoted(_ byte: UInt8, _ record: (CSVRecord) throws -> Void) rethrows {
        switch byte {
        case UInt8(ascii: ","):
            endField()
        case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            try endRecord(record)
            line += 1
            recordLine = line
            crPending = byte == UInt8(ascii: "\r")
        case UInt8(ascii: "\""):
            guard field.isEmpty && !afterQuote else {
                fail(
                    PanelIssue(
                        .strayQuote, line: line,
                        th: "พบเครื่องหมายอัญประกาศ (\") กลางข้อมูลที่ไม่ได้อยู่ในอัญประกาศ ให้ครอบทั้งช่องด้วยอัญประกาศและเขียน \"\" แทนอัญประกาศหนึ่งตัว",
                        en: "a double quote inside an unquoted field; quote the whole field and write \"\" for one quote"
                    ))
                return
            }
            inQuotes = true
            recordHasQuote = true
            quoteLine = line
        default:
            if afterQuote {
                fail(
                    PanelIssue(
                        .strayQuote, line: line,
                        th: "มีข้อความต่อท้ายหลังอัญประกาศปิด ข้อมูลในช่องนี้ต้องอยู่ภายในอัญประกาศทั้งหมด",
                        en: "text after a closing double quote; the whole field must be inside the quotes"
                    ))
                return
            }
            field.append(byte)
        }
    }

    private mutating func fail(_ issue: PanelIssue) {
        failure = issue
        // The field read so far is still checked for UTF-8, with the rest of the input.
        fields = []
        endRun()
    }

    /// Checks the non-ASCII run held in `field` (read after a failure) and drops it.
    private mutating func endRun() {
        if String(validating: field, as: UTF8.self) == nil { notUTF8 = true }
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endField() {
        if let text = String(validating: field, as: UTF8.self) {
            fields.append(text)
        } else {
            notUTF8 = true
        }
        field.removeAll(keepingCapacity: true)
        afterQuote = false
    }

    private mutating func endRecord(_ record: (CSVRecord) throws -> Void) rethrows {
        endField()
        if !notUTF8 && !(fields == [""] && !recordHasQuote) {
            try record(CSVRecord(line: recordLine, fields: fields))
        }
        fields = []
        recordHasQuote = false
    }
}

/// A table read as its bytes arrive (`CSV.table`'s rules): the first record must be exactly one of `shapes`, every
/// other record becomes a row, trimmed, or an issue when its number of fields differs from the header's.
package struct CSVTableReader {
    private var parser = CSVParser()
    private let shapes: [[String]]
    /// The index in `shapes` of the header found; nil before it is read or when it matched none.
    package private(set) var shape: Int?
    private var columns: [String] = []
    private var headerSeen = false
    private var headerIssue: PanelIssue?

    /// A reader for a table whose header is exactly one of `shapes` (the current shape first, then older ones).
    package init(shapes: [[String]]) {
        self.shapes = shapes
    }

    /// Reads the next bytes: each complete row goes to `row`, each row with a wrong number of fields to `issue`.
    package mutating func feed<Bytes: Sequence<UInt8>>(
        _ bytes: Bytes, row: (CSVRow) throws -> Void, issue: (PanelIssue) throws -> Void
    ) rethrows {
        // The parser is taken out while it hands over records, which `take` reads into the rest of the reader.
        var parser = CSVParser()
        swap(&parser, &self.parser)
        defer { self.parser = parser }
        try parser.feed(bytes) { try take($0, row: row, issue: issue) }
    }

    /// Ends the input (the last row, if any, goes to `row` or `issue`) and returns the problem that refuses the whole
    /// file: not UTF-8, a stray or unterminated quote, no header or a header of another shape. When it is not nil,
    /// every row and issue given before is void.
    package mutating func finish(row: (CSVRow) throws -> Void, issue: (PanelIssue) throws -> Void) rethrows -> PanelIssue? {
        // The parser is taken out while it hands over records, which `take` reads into the rest of the reader.
        var parser = CSVParser()
        swap(&parser, &self.parser)
        defer { self.parser = parser }
        if let refused = try parser.finish({ try take($0, row: row, issue: issue) }) { return refused }
        if let headerIssue { return headerIssue }
        guard headerSeen else { return PanelIssue(.emptyCSV, line: 0, th: "ไฟล์ว่างเปล่า ไม่มีแถวหัวตาราง", en: "the file is empty: no header line") }
        return nil
    }

    private mutating func take(_ record: CSVRecord, row: (CSVRow) throws -> Void, issue: (PanelIssue) throws -> Void) rethrows {
        guard headerSeen else {
            headerSeen = true
            header(record)
            return
        }
        guard headerIssue == nil else { return }
        guard record.fields.count == columns.count else {
            try issue(
                PanelIssue(
                    .fieldCount, line: record.line,
                    th: "แถวนี้มี \(record.fields.count) ช่อง แต่หัวตารางมี \(columns.count) ช่อง",
                    en: "this record has \(record.fields.count) fields, the header has \(columns.count)"
                ))
            return
        }
        try row(CSVRow(line: record.line, columns: columns, fields: record.fields.map(\.trimmingWhitespace)))
    }

    private mutating func header(_ header: CSVRecord) {
        let names = header.fields.map(\.trimmingWhitespace)
        guard let found = shapes.firstIndex(of: names) else {
            let expected = shapes.first?.joined(separator: ",") ?? ""
            let older = shapes.dropFirst().map { $0.joined(separator: ",") }
            let found = names.joined(separator: ",")
            let orTH = older.isEmpty ? "" : " (หรือแบบเดิม \(older.joined(separator: " หรือ ")))"
            let orEN = older.isEmpty ? "" : " (or the older \(older.joined(separator: " or ")))"
            headerIssue = PanelIssue(
                .headerMismatch, line: header.line,
                th: "หัวตารางต้องเป็น \(expected)\(orTH) ตามลำดับนี้พอดี แต่พบ \(found)",
                en: "the header must be exactly \(expected)\(orEN) in this order, found \(found)"
            )
            return
        }
        shape = found
        columns = shapes[found]
    }
}

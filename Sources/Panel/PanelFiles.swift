import Model

/// The rows read from one file and the issues found; when `issues` is not empty the caller stores nothing.
package struct Parsed<Value: Sendable>: Sendable {
    package let rows: [FileRow<Value>]
    package let issues: [PanelIssue]

    /// Whether the file can be stored as a whole.
    package var isValid: Bool { issues.isEmpty }
}

/// Typed readers for the three panel CSV files. Each requires the exact header given by its `…Columns` constant.
package enum PanelFiles {
    package static let judgeColumns = ["id", "name", "ministry", "province", "agency"]
    package static let conflictColumns = ["judge", "application", "reason"]
    package static let scoreColumns = ["judge", "application", "criterion", "percent", "comment", "strength", "opportunity"]
    /// The scores file before strengths and opportunities had columns of their own; still read, with the comment
    /// markers of `oldShapeFeedback`.
    package static let oldScoreColumns = ["judge", "application", "criterion", "percent", "comment"]

    /// Reads a judges file: `id` and `name` required, ids unique; an empty ministry, province or agency is nil.
    package static func judges(_ text: String) -> Parsed<Judge> {
        var firstLine: [String: Int] = [:]
        return read(text, columns: judgeColumns, required: ["id", "name"]) { row throws(PanelIssue) in
            guard Judge.isSafeID(row["id"]) else { throw Judge.unsafeIDIssue(row["id"], line: row.line, column: "id") }
            if let first = firstLine[row["id"]] {
                throw PanelIssue(
                    .duplicateJudge, line: row.line, column: "id", th: "รหัสกรรมการ \(row["id"]) ซ้ำกับบรรทัดที่ \(first)",
                    en: "judge id \(row["id"]) already appears on line \(first)")
            }
            firstLine[row["id"]] = row.line
            func optional(_ column: String) -> String? { row[column].isEmpty ? nil : row[column] }
            return Judge(
                id: row["id"], name: row["name"], ministry: optional("ministry"), province: optional("province"),
                agency: optional("agency"))
        }
    }

    /// Reads a declared-conflicts file: `judge` and `application` required, `reason` optional.
    package static func conflicts(_ text: String) -> Parsed<Conflict> {
        read(text, columns: conflictColumns, required: ["judge", "application"]) { row in
            Conflict(judge: row["judge"], application: row["application"], reason: row["reason"])
        }
    }

    /// Reads a scores file: everything but `comment`, `strength` and `opportunity` required, `percent` a plain
    /// decimal number (ASCII or Thai digits, optional fraction); an empty text becomes nil and no band is set. A
    /// file of the old shape (`oldScoreColumns`) has its comments read through `oldShapeFeedback`. Range, step and
    /// assignment checks are `ScoreRules.check`.
    package static func scores(_ text: String) -> Parsed<Score> {
        read(text, columns: scoreColumns, older: [oldScoreColumns], required: scoreRequired, value: score)
    }

    static let scoreRequired = ["judge", "application", "criterion", "percent"]

    /// The score of one row of a scores file; throws the issue that refuses it.
    static func score(_ row: CSVRow) throws(PanelIssue) -> Score {
        guard let percent = decimal(row["percent"]) else {
            throw PanelIssue(
                .notANumber, line: row.line, column: "percent", th: "ค่าร้อยละ \"\(row["percent"])\" ไม่ใช่ตัวเลข",
                en: "percent \"\(row["percent"])\" is not a number")
        }
        func optional(_ column: String) -> String? { row[column].isEmpty ? nil : row[column] }
        let score = Score(
            judge: row["judge"], application: row["application"], criterion: row["criterion"], percent: percent,
            comment: optional("comment"), strength: optional("strength"), opportunity: optional("opportunity"))
        return row.columns == oldScoreColumns ? oldShapeFeedback(score) : score
    }

    /// The one reading of a panel file: the exact header `columns` (or one of the `older` shapes still read), then
    /// every row whose `requiredColumns` are filled handed to `value`, which gives the row's value or throws the
    /// issue that refuses it.
    private static func read<Value: Sendable>(
        _ text: String, columns: [String], older: [[String]] = [], required requiredColumns: [String],
        value: (CSVRow) throws(PanelIssue) -> Value
    ) -> Parsed<Value> {
        let table = CSV.table(text, shapes: [columns] + older)
        var issues = table.issues
        var rows: [FileRow<Value>] = []
        for row in table.rows {
            if let read = take(row, required: requiredColumns, issues: &issues, value: value) { rows.append(read) }
        }
        return Parsed(rows: rows, issues: issues.sorted(by: PanelIssue.sourceOrder))
    }

    /// One row of a panel file: its value when its `requiredColumns` are filled and `value` accepts it, else nil
    /// after adding the issues that refuse it.
    private static func take<Value: Sendable>(
        _ row: CSVRow, required requiredColumns: [String], issues: inout [PanelIssue], value: (CSVRow) throws(PanelIssue) -> Value
    ) -> FileRow<Value>? {
        let missing = required(requiredColumns, in: row)
        issues += missing
        guard missing.isEmpty else { return nil }
        do {
            return FileRow(try value(row), line: row.line)
        } catch {
            issues.append(error)
            return nil
        }
    }

    /// A scores file read as its bytes arrive, with the rules of `scores(_:)`, so that a file of millions of rows is
    /// never held: each row's score or issues go to the caller as soon as the row ends.
    package struct ScoresReader {
        private var table = CSVTableReader(shapes: [PanelFiles.scoreColumns, PanelFiles.oldScoreColumns])

        package init() {}

        /// Reads the next bytes of the file: each row's score goes to `row`, each problem of a row to `issue`.
        package mutating func feed<Bytes: Sequence<UInt8>>(
            _ bytes: Bytes, row: (FileRow<Score>) throws -> Void, issue: (PanelIssue) throws -> Void
        ) rethrows {
            try table.feed(bytes, row: { try Self.take($0, row: row, issue: issue) }, issue: issue)
        }

        /// Ends the file (its last row goes to `row` or `issue`) and returns the problem that refuses it as a whole
        /// (`CSVTableReader.finish`): when not nil, every row and issue given before is void.
        package mutating func finish(row: (FileRow<Score>) throws -> Void, issue: (PanelIssue) throws -> Void) rethrows -> PanelIssue? {
            try table.finish(row: { try Self.take($0, row: row, issue: issue) }, issue: issue)
        }

        private static func take(_ csvRow: CSVRow, row: (FileRow<Score>) throws -> Void, issue: (PanelIssue) throws -> Void) rethrows {
            var issues: [PanelIssue] = []
            let read = PanelFiles.take(csvRow, required: PanelFiles.scoreRequired, issues: &issues, value: PanelFiles.score)
            for found in issues { try issue(found) }
            if let read { try row(read) }
        }
    }

    /// The markers of `oldShapeFeedback`, lowercase, each with whether it marks a strength.
    private static let feedbackMarks: [(String, Bool)] =
        ["+", "จุดแข็ง", "strength"].map { ($0, true) } + ["-", "โอกาสในการปรับปรุง", "โอกาสพัฒนา", "ofi", "opportunity"].map { ($0, false) }

    /// The convention of scores files of the old shape, which had no strength or opportunity column: a comment
    /// starting with `+`, `จุดแข็ง` or `strength` is a strength; one starting with `-`, `โอกาสในการปรับปรุง`,
    /// `โอกาสพัฒนา`, `OFI` or `opportunity` (any letter case) an opportunity for improvement. The marker and a
    /// following colon are removed and the text moves out of the comment; any other comment stays a comment.
    package static func oldShapeFeedback(_ score: Score) -> Score {
        guard let comment = score.comment?.trimmingWhitespace, !comment.isEmpty else { return score }
        let lowercased = comment.lowercased()
        guard let (mark, isStrength) = feedbackMarks.first(where: { lowercased.hasPrefix($0.0) }) else { return score }
        var text = String(comment.dropFirst(mark.count))
        while let first = text.unicodeScalars.first, first == ":" || first == "：" || first.properties.isWhitespace {
            text.removeFirst()
        }
        guard !text.isEmpty else { return score }
        var marked = score
        marked.comment = nil
        if isStrength { marked.strength = text } else { marked.opportunity = text }
        return marked
    }

    /// A plain decimal: optional minus sign, digits, optional `.` and digits. Thai digits are accepted.
    /// Exponents, hexadecimal, `nan` and `inf` are refused.
    static func decimal(_ text: String) -> Double? {
        // ASCII digits only, the usual percent: nothing to rewrite.
        if (1...15).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return Double(text) }
        let ascii = Thai.asciiDigits(text)
        var body = Substring(ascii)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts.count == 1 || !parts[1].isEmpty
        else { return nil }
        return Double(ascii)
    }

    private static func required(_ columns: [String], in row: CSVRow) -> [PanelIssue] {
        columns.filter { row[$0].isEmpty }.map { column in
            PanelIssue(
                .missingValue, line: row.line, column: column,
                th: "ช่อง \(column) ต้องมีข้อมูล", en: "column \(column) must not be empty"
            )
        }
    }
}

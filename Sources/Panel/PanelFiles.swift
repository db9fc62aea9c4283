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
        return read(text, columns: judgeColumns, required: ["id", "name"]) { row, issues in
            guard Judge.isSafeID(row["id"]) else {
                issues.append(Judge.unsafeIDIssue(row["id"], line: row.line, column: "id"))
                return nil
            }
            if let first = firstLine[row["id"]] {
                issues.append(
                    PanelIssue(
                        .duplicateJudge, line: row.line, column: "id",
                        th: "รหัสกรรมการ \(row["id"]) ซ้ำกับบรรทัดที่ \(first)",
                        en: "judge id \(row["id"]) already appears on line \(first)"
                    ))
                return nil
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
        read(text, columns: conflictColumns, required: ["judge", "application"]) { row, _ in
            Conflict(judge: row["judge"], application: row["application"], reason: row["reason"])
        }
    }

    /// Reads a scores file: everything but `comment`, `strength` and `opportunity` required, `percent` a plain
    /// decimal number (ASCII or Thai digits, optional fraction); an empty text becomes nil and no band is set. A
    /// file of the old shape (`oldScoreColumns`) has its comments read through `oldShapeFeedback`. Range, step and
    /// assignment checks are `ScoreRules.check`.
    package static func scores(_ text: String) -> Parsed<Score> {
        read(text, columns: scoreColumns, older: [oldScoreColumns], required: ["judge", "application", "criterion", "percent"]) {
            row, issues in
            guard let percent = decimal(row["percent"]) else {
                issues.append(
                    PanelIssue(
                        .notANumber, line: row.line, column: "percent",
                        th: "ค่าร้อยละ \"\(row["percent"])\" ไม่ใช่ตัวเลข",
                        en: "percent \"\(row["percent"])\" is not a number"
                    ))
                return nil
            }
            func optional(_ column: String) -> String? { row[column].isEmpty ? nil : row[column] }
            let score = Score(
                judge: row["judge"], application: row["application"], criterion: row["criterion"], percent: percent,
                comment: optional("comment"), strength: optional("strength"), opportunity: optional("opportunity"))
            return row.columns == oldScoreColumns ? oldShapeFeedback(score) : score
        }
    }

    /// The one reading of a panel file: the exact header `columns` (or one of the `older` shapes still read), then
    /// every row whose `requiredColumns` are filled handed to `value`, which gives the row's value or nil after
    /// adding the issue that refuses it.
    private static func read<Value: Sendable>(
        _ text: String, columns: [String], older: [[String]] = [], required requiredColumns: [String],
        value: (CSVRow, inout [PanelIssue]) -> Value?
    ) -> Parsed<Value> {
        let table = CSV.table(text, shapes: [columns] + older)
        var issues = table.issues
        var rows: [FileRow<Value>] = []
        for row in table.rows {
            let missing = required(requiredColumns, in: row)
            issues += missing
            guard missing.isEmpty else { continue }
            if let read = value(row, &issues) { rows.append(FileRow(read, line: row.line)) }
        }
        return Parsed(rows: rows, issues: issues.sorted(by: PanelIssue.sourceOrder))
    }

    /// The convention of scores files of the old shape, which had no strength or opportunity column: a comment
    /// starting with `+`, `จุดแข็ง` or `strength` is a strength; one starting with `-`, `โอกาสในการปรับปรุง`,
    /// `โอกาสพัฒนา`, `OFI` or `opportunity` (any letter case) an opportunity for improvement. The marker and a
    /// following colon are removed and the text moves out of the comment; any other comment stays a comment.
    package static func oldShapeFeedback(_ score: Score) -> Score {
        guard let comment = score.comment?.trimmingWhitespace, !comment.isEmpty else { return score }
        let marks: [(String, Bool)] =
            ["+", "จุดแข็ง", "strength"].map { ($0, true) } + ["-", "โอกาสในการปรับปรุง", "โอกาสพัฒนา", "ofi", "opportunity"].map { ($0, false) }
        guard let (mark, isStrength) = marks.first(where: { comment.lowercased().hasPrefix($0.0) }) else { return score }
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

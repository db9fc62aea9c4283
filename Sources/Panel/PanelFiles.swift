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
    package static let scoreColumns = ["judge", "application", "criterion", "percent", "comment"]

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

    /// Reads a scores file: everything but `comment` required, `percent` a plain decimal number (ASCII or Thai
    /// digits, optional fraction); an empty comment becomes nil and no band is set. Range, step and assignment
    /// checks are `ScoreRules.check`.
    package static func scores(_ text: String) -> Parsed<Score> {
        read(text, columns: scoreColumns, required: ["judge", "application", "criterion", "percent"]) { row, issues in
            guard let percent = decimal(row["percent"]) else {
                issues.append(
                    PanelIssue(
                        .notANumber, line: row.line, column: "percent",
                        th: "ค่าร้อยละ \"\(row["percent"])\" ไม่ใช่ตัวเลข",
                        en: "percent \"\(row["percent"])\" is not a number"
                    ))
                return nil
            }
            let comment = row["comment"]
            return Score(
                judge: row["judge"], application: row["application"], criterion: row["criterion"], percent: percent,
                comment: comment.isEmpty ? nil : comment)
        }
    }

    /// The one reading of a panel file: the exact header `columns`, then every row whose `requiredColumns` are
    /// filled handed to `value`, which gives the row's value or nil after adding the issue that refuses it.
    private static func read<Value: Sendable>(
        _ text: String, columns: [String], required requiredColumns: [String],
        value: (CSVRow, inout [PanelIssue]) -> Value?
    ) -> Parsed<Value> {
        let table = CSV.table(text, columns: columns)
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

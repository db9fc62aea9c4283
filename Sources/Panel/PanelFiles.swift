import Model

/// A judge from the judges file. Ministry, province and agency may be empty; they feed the automatic conflicts.
public struct JudgeProfile: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var ministry: String
    public var province: String
    public var agency: String
    /// The source line in the judges file; 0 when the judge was not read from a file.
    public var line: Int

    public init(id: String, name: String, ministry: String = "", province: String = "", agency: String = "", line: Int = 0) {
        self.id = id
        self.name = name
        self.ministry = ministry
        self.province = province
        self.agency = agency
        self.line = line
    }
}

/// A conflict of interest declared by a judge (or by staff) for one application.
public struct DeclaredConflict: Sendable, Hashable, Codable {
    public var judge: String
    public var application: String
    public var reason: String
    public var line: Int

    public init(judge: String, application: String, reason: String, line: Int = 0) {
        self.judge = judge
        self.application = application
        self.reason = reason
        self.line = line
    }
}

/// One row of a scores file: a judge's percent for one criterion of one application.
public struct ScoreRow: Sendable, Hashable, Codable {
    public var judge: String
    public var application: String
    public var criterion: String
    public var percent: Double
    public var comment: String
    public var line: Int

    public init(judge: String, application: String, criterion: String, percent: Double, comment: String = "", line: Int = 0) {
        self.judge = judge
        self.application = application
        self.criterion = criterion
        self.percent = percent
        self.comment = comment
        self.line = line
    }

    /// The score without its file details, as aggregation and reliability take it.
    public var score: JudgeScore { JudgeScore(judge: judge, application: application, criterion: criterion, percent: percent) }
}

/// The rows read from one file and the issues found; when `issues` is not empty the caller stores nothing.
public struct Parsed<Row: Sendable>: Sendable {
    public let rows: [Row]
    public let issues: [PanelIssue]

    /// Whether the file can be stored as a whole.
    public var isValid: Bool { issues.isEmpty }
}

/// Typed readers for the three panel CSV files. Each requires the exact header given by its `…Columns` constant.
public enum PanelFiles {
    public static let judgeColumns = ["id", "name", "ministry", "province", "agency"]
    public static let conflictColumns = ["judge", "application", "reason"]
    public static let scoreColumns = ["judge", "application", "criterion", "percent", "comment"]

    /// Reads a judges file: `id` and `name` required, ids unique.
    public static func judges(_ text: String) -> Parsed<JudgeProfile> {
        let table = CSV.table(text, columns: judgeColumns)
        var issues = table.issues
        var judges: [JudgeProfile] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let missing = required(["id", "name"], in: row)
            issues += missing
            guard missing.isEmpty else { continue }
            if let first = firstLine[row["id"]] {
                issues.append(PanelIssue(
                    .duplicateJudge, line: row.line, column: "id",
                    th: "รหัสกรรมการ \(row["id"]) ซ้ำกับบรรทัดที่ \(first)",
                    en: "judge id \(row["id"]) already appears on line \(first)"
                ))
                continue
            }
            firstLine[row["id"]] = row.line
            judges.append(JudgeProfile(
                id: row["id"], name: row["name"], ministry: row["ministry"],
                province: row["province"], agency: row["agency"], line: row.line
            ))
        }
        return Parsed(rows: judges, issues: issues.sorted(by: PanelIssue.sourceOrder))
    }

    /// Reads a declared-conflicts file: `judge` and `application` required, `reason` optional.
    public static func conflicts(_ text: String) -> Parsed<DeclaredConflict> {
        let table = CSV.table(text, columns: conflictColumns)
        var issues = table.issues
        var conflicts: [DeclaredConflict] = []
        for row in table.rows {
            let missing = required(["judge", "application"], in: row)
            issues += missing
            guard missing.isEmpty else { continue }
            conflicts.append(DeclaredConflict(judge: row["judge"], application: row["application"], reason: row["reason"], line: row.line))
        }
        return Parsed(rows: conflicts, issues: issues.sorted(by: PanelIssue.sourceOrder))
    }

    /// Reads a scores file: everything but `comment` required, `percent` a plain decimal number (ASCII or Thai
    /// digits, optional fraction). Range, step and assignment checks are `ScoreRules.check`.
    public static func scores(_ text: String) -> Parsed<ScoreRow> {
        let table = CSV.table(text, columns: scoreColumns)
        var issues = table.issues
        var scores: [ScoreRow] = []
        for row in table.rows {
            let missing = required(["judge", "application", "criterion", "percent"], in: row)
            issues += missing
            guard missing.isEmpty else { continue }
            guard let percent = decimal(row["percent"]) else {
                issues.append(PanelIssue(
                    .notANumber, line: row.line, column: "percent",
                    th: "ค่าร้อยละ \"\(row["percent"])\" ไม่ใช่ตัวเลข",
                    en: "percent \"\(row["percent"])\" is not a number"
                ))
                continue
            }
            scores.append(ScoreRow(
                judge: row["judge"], application: row["application"], criterion: row["criterion"],
                percent: percent, comment: row["comment"], line: row.line
            ))
        }
        return Parsed(rows: scores, issues: issues.sorted(by: PanelIssue.sourceOrder))
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

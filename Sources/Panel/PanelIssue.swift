import Model

/// A problem found in a panel CSV file (judges, conflicts, scores): a stable code, the line of the record,
/// the column concerned and a message in Thai and English. Panel files are all-or-nothing: when any issue
/// is reported, the caller stores nothing from that file.
public struct PanelIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable codes of panel issues; a code is never reused for another meaning.
    public enum Code: String, Sendable, Hashable, CaseIterable, Codable {
        /// The file has no header line.
        case emptyFile = "PSEA-C001"
        /// The header line is not exactly the expected column names in the expected order.
        case headerMismatch = "PSEA-C002"
        /// A quoted field is never closed.
        case unterminatedQuote = "PSEA-C003"
        /// A double quote inside an unquoted field, or text after a closing quote.
        case strayQuote = "PSEA-C004"
        /// A record has more or fewer fields than the header.
        case fieldCount = "PSEA-C005"
        /// A required value is empty.
        case missingValue = "PSEA-C006"
        /// A percent is not a plain decimal number.
        case notANumber = "PSEA-C007"
        /// The file is not UTF-8 text.
        case notUTF8 = "PSEA-C008"
        /// A judge id appears twice in the judges file.
        case duplicateJudge = "PSEA-C009"
        /// A score from a judge who has a conflict of interest with the entry.
        case conflictedJudge = "PSEA-C010"
        /// A score from a judge not assigned to the entry.
        case unassignedJudge = "PSEA-C011"
        /// A score for a criterion the entry's rubric does not have.
        case unknownCriterion = "PSEA-C012"
        /// A score for a criterion computed automatically (only judged or hybrid criteria are scored by judges).
        case automaticCriterion = "PSEA-C013"
        /// A percent outside 0–100.
        case percentOutOfRange = "PSEA-C014"
        /// A percent that is not a multiple of 5.
        case percentOffStep = "PSEA-C015"
        /// The same judge, application and criterion twice in one file.
        case duplicateScore = "PSEA-C016"
    }

    public let code: Code
    /// The source line where the record starts (counting from 1, the header is line 1); 0 for the whole file.
    public let line: Int
    /// The column name from the header, when the issue is about one column.
    public let column: String?
    public let message: LocalizedText

    public init(_ code: Code, line: Int, column: String? = nil, th: String, en: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = LocalizedText(th: th, en: en)
    }

    public var description: String {
        let place = column.map { "line \(line), column \($0)" } ?? "line \(line)"
        return "\(code.rawValue) (\(place)): \(message.en)"
    }

    /// Orders issues by line, then code, then column, so reports never depend on discovery order.
    public static func sourceOrder(_ a: PanelIssue, _ b: PanelIssue) -> Bool {
        if a.line != b.line { return a.line < b.line }
        if a.code != b.code { return a.code.rawValue < b.code.rawValue }
        return (a.column ?? "") < (b.column ?? "")
    }
}

import Model

/// A problem found in a panel CSV file (judges, conflicts, scores): a stable code, the line of the record,
/// the column concerned and a message in Thai and English. Panel files are all-or-nothing: when any issue
/// is reported, the caller stores nothing from that file.
package struct PanelIssue: Error, Sendable, Hashable, CustomStringConvertible, Problem {
    /// A `PSEA-C…` code: one of the registry's Panel entries (`ProblemCode.emptyCSV` … `.duplicateScore`).
    package let code: String
    /// The source line where the record starts (counting from 1, the header is line 1); 0 for the whole file.
    package let line: Int
    /// The column name from the header, when the issue is about one column.
    package let column: String?
    package let message: LocalizedText

    package init(_ code: ProblemCode, line: Int, column: String? = nil, th: String, en: String) {
        self.code = code.code
        self.line = line
        self.column = column
        self.message = LocalizedText(th: th, en: en)
    }

    /// Panel issues refuse the whole file.
    package var severity: Severity { .error }

    /// `line N` or `line N, column NAME`.
    package var place: String { column.map { "line \(line), column \($0)" } ?? "line \(line)" }

    package var description: String { "\(code) (\(place)): \(message.en)" }

    /// Orders issues by line, then code, then column, so reports never depend on discovery order.
    package static func sourceOrder(_ a: PanelIssue, _ b: PanelIssue) -> Bool {
        if a.line != b.line { return a.line < b.line }
        if a.code != b.code { return a.code < b.code }
        return (a.column ?? "") < (b.column ?? "")
    }
}

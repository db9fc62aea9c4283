import Model
import Panel

/// A problem with one row of a round CSV file (or with a single command-line score), with its line: a Panel
/// issue or a check against the database. Files are all-or-nothing: one issue and nothing is stored.
package struct RoundIssue: Sendable, Hashable, Codable, Problem {
    /// A `PSEA-C…` (Panel) or `PSEA-RND…` (Round) code of the registry.
    package var code: String
    /// The CSV line (the header is line 1); 0 for the whole file or a command-line value.
    package var line: Int
    package var column: String?
    package var message: LocalizedText

    /// An issue found against the database, spelled as `PanelIssue`'s are: the registry code, the place, the text.
    package init(_ code: ProblemCode, line: Int, column: String? = nil, th: String, en: String) {
        self.init(code: code.code, line: line, column: column, message: LocalizedText(th: th, en: en))
    }

    init(_ issue: PanelIssue) {
        self.init(code: issue.code, line: issue.line, column: issue.column, message: issue.message)
    }

    private init(code: String, line: Int, column: String?, message: LocalizedText) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    /// A refused row refuses the whole file.
    package var severity: Severity { .error }

    /// `line N` (or `line N, column NAME`); `""` for the whole file or a command-line value.
    package var place: String {
        guard line > 0 else { return "" }
        return column.map { "line \(line), column \($0)" } ?? "line \(line)"
    }

    /// `FILE:LINE: CODE: message` (or `FILE: CODE: message` for line 0) in one language.
    package func text(file: String, language: Language) -> String {
        let place = line > 0 ? "\(file):\(line)" : file
        let column = column.map { " [\($0)]" } ?? ""
        return "\(place): error \(code)\(column): \(message.text(language))"
    }

    /// Orders issues by line, then code, then column.
    static func sourceOrder(_ a: RoundIssue, _ b: RoundIssue) -> Bool {
        (a.line, a.code, a.column ?? "") < (b.line, b.code, b.column ?? "")
    }
}

/// The result of importing one CSV file: its issues (then nothing was stored) or what was recorded.
package struct ImportResult: Sendable, Equatable {
    package var issues: [RoundIssue]
    /// Facts newly recorded.
    package var recorded: Int
    /// Rows already recorded with the same data.
    package var unchanged: Int

    /// Whether the file was stored.
    package var isValid: Bool { issues.isEmpty }

    package init(issues: [RoundIssue], recorded: Int = 0, unchanged: Int = 0) {
        self.issues = issues.sorted(by: RoundIssue.sourceOrder)
        self.recorded = recorded
        self.unchanged = unchanged
    }
}

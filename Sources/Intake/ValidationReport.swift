import Foundation
import Model

/// Renders intake results for people (one line per finding) and for programs (JSON).
package enum ValidationReport {
    /// One line per finding, `FILE:LINE:COL: error|warning CODE: message`, then a summary line; file names and
    /// messages are escaped for the terminal (`TerminalText.escaped`).
    package static func text(_ results: [IntakeResult], language: Language) -> String {
        findings(results, language: language) + summary(results, language: language) + "\n"
    }

    /// The finding lines alone, each ending in a newline: for printing results as they come.
    package static func findings(_ results: [IntakeResult], language: Language) -> String {
        var lines: [String] = []
        for result in results {
            for diagnostic in result.diagnostics {
                let line = diagnostic.location?.line ?? 1
                let column = diagnostic.location?.column ?? 1
                // The file name and the message (which may quote a value from the file) are escaped, so neither can
                // start a line of its own or reach the terminal as a control sequence.
                lines.append(
                    "\(TerminalText.escaped(result.file)):\(line):\(column): \(diagnostic.severity.rawValue) \(diagnostic.code): "
                        + TerminalText.escaped(diagnostic.message.text(language)))
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// A one-line count of files, errors and warnings.
    package static func summary(_ results: [IntakeResult], language: Language) -> String {
        let valid = results.filter(\.isValid).count
        let errors = results.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == .error }.count }
        let warnings = results.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == .warning }.count }
        switch language {
        case .th:
            return "ตรวจ \(results.count) ไฟล์: ผ่าน \(valid) ไม่ผ่าน \(results.count - valid); ข้อผิดพลาด \(errors) คำเตือน \(warnings)"
        case .en:
            return
                "checked \(results.count) file\(results.count == 1 ? "" : "s"): \(valid) valid, \(results.count - valid) invalid; \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        }
    }

    /// The JSON form: an array with one object per file.
    package static func json(_ results: [IntakeResult], language: Language) -> Data {
        let files = results.map { result in
            FileEntry(
                file: result.file, valid: result.isValid, format: result.format?.rawValue,
                diagnostics: result.diagnostics.map { diagnostic in
                    Entry(
                        severity: diagnostic.severity.rawValue, code: diagnostic.code,
                        message: diagnostic.message.text(language),
                        line: diagnostic.location?.line, column: diagnostic.location?.column,
                        path: diagnostic.location?.path ?? diagnostic.pointer)
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return ((try? encoder.encode(files)) ?? Data("[]".utf8)) + Data("\n".utf8)
    }

    private struct FileEntry: Encodable {
        let file: String
        let valid: Bool
        let format: String?
        let diagnostics: [Entry]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeListingNulls([.file: file, .valid: valid, .format: format, .diagnostics: diagnostics])
        }

        enum CodingKeys: String, CodingKey { case file, valid, format, diagnostics }
    }

    private struct Entry: Encodable {
        let severity: String
        let code: String
        let message: String
        let line: Int?
        let column: Int?
        let path: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeListingNulls([.severity: severity, .code: code, .message: message, .line: line, .column: column, .path: path])
        }

        enum CodingKeys: String, CodingKey { case severity, code, message, line, column, path }
    }
}

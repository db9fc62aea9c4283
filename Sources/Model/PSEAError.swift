/// An error that stops an operation (I/O, usage, a broken rubric file), as opposed to a `Diagnostic`
/// about an application's content. A stable code and context; the kinds behind it stay internal.
package struct PSEAError: Error, Sendable, CustomStringConvertible, Equatable, Problem {
    /// A stable code such as `PSEA-IO001`, one of `ProblemCode.all`.
    package let code: String
    package let message: LocalizedText
    /// What the error is about: a path, a field, a value.
    package let context: [String: String]
    /// Whether the error is about the caller's input (exit 1) rather than I/O or usage (exit 2); a caller may
    /// change it, e.g. when a broken rubric stops a command that only uses it.
    package var isInvalidInput: Bool

    package init(code: ProblemCode, message: LocalizedText, context: [String: String] = [:], isInvalidInput: Bool = false) {
        self.code = code.code
        self.message = message
        self.context = context
        self.isInvalidInput = isInvalidInput
    }

    package var description: String { "\(code): \(message.en)" }

    /// `error` when the caller's input is at fault (exit 1), `fatal` for I/O and usage (exit 2).
    package var severity: Severity { isInvalidInput ? .error : .fatal }

    /// The path the error is about, when it names one.
    package var place: String { context["path"] ?? "" }

    /// The message in one language, prefixed with the code.
    package func text(_ language: Language) -> String { "\(code): \(message.text(language))" }

    /// An error about the file or folder at `path`, which the context names (`place`): the one way every module
    /// builds one.
    package init(code: ProblemCode, path: String, th: String, en: String) {
        self.init(code: code, message: LocalizedText(th: th, en: en), context: ["path": path])
    }

    /// An invalid-input error (exit 1) about the application `id`, which the context names.
    package init(code: ProblemCode, application id: String, th: String, en: String) {
        self.init(code: code, message: LocalizedText(th: th, en: en), context: ["application": id], isInvalidInput: true)
    }

    /// A file or folder that cannot be read.
    package static func unreadable(_ path: String, reason: String) -> PSEAError {
        PSEAError(code: .fileUnreadable, path: path, verb: (th: "อ่านไฟล์", en: "cannot read"), reason: reason)
    }

    /// A file that cannot be written.
    package static func unwritable(_ path: String, reason: String) -> PSEAError {
        PSEAError(code: .fileUnwritable, path: path, verb: (th: "เขียนไฟล์", en: "cannot write"), reason: reason)
    }

    /// "`verb` `path` (escaped for the terminal) failed: `reason`".
    private init(code: ProblemCode, path: String, verb: (th: String, en: String), reason: String) {
        let shown = TerminalText.escaped(path)
        self.init(code: code, path: path, th: "\(verb.th) \(shown) ไม่ได้: \(reason)", en: "\(verb.en) \(shown): \(reason)")
    }
}

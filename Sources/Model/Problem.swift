/// What every module's findings and errors share, so that any of them prints the same way: a registry code,
/// a severity, a message in Thai and English, and where the problem is.
package protocol Problem: Sendable {
    /// The stable code, one of `ProblemCode.all` (e.g. `PSEA-E017`).
    var code: String { get }
    var severity: Severity { get }
    var message: LocalizedText { get }
    /// Where the problem is, in words (`3:14`, `line 4, column percent`, a file path); `""` when it is about
    /// the whole input.
    var place: String { get }
}

extension Problem {
    /// The registry entry of the code (its module and summary); nil only for a code the registry lacks.
    package var entry: ProblemCode? { ProblemCode.named(code) }

    /// `place: severity code: message` (or without the place when it is empty) in one language.
    package func formatted(_ language: Language) -> String {
        let head = place.isEmpty ? "" : "\(place): "
        return "\(head)\(severity.rawValue) \(code): \(message.text(language))"
    }
}

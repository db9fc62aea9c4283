/// A language for messages and reports.
package enum Language: String, Codable, Sendable, CaseIterable {
    case th, en
}

/// A message in Thai and in English.
@MemberwiseInit
package struct LocalizedText: Codable, Sendable, Hashable {
    package var th: String
    package var en: String

    /// The text in one language.
    package func text(_ language: Language) -> String { language == .th ? th : en }
}

/// Where a finding is in the source file. Lines and columns count from 1; a column of 0 means unknown.
@MemberwiseInit
package struct SourceLocation: Codable, Sendable, Hashable {
    package var line: Int
    package var column: Int
    /// The JSON pointer (JSON sources) or the XML element path (XML sources), e.g. `/activities/2/level`
    /// or `/application/activities/activity[3]/@level`.
    package var path: String
}

/// One problem found in an application: a stable code, a severity, a message in two languages and its place.
@MemberwiseInit
package struct Diagnostic: Codable, Sendable, Hashable {
    /// A finding's severity is `warning` or `error`, as its registry entry says.
    package typealias Severity = Model.Severity

    /// A stable code such as `PSEA-E017`; never reused for another meaning.
    package var code: String
    package var severity: Severity
    package var message: LocalizedText
    /// The JSON pointer into the application model (the same for XML and JSON sources); `""` is the whole file.
    package var pointer: String = ""
    /// The place in the source file, once the intake has resolved `pointer` against its source map.
    package var location: SourceLocation?

    /// Orders findings by their place in the file, then by code, so output never depends on discovery order.
    package static func sourceOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        let la = a.location.map { ($0.line, $0.column) } ?? (0, 0)
        let lb = b.location.map { ($0.line, $0.column) } ?? (0, 0)
        if la != lb { return la < lb }
        if a.code != b.code { return a.code < b.code }
        if a.pointer != b.pointer { return a.pointer < b.pointer }
        return a.message.en < b.message.en
    }
}

extension Diagnostic: Problem {
    /// `line:column` of the finding in its file once located, else its model pointer.
    package var place: String {
        location.map { "\($0.line):\($0.column)" } ?? pointer
    }
}

extension ProblemCode {
    /// A finding of this code at `pointer` (a JSON pointer into the model), with its own message.
    package func diagnostic(th: String, en: String, at pointer: String = "", location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(code: code, severity: severity, message: LocalizedText(th: th, en: en), pointer: pointer, location: location)
    }
}

/// Maps model pointers (`/activities/2/level`) to places in one source file.
/// A pointer with no entry of its own resolves to its nearest recorded ancestor.
package struct SourceMap: Sendable {
    private var entries: [String: SourceLocation] = [:]

    package init() {}

    /// Records where the value at `pointer` is written.
    package mutating func record(_ pointer: String, _ location: SourceLocation) {
        entries[pointer] = location
    }

    /// The place of `pointer`, or of its nearest recorded ancestor; nil only when nothing was recorded.
    package func locate(_ pointer: String) -> SourceLocation? {
        var current = Substring(pointer)
        while true {
            if let found = entries[String(current)] { return found }
            guard let slash = current.lastIndex(of: "/") else { return nil }
            current = current[..<slash]
        }
    }

    /// Fills in the location of each diagnostic that has none from its pointer.
    package func locate(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            guard diagnostic.location == nil else { return diagnostic }
            var located = diagnostic
            located.location = locate(diagnostic.pointer)
            return located
        }
    }
}

/// Builds JSON pointers (RFC 6901) from keys and indexes.
package enum Pointer {
    /// `/a/0/b` from `["a", 0, "b"]`-style components.
    package static func join(_ components: [any CustomStringConvertible]) -> String {
        components.map { "/" + escape($0.description) }.joined()
    }

    /// Escapes `~` and `/` in one reference token.
    package static func escape(_ token: String) -> String {
        // Almost every token is a plain key or an index: leave it untouched without a Foundation round trip.
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

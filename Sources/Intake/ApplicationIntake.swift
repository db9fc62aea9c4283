import Foundation
import Model

/// Limits and switches for reading applications.
@MemberwiseInit
package struct IntakeOptions: Sendable {
    /// Files larger than this are refused without being parsed (PSEA-E002).
    package var maxBytes: Int = IntakeOptions.defaultMaxBytes

    /// 10 MiB: far above any real application (5–40 KB), far below what could hurt the machine.
    package static let defaultMaxBytes = 10 * 1024 * 1024

    /// The readers refuse anything larger than this (32 MiB), whatever `maxBytes` says: a last line of defence.
    package static let ceilingBytes = 32 * 1024 * 1024

    /// False when the caller only reports findings (`psea validate`): the result then holds no application, which is
    /// freed on the thread that checked the file instead of by the caller (~22 K instructions a small file).
    package var keepsApplication: Bool = true
}

/// Everything the intake found in one file.
package struct IntakeResult: Sendable {
    /// The file as named by the caller.
    package var file: String
    /// Nil when the file is neither XML nor JSON (or could not be looked at).
    package var format: SourceFormat?
    /// The application, when the file was well-formed and matched the schema (it may still break business rules).
    package var application: Application? {
        get { stored?.value }
        set { stored = newValue.map(StoredApplication.init) }
    }
    /// Every finding, in source order.
    package var diagnostics: [Diagnostic]
    /// The application behind a reference: a result whose application was dropped then takes a few words, not
    /// the size of an `Application`, so a run that keeps the results of 100,000 files keeps little.
    private var stored: StoredApplication?

    package init(file: String, format: SourceFormat?, application: Application?, diagnostics: [Diagnostic]) {
        self.file = file
        self.format = format
        self.diagnostics = diagnostics
        self.application = application
    }

    /// True when no finding is an error (warnings allowed).
    package var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// An application held by reference (see `IntakeResult.application`).
private final class StoredApplication: Sendable {
    let value: Application
    init(_ value: Application) { self.value = value }
}

/// The front door for applications: file checks, format detection, schema and business rules in one call.
package enum ApplicationIntake {
    /// Reads and checks the file at `path`. Throws only when the file cannot be read (I/O); everything wrong with
    /// its content is a diagnostic in the result.
    package static func check(
        fileAt path: String, options: IntakeOptions = IntakeOptions(), rules: (any RuleContextProvider)? = nil
    ) throws(PSEAError) -> IntakeResult {
        let data = try RegularFile.read(path, upTo: options.maxBytes + 1)
        return check(data: data, file: path, options: options, rules: rules)
    }

    /// Checks an application held in memory; `file` is the name used in findings.
    package static func check(
        data: Data, file: String, options: IntakeOptions = IntakeOptions(), rules: (any RuleContextProvider)? = nil
    ) -> IntakeResult {
        func fail(_ diagnostic: Diagnostic) -> IntakeResult {
            IntakeResult(file: file, format: nil, application: nil, diagnostics: [diagnostic])
        }
        // The readers' ceiling holds whatever the caller's limit says: a last line of defence.
        if let refusal = InputCheck.tooLarge(data, limit: min(options.maxBytes, IntakeOptions.ceilingBytes)) {
            return fail(refusal)
        }
        // A blank file is ASCII, so it is reported as empty whatever the order of the checks.
        guard let first = InputCheck.firstSignificantByte(data) else { return fail(InputCheck.emptyFile()) }
        let format: SourceFormat
        switch first {
        case UInt8(ascii: "<"): format = .xml
        case UInt8(ascii: "{"), UInt8(ascii: "["): format = .json
        default:
            if let problem = InputCheck.notUTF8(data) { return fail(problem) }
            return fail(
                DiagnosticRule.unknownFormat.diagnostic(
                    th: "ไฟล์ไม่ใช่ XML (ต้องขึ้นต้นด้วย <) หรือ JSON (ต้องขึ้นต้นด้วย {)",
                    en: "the file is neither XML (it would start with <) nor JSON (it would start with {)",
                    location: SourceLocation(line: 1, column: 1, path: "")))
        }
        let read = format == .xml ? XMLApplicationReader.readChecked(data) : JSONApplicationReader.readChecked(data)
        // Both readers refuse a byte that is not UTF-8 (libxml2 and the JSON parser check every byte), so a clean
        // read proves the file is UTF-8; the whole-file check, which places the first bad byte, runs only when
        // the reader has something to say, and then its finding replaces the reader's.
        if read.application == nil || !read.diagnostics.isEmpty, let problem = InputCheck.notUTF8(data) { return fail(problem) }
        var diagnostics = read.diagnostics
        if let application = read.application ?? read.partial {
            let context = rules?.ruleContext(awardYear: application.awardYear, type: application.type) ?? RuleContext()
            var findings = BusinessRules.check(application, context: context, format: format)
            if read.application == nil { findings = withoutRefusedValues(findings, refused: read.diagnostics) }
            if !findings.isEmpty { diagnostics += locate(findings, of: read, data: data, format: format) }
        }
        diagnostics.sort(by: Diagnostic.sourceOrder)
        let application = options.keepsApplication ? read.application.map(BusinessRules.convertingBuddhistEraDates) : nil
        return IntakeResult(file: file, format: format, application: application, diagnostics: diagnostics)
    }
}

extension ApplicationIntake {
    /// The business findings of a partly read application minus those about a value the reader already refused
    /// (the same place or inside it): such a value was skipped or stood in for, so a rule on it would report it
    /// twice or report the stand-in.
    static func withoutRefusedValues(_ findings: [Diagnostic], refused: [Diagnostic]) -> [Diagnostic] {
        let places = Set(refused.filter { $0.severity == .error && !$0.pointer.isEmpty }.map(\.pointer))
        guard !places.isEmpty else { return findings }
        return findings.filter { finding in
            var pointer = Substring(finding.pointer)
            while !pointer.isEmpty {
                if places.contains(String(pointer)) { return false }
                guard let slash = pointer.lastIndex(of: "/") else { break }
                pointer = pointer[..<slash]
            }
            return true
        }
    }

    /// `findings` placed in the source. Those about the whole document (pointer `""`: a version 1 file's
    /// unanswered criteria) are placed at the root by a light scan of the bytes, where the source map would place
    /// them, so that a clean file's map, which costs a second parse, is built only for findings that need it.
    static func locate(_ findings: [Diagnostic], of read: ReadResult, data: Data, format: SourceFormat) -> [Diagnostic] {
        let placed = findings.filter { !$0.pointer.isEmpty }
        var located = placed.isEmpty ? [] : read.sourceMap.locate(placed)
        let whole = findings.filter { $0.pointer.isEmpty }
        if !whole.isEmpty {
            let root = rootLocation(data, format: format)
            located += whole.map { finding in
                var finding = finding
                if finding.location == nil { finding.location = root }
                return finding
            }
        }
        return located
    }

    /// Where a reader places the root of a well-formed document: the XML root element's `<` (path
    /// `/application`), the first character of a JSON document after a byte order mark and white space.
    static func rootLocation(_ data: Data, format: SourceFormat) -> SourceLocation {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            switch format {
            case .xml:
                let position = XMLSourceScanner.rootPosition(in: bytes)
                return SourceLocation(line: position.line, column: position.column, path: "/application")
            case .json:
                var (line, column) = (1, 1)
                var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                    if bytes[index] == 0x0A {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                    index += 1
                }
                return SourceLocation(line: line, column: column, path: "")
            }
        }
    }

    /// Does now, on the calling thread, the one-time set-up that checking files of `formats` otherwise does when
    /// the first file needs it: the compiled schema of format version 2 of each format, then the province tables
    /// of the business rules. A command calls it on another core while it still parses its command line, so that
    /// no core waits for them at its first file; safe from any thread, any number of times (each is made once).
    package static func prepare(formats: Set<SourceFormat>) {
        if formats.contains(.xml) { _ = LibXML.applicationSchemaV2 }
        if formats.contains(.json) { _ = JSONSchemaValidator.sharedV2 }
        Provinces.loadTables()
    }

    /// Checks many files on every core, returning results in the order of `paths` (so output never depends on
    /// scheduling). Each element is the file's result, or the I/O error that kept it from being read.
    package static func checkAll(
        paths: [String], options: IntakeOptions = IntakeOptions(), rules: (any RuleContextProvider)? = nil
    ) -> [Result<IntakeResult, PSEAError>] {
        paths.concurrentMap { path in result(ofFileAt: path, options: options, rules: rules) }
    }

    /// One file's element of `checkAll`: its result, or the I/O error that kept it from being read.
    package static func result(
        ofFileAt path: String, options: IntakeOptions = IntakeOptions(), rules: (any RuleContextProvider)? = nil
    ) -> Result<IntakeResult, PSEAError> {
        do throws(PSEAError) {
            return .success(try check(fileAt: path, options: options, rules: rules))
        } catch {
            return .failure(error)
        }
    }
}

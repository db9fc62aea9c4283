import Foundation
import Model

/// Reads a JSON application at two speeds over one parser, one schema check and one mapper (as the XML reader
/// does over one `XMLModelMapper`): the fast path parses, accepts and maps a clean file without recording a
/// place; the locating path first runs the locator (syntax, nesting, duplicate keys, the place of every pointer),
/// then the same parser, the same schema check explaining every finding, and the same mapper. A UTF-8 byte order
/// mark at the start is accepted and skipped (some Windows editors write one); columns then count from the first
/// character after it.
package enum JSONApplicationReader {
    /// Files above this size are refused (PSEA-E002) whatever the caller's limit: the readers' shared ceiling.
    package static let maxBytes = IntakeOptions.ceilingBytes

    /// Reads one JSON application. Never throws and never traps on bad input: every problem is a diagnostic,
    /// located in the source and sorted in source order. `application` is nil when the JSON is not well-formed
    /// or breaks the schema; numbers written in Thai digits (PSEA-E025) are read as the number they stand for
    /// and do not by themselves prevent the model from being built.
    package static func read(_ data: Data) -> ReadResult {
        InputCheck.guarded(data, limit: maxBytes, readChecked)
    }

    /// `read` for a file that passed the shared input checks (`InputCheck`): size, emptiness and, when anything is
    /// reported, UTF-8 are the caller's.
    static func readChecked(_ data: Data) -> ReadResult {
        // The limits are checked before the parser builds anything: within them no read costs more than linear time.
        if let breach = withoutByteOrderMark(data, JSONLimits.check) {
            return ReadResult(application: nil, diagnostics: [breach], sourceMap: SourceMap())
        }
        return readClean(data) ?? readFully(data)
    }

    /// The fast path for a clean file: parse, accept and map without recording any source place. Nil when the
    /// file has anything to report, or anything the fast path is not sure of; the locating path then decides.
    /// The source map of a clean file is found again from the bytes only if a business rule asks for it.
    static func readClean(_ data: Data) -> ReadResult? {
        guard let parsed = withoutByteOrderMark(data, { mayHoldCarefulText($0) ? nil : JSONParser.parse($0) }),
            case .success(let schema) = JSONSchemaValidator.forDocument(parsed), schema.accepts(parsed),
            let application = JSONModelMapper.application(from: parsed)
        else { return nil }
        return ReadResult(application: application, diagnostics: [], locating: { sourceMap(of: data) })
    }

    /// The places the locating path records for `data` (a well-formed, not too deep document).
    static func sourceMap(of data: Data) -> SourceMap {
        withoutByteOrderMark(data) { JSONLocator.locate($0) }.sourceMap
    }

    /// The locating path: every finding, each placed in the source.
    static func readFully(_ data: Data) -> ReadResult {
        withoutByteOrderMark(data) { bytes in
            let located = JSONLocator.locate(bytes)
            let sourceMap = located.sourceMap
            func result(_ application: Application?, _ diagnostics: [Diagnostic], partial: Application? = nil) -> ReadResult {
                ReadResult(application: application, diagnostics: finish(diagnostics, sourceMap), sourceMap: sourceMap, partial: partial)
            }
            if located.fatal { return result(nil, located.diagnostics) }
            // A duplicate key is the locator's finding; its first value is the one checked, as it always was.
            guard let parsed = JSONParser.parse(bytes, keepingFirstOfDuplicateKeys: true) else {
                // A number out of range or too long: the locator placed it.
                if located.diagnostics.contains(where: { $0.code == DiagnosticRule.numberOutOfRange.code }) {
                    return result(nil, located.diagnostics)
                }
                // A guard: the locator explains every document the parser gives up on, so this is not reached.
                return result(
                    nil,
                    located.diagnostics + [
                        DiagnosticRule.jsonSyntax.diagnostic(
                            th: "อ่านเอกสาร JSON นี้ไม่ได้", en: "the JSON document cannot be read")
                    ])
            }
            let schema: JSONSchemaValidator
            switch JSONSchemaValidator.forDocument(parsed) {
            case .success(let loaded):
                schema = loaded
            case .failure(let error):
                return result(
                    nil,
                    located.diagnostics + [
                        DiagnosticRule.schemaOther.diagnostic(
                            th: "โหลดสคีมาของใบสมัครไม่ได้: \(error.reason)", en: "the application schema cannot be loaded: \(error.reason)")
                    ])
            }
            let (checked, schemaFindings) = schema.validate(parsed)
            var diagnostics = located.diagnostics + schemaFindings
            var application: Application?
            if !diagnostics.contains(where: { $0.severity == .error && $0.code != DiagnosticRule.thaiDigits.code }) {
                application = JSONModelMapper.application(from: checked)
                if application == nil { diagnostics.append(unusableValue) }
                return result(application, diagnostics)
            }
            // The schema refused something: the rules still run on what maps, so no finding hides another.
            return result(nil, diagnostics, partial: JSONModelMapper.partial(from: checked))
        }
    }

    // MARK: Helpers

    /// Whether the document may hold a character `TextCheck` reports, raw or escaped (`\b`, `\f`, `\u` of a
    /// control, a bidirectional control or U+FFFE/U+FFFF): the fast path then steps aside and the locator decides.
    /// A false alarm (an escaped backslash before such text) only costs the locating path. A raw C0 control is
    /// not looked for: the parser refuses one (in a string or between tokens), which sends the file there too.
    static func mayHoldCarefulText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if UnicodeText.mayNeedCare(bytes, controlsRefused: true) { return true }
        var index = 0
        let count = bytes.count
        while index + 1 < count {
            index = InputLimits.next(0x5C, in: bytes, from: index)
            guard index + 1 < count else { break }
            let next = bytes[index + 1]
            if next == 0x62 || next == 0x66 { return true }
            if next == 0x75, index + 5 < count {
                var code: UInt32 = 0
                for offset in 2..<6 {
                    let digit = bytes[index + offset]
                    switch digit {
                    case 0x30...0x39: code = code << 4 | UInt32(digit - 0x30)
                    case 0x41...0x46, 0x61...0x66: code = code << 4 | UInt32((digit | 0x20) - 0x61 + 10)
                    default: code = 0x41
                    }
                }
                if let scalar = Unicode.Scalar(code), UnicodeText.isForbidden(scalar) || UnicodeText.isBidiControl(scalar) { return true }
            }
            index += 2
        }
        return false
    }

    /// A value the schema let through but the model cannot hold; the schema checks every such case today, so
    /// this is a guard against the schema and the model drifting apart.
    private static let unusableValue = DiagnosticRule.schemaOther.diagnostic(
        th: "ตัวเอกสาร: ค่านี้ใช้ในใบสมัครไม่ได้ (เช่น ตัวเลขใหญ่เกินไป)",
        en: "the document: the value cannot be used in an application (e.g. a number too large)")

    /// `body` of the bytes of `data` after a UTF-8 byte order mark, if any.
    private static func withoutByteOrderMark<T>(_ data: Data, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
            return body(bytes)
        }
    }

    private static func finish(_ diagnostics: [Diagnostic], _ map: SourceMap) -> [Diagnostic] {
        map.locate(diagnostics).map { diagnostic in
            var located = diagnostic
            if located.location == nil { located.location = SourceLocation(line: 1, column: 1, path: "") }
            return located
        }.sorted(by: Diagnostic.sourceOrder)
    }
}

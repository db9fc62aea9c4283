import Foundation
import Model

/// Reads a JSON application: syntax and places (the locator), values (Foundation), structure (the published
/// JSON Schema), then the model. A UTF-8 byte order mark at the start is accepted and skipped (some Windows
/// editors write one); columns then count from the first character after it.
public enum JSONApplicationReader {
    /// Files above this size are refused (PSEA-E002) whatever the caller's limit: the readers' shared ceiling.
    public static let maxBytes = IntakeOptions.ceilingBytes

    /// Reads one JSON application. Never throws and never traps on bad input: every problem is a diagnostic,
    /// located in the source and sorted in source order. `application` is nil when the JSON is not well-formed
    /// or breaks the schema; numbers written in Thai digits (PSEA-E025) are read as the number they stand for
    /// and do not by themselves prevent the model from being built.
    public static func read(_ data: Data) -> ReadResult {
        if data.count <= maxBytes, let clean = readClean(data) { return clean }
        return readFully(data)
    }

    /// The fast path for a clean file: parse, schema-check and map without recording any source place. Nil when
    /// the file has anything to report, or anything the fast path is not sure of; the full pipeline then decides.
    /// The source map of a clean file is found again from the bytes only if a business rule asks for it.
    static func readClean(_ data: Data) -> ReadResult? {
        guard case .success(let validator) = JSONSchemaValidator.shared else { return nil }
        let parsed = data.withUnsafeBytes { raw -> JSONValue? in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
            return JSONParser.parse(bytes)
        }
        guard let parsed, validator.compiled.accepts(parsed),
              let application = JSONModelMapper.application(from: parsed) else { return nil }
        return ReadResult(application: application, diagnostics: [], locating: { sourceMap(of: data) })
    }

    /// The places the full pipeline records for `data` (a well-formed, not too deep document).
    static func sourceMap(of data: Data) -> SourceMap {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes.withUnsafeBufferPointer { JSONLocator.locate($0) }.sourceMap
    }

    /// The full pipeline: every check, every finding located in the source.
    static func readFully(_ data: Data) -> ReadResult {
        guard data.count <= maxBytes else {
            return failure(DiagnosticRule.fileTooLarge.diagnostic(
                th: "ไฟล์มีขนาด \(data.count) ไบต์ เกินขนาดสูงสุด \(maxBytes) ไบต์",
                en: "the file has \(data.count) bytes, over the limit of \(maxBytes) bytes",
                location: SourceLocation(line: 1, column: 1, path: "")))
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard bytes.contains(where: { !JSONApplicationReader.isWhitespace($0) }) else {
            return failure(DiagnosticRule.emptyFile.diagnostic(
                th: "ไฟล์ไม่มีข้อมูล JSON", en: "the file holds no JSON at all", location: SourceLocation(line: 1, column: 1, path: "")))
        }
        if let offset = firstInvalidUTF8(bytes) {
            let place = position(of: offset, in: bytes)
            return failure(DiagnosticRule.notUTF8.diagnostic(
                th: "ไบต์ที่ตำแหน่ง \(offset) (0x\(String(bytes[offset], radix: 16, uppercase: true))) ไม่ใช่ UTF-8 ที่ถูกต้อง",
                en: "the byte at offset \(offset) (0x\(String(bytes[offset], radix: 16, uppercase: true))) is not valid UTF-8",
                location: SourceLocation(line: place.line, column: place.column, path: "")))
        }
        let located = bytes.withUnsafeBufferPointer { JSONLocator.locate($0) }
        let sourceMap = located.sourceMap
        if located.fatal {
            return ReadResult(application: nil, diagnostics: finish(located.diagnostics, sourceMap), sourceMap: sourceMap)
        }
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(Data(bytes))
        } catch {
            let problem = DiagnosticRule.jsonSyntax.diagnostic(
                th: "Foundation อ่าน JSON นี้ไม่ได้: \(error.localizedDescription)",
                en: "Foundation cannot parse this JSON: \(error.localizedDescription)")
            return ReadResult(application: nil, diagnostics: finish(located.diagnostics + [problem], sourceMap), sourceMap: sourceMap)
        }
        let validator: JSONSchemaValidator
        switch JSONSchemaValidator.shared {
        case .success(let loaded):
            validator = loaded
        case .failure(let error):
            let problem = DiagnosticRule.schemaOther.diagnostic(
                th: "โหลดสคีมาของใบสมัครไม่ได้: \(error.reason)", en: "the application schema cannot be loaded: \(error.reason)")
            return ReadResult(application: nil, diagnostics: finish(located.diagnostics + [problem], sourceMap), sourceMap: sourceMap)
        }
        let (checked, schemaFindings) = validator.validate(parsed)
        var diagnostics = located.diagnostics + schemaFindings
        var application: Application?
        if !diagnostics.contains(where: { $0.severity == .error && $0.code != DiagnosticRule.thaiDigits.code }) {
            do {
                let normalized = try JSONEncoder().encode(checked.trimmingStrings())
                application = try JSONDecoder().decode(Application.self, from: normalized)
            } catch {
                diagnostics.append(decodingDiagnostic(error))
            }
        }
        return ReadResult(application: application, diagnostics: finish(diagnostics, sourceMap), sourceMap: sourceMap)
    }

    // MARK: Helpers

    private static func failure(_ diagnostic: Diagnostic) -> ReadResult {
        ReadResult(application: nil, diagnostics: [diagnostic], sourceMap: SourceMap())
    }

    private static func finish(_ diagnostics: [Diagnostic], _ map: SourceMap) -> [Diagnostic] {
        map.locate(diagnostics).map { diagnostic in
            var located = diagnostic
            if located.location == nil { located.location = SourceLocation(line: 1, column: 1, path: "") }
            return located
        }.sorted(by: Diagnostic.sourceOrder)
    }

    /// A value the schema let through but the model cannot hold (a number too large for an integer field).
    private static func decodingDiagnostic(_ error: any Error) -> Diagnostic {
        var path: [any CodingKey] = []
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        default:
            break
        }
        let pointer = path.map { "/" + Pointer.escape($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
        let field = String(pointer.dropFirst())
        return DiagnosticRule.schemaOther.diagnostic(
            th: "\(pointer.isEmpty ? "ตัวเอกสาร" : field): ค่านี้ใช้ในใบสมัครไม่ได้ (เช่น ตัวเลขใหญ่เกินไป)",
            en: "\(pointer.isEmpty ? "the document" : field): the value cannot be used in an application (e.g. a number too large)",
            at: pointer)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        func continuation(_ at: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            at < n && range.contains(bytes[at])
        }
        while i < n {
            let lead = bytes[i]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = continuation(i + 1) ? 2 : 0
            case 0xE0: length = continuation(i + 1, 0xA0...0xBF) && continuation(i + 2) ? 3 : 0
            case 0xE1...0xEC, 0xEE...0xEF: length = continuation(i + 1) && continuation(i + 2) ? 3 : 0
            case 0xED: length = continuation(i + 1, 0x80...0x9F) && continuation(i + 2) ? 3 : 0
            case 0xF0: length = continuation(i + 1, 0x90...0xBF) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
            case 0xF1...0xF3: length = continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
            case 0xF4: length = continuation(i + 1, 0x80...0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
            default: length = 0
            }
            guard length > 0 else { return i }
            i += length
        }
        return nil
    }

    /// Line and column (Unicode scalars, 1-based) of a byte offset in valid UTF-8 up to that offset.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for index in 0..<offset {
            let byte = bytes[index]
            if byte == 0x0A {
                if index > 0, bytes[index - 1] == 0x0D { continue }
                line += 1
                column = 1
            } else if byte == 0x0D {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

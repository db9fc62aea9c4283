import Foundation
import Model

/// The checks every file gets before a parser sees it: size, emptiness and UTF-8. Written once, with the messages
/// `psea validate` prints; `ApplicationIntake` runs them before picking a reader, and a reader called on its own
/// runs them through `guarded`.
enum InputCheck {
    private static let start = SourceLocation(line: 1, column: 1, path: "")

    /// PSEA-E002 when `data` is larger than `limit` bytes.
    static func tooLarge(_ data: Data, limit: Int) -> Diagnostic? {
        guard data.count > limit else { return nil }
        return DiagnosticRule.fileTooLarge.diagnostic(
            th: "ไฟล์มีขนาดเกิน \(limit) ไบต์ ซึ่งเป็นขนาดสูงสุดที่รับได้",
            en: "the file is larger than the limit of \(limit) bytes", location: start)
    }

    /// PSEA-E001: the file holds nothing but white space (and perhaps a byte-order mark).
    static func emptyFile() -> Diagnostic {
        DiagnosticRule.emptyFile.diagnostic(
            th: "ไฟล์ว่างเปล่า ไม่มีข้อมูลใบสมัคร", en: "the file is empty: there is no application in it", location: start)
    }

    /// PSEA-E003 at the first byte that breaks UTF-8; nil for valid UTF-8.
    /// What to do about a file in another encoding (Thai text is often saved as TIS-620 or Windows-874).
    static let saveAsUTF8 = LocalizedText(
        th: "ไฟล์อาจถูกบันทึกเป็น TIS-620 หรือ Windows-874 ให้เปิดไฟล์แล้วบันทึกใหม่เป็นแบบ UTF-8 (Save As → UTF-8)",
        en: "the file was probably saved as TIS-620 or Windows-874: open it and save it again as UTF-8 (Save As → UTF-8)")

    static func notUTF8(_ data: Data) -> Diagnostic? {
        guard let bad = firstInvalidUTF8(data) else { return nil }
        let byte = String(bad.byte, radix: 16, uppercase: true)
        return DiagnosticRule.notUTF8.diagnostic(
            th: "ไฟล์ไม่ใช่ข้อความ UTF-8: พบไบต์ที่ไม่ถูกต้อง (0x\(byte)) ที่ตำแหน่งไบต์ \(bad.offset) \(saveAsUTF8.th)",
            en: "the file is not UTF-8 text: invalid byte 0x\(byte) at byte offset \(bad.offset); \(saveAsUTF8.en)",
            location: SourceLocation(line: bad.line, column: bad.column, path: ""))
    }

    /// A reader's public entry: refuses an oversized or blank file, reads the rest with `read`, and, when the read
    /// has anything to say, replaces it by the UTF-8 finding if the file is not UTF-8 (a clean read proves it is:
    /// both readers refuse every byte that is not UTF-8), as `ApplicationIntake` does.
    static func guarded(_ data: Data, limit: Int, _ read: (Data) -> ReadResult) -> ReadResult {
        func refused(_ diagnostic: Diagnostic) -> ReadResult {
            ReadResult(application: nil, diagnostics: [diagnostic], sourceMap: SourceMap())
        }
        if let refusal = tooLarge(data, limit: limit) { return refused(refusal) }
        guard firstSignificantByte(data) != nil else { return refused(emptyFile()) }
        let result = read(data)
        if result.application == nil || !result.diagnostics.isEmpty, let problem = notUTF8(data) { return refused(problem) }
        return result
    }

    struct InvalidByte {
        let offset: Int
        let byte: UInt8
        let line: Int
        let column: Int
    }

    /// The first byte that breaks UTF-8, with its line and (Unicode-scalar) column; nil for valid UTF-8.
    static func firstInvalidUTF8(_ data: Data) -> InvalidByte? {
        // The standard library's validator is fast (and, through a span, copies nothing); the walk below runs
        // only to place a problem it found.
        let valid = data.withUnsafeBytes { raw in
            (try? UTF8Span(validating: Span(_unsafeElements: raw.bindMemory(to: UInt8.self)))) != nil
        }
        if valid { return nil }
        return data.withUnsafeBytes { raw -> InvalidByte? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var offset = 0
            var line = 1
            var column = 1
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar):
                    offset += UTF8.width(scalar)
                    if scalar == "\n" {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                case .emptyInput:
                    return nil
                case .error:
                    return InvalidByte(offset: offset, byte: offset < bytes.count ? bytes[offset] : 0, line: line, column: column)
                }
            }
        }
    }

    /// The first byte that is not white space or a UTF-8 byte-order mark; nil for an empty or blank file.
    static func firstSignificantByte(_ data: Data) -> UInt8? {
        var index = data.startIndex
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        while index < data.endIndex {
            let byte = data[index]
            if byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return byte }
            index += 1
        }
        return nil
    }
}

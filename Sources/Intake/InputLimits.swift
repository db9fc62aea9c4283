import Foundation
import Model

/// Limits on what one application file may hold, checked in one linear pass over the bytes before any parser
/// sees them, so that no file inside the size limit makes a reader work quadratically or build a huge tree
/// (libxml2 checks the attributes of one element against each other, so 100,000 attributes cost minutes). Real
/// applications hold a few hundred elements and texts of a few thousand characters: the limits are far above
/// them. Each breach is PSEA-E007 at the place where the limit is crossed.
enum XMLLimits {
    /// Elements in one document.
    static let maxElements = 50_000
    /// Attributes on one element.
    static let maxAttributes = 64
    /// Bytes in one text run (between two tags) or one attribute value: 1 MiB.
    static let maxTextBytes = 1 << 20
    /// Elements, attributes and text runs together.
    static let maxNodes = 200_000
    /// Deeper than this libxml2 stops at once with its own finding (PSEA-E005), which the scan leaves to it.
    static let libxmlMaxDepth = 256

    /// The first limit `bytes` (UTF-8 XML) breaks, as a finding; nil within every limit. Markup it cannot read is
    /// left to libxml2, which reports it.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Diagnostic? {
        let count = bytes.count
        var index = 0
        var elements = 0
        var nodes = 0
        var depth = 0
        /// The index just after `terminator` from `from`, or the end.
        func skip(past terminator: StaticString, from: Int) -> Int {
            let pattern = UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
            var at = InputLimits.next(pattern[0], in: bytes, from: from)
            while at + pattern.count <= count {
                if pattern.indices.allSatisfy({ bytes[at + $0] == pattern[$0] }) { return at + pattern.count }
                at = InputLimits.next(pattern[0], in: bytes, from: at + 1)
            }
            return count
        }
        while index < count {
            guard bytes[index] == 0x3C else {
                // A text run up to the next tag.
                let start = index
                index = InputLimits.next(0x3C, in: bytes, from: index)
                if index - start > maxTextBytes { return textTooLong(bytes, at: start, length: index - start) }
                nodes += 1
                if nodes > maxNodes { return tooManyNodes(bytes, at: start) }
                continue
            }
            let next = index + 1 < count ? bytes[index + 1] : 0
            if next == 0x21 {  // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE ...>
                if bytes[index...].starts(with: "<!--".utf8) {
                    index = skip(past: "-->", from: index + 4)
                } else if bytes[index...].starts(with: "<![CDATA[".utf8) {
                    let start = index
                    index = skip(past: "]]>", from: index + 9)
                    if index - start > maxTextBytes { return textTooLong(bytes, at: start, length: index - start) }
                    nodes += 1
                } else {
                    index = skip(past: ">", from: index + 2)
                }
            } else if next == 0x3F {  // <? ?>
                index = skip(past: "?>", from: index + 2)
            } else if next == 0x2F {  // </name>
                depth -= 1
                index = skip(past: ">", from: index + 2)
            } else {
                let start = index
                elements += 1
                nodes += 1
                if elements > maxElements { return tooManyElements(bytes, at: start) }
                var attributes = 0
                index += 1
                while index < count, bytes[index] != 0x3E {
                    let byte = bytes[index]
                    if byte == 0x22 || byte == 0x27 {
                        let valueStart = index
                        index = InputLimits.next(byte, in: bytes, from: index + 1)
                        if index - valueStart - 1 > maxTextBytes { return textTooLong(bytes, at: valueStart, length: index - valueStart - 1) }
                    } else if byte == 0x3D {
                        attributes += 1
                        nodes += 1
                        if attributes > maxAttributes { return tooManyAttributes(bytes, at: start) }
                    }
                    index += 1
                }
                if nodes > maxNodes { return tooManyNodes(bytes, at: start) }
                if index < count, bytes[index - 1] != 0x2F {
                    depth += 1
                    if depth > libxmlMaxDepth { return nil }
                }
                index += 1
            }
        }
        return nil
    }

    private static func tooManyElements(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Diagnostic {
        DiagnosticRule.tooMany.diagnostic(
            th: "ไฟล์มีองค์ประกอบเกิน \(maxElements) รายการ จึงไม่ได้อ่านต่อ",
            en: "the file has more than \(maxElements) elements, so it was not read further", location: InputLimits.place(bytes, offset))
    }

    private static func tooManyAttributes(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Diagnostic {
        DiagnosticRule.tooMany.diagnostic(
            th: "องค์ประกอบนี้มีแอตทริบิวต์เกิน \(maxAttributes) รายการ จึงไม่ได้อ่านต่อ",
            en: "the element has more than \(maxAttributes) attributes, so the file was not read further", location: InputLimits.place(bytes, offset))
    }

    private static func tooManyNodes(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Diagnostic {
        DiagnosticRule.tooMany.diagnostic(
            th: "ไฟล์มีองค์ประกอบ แอตทริบิวต์ และข้อความรวมกันเกิน \(maxNodes) รายการ จึงไม่ได้อ่านต่อ",
            en: "the file has more than \(maxNodes) elements, attributes and texts together, so it was not read further",
            location: InputLimits.place(bytes, offset))
    }

    private static func textTooLong(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, length: Int) -> Diagnostic {
        InputLimits.textTooLong(length: length, limit: maxTextBytes, location: InputLimits.place(bytes, offset))
    }
}

/// The JSON side of the limits: values in one document and bytes in one string, counted in one linear pass before
/// the parser builds anything (a 31 MiB array of numbers once took 46 s and 1.2 GB).
enum JSONLimits {
    /// Values (members, elements and the document itself) in one document.
    static let maxValues = 200_000
    /// Bytes in one string, as written: 1 MiB.
    static let maxStringBytes = XMLLimits.maxTextBytes

    /// The first limit `bytes` (UTF-8 JSON) breaks, as a finding; nil within every limit. Syntax is the locator's.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Diagnostic? {
        let count = bytes.count
        var index = 0
        var values = 1
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 {
                let start = index
                index += 1
                // The closing quote is the first one after an even number of backslashes.
                while true {
                    index = InputLimits.next(0x22, in: bytes, from: index)
                    var backslashes = 0
                    while index - backslashes - 1 > start, bytes[index - backslashes - 1] == 0x5C { backslashes += 1 }
                    if index >= count || backslashes % 2 == 0 { break }
                    index += 1
                }
                if index - start - 1 > maxStringBytes {
                    return InputLimits.textTooLong(length: index - start - 1, limit: maxStringBytes, location: InputLimits.place(bytes, start))
                }
            } else if byte == 0x2C || byte == 0x5B || byte == 0x7B {
                values += 1
                if values > maxValues {
                    return DiagnosticRule.tooMany.diagnostic(
                        th: "ไฟล์มีค่าเกิน \(maxValues) ค่า จึงไม่ได้อ่านต่อ",
                        en: "the file has more than \(maxValues) values, so it was not read further",
                        location: InputLimits.place(bytes, byte == 0x2C ? index + 1 : index))
                }
            }
            index += 1
        }
        return nil
    }
}

/// What the two formats' limits share.
enum InputLimits {
    /// PSEA-E007 for a text of `length` bytes over `limit`.
    static func textTooLong(length: Int, limit: Int, location: SourceLocation) -> Diagnostic {
        DiagnosticRule.tooMany.diagnostic(
            th: "ข้อความยาว \(length) ไบต์ เกินขีดจำกัด \(limit) ไบต์ จึงไม่ได้อ่านต่อ",
            en: "a text is \(length) bytes long, over the limit of \(limit) bytes, so the file was not read further", location: location)
    }

    /// The index of the first `byte` at or after `from`, or the end (`memchr`: long texts cost little).
    static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < bytes.count, let base = bytes.baseAddress, let found = memchr(base + from, Int32(byte), bytes.count - from) else {
            return bytes.count
        }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The line and column (Unicode scalars) of byte `offset`, counted only when a limit is broken.
    static func place(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < offset, index < bytes.count {
            SourcePlace.advance(past: bytes[index], line: &line, column: &column)
            index += 1
        }
        return SourceLocation(line: line, column: column, path: "")
    }
}

/// How psea counts places in UTF-8 source text, the one rule the input checks and the XML scanner share: a line
/// feed starts a new line; every other byte that starts a Unicode scalar (not a UTF-8 continuation byte) moves one
/// column on. Lines and columns count from 1.
enum SourcePlace {
    @inline(__always)
    static func advance(past byte: UInt8, line: inout Int, column: inout Int) {
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }
}

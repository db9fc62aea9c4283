import Model

/// A single pass over the UTF-8 bytes of a JSON document that finds where every value is written, without
/// building any value (`JSONParser` builds them). Iterative, with an explicit stack, so hostile nesting
/// cannot overflow the call stack. Reports what the parser cannot explain: syntax errors with a precise
/// line/column (PSEA-E008), nesting beyond `maxDepth` (PSEA-E009) and duplicate keys (PSEA-E018).
/// Bytes are compared with hex literals (0x22 `"`, 0x5C `\`, 0x7B `{`, 0x7D `}`, 0x5B `[`, 0x5D `]`, 0x2C `,`,
/// 0x3A `:`, 0x2D `-`, 0x30–0x39 digits) rather than `UInt8(ascii:)`, which is a call per comparison in the
/// debug builds the tests run in.
struct JSONLocator {
    /// Containers deeper than this are refused; applications need about six levels.
    static let maxDepth = 64
    /// Numbers longer than this (in characters) are refused (PSEA-E029): an application's numbers are counts,
    /// years and measurements, and a longer one only costs time to read.
    static let maxNumberLength = 64
    /// The source map keeps at most this many places; deeper or later pointers resolve to an ancestor.
    static let maxRecorded = 200_000

    struct Outcome {
        var sourceMap: SourceMap
        var diagnostics: [Diagnostic]
        /// True when the document is not well-formed JSON (or too deep): nothing more can be checked.
        var fatal: Bool
    }

    /// A stop: the document cannot be read past this point.
    private struct Stop: Error {
        let diagnostic: Diagnostic
    }

    private enum Kind { case object, array }

    private struct Frame {
        let kind: Kind
        let pointer: String
        let line: Int
        let column: Int
        var index = 0
        var keys: [String: (line: Int, column: Int)] = [:]
    }

    private enum State {
        case value(pointer: String, record: Bool)
        case key
        case afterValue
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var line = 1
    private var column = 1
    private var map = SourceMap()
    private var recorded = 0
    private var diagnostics: [Diagnostic] = []
    private var stack: [Frame] = []
    /// The first forbidden character and the first bidirectional control of the string just read, with places.
    private var stringCharacters: (forbidden: (Unicode.Scalar, Int, Int)?, bidi: (Unicode.Scalar, Int, Int)?) = (nil, nil)

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Locates every JSON pointer of `bytes` (valid UTF-8, without a byte order mark).
    static func locate(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        var locator = JSONLocator(bytes: bytes)
        do {
            try locator.run()
            return Outcome(sourceMap: locator.map, diagnostics: locator.diagnostics, fatal: false)
        } catch {
            return Outcome(sourceMap: locator.map, diagnostics: locator.diagnostics + [error.diagnostic], fatal: true)
        }
    }

    // MARK: Moving

    private var atEnd: Bool { i >= bytes.count }

    /// Moves past one byte, keeping line and column (Unicode scalars; CR, LF and CRLF end a line).
    private mutating func step() {
        let byte = bytes[i]
        i += 1
        if byte == 0x0A {
            if i >= 2, bytes[i - 2] == 0x0D { return }
            line += 1
            column = 1
        } else if byte == 0x0D {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: step()
            default: return
            }
        }
    }

    private mutating func record(_ pointer: String, line: Int, column: Int) {
        guard recorded < JSONLocator.maxRecorded else { return }
        map.record(pointer, SourceLocation(line: line, column: column, path: pointer))
        recorded += 1
    }

    private var currentPointer: String { stack.last?.pointer ?? "" }

    // MARK: Errors

    private func syntax(th: String, en: String, line: Int? = nil, column: Int? = nil) -> Stop {
        let place = SourceLocation(line: line ?? self.line, column: column ?? self.column, path: currentPointer)
        return Stop(diagnostic: DiagnosticRule.jsonSyntax.diagnostic(th: th, en: en, at: currentPointer, location: place))
    }

    /// The character at the current position, for messages.
    private var currentCharacter: String {
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<min(end, bytes.count)]), as: UTF8.self)
        if let scalar = text.unicodeScalars.first, scalar.value < 0x20 || scalar.value == 0x7F {
            return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return "'\(text)'"
    }

    private func unclosed() -> Stop {
        guard let frame = stack.last else {
            return syntax(th: "เอกสาร JSON จบก่อนที่จะมีค่าใด ๆ", en: "the JSON document ends before any value")
        }
        if frame.kind == .object {
            return syntax(
                th: "ออบเจกต์ที่เปิดด้วย '{' ที่บรรทัด \(frame.line) คอลัมน์ \(frame.column) ไม่ได้ปิดด้วย '}'",
                en: "unclosed object: the '{' at line \(frame.line), column \(frame.column) has no matching '}'")
        }
        return syntax(
            th: "อาร์เรย์ที่เปิดด้วย '[' ที่บรรทัด \(frame.line) คอลัมน์ \(frame.column) ไม่ได้ปิดด้วย ']'",
            en: "unclosed array: the '[' at line \(frame.line), column \(frame.column) has no matching ']'")
    }

    // MARK: The pass

    private mutating func run() throws(Stop) {
        var state = State.value(pointer: "", record: true)
        while true {
            switch state {
            case .value(let pointer, let shouldRecord):
                skipWhitespace()
                guard !atEnd else { throw unclosed() }
                if shouldRecord { record(pointer, line: line, column: column) }
                state = try value(at: pointer)
            case .key:
                state = try key()
            case .afterValue:
                skipWhitespace()
                guard let frame = stack.last else {
                    guard atEnd else {
                        throw syntax(th: "มีข้อความเกินมาหลังจบเอกสาร JSON", en: "unexpected text after the end of the JSON document")
                    }
                    return
                }
                guard !atEnd else { throw unclosed() }
                state = try afterMember(of: frame)
            }
        }
    }

    /// At the first character of a value.
    private mutating func value(at pointer: String) throws(Stop) -> State {
        switch bytes[i] {
        case 0x7B, 0x5B:
            let isObject = bytes[i] == 0x7B
            guard stack.count < JSONLocator.maxDepth else {
                let place = SourceLocation(line: line, column: column, path: pointer)
                throw Stop(
                    diagnostic: DiagnosticRule.tooDeep.diagnostic(
                        th: "โครงสร้างซ้อนกันเกิน \(JSONLocator.maxDepth) ชั้น",
                        en: "the structure is nested more than \(JSONLocator.maxDepth) levels deep", at: pointer, location: place))
            }
            stack.append(Frame(kind: isObject ? .object : .array, pointer: pointer, line: line, column: column))
            step()
            skipWhitespace()
            guard !atEnd else { throw unclosed() }
            if bytes[i] == UInt8(ascii: isObject ? "}" : "]") {
                step()
                stack.removeLast()
                return .afterValue
            }
            if isObject { return try expectKey() }
            return .value(pointer: pointer + "/0", record: true)
        case 0x22:
            _ = try string(build: false)
            reportCharacters(at: pointer)
            return .afterValue
        case 0x2D, 0x30...0x39:
            try number(at: pointer)
            return .afterValue
        case 0x61...0x7A, 0x41...0x5A:
            try literal()
            return .afterValue
        case 0x27:
            throw syntax(
                th: "สตริงใน JSON ต้องอยู่ในเครื่องหมายคำพูดคู่ (\") ไม่ใช่ (')",
                en: "strings must be in double quotes (\"), not single quotes (')")
        default:
            let found = currentCharacter
            throw syntax(th: "พบอักขระ \(found) ในตำแหน่งที่ต้องเป็นค่า JSON", en: "unexpected character \(found) where a value was expected")
        }
    }

    /// Inside an object, where a key must start.
    private mutating func expectKey() throws(Stop) -> State {
        guard bytes[i] == 0x22 else {
            let found = currentCharacter
            throw syntax(
                th: "ชื่อคีย์ของออบเจกต์ต้องเป็นสตริงในเครื่องหมายคำพูดคู่ แต่พบ \(found)",
                en: "expected an object key in double quotes, found \(found)")
        }
        return .key
    }

    /// At the opening quote of a key: records the member and moves past the colon.
    private mutating func key() throws(Stop) -> State {
        let keyLine = line, keyColumn = column
        let name = try string(build: true)
        let parent = stack.count - 1
        let pointer = stack[parent].pointer + "/" + Pointer.escape(name)
        reportCharacters(at: pointer)
        if let first = stack[parent].keys[name] {
            let place = SourceLocation(line: keyLine, column: keyColumn, path: pointer)
            diagnostics.append(
                DiagnosticRule.duplicateKey.diagnostic(
                    th: "คีย์ \"\(name)\" ซ้ำในออบเจกต์เดียวกัน (พบครั้งแรกที่บรรทัด \(first.line) คอลัมน์ \(first.column))",
                    en: "the key \"\(name)\" appears twice in one object (first at line \(first.line), column \(first.column))",
                    at: pointer, location: place))
        } else {
            stack[parent].keys[name] = (keyLine, keyColumn)
            record(pointer, line: keyLine, column: keyColumn)
        }
        skipWhitespace()
        guard !atEnd else { throw unclosed() }
        guard bytes[i] == 0x3A else {
            let found = currentCharacter
            throw syntax(
                th: "ต้องมีเครื่องหมาย ':' หลังคีย์ \"\(name)\" แต่พบ \(found)",
                en: "expected ':' after the key \"\(name)\", found \(found)")
        }
        step()
        return .value(pointer: pointer, record: false)
    }

    /// After a member of `frame`: a comma and the next member, or the closing bracket.
    private mutating func afterMember(of frame: Frame) throws(Stop) -> State {
        let close = UInt8(ascii: frame.kind == .object ? "}" : "]")
        let closeText = frame.kind == .object ? "}" : "]"
        if bytes[i] == close {
            step()
            stack.removeLast()
            return .afterValue
        }
        guard bytes[i] == 0x2C else {
            let found = currentCharacter
            throw syntax(th: "ต้องมี ',' หรือ '\(closeText)' แต่พบ \(found)", en: "expected ',' or '\(closeText)', found \(found)")
        }
        let commaLine = line, commaColumn = column
        step()
        skipWhitespace()
        guard !atEnd else { throw unclosed() }
        if bytes[i] == close {
            throw syntax(
                th: "มีเครื่องหมายจุลภาค (,) เกินมาก่อน '\(closeText)'", en: "trailing comma before '\(closeText)'",
                line: commaLine, column: commaColumn)
        }
        if frame.kind == .object { return try expectKey() }
        stack[stack.count - 1].index += 1
        return .value(pointer: frame.pointer + "/" + String(frame.index + 1), record: true)
    }

    // MARK: Scalars

    private func isDigit(_ at: Int) -> Bool {
        at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39
    }

    /// Reads a number and reports it (PSEA-E029, at its first character) when it is too long, or out of the
    /// range of a Double: infinite, or rounding to zero from a number that is not zero.
    private mutating func number(at pointer: String) throws(Stop) {
        let start = i, startLine = line, startColumn = column
        try number()
        let length = i - start
        let place = SourceLocation(line: startLine, column: startColumn, path: pointer)
        if length > JSONLocator.maxNumberLength {
            diagnostics.append(
                DiagnosticRule.numberOutOfRange.diagnostic(
                    th: "ตัวเลขยาว \(length) อักขระ เกินกว่าที่รับได้ (\(JSONLocator.maxNumberLength) อักขระ)",
                    en: "the number is \(length) characters long, more than the \(JSONLocator.maxNumberLength) allowed", at: pointer,
                    location: place))
            return
        }
        // Up to 15 digits without a fraction or an exponent always fit; anything else is read to be sure.
        guard length > 15 || bytes[start..<i].contains(where: { $0 == 0x2E || $0 | 0x20 == 0x65 }) else { return }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        guard let value = Double(text) else { return }
        if !value.isFinite {
            diagnostics.append(
                DiagnosticRule.numberOutOfRange.diagnostic(
                    th: "ตัวเลข \(text) ใหญ่เกินกว่าที่อ่านได้", en: "the number \(text) is too large to be read", at: pointer, location: place))
        } else if value == 0, mantissa.contains(where: { $0 >= "1" && $0 <= "9" }) {
            diagnostics.append(
                DiagnosticRule.numberOutOfRange.diagnostic(
                    th: "ตัวเลข \(text) เล็กเกินกว่าจะแยกจากศูนย์ได้", en: "the number \(text) is too small to be told from zero", at: pointer,
                    location: place))
        }
    }

    private mutating func number() throws(Stop) {
        let startLine = line, startColumn = column
        if bytes[i] == 0x2D {
            step()
            guard isDigit(i) else {
                throw syntax(th: "หลังเครื่องหมายลบ (-) ต้องเป็นตัวเลข", en: "a '-' must be followed by digits")
            }
        }
        if bytes[i] == 0x30 {
            step()
            if isDigit(i) {
                throw syntax(
                    th: "ตัวเลขต้องไม่มีเลข 0 นำหน้า", en: "numbers must not have leading zeros",
                    line: startLine, column: startColumn)
            }
        } else {
            while isDigit(i) { step() }
        }
        if i < bytes.count, bytes[i] == 0x2E {
            step()
            guard isDigit(i) else {
                throw syntax(th: "หลังจุดทศนิยมต้องมีตัวเลข", en: "expected digits after the decimal point")
            }
            while isDigit(i) { step() }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            step()
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { step() }
            guard isDigit(i) else {
                throw syntax(th: "เลขชี้กำลังต้องมีตัวเลข", en: "expected digits in the exponent")
            }
            while isDigit(i) { step() }
        }
    }

    private mutating func literal() throws(Stop) {
        let startLine = line, startColumn = column
        var end = i
        while end < bytes.count, bytes[end] | 0x20 >= 0x61, bytes[end] | 0x20 <= 0x7A { end += 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
        guard word == "true" || word == "false" || word == "null" else {
            throw syntax(
                th: "ไม่รู้จักคำว่า '\(word)' (JSON ใช้ได้เฉพาะ true, false และ null และข้อความต้องอยู่ในเครื่องหมายคำพูดคู่)",
                en: "unknown word '\(word)' (JSON has only true, false and null; text must be in double quotes)",
                line: startLine, column: startColumn)
        }
        while i < end { step() }
    }

    private func hexValue(_ at: Int) -> UInt32? {
        guard at < bytes.count else { return nil }
        switch bytes[at] {
        case 0x30...0x39: return UInt32(bytes[at] - 0x30)
        case 0x61...0x66: return UInt32(bytes[at] - 0x61 + 10)
        case 0x41...0x46: return UInt32(bytes[at] - 0x41 + 10)
        default: return nil
        }
    }

    /// At `\u`: reads the four hex digits (the cursor ends after them).
    private mutating func unicodeEscape(line escapeLine: Int, column escapeColumn: Int) throws(Stop) -> UInt32 {
        step()
        var code: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(i + offset) else {
                throw syntax(
                    th: "ลำดับหลีก \\u ต้องตามด้วยเลขฐานสิบหก 4 หลัก", en: "\\u must be followed by four hexadecimal digits",
                    line: escapeLine, column: escapeColumn)
            }
            code = code * 16 + digit
        }
        for _ in 0..<4 { step() }
        return code
    }

    /// The findings about the characters of the string just read (`TextCheck`), each at its character.
    private mutating func reportCharacters(at pointer: String) {
        guard stringCharacters.forbidden != nil || stringCharacters.bidi != nil else { return }
        if let (scalar, line, column) = stringCharacters.forbidden {
            diagnostics.append(TextCheck.forbidden(scalar, at: pointer, location: SourceLocation(line: line, column: column, path: pointer)))
        }
        if let (scalar, line, column) = stringCharacters.bidi {
            diagnostics.append(TextCheck.bidi(scalar, at: pointer, location: SourceLocation(line: line, column: column, path: pointer)))
        }
        stringCharacters = (nil, nil)
    }

    /// Keeps `scalar`, written at `line`/`column`, when it is the string's first forbidden character or first
    /// bidirectional control.
    private mutating func note(_ scalar: Unicode.Scalar, line: Int, column: Int) {
        if stringCharacters.forbidden == nil, UnicodeText.isForbidden(scalar) { stringCharacters.forbidden = (scalar, line, column) }
        if stringCharacters.bidi == nil, UnicodeText.isBidiControl(scalar) { stringCharacters.bidi = (scalar, line, column) }
    }

    /// The scalar whose UTF-8 starts at `i` (valid UTF-8: the locator runs on checked bytes).
    private func scalar(at index: Int) -> Unicode.Scalar? {
        var end = index + 1
        while end < bytes.count, end < index + 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self).unicodeScalars.first
    }

    /// At the opening quote of a string: checks it and moves past the closing quote; builds the text when asked.
    /// Notes its first forbidden character and first bidirectional control for `reportCharacters`.
    private mutating func string(build: Bool) throws(Stop) -> String {
        let startLine = line, startColumn = column
        stringCharacters = (nil, nil)
        step()
        var text: [UInt8] = []
        while true {
            guard i < bytes.count else {
                throw syntax(
                    th: "สตริงที่เริ่มที่บรรทัด \(startLine) คอลัมน์ \(startColumn) ไม่มีเครื่องหมายคำพูดปิด",
                    en: "unclosed string: the '\"' at line \(startLine), column \(startColumn) has no closing quote")
            }
            let byte = bytes[i]
            if byte == 0x22 {
                step()
                return build ? String(decoding: text, as: UTF8.self) : ""
            }
            if byte < 0x20 {
                let found = currentCharacter
                throw syntax(
                    th: "อักขระควบคุม \(found) ในสตริงต้องเขียนเป็นลำดับหลีก เช่น \\n (หรือสตริงไม่ได้ปิด)",
                    en: "the control character \(found) in a string must be escaped, e.g. \\n (or the string is not closed)")
            }
            guard byte == 0x5C else {
                if byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == 0xEF, let scalar = scalar(at: i) {
                    note(scalar, line: line, column: column)
                }
                if build { text.append(byte) }
                step()
                continue
            }
            let escapeLine = line, escapeColumn = column
            step()
            guard i < bytes.count else { continue }
            let scalar: UInt32
            switch bytes[i] {
            case 0x22, 0x5C, 0x2F: scalar = UInt32(bytes[i]); step()
            case 0x62: scalar = 0x08; step()
            case 0x66: scalar = 0x0C; step()
            case 0x6E: scalar = 0x0A; step()
            case 0x72: scalar = 0x0D; step()
            case 0x74: scalar = 0x09; step()
            case 0x75:
                let code = try unicodeEscape(line: escapeLine, column: escapeColumn)
                if (0xDC00...0xDFFF).contains(code) {
                    throw syntax(
                        th: "ลำดับหลีก \\u ของตัวต่อท้ายตัวแทน (low surrogate) ไม่มีคู่", en: "unpaired low surrogate in a \\u escape",
                        line: escapeLine, column: escapeColumn)
                }
                if (0xD800...0xDBFF).contains(code) {
                    guard i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else {
                        throw syntax(
                            th: "ลำดับหลีก \\u ของตัวนำตัวแทน (high surrogate) ต้องตามด้วยตัวต่อท้าย \\uDC00–\\uDFFF",
                            en: "a high surrogate \\u escape must be followed by a low surrogate \\uDC00–\\uDFFF",
                            line: escapeLine, column: escapeColumn)
                    }
                    step()
                    let low = try unicodeEscape(line: escapeLine, column: escapeColumn)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw syntax(
                            th: "ลำดับหลีก \\u ของตัวนำตัวแทน (high surrogate) ต้องตามด้วยตัวต่อท้าย \\uDC00–\\uDFFF",
                            en: "a high surrogate \\u escape must be followed by a low surrogate \\uDC00–\\uDFFF",
                            line: escapeLine, column: escapeColumn)
                    }
                    scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    scalar = code
                }
            default:
                let found = currentCharacter
                throw syntax(
                    th: "ลำดับหลีก \\\(found.trimmingQuotes) ในสตริงไม่ถูกต้อง (ใช้ได้: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                    en: "invalid escape \\\(found.trimmingQuotes) in a string (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                    line: escapeLine, column: escapeColumn)
            }
            if let unicode = Unicode.Scalar(scalar) {
                note(unicode, line: escapeLine, column: escapeColumn)
                if build { text.append(contentsOf: Array(String(Character(unicode)).utf8)) }
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }

    fileprivate var trimmingQuotes: String {
        hasPrefix("'") && hasSuffix("'") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}

import Foundation

/// The byte-level JSON parser of both reader paths (and of the schema file): UTF-8 bytes straight into
/// `JSONValue`, with the values Foundation's `JSONDecoder` gives for the same text (numbers through `strtod`, the
/// same escapes). It never explains a problem: on anything it is not sure of (a syntax error, a duplicate key
/// unless asked to keep the first, nesting beyond `JSONLocator.maxDepth`, a lone surrogate, bad UTF-8, a number
/// out of the range of a Double or longer than `JSONLocator.maxNumberLength`) it gives up and returns nil; the locator finds and places the problem.
/// Recursive, but never deeper than `JSONLocator.maxDepth` containers, so hostile nesting cannot overflow the stack.
struct JSONParser {
    private struct GiveUp: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    /// Bytes of the string being decoded when it has escapes (reused from string to string).
    private var scratch: [UInt8] = []
    /// Members and elements of the containers still open, innermost last: each container is made once, at its
    /// exact size, when it closes.
    private var pending: [JSONValue] = []
    /// Keys of the members in `pending` that belong to objects.
    private var pendingKeys: [String] = []

    /// Whether a duplicate key keeps its first value (the locating path, where the locator reports it) instead of
    /// giving up (the fast path).
    private let keepsFirstOfDuplicateKeys: Bool

    private init(bytes: UnsafeBufferPointer<UInt8>, keepsFirstOfDuplicateKeys: Bool) {
        self.bytes = bytes
        self.keepsFirstOfDuplicateKeys = keepsFirstOfDuplicateKeys
    }

    /// The value of a whole document (UTF-8, without a byte order mark), or nil when the parser gives up. With
    /// `keepingFirstOfDuplicateKeys`, an object with a key written twice keeps the first value, as Foundation does.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, keepingFirstOfDuplicateKeys: Bool = false) -> JSONValue? {
        var parser = JSONParser(bytes: bytes, keepsFirstOfDuplicateKeys: keepingFirstOfDuplicateKeys)
        do {
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            return parser.i == bytes.count ? value : nil
        } catch {
            return nil
        }
    }

    // MARK: Structure

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    /// Parses the value after any white space; `depth` is the number of containers already open.
    private mutating func value(depth: Int) throws(GiveUp) -> JSONValue {
        skipWhitespace()
        guard i < bytes.count else { throw GiveUp() }
        switch bytes[i] {
        case 0x22: return .string(try string())
        case 0x7B: return try object(depth: depth + 1)
        case 0x5B: return try array(depth: depth + 1)
        case 0x2D, 0x30...0x39: return .number(try number())
        case 0x74: try word(0x74, 0x72, 0x75, 0x65); return .bool(true)
        case 0x66: try word(0x66, 0x61, 0x6C, 0x73, 0x65); return .bool(false)
        case 0x6E: try word(0x6E, 0x75, 0x6C, 0x6C); return .null
        default: throw GiveUp()
        }
    }

    /// At `{`; `depth` counts this object.
    private mutating func object(depth: Int) throws(GiveUp) -> JSONValue {
        guard depth <= JSONLocator.maxDepth else { throw GiveUp() }
        i += 1
        skipWhitespace()
        if i < bytes.count, bytes[i] == 0x7D {
            i += 1
            return .object([:])
        }
        let base = pending.count
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == 0x22 else { throw GiveUp() }
            pendingKeys.append(try string())
            skipWhitespace()
            guard i < bytes.count, bytes[i] == 0x3A else { throw GiveUp() }
            i += 1
            pending.append(try value(depth: depth))
            skipWhitespace()
            guard i < bytes.count else { throw GiveUp() }
            if bytes[i] == 0x2C {
                i += 1
            } else if bytes[i] == 0x7D {
                i += 1
                break
            } else {
                throw GiveUp()
            }
        }
        let count = pending.count - base
        let keyBase = pendingKeys.count - count
        var members = [String: JSONValue](minimumCapacity: count)
        for offset in 0..<count {
            let key = pendingKeys[keyBase + offset]
            // A duplicate key is a finding (PSEA-E018): the locator reports it.
            if let first = members.updateValue(pending[base + offset], forKey: key) {
                guard keepsFirstOfDuplicateKeys else { throw GiveUp() }
                members[key] = first
            }
        }
        pending.removeSubrange(base...)
        pendingKeys.removeSubrange(keyBase...)
        return .object(members)
    }

    /// At `[`; `depth` counts this array.
    private mutating func array(depth: Int) throws(GiveUp) -> JSONValue {
        guard depth <= JSONLocator.maxDepth else { throw GiveUp() }
        i += 1
        skipWhitespace()
        if i < bytes.count, bytes[i] == 0x5D {
            i += 1
            return .array([])
        }
        let base = pending.count
        while true {
            pending.append(try value(depth: depth))
            skipWhitespace()
            guard i < bytes.count else { throw GiveUp() }
            if bytes[i] == 0x2C {
                i += 1
            } else if bytes[i] == 0x5D {
                i += 1
                break
            } else {
                throw GiveUp()
            }
        }
        let items = Array(pending[base...])
        pending.removeSubrange(base...)
        return .array(items)
    }

    /// Exactly the given ASCII word (`true`, `false`, `null`), at its first letter.
    private mutating func word(_ letters: UInt8...) throws(GiveUp) {
        guard i + letters.count <= bytes.count else { throw GiveUp() }
        for (offset, letter) in letters.enumerated() where bytes[i + offset] != letter { throw GiveUp() }
        i += letters.count
    }

    // MARK: Numbers

    private func isDigit(_ at: Int) -> Bool {
        at < bytes.count && bytes[at] &- 0x30 < 10
    }

    /// A JSON number (RFC 8259 grammar) as Foundation reads it: `strtod` of the text, refused when the result is
    /// infinite or rounds to zero from a non-zero text. Short integers are converted exactly without `strtod`.
    private mutating func number() throws(GiveUp) -> Double {
        let start = i
        let negative = bytes[i] == 0x2D
        if negative { i += 1 }
        guard isDigit(i) else { throw GiveUp() }
        var integer = 0
        var digits = 0
        if bytes[i] == 0x30 {
            i += 1
            // A leading zero followed by digits is a syntax error.
            if isDigit(i) { throw GiveUp() }
        } else {
            while isDigit(i) {
                integer = integer &* 10 &+ Int(bytes[i] &- 0x30)
                digits += 1
                i += 1
            }
        }
        var simple = true
        if i < bytes.count, bytes[i] == 0x2E {
            simple = false
            i += 1
            guard isDigit(i) else { throw GiveUp() }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] | 0x20 == 0x65 {
            simple = false
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard isDigit(i) else { throw GiveUp() }
            while isDigit(i) { i += 1 }
        }
        // An over-long number is the locator's finding (PSEA-E029).
        if i - start > JSONLocator.maxNumberLength { throw GiveUp() }
        if simple, digits <= 15 {
            // Below 10^15 < 2^53: exact in a Double, as strtod gives it (including -0).
            let magnitude = Double(integer)
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let result = Double(text), result.isFinite else { throw GiveUp() }
        if result == 0 {
            // Foundation refuses a non-zero number that underflows to zero; only a true zero is read as zero.
            var index = start
            while index < i, bytes[index] | 0x20 != 0x65 {
                if bytes[index] >= 0x31, bytes[index] <= 0x39 { throw GiveUp() }
                index += 1
            }
        }
        return result
    }

    // MARK: Strings

    private func hexDigit(_ at: Int) throws(GiveUp) -> UInt32 {
        guard at < bytes.count else { throw GiveUp() }
        let byte = bytes[at]
        switch byte {
        case 0x30...0x39: return UInt32(byte &- 0x30)
        case 0x61...0x66: return UInt32(byte &- 0x61 &+ 10)
        case 0x41...0x46: return UInt32(byte &- 0x41 &+ 10)
        default: throw GiveUp()
        }
    }

    /// At `\u`: the four hex digits as a number; the cursor ends after them.
    private mutating func unicodeEscape() throws(GiveUp) -> UInt32 {
        let code = try hexDigit(i + 2) << 12 | hexDigit(i + 3) << 8 | hexDigit(i + 4) << 4 | hexDigit(i + 5)
        i += 6
        return code
    }

    /// At the opening quote: the decoded text; the cursor ends after the closing quote. Text without escapes is
    /// made straight from the bytes; invalid UTF-8 gives up.
    private mutating func string() throws(GiveUp) -> String {
        i += 1
        let start = i
        skipPlainText()
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x22 {
                let text = try Self.exactString(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                i += 1
                return text
            }
            if byte == 0x5C { return try escapedString(from: start) }
            if byte < 0x20 { throw GiveUp() }
            i += 1
        }
        throw GiveUp()
    }

    /// The string of UTF-8 `bytes`, or a give-up when they are not valid UTF-8. Made by the standard library's
    /// fast decoding and compared with the bytes (a repair would have changed them), which costs less than its
    /// generic validating initialiser on every string of a document.
    private static func exactString(_ bytes: UnsafeBufferPointer<UInt8>) throws(GiveUp) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        var text = String(decoding: bytes, as: UTF8.self)
        let exact = text.withUTF8 { decoded in
            decoded.count == bytes.count && decoded.baseAddress.map { memcmp($0, base, bytes.count) == 0 } == true
        }
        guard exact else { throw GiveUp() }
        return text
    }

    /// Moves over string bytes eight at a time while none of them is a quote, a backslash or a control character.
    private mutating func skipPlainText() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A byte is zero (or below 0x20) exactly when the classic "has zero byte" test sets its high bit.
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            if special & highs != 0 { return }
            i += 8
        }
    }

    /// The rest of a string that has escapes; `start` is its first byte, the cursor is at the first backslash.
    private mutating func escapedString(from start: Int) throws(GiveUp) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x22 {
                i += 1
                return try scratch.withUnsafeBufferPointer { bytes throws(GiveUp) in try Self.exactString(bytes) }
            }
            if byte < 0x20 { throw GiveUp() }
            guard byte == 0x5C else {
                scratch.append(byte)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { throw GiveUp() }
            switch bytes[i + 1] {
            case 0x22, 0x5C, 0x2F: scratch.append(bytes[i + 1])
            case 0x62: scratch.append(0x08)
            case 0x66: scratch.append(0x0C)
            case 0x6E: scratch.append(0x0A)
            case 0x72: scratch.append(0x0D)
            case 0x74: scratch.append(0x09)
            case 0x75:
                var code = try unicodeEscape()
                if code >= 0xDC00, code <= 0xDFFF { throw GiveUp() }
                if code >= 0xD800, code <= 0xDBFF {
                    guard i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 else { throw GiveUp() }
                    let low = try unicodeEscape()
                    guard low >= 0xDC00, low <= 0xDFFF else { throw GiveUp() }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw GiveUp() }
                UTF8.encode(scalar) { scratch.append($0) }
                continue
            default:
                throw GiveUp()
            }
            i += 2
        }
        throw GiveUp()
    }
}

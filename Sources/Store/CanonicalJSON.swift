import Foundation

/// The writer behind `Ledger.canonicalJSON`: an `Encoder` that writes a value's canonical JSON straight into one
/// byte buffer, byte for byte what Foundation's `JSONEncoder` gives with `[.sortedKeys, .withoutEscapingSlashes]`:
/// object members sorted by the UTF-8 bytes of their keys, no white space; in strings `"` and `\` escaped, backspace,
/// form feed, LF, CR and tab as `\b`, `\f`, `\n`, `\r`, `\t`, other bytes below 0x20 as `\u00xx` (lowercase hex),
/// everything else (slashes, DEL, non-ASCII) as it is; integers in decimal; a `Double` or `Float` as its
/// `description` without a trailing `.0`; a nil member left out by `encodeIfPresent`, `null` where encoded.
///
/// It writes only what it writes exactly as the encoder does. A value it does not (a `Date`, `Data`, `URL` or
/// `Decimal`, which the encoder treats apart; a number that is not finite; a nested or super encoder; a key
/// encoded twice; a container asked for twice or of two kinds; nesting past 256 levels; a top-level value that
/// encodes nothing; any error thrown while encoding) makes `encode` return nil, and `Ledger.canonicalJSON` then
/// asks the `JSONEncoder` itself.
enum CanonicalJSON {
    /// The canonical JSON of `value`, or nil when it holds something this writer leaves to `JSONEncoder`.
    static func encode<T: Encodable>(_ value: T) -> String? {
        encode(value, writer: CanonicalJSONWriter())
    }

    /// `encode` with a given writer, which it leaves holding no encoder (they hold it: it would never be freed).
    static func encode<T: Encodable>(_ value: T, writer: CanonicalJSONWriter) -> String? {
        defer { writer.releaseEncoders() }
        let encoder = CanonicalJSONEncoder(writer: writer, parent: nil, key: nil, depth: 0)
        do {
            try encoder.encodeValue(value)
        } catch {
            // `JSONEncoder` says what is wrong (or writes what this writer leaves to it).
            return nil
        }
        guard !writer.unsupported, encoder.wroteValue else { return nil }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// The byte buffer one `CanonicalJSON.encode` writes into, shared by every encoder and container of the value.
final class CanonicalJSONWriter {
    /// Thrown where this writer would differ from `JSONEncoder`; `CanonicalJSON.encode` then returns nil.
    struct Unsupported: Error {}

    /// The text written so far.
    var bytes: [UInt8] = []
    /// Set where a non-throwing call met something this writer leaves to `JSONEncoder`.
    var unsupported = false
    /// The members of every object still open, innermost last: each one's key and where its bytes start.
    var members: [(key: String, start: Int)] = []
    /// Where the members of an object are put in key order before they are copied back.
    private var scratch: [UInt8] = []
    /// Encoders finished with, reused for the next nested value.
    private var spare: [CanonicalJSONEncoder] = []

    /// Nesting deeper than this is left to `JSONEncoder` (which refuses 512 levels).
    static let maximumDepth = 256

    init() {
        bytes.reserveCapacity(4096)
    }

    /// An encoder for a nested value, reused when one is spare.
    func encoder(parent: CanonicalJSONEncoder, key: (any CodingKey)?) -> CanonicalJSONEncoder {
        if let encoder = spare.popLast() {
            encoder.reset(parent: parent, key: key, depth: parent.depth + 1)
            return encoder
        }
        return CanonicalJSONEncoder(writer: self, parent: parent, key: key, depth: parent.depth + 1)
    }

    /// Lets go of the spare encoders, which hold this writer.
    func releaseEncoders() {
        spare.removeAll()
    }

    /// Gives back an encoder whose value is written, unless something still holds it.
    func recycle(_ encoder: inout CanonicalJSONEncoder) {
        guard isKnownUniquelyReferenced(&encoder) else { return }
        encoder.reset(parent: nil, key: nil, depth: 0)
        spare.append(encoder)
    }

    // MARK: Text

    func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `value` as a JSON string literal, escaped as `JSONEncoder` escapes it.
    func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            var mark = 0
            for index in text.indices {
                let byte = text[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if mark < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[mark..<index])) }
                mark = index + 1
                escape(byte)
            }
            if mark < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[mark...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let digits = Self.hexDigits
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    func integer(_ value: some FixedWidthInteger) {
        bytes.append(contentsOf: value.description.utf8)
    }

    /// A finite number as `JSONEncoder` writes it: its `description` without a trailing `.0`.
    func floatingPoint(_ value: some BinaryFloatingPoint & CustomStringConvertible) throws {
        guard value.isFinite else { throw Unsupported() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    // MARK: Objects

    /// Puts the members of the object whose `{` is at `open` and whose members begin at `members[base]` in the
    /// order of their keys' UTF-8 bytes, one comma between each, and closes it. A member's bytes are its
    /// key, `:` and value, preceded by a comma unless it was written first.
    func closeObject(open: Int, base: Int) throws {
        defer { members.removeSubrange(base...) }
        let count = members.count - base
        guard count > 1 else {
            bytes.append(UInt8(ascii: "}"))
            return
        }
        var inOrder = true
        for index in base + 1..<members.count where !members[index - 1].key.utf8.lexicographicallyPrecedes(members[index].key.utf8) {
            inOrder = false
            break
        }
        guard !inOrder else {
            bytes.append(UInt8(ascii: "}"))
            return
        }
        var spans: [(key: String, range: Range<Int>)] = []
        spans.reserveCapacity(count)
        for index in base..<members.count {
            let end = index + 1 < members.count ? members[index + 1].start : bytes.count
            spans.append((members[index].key, members[index].start..<end))
        }
        spans.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for index in 1..<spans.count where spans[index - 1].key == spans[index].key {
            // The encoder keeps the last value of a key encoded twice; such a value is left to it.
            throw Unsupported()
        }
        scratch.removeAll(keepingCapacity: true)
        for (index, span) in spans.enumerated() {
            var range = span.range
            if bytes[range.lowerBound] == UInt8(ascii: ",") { range = range.dropFirst() }
            if index > 0 { scratch.append(UInt8(ascii: ",")) }
            scratch.append(contentsOf: bytes[range])
        }
        bytes.replaceSubrange((open + 1)..., with: scratch)
        bytes.append(UInt8(ascii: "}"))
    }
}

/// The `Encoder` of one value being written by `CanonicalJSON`.
final class CanonicalJSONEncoder: Encoder {
    /// What the value has been written as so far.
    enum State {
        case none
        /// An object: where its `{` is and where its members begin in `writer.members`.
        case object(open: Int, base: Int)
        /// An array and how many elements it has.
        case array(count: Int)
        case single
        /// Written and closed.
        case closed
    }

    let writer: CanonicalJSONWriter
    private(set) var parent: CanonicalJSONEncoder?
    private(set) var key: (any CodingKey)?
    private(set) var depth: Int
    private(set) var state = State.none
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: CanonicalJSONEncoder? = self
        while let current = encoder {
            if let key = current.key { path.append(key) }
            encoder = current.parent
        }
        return path.reversed()
    }

    /// Whether the value has been written (or begun).
    var wroteValue: Bool {
        if case .none = state { return false }
        return true
    }

    init(writer: CanonicalJSONWriter, parent: CanonicalJSONEncoder?, key: (any CodingKey)?, depth: Int) {
        self.writer = writer
        self.parent = parent
        self.key = key
        self.depth = depth
    }

    func reset(parent: CanonicalJSONEncoder?, key: (any CodingKey)?, depth: Int) {
        self.parent = parent
        self.key = key
        self.depth = depth
        state = .none
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .none = state {
            state = .object(open: writer.bytes.count, base: writer.members.count)
            writer.bytes.append(UInt8(ascii: "{"))
        } else {
            writer.unsupported = true
        }
        return KeyedEncodingContainer(CanonicalKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .none = state {
            state = .array(count: 0)
            writer.bytes.append(UInt8(ascii: "["))
        } else {
            writer.unsupported = true
        }
        return CanonicalUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CanonicalSingleValueContainer(encoder: self)
    }

    /// Writes `value` as this encoder's whole value and closes what it opened.
    func encodeValue<T: Encodable>(_ value: T) throws {
        guard depth < CanonicalJSONWriter.maximumDepth else { throw CanonicalJSONWriter.Unsupported() }
        if T.self == String.self, let text = value as? String {
            begin()
            writer.string(text)
            return
        }
        // The encoder writes these by its own strategies, not by their `encode(to:)`.
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            throw CanonicalJSONWriter.Unsupported()
        }
        try value.encode(to: self)
        try finish()
    }

    /// Closes the object or array this encoder opened; a value that wrote nothing is an empty object.
    private func finish() throws {
        defer { state = .closed }
        switch state {
        case .none:
            // At the top the encoder refuses a value that encodes nothing: that is left to it.
            guard parent != nil else { throw CanonicalJSONWriter.Unsupported() }
            writer.append("{}")
        case .object(let open, let base):
            try writer.closeObject(open: open, base: base)
        case .array:
            writer.bytes.append(UInt8(ascii: "]"))
        case .single, .closed:
            break
        }
    }

    /// Marks the single value as written; a second is left to the encoder (which stops on it).
    func begin() {
        if case .none = state {
            state = .single
        } else {
            writer.unsupported = true
        }
    }

    /// Writes a nested value (a member's or an element's) with an encoder of its own.
    func encodeNested<T: Encodable>(_ value: T, key: (any CodingKey)?) throws {
        if T.self == String.self, let text = value as? String {
            writer.string(text)
            return
        }
        var nested = writer.encoder(parent: self, key: key)
        try nested.encodeValue(value)
        writer.recycle(&nested)
    }

    /// Starts a member of the open object: a comma unless it is the first, then the key and `:`.
    func member(_ key: some CodingKey) {
        guard case .object(_, let base) = state else {
            writer.unsupported = true
            return
        }
        let name = key.stringValue
        let start = writer.bytes.count
        if writer.members.count > base { writer.bytes.append(UInt8(ascii: ",")) }
        writer.members.append((name, start))
        writer.string(name)
        writer.bytes.append(UInt8(ascii: ":"))
    }

    /// Starts an element of the open array: a comma unless it is the first.
    func element() {
        guard case .array(let count) = state else {
            writer.unsupported = true
            return
        }
        if count > 0 { writer.bytes.append(UInt8(ascii: ",")) }
        state = .array(count: count + 1)
    }

    var elementCount: Int {
        if case .array(let count) = state { return count }
        return 0
    }

    /// A container this writer does not write in place: the value is left to `JSONEncoder`.
    func detached() -> CanonicalJSONEncoder {
        writer.unsupported = true
        return CanonicalJSONEncoder(writer: CanonicalJSONWriter(), parent: self, key: nil, depth: depth + 1)
    }
}

struct CanonicalKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: CanonicalJSONEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private var writer: CanonicalJSONWriter { encoder.writer }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.member(key)
        writer.append("null")
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        encoder.member(key)
        writer.append(value ? "true" : "false")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        encoder.member(key)
        writer.string(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        encoder.member(key)
        try writer.floatingPoint(value)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        encoder.member(key)
        try writer.floatingPoint(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }

    private func integer(_ value: some FixedWidthInteger, _ key: Key) throws {
        encoder.member(key)
        writer.integer(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.member(key)
        try encoder.encodeNested(value, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder.detached().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.detached().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder.detached() }

    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.detached() }
}

struct CanonicalUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: CanonicalJSONEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.elementCount }

    private var writer: CanonicalJSONWriter { encoder.writer }

    mutating func encodeNil() throws {
        encoder.element()
        writer.append("null")
    }

    mutating func encode(_ value: Bool) throws {
        encoder.element()
        writer.append(value ? "true" : "false")
    }

    mutating func encode(_ value: String) throws {
        encoder.element()
        writer.string(value)
    }

    mutating func encode(_ value: Double) throws {
        encoder.element()
        try writer.floatingPoint(value)
    }

    mutating func encode(_ value: Float) throws {
        encoder.element()
        try writer.floatingPoint(value)
    }

    mutating func encode(_ value: Int) throws { integer(value) }
    mutating func encode(_ value: Int8) throws { integer(value) }
    mutating func encode(_ value: Int16) throws { integer(value) }
    mutating func encode(_ value: Int32) throws { integer(value) }
    mutating func encode(_ value: Int64) throws { integer(value) }
    mutating func encode(_ value: UInt) throws { integer(value) }
    mutating func encode(_ value: UInt8) throws { integer(value) }
    mutating func encode(_ value: UInt16) throws { integer(value) }
    mutating func encode(_ value: UInt32) throws { integer(value) }
    mutating func encode(_ value: UInt64) throws { integer(value) }

    private func integer(_ value: some FixedWidthInteger) {
        encoder.element()
        writer.integer(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = encoder.elementCount
        encoder.element()
        try encoder.encodeNested(value, key: CanonicalIndexKey(index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        encoder.detached().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { encoder.detached().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { encoder.detached() }
}

struct CanonicalSingleValueContainer: SingleValueEncodingContainer {
    let encoder: CanonicalJSONEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private var writer: CanonicalJSONWriter { encoder.writer }

    mutating func encodeNil() throws {
        encoder.begin()
        writer.append("null")
    }

    mutating func encode(_ value: Bool) throws {
        encoder.begin()
        writer.append(value ? "true" : "false")
    }

    mutating func encode(_ value: String) throws {
        encoder.begin()
        writer.string(value)
    }

    mutating func encode(_ value: Double) throws {
        encoder.begin()
        try writer.floatingPoint(value)
    }

    mutating func encode(_ value: Float) throws {
        encoder.begin()
        try writer.floatingPoint(value)
    }

    mutating func encode(_ value: Int) throws { integer(value) }
    mutating func encode(_ value: Int8) throws { integer(value) }
    mutating func encode(_ value: Int16) throws { integer(value) }
    mutating func encode(_ value: Int32) throws { integer(value) }
    mutating func encode(_ value: Int64) throws { integer(value) }
    mutating func encode(_ value: UInt) throws { integer(value) }
    mutating func encode(_ value: UInt8) throws { integer(value) }
    mutating func encode(_ value: UInt16) throws { integer(value) }
    mutating func encode(_ value: UInt32) throws { integer(value) }
    mutating func encode(_ value: UInt64) throws { integer(value) }

    private func integer(_ value: some FixedWidthInteger) {
        encoder.begin()
        writer.integer(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // The encoder writes the value in this one's place, with this encoder.
        guard case .none = encoder.state else {
            writer.unsupported = true
            return
        }
        try encoder.encodeValue(value)
    }
}

/// The coding key of an array element: its index (the text made only when asked for).
struct CanonicalIndexKey: CodingKey {
    let index: Int

    init(_ index: Int) { self.index = index }

    init?(stringValue: String) { nil }

    init?(intValue: Int) { self.init(intValue) }

    var stringValue: String { "Index \(index)" }
    var intValue: Int? { index }
}

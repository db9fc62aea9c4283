import Foundation
import Yams

/// Decodes a composed YAML `Node` the way Yams's `YAMLDecoder` does (same values, same errors with the same coding
/// paths and descriptions), without its cost: Yams looks a key up by building a node for it and comparing it with
/// every key of the mapping, matching each against the resolver's regular expressions, which made decoding the
/// shipped rubrics most of a command's start-up. Here each mapping's keys are indexed once and a key's tag is
/// resolved once per decoding. A document using merge keys (`<<`) or value keys (`=`) is handed to Yams itself,
/// which flattens them.
enum NodeDecoder {
    /// The value of `type` in `root`; `resolver` is the one `root` was composed with.
    static func decode<T: Decodable>(
        _ type: T.Type, from root: Node, resolver: Resolver, userInfo: [CodingUserInfoKey: Any]
    ) throws -> T {
        if needsFlattening(root) { return try YAMLDecoder().decode(type, from: root, userInfo: userInfo) }
        let decoder = NodeValueDecoder(node: root, codingPath: [], context: NodeDecodingContext(resolver: resolver, userInfo: userInfo))
        return try decoder.decodeValue(type)
    }

    /// Whether a mapping anywhere in `node` has a merge or value key (what Yams's decoder flattens first).
    static func needsFlattening(_ node: Node) -> Bool {
        switch node {
        case .mapping(let mapping):
            mapping.contains { pair in
                pair.key.tag.rawValue == Tag.Name.merge.rawValue || pair.key.tag.rawValue == Tag.Name.value.rawValue || needsFlattening(pair.key)
                    || needsFlattening(pair.value)
            }
        case .sequence(let sequence): sequence.contains(where: needsFlattening)
        case .scalar, .alias: false
        }
    }
}

/// What every decoder of one decoding shares: the user info and the resolved tag of each key looked up.
private final class NodeDecodingContext {
    let resolver: Resolver
    let userInfo: [CodingUserInfoKey: Any]
    private var keyTags: [String: String] = [:]

    init(resolver: Resolver, userInfo: [CodingUserInfoKey: Any]) {
        self.resolver = resolver
        self.userInfo = userInfo
    }

    /// The tag a key written plainly as `key` resolves to (what Yams compares a mapping's keys with).
    func tag(ofKey key: String) -> String {
        if let tag = keyTags[key] { return tag }
        let tag = Node(key, Tag(.implicit, resolver)).tag.rawValue
        keyTags[key] = tag
        return tag
    }
}

/// Yams's description of a type mismatch, word for word.
private func typeMismatch(at codingPath: [any CodingKey], expectation: Any.Type, reality: Any) -> DecodingError {
    .typeMismatch(
        expectation,
        DecodingError.Context(
            codingPath: codingPath, debugDescription: "Expected to decode \(expectation) but found \(type(of: reality)) instead."))
}

/// The coding key of a sequence item, as Yams names it.
private struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String

    init(index: Int) {
        intValue = index
        stringValue = "Index \(index)"
    }

    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.init(index: intValue) }
}

private struct NodeValueDecoder: Decoder, SingleValueDecodingContainer {
    let node: Node
    let codingPath: [any CodingKey]
    let context: NodeDecodingContext

    var userInfo: [CodingUserInfoKey: Any] { context.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else {
            throw typeMismatch(at: codingPath, expectation: Node.Mapping.self, reality: node)
        }
        return KeyedDecodingContainer(NodeKeyedContainer<Key>(decoder: self, mapping: mapping))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else {
            throw typeMismatch(at: codingPath, expectation: Node.Sequence.self, reality: node)
        }
        return NodeUnkeyedContainer(decoder: self, items: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func child(_ node: Node, key: any CodingKey) -> NodeValueDecoder {
        NodeValueDecoder(node: node, codingPath: codingPath + [key], context: context)
    }

    func decodeNil() -> Bool { node.null != nil }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    /// A scalar through its Yams constructor, anything else through its own `init(from:)`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        guard let constructible = type as? any ScalarConstructible.Type else { return try T(from: self) }
        let scalar: Node.Scalar
        switch node {
        case .scalar(let value): scalar = value
        case .mapping(let mapping): throw typeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: mapping)
        case .sequence(let sequence): throw typeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: sequence)
        case .alias(let alias): throw typeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: alias)
        }
        guard let constructed = constructible.construct(from: scalar) else {
            throw typeMismatch(at: codingPath, expectation: constructible, reality: scalar)
        }
        guard let value = constructed as? T else { throw typeMismatch(at: codingPath, expectation: type, reality: constructed) }
        return value
    }
}

private struct NodeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeValueDecoder
    let mapping: Node.Mapping
    /// The mapping's pairs with a scalar key, by the key's text (the last of equal texts).
    let pairs: [String: (key: Node, value: Node)]
    let allKeys: [Key]

    init(decoder: NodeValueDecoder, mapping: Node.Mapping) {
        self.decoder = decoder
        self.mapping = mapping
        var pairs: [String: (key: Node, value: Node)] = [:]
        for pair in mapping {
            if let text = pair.key.string { pairs[text] = (pair.key, pair.value) }
        }
        self.pairs = pairs
        allKeys = mapping.compactMap { $0.key.string.flatMap(Key.init(stringValue:)) }
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    /// The value of `key`, as Yams finds it: the last key of the same text whose tag is the one the key written
    /// plainly resolves to (two keys of one text differ only by their tags, as `yes` and `"yes"` do).
    private func value(_ key: some CodingKey) -> Node? {
        guard let pair = pairs[key.stringValue] else { return nil }
        let tag = decoder.context.tag(ofKey: key.stringValue)
        if pair.key.tag.rawValue == tag { return pair.value }
        return mapping.reversed().first { $0.key.string == key.stringValue && $0.key.tag.rawValue == tag }?.value
    }

    private func child(_ key: some CodingKey) throws -> NodeValueDecoder {
        guard let node = value(key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return decoder.child(node, key: key)
    }

    func contains(_ key: Key) -> Bool { value(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).decodeNil() }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try child(key).unkeyedContainer() }

    func superDecoder() throws -> any Decoder { try child(SuperKey()) }

    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

/// The key Yams looks up for `superDecoder()`.
private struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

private struct NodeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeValueDecoder
    let items: [Node]
    var currentIndex = 0

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The next item through `body`; at the end, the error Yams gives, naming `type`.
    private mutating func next<T>(_ type: Any.Type, _ body: (NodeValueDecoder) throws -> T) throws -> T {
        let key = IndexKey(index: currentIndex)
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, DecodingError.Context(codingPath: codingPath + [key], debugDescription: "Unkeyed container is at end."))
        }
        let value = try body(decoder.child(items[currentIndex], key: key))
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool { try next(Any?.self) { $0.decodeNil() } }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(T.self) { try $0.decodeValue(type) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) { try $0.container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) { try $0.unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder { try next((any Decoder).self) { $0 } }
}

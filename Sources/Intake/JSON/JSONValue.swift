import Foundation

/// A parsed JSON value. Numbers are kept as `Double` (JSON Schema compares numbers by value: `2568.0` is an
/// integer, `2568.5` is not); booleans stay apart from numbers.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Why a text is not a JSON document the parser reads.
    struct NotJSON: Error, CustomStringConvertible {
        var description: String { "not a well-formed JSON document within the nesting limit" }
    }

    /// Parses JSON text (UTF-8, no byte order mark) with the reader's parser; a duplicate key keeps its first value.
    static func parse(_ data: Data) throws(NotJSON) -> JSONValue {
        let value = data.withUnsafeBytes { raw in
            JSONParser.parse(raw.bindMemory(to: UInt8.self), keepingFirstOfDuplicateKeys: true)
        }
        guard let value else { throw NotJSON() }
        return value
    }

    /// The value as an `Int` when it is integral and within ±2^53 (exact in a `Double`).
    static func exactInteger(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded(.towardZero) == value, abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    /// The JSON Schema type of this value: `integer` for an integral number (which a `number` type also admits).
    var type: JSONSchemaValidator.JSONType {
        switch self {
        case .null: .null
        case .bool: .boolean
        case .number(let value): value.isFinite && value.rounded(.towardZero) == value ? .integer : .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// Short text of the value for messages: strings quoted, long ones cut.
    var shortDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return JSONValue.numberText(value)
        case .string(let text):
            let cut = text.count > 60 ? String(text.prefix(57)) + "…" : text
            return "\"\(cut)\""
        case .array: return "[…]"
        case .object: return "{…}"
        }
    }

    /// A number as JSON text: integers without a fraction (`1200`), others in Swift's shortest form (`12.5`).
    static func numberText(_ value: Double) -> String {
        if let integer = exactInteger(value) { return String(integer) }
        return value.isFinite ? "\(value)" : "0"
    }
}

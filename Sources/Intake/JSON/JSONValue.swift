import Foundation

/// A parsed JSON value, as Foundation decoded it. Numbers are kept as `Double` (JSON Schema compares
/// numbers by value: `2568.0` is an integer, `2568.5` is not); booleans stay apart from numbers.
enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses JSON text with Foundation's `JSONDecoder` (native, no bridging through `NSObject`s). The caller bounds
    /// the nesting first (the locator refuses more than `JSONLocator.maxDepth` levels), so recursion is shallow.
    static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Foundation refuses to read `true` as a number or `1` as a `Bool`, which keeps booleans apart from numbers.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Strings first: they are most of an application, and every failed attempt costs an error value.
        if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Integral numbers are written as integers so that `Int` fields decode.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if let integer = JSONValue.exactInteger(value) {
                try container.encode(integer)
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as an `Int` when it is integral and within ±2^53 (exact in a `Double`).
    static func exactInteger(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded(.towardZero) == value, abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    /// The JSON Schema type names this value has (`integer` values are also `number`).
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let value): return value.isFinite && value.rounded(.towardZero) == value ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The same value with every string trimmed of leading and trailing white space.
    func trimmingStrings() -> JSONValue {
        switch self {
        case .string(let text): return .string(text.trimmingWhitespace)
        case .array(let items): return .array(items.map { $0.trimmingStrings() })
        case .object(let members): return .object(members.mapValues { $0.trimmingStrings() })
        default: return self
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

import Foundation
import Model

@testable import Intake

/// Foundation's reading and writing of JSON values: the reference the reader's parser and mapper are held to (the
/// reader itself no longer goes through Foundation).
extension JSONValue: Codable {
    /// Foundation refuses to read `true` as a number or `1` as a `Bool`, which keeps booleans apart from numbers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
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
    public func encode(to encoder: any Encoder) throws {
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

    /// The same value with every string trimmed of leading and trailing white space.
    func trimmingStrings() -> JSONValue {
        switch self {
        case .string(let text): return .string(text.trimmingWhitespace)
        case .array(let items): return .array(items.map { $0.trimmingStrings() })
        case .object(let members): return .object(members.mapValues { $0.trimmingStrings() })
        default: return self
        }
    }
}

extension JSONApplicationReader {
    /// The locating path as `read` runs it: behind the shared input checks.
    static func readFullyBehindInputChecks(_ data: Data) -> ReadResult {
        InputCheck.guarded(data, limit: maxBytes, readFully)
    }
}

extension XMLApplicationReader {
    /// The locating path as `read` runs it: behind the shared input checks.
    static func readFullyBehindInputChecks(_ data: Data) -> ReadResult {
        InputCheck.guarded(data, limit: maxDocumentBytes, readFully)
    }
}

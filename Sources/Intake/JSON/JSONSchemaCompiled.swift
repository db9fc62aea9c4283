import Foundation
import Model

/// The application schema compiled once into nodes (what jsonschema-rs does), for the reader's fast path. It answers
/// one question: would `JSONSchemaValidator.validate` find nothing at all in this value (and so return it
/// unchanged)? It never builds a message or a pointer; when the answer is no, or it is not sure, the reader runs
/// the interpreter, which explains. It may say no where the interpreter finds nothing (only the fast path is lost),
/// never yes where the interpreter would find something.
final class CompiledSchema: @unchecked Sendable {
    // @unchecked: nodes are filled while compiling (a `$ref` may point back up the tree) and never changed after;
    // `NSRegularExpression` is thread-safe for matching.

    /// The JSON Schema types a keyword `type` may list, as bits.
    struct Types: OptionSet {
        let rawValue: UInt8
        static let null = Types(rawValue: 1)
        static let boolean = Types(rawValue: 2)
        static let number = Types(rawValue: 4)
        static let integer = Types(rawValue: 8)
        static let string = Types(rawValue: 16)
        static let array = Types(rawValue: 32)
        static let object = Types(rawValue: 64)

        init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        init(name: String) {
            switch name {
            case "null": self = .null
            case "boolean": self = .boolean
            case "number": self = .number
            case "integer": self = .integer
            case "string": self = .string
            case "array": self = .array
            case "object": self = .object
            default: self = []
            }
        }

        /// Whether a value of this kind matches (an integral number is also a `number`).
        func admits(_ value: JSONValue) -> Bool {
            switch value {
            case .null: return contains(.null)
            case .bool: return contains(.boolean)
            case .number(let number):
                if number.isFinite, number.rounded(.towardZero) == number, contains(.integer) { return true }
                return contains(.number)
            case .string: return contains(.string)
            case .array: return contains(.array)
            case .object: return contains(.object)
            }
        }
    }

    /// How a string pattern is checked. The four patterns of the published schema are matched by hand (each
    /// accepts only texts the regular expression certainly matches); any other runs the regular expression.
    enum Pattern {
        case nonBlank, id, typeKey, email
        case regex(NSRegularExpression)
    }

    enum Format {
        case date, dateTime
    }

    enum Additional {
        case absent, forbidden
        case schema(Node)
    }

    /// One subschema. A schema that is not an object accepts anything, except `false`, which accepts nothing.
    final class Node {
        var acceptsNothing = false
        var acceptsAnything = false
        var reference: Node?
        var unresolvedReference = false
        var types: Types?
        /// `type` is exactly `"integer"`: the number must also fit the model (`JSONValue.exactInteger`).
        var modelInteger = false
        var constant: JSONValue?
        var enumStrings: Set<String>?
        var enumOthers: [JSONValue] = []
        var minimum: Double?
        var minItems: Double?
        var items: Node?
        var properties: [String: Node] = [:]
        var required: [String] = []
        var additional = Additional.absent
        var minLength: Double?
        var maxLength: Double?
        var pattern: Pattern?
        var format: Format?
    }

    let root: Node

    /// Compiles `schema`; `references` are its resolved `$ref`s and `regexes` its compiled patterns, as the
    /// interpreter holds them (a pattern without a regex is not checked, as in the interpreter).
    init(schema: JSONValue, references: [String: JSONValue], regexes: [String: NSRegularExpression]) {
        var compiler = Compiler(references: references, regexes: regexes)
        root = compiler.compile(schema)
    }

    /// True when the interpreter would find nothing in `value`.
    func accepts(_ value: JSONValue) -> Bool {
        accepts(value, root, depth: 0)
    }

    // MARK: Checking

    /// Deeper than this (a `$ref` loop) the answer is no: the interpreter decides.
    private static let maxDepth = 1_000

    private func accepts(_ value: JSONValue, _ node: Node, depth: Int) -> Bool {
        if node.acceptsAnything { return true }
        if node.acceptsNothing || node.unresolvedReference || depth > Self.maxDepth { return false }
        if let reference = node.reference, !accepts(value, reference, depth: depth + 1) { return false }
        if let types = node.types {
            // A numeric field given as Thai digits is a finding (PSEA-E025) even when the type also allows strings.
            if case .string(let text) = value, !types.isDisjoint(with: [.number, .integer]), Thai.containsThaiDigits(text) {
                return false
            }
            guard types.admits(value) else { return false }
        }
        if node.modelInteger, case .number(let number) = value, JSONValue.exactInteger(number) == nil { return false }
        if let constant = node.constant, value != constant { return false }
        if let enumStrings = node.enumStrings {
            if case .string(let text) = value {
                guard enumStrings.contains(text) else { return false }
            } else if !node.enumOthers.contains(value) {
                return false
            }
        }
        switch value {
        case .string(let text):
            return acceptsString(text, node)
        case .number(let number):
            if let minimum = node.minimum, number < minimum { return false }
        case .array(let items):
            if let minItems = node.minItems, Double(items.count) < minItems { return false }
            if let itemNode = node.items {
                for item in items where !accepts(item, itemNode, depth: depth + 1) { return false }
            }
        case .object(let members):
            for name in node.required where members[name] == nil { return false }
            for (name, member) in members {
                if let property = node.properties[name] {
                    guard accepts(member, property, depth: depth + 1) else { return false }
                } else {
                    switch node.additional {
                    case .absent: continue
                    case .forbidden: return false
                    case .schema(let additional): guard accepts(member, additional, depth: depth + 1) else { return false }
                    }
                }
            }
        case .null, .bool:
            break
        }
        return true
    }

    private func acceptsString(_ text: String, _ node: Node) -> Bool {
        // Lengths count Unicode scalars; a scalar is 1–4 UTF-8 bytes, so the byte count often decides alone.
        let bytes = text.utf8.count
        if let minimum = node.minLength, Double((bytes + 3) / 4) < minimum, Double(text.unicodeScalars.count) < minimum {
            return false
        }
        if let maximum = node.maxLength, Double(bytes) > maximum, Double(text.unicodeScalars.count) > maximum {
            return false
        }
        if let pattern = node.pattern, !Self.matches(text, pattern) { return false }
        switch node.format {
        case .date: return LocalDate(iso: text) != nil
        case .dateTime: return Timestamp(iso: text) != nil
        case nil: return true
        }
    }

    // MARK: Patterns

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    static func matches(_ text: String, _ pattern: Pattern) -> Bool {
        switch pattern {
        case .nonBlank:
            return text.utf8.contains { !isSpace($0) }
        case .id:
            return trimmedCore(text) { core in
                core.count <= 64 && core.allSatisfy { byte in
                    switch byte {
                    case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2E, 0x5F, 0x2D: return true
                    default: return false
                    }
                }
            }
        case .typeKey:
            return trimmedCore(text) { core in
                core.allSatisfy { byte in
                    switch byte {
                    case 0x61...0x7A, 0x30...0x39, 0x2D: return true
                    default: return false
                    }
                }
            }
        case .email:
            return trimmedCore(text) { core in
                guard let at = core.firstIndex(of: 0x40), at != core.startIndex, at != core.index(before: core.endIndex) else {
                    return false
                }
                return !core[core.index(after: at)...].contains(0x40) && !core.contains(where: isSpace)
            }
        case .regex(let regex):
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// `test` of the text without leading and trailing space, tab, CR and LF; false when nothing else is left.
    private static func trimmedCore(_ text: String, _ test: (Substring.UTF8View) -> Bool) -> Bool {
        let utf8 = Substring(text).utf8
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return false
        }
        return test(utf8[first...last])
    }

    // MARK: Compiling

    private struct Compiler {
        let references: [String: JSONValue]
        let regexes: [String: NSRegularExpression]
        /// One node per `$ref`, made before its target is compiled, so a reference back up the tree is a loop.
        var referenced: [String: Node] = [:]

        init(references: [String: JSONValue], regexes: [String: NSRegularExpression]) {
            self.references = references
            self.regexes = regexes
        }

        mutating func compile(_ schema: JSONValue) -> Node {
            let node = Node()
            fill(node, from: schema)
            return node
        }

        mutating func fill(_ node: Node, from schema: JSONValue) {
            guard case .object(let keywords) = schema else {
                if schema == .bool(false) { node.acceptsNothing = true } else { node.acceptsAnything = true }
                return
            }
            if case .string(let reference) = keywords["$ref"] {
                if let existing = referenced[reference] {
                    node.reference = existing
                } else if let target = references[reference] {
                    let shared = Node()
                    referenced[reference] = shared
                    fill(shared, from: target)
                    node.reference = shared
                } else {
                    node.unresolvedReference = true
                }
            }
            if let type = keywords["type"] {
                switch type {
                case .string(let name):
                    node.types = Types(name: name)
                    node.modelInteger = name == "integer"
                case .array(let names):
                    node.types = names.reduce(into: Types()) { types, entry in
                        if case .string(let name) = entry { types.formUnion(Types(name: name)) }
                    }
                default:
                    // The interpreter lets any value through such a `type`, but still reads Thai digits as a number.
                    node.types = Types(rawValue: 0x7F)
                }
            }
            node.constant = keywords["const"]
            if case .array(let allowed) = keywords["enum"] {
                var strings: Set<String> = []
                for value in allowed {
                    if case .string(let text) = value { strings.insert(text) } else { node.enumOthers.append(value) }
                }
                node.enumStrings = strings
            }
            if case .number(let minimum) = keywords["minimum"] { node.minimum = minimum }
            if case .number(let minItems) = keywords["minItems"] { node.minItems = minItems }
            if let items = keywords["items"] { node.items = compile(items) }
            if case .object(let declared) = keywords["properties"] {
                for (name, property) in declared { node.properties[name] = compile(property) }
            }
            if case .array(let required) = keywords["required"] {
                node.required = required.compactMap { if case .string(let name) = $0 { name } else { nil } }
            }
            if let additional = keywords["additionalProperties"] {
                node.additional = additional == .bool(false) ? .forbidden : .schema(compile(additional))
            }
            if case .number(let minimum) = keywords["minLength"] { node.minLength = minimum }
            if case .number(let maximum) = keywords["maxLength"] { node.maxLength = maximum }
            if case .string(let pattern) = keywords["pattern"], let regex = regexes[pattern] {
                switch pattern {
                case JSONSchemaValidator.nonBlankPattern: node.pattern = .nonBlank
                case "^[ \\t\\r\\n]*[A-Za-z0-9._-]{1,64}[ \\t\\r\\n]*$": node.pattern = .id
                case "^[ \\t\\r\\n]*[a-z0-9-]+[ \\t\\r\\n]*$": node.pattern = .typeKey
                case "^[ \\t\\r\\n]*[^@ \\t\\r\\n]+@[^@ \\t\\r\\n]+[ \\t\\r\\n]*$": node.pattern = .email
                default: node.pattern = .regex(regex)
                }
            }
            if case .string(let format) = keywords["format"] {
                switch format {
                case "date": node.format = .date
                case "date-time": node.format = .dateTime
                default: break
                }
            }
        }
    }
}

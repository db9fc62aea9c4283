import Foundation
import Model

/// A published JSON Schema (`Schemas/application.schema.json`, `Schemas/application-v2.schema.json`), compiled once into nodes and checked by one
/// piece of code at two speeds: `accepts` answers yes or no for the reader's fast path (no pointer, no message,
/// stopping at the first problem), `validate` explains every finding for the locating path. Both walk the same
/// nodes with the same `SchemaCheck`, so they cannot disagree. Loaded once per process; immutable after loading,
/// so one instance serves every thread.
final class JSONSchemaValidator: @unchecked Sendable {
    // @unchecked: every stored property is immutable after `init`, and nodes are filled while compiling (a `$ref`
    // may point back up the tree) and never changed after; `NSRegularExpression` is thread-safe for matching.

    /// The keywords this check understands; a schema using any other keyword fails to load.
    static let supportedKeywords: Set<String> = [
        "$schema", "$id", "title", "description", "$comment", "$defs", "$ref", "type", "properties", "required",
        "additionalProperties", "items", "minItems", "enum", "const", "pattern", "minLength", "maxLength", "minimum",
        "format",
    ]

    /// The formats this check checks.
    static let supportedFormats: Set<String> = ["date", "date-time"]

    /// The schema as published.
    let root: JSONValue
    /// The schema compiled into nodes, every `$ref` resolved and every pattern compiled once.
    private let compiled: Node

    /// The validator for the schema of format version 1 embedded in Intake, or why it could not be loaded.
    static let shared: Result<JSONSchemaValidator, SchemaLoadError> = embedded("Schemas/application.schema.json")
    /// The validator for the schema of format version 2 (`Schemas/application-v2.schema.json`).
    static let sharedV2: Result<JSONSchemaValidator, SchemaLoadError> = embedded("Schemas/application-v2.schema.json")

    /// The validator for the format version a document declares: version 2 for `"schemaVersion": 2`, else
    /// version 1 (whose schema reports any other version as PSEA-E015).
    static func forDocument(_ document: JSONValue) -> Result<JSONSchemaValidator, SchemaLoadError> {
        if case .object(let members) = document, members["schemaVersion"] == .number(2) { return sharedV2 }
        return shared
    }

    private static func embedded(_ name: String) -> Result<JSONSchemaValidator, SchemaLoadError> {
        guard let text = EmbeddedResources.files[name] else {
            return .failure(SchemaLoadError(reason: "\(name) is not embedded in Intake"))
        }
        do {
            return .success(try JSONSchemaValidator(data: Data(text.utf8)))
        } catch let error as SchemaLoadError {
            return .failure(error)
        } catch {
            return .failure(SchemaLoadError(reason: "cannot read the embedded schema: \(error)"))
        }
    }

    struct SchemaLoadError: Error, Sendable {
        let reason: String
    }

    init(data: Data) throws {
        let schema: JSONValue
        do {
            schema = try JSONValue.parse(data)
        } catch {
            throw SchemaLoadError(reason: "the schema is not valid JSON: \(error)")
        }
        var patterns: [String] = []
        var problems: [String] = []
        JSONSchemaValidator.survey(schema, patterns: &patterns, problems: &problems)
        guard problems.isEmpty else { throw SchemaLoadError(reason: problems.sorted().joined(separator: "; ")) }
        var regexes: [String: Expression] = [:]
        for pattern in patterns {
            // A pattern matched by hand is compiled only when a finding needs explaining: the first regular
            // expression of a process costs ICU's Unicode sets, more than reading the whole schema.
            if Pattern(handMatching: pattern) != .regex {
                regexes[pattern] = Expression(pattern: pattern)
                continue
            }
            do {
                regexes[pattern] = Expression(pattern: pattern, compiled: try NSRegularExpression(pattern: pattern))
            } catch {
                throw SchemaLoadError(reason: "bad pattern \(pattern): \(error)")
            }
        }
        var references: [String: JSONValue] = [:]
        for reference in JSONSchemaValidator.references(in: schema) {
            // An unresolved reference stays out of the table and is reported where a value meets it.
            references[reference] = JSONSchemaValidator.resolve(reference, in: schema)
        }
        self.root = schema
        var compiler = Compiler(references: references, regexes: regexes)
        self.compiled = compiler.compile(schema)
    }

    /// Every `$ref` string anywhere in the schema.
    private static func references(in schema: JSONValue) -> Set<String> {
        var found: Set<String> = []
        var pending = [schema]
        while let next = pending.popLast() {
            switch next {
            case .object(let members):
                if case .string(let reference) = members["$ref"] { found.insert(reference) }
                pending.append(contentsOf: members.values)
            case .array(let items):
                pending.append(contentsOf: items)
            default:
                break
            }
        }
        return found
    }

    /// Walks the schema: collects its patterns and every keyword or format the check does not understand.
    private static func survey(_ schema: JSONValue, patterns: inout [String], problems: inout [String]) {
        var pending = [schema]
        while let next = pending.popLast() {
            guard case .object(let keywords) = next else { continue }
            for (keyword, value) in keywords {
                if !supportedKeywords.contains(keyword) { problems.append("unsupported keyword \(keyword)") }
                switch (keyword, value) {
                case ("properties", .object(let members)), ("$defs", .object(let members)):
                    pending.append(contentsOf: members.values)
                case ("items", _), ("additionalProperties", .object):
                    pending.append(value)
                case ("pattern", .string(let pattern)):
                    patterns.append(pattern)
                case ("format", .string(let format)):
                    if !supportedFormats.contains(format) { problems.append("unsupported format \(format)") }
                default:
                    break
                }
            }
        }
    }

    // MARK: Checking

    /// True when `validate` would find nothing in `value` (and so return it unchanged): the fast path's question.
    func accepts(_ value: JSONValue) -> Bool {
        var check = SchemaCheck<Accepting>()
        var value = value
        return check.check(&value, compiled, at: "", depth: 0)
    }

    /// Checks `value` against the whole schema. Returns every finding (unlocated, with pointers) and the value
    /// with numbers written in Thai digits replaced by the numbers they stand for.
    func validate(_ value: JSONValue) -> (value: JSONValue, diagnostics: [Diagnostic]) {
        var check = SchemaCheck<Explaining>()
        check.document = value
        var checked = value
        _ = check.check(&checked, compiled, at: "", depth: 0)
        return (checked, check.findings)
    }

    /// The schema's pattern for required texts.
    static let nonBlankPattern = "[^ \\t\\r\\n]"

    private static func resolve(_ reference: String, in root: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        var node = root
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            // Foundation's replacing is asked only for a token that has an escape (a tenth of the schema's load).
            let name = token.contains("~") ? token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") : String(token)
            guard case .object(let members) = node, let child = members[name] else { return nil }
            node = child
        }
        return node
    }

    // MARK: Nodes

    /// The types JSON Schema's keyword `type` names, in the order of their bits in `Types`.
    enum JSONType: UInt8, CaseIterable {
        case null, boolean, number, integer, string, array, object

        /// The name the schema writes.
        var name: String { String(describing: self) }
    }

    /// The JSON Schema types a keyword `type` may list, as bits.
    @MemberwiseInit
    struct Types: OptionSet {
        let rawValue: UInt8

        init(_ type: JSONType) { rawValue = 1 << type.rawValue }

        /// The type the schema names `name`; none for a name that is not a type.
        init(name: String) { self = JSONType.allCases.first { $0.name == name }.map(Types.init) ?? [] }

        func contains(_ type: JSONType) -> Bool { contains(Types(type)) }

        /// Whether a value of this kind matches (an integral number is also a `number`).
        func admits(_ value: JSONValue) -> Bool {
            let type = value.type
            return contains(type) || (type == .integer && contains(.number))
        }
    }

    /// The values a `const` (its one value) or an `enum` allows, as written, with their strings as a set for the
    /// lookup.
    struct Listing {
        let values: [JSONValue]
        let isConstant: Bool
        private let strings: Set<String>

        init(_ values: [JSONValue], isConstant: Bool) {
            self.values = values
            self.isConstant = isConstant
            strings = Set(values.compactMap { if case .string(let text) = $0 { text } else { nil } })
        }

        func admits(_ value: JSONValue) -> Bool {
            if case .string(let text) = value { return strings.contains(text) }
            return values.contains(value)
        }

        /// What a message says of `value`, which the listing does not admit (after the value's place).
        func refusal(of value: JSONValue, _ language: Language) -> String {
            switch (isConstant, language) {
            case (true, .th): "ต้องเป็น \(values[0].shortDescription) แต่พบ \(value.shortDescription)"
            case (true, .en): "expected \(values[0].shortDescription), found \(value.shortDescription)"
            case (false, .th): "\(value.shortDescription) ไม่อยู่ในรายการ \(JSONSchemaValidator.listing(values, .th))"
            case (false, .en): "\(value.shortDescription) is not one of \(JSONSchemaValidator.listing(values, .en))"
            }
        }
    }

    /// How a string pattern is matched first. The four patterns of the published schema are matched by hand (each
    /// accepts only texts the regular expression certainly matches); when the hand says no, the explaining check
    /// asks the regular expression, which decides. Any other pattern runs the regular expression.
    enum Pattern {
        case nonBlank, id, typeKey, email
        case regex

        /// The hand-written matcher of a pattern of the published schema; `.regex` for any other pattern.
        init(handMatching pattern: String) {
            switch pattern {
            case JSONSchemaValidator.nonBlankPattern: self = .nonBlank
            case "^[ \\t\\r\\n]*[A-Za-z0-9._-]{1,64}[ \\t\\r\\n]*$": self = .id
            case "^[ \\t\\r\\n]*[a-z0-9-]+[ \\t\\r\\n]*$": self = .typeKey
            case "^[ \\t\\r\\n]*[^@ \\t\\r\\n]+@[^@ \\t\\r\\n]+[ \\t\\r\\n]*$": self = .email
            default: self = .regex
            }
        }
    }

    /// A pattern's regular expression, compiled on first use when it was not at loading (a hand-matched pattern:
    /// the fast path never asks for it). Thread-safe: one schema serves every thread.
    final class Expression: @unchecked Sendable {
        // @unchecked: `compiled` is only read and written under `lock`.
        let pattern: String
        private let lock = NSLock()
        private var compiled: NSRegularExpression?

        init(pattern: String, compiled: NSRegularExpression? = nil) {
            self.pattern = pattern
            self.compiled = compiled
        }

        /// The compiled expression; nil only if the pattern does not compile (never for a hand-matched pattern:
        /// `JSONSchemaInterpreterTests` compiles each of them).
        var expression: NSRegularExpression? {
            lock.withLock {
                if compiled == nil { compiled = try? NSRegularExpression(pattern: pattern) }
                return compiled
            }
        }
    }

    enum Format {
        case date, dateTime, unchecked
    }

    enum Additional {
        case absent, forbidden
        case schema(Node)
    }

    /// One subschema, with the keywords as written where a message quotes them. A schema that is not an object
    /// accepts anything, except `false`, which accepts nothing.
    final class Node {
        var acceptsNothing = false
        var acceptsAnything = false
        var reference: Node?
        /// A `$ref` that points nowhere, as written.
        var unresolvedReference: String?
        /// `type` as written (for messages) and as bits.
        var type: JSONValue?
        var types: Types?
        /// `type` is exactly `"integer"`: the number must also fit the model (`JSONValue.exactInteger`).
        var modelInteger = false
        /// What `const`, then `enum`, allows.
        var listings: [Listing] = []
        var minimum: Double?
        var minItems: Double?
        var items: Node?
        var properties: [String: Node] = [:]
        /// The declared property names, sorted and joined, for the message about an unknown member.
        var knownProperties = ""
        var required: [String] = []
        var additional = Additional.absent
        var minLength: Double?
        var maxLength: Double?
        var pattern: (text: String, matcher: Pattern, regex: Expression)?
        var format: Format?
    }

    // MARK: Patterns

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// The hand-written matchers; `.regex` is never true here (the regular expression decides).
    static func matches(_ text: String, _ pattern: Pattern) -> Bool {
        switch pattern {
        case .nonBlank:
            return text.utf8.contains { !isSpace($0) }
        case .id:
            return trimmedCore(text) { core in
                core.count <= 64
                    && core.allSatisfy { byte in
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
        case .regex:
            return false
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
        let regexes: [String: Expression]
        /// One node per `$ref`, made before its target is compiled, so a reference back up the tree is a loop.
        var referenced: [String: Node] = [:]

        init(references: [String: JSONValue], regexes: [String: Expression]) {
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
                    node.unresolvedReference = reference
                }
            }
            if let type = keywords["type"] {
                node.type = type
                switch type {
                case .string(let name):
                    node.types = Types(name: name)
                    node.modelInteger = name == "integer"
                case .array(let names):
                    node.types = names.reduce(into: Types()) { types, entry in
                        if case .string(let name) = entry { types.formUnion(Types(name: name)) }
                    }
                default:
                    // Such a `type` lets any value through, but Thai digits are still read as a number.
                    node.types = Types(rawValue: 0x7F)
                }
            }
            if let constant = keywords["const"] { node.listings.append(Listing([constant], isConstant: true)) }
            if case .array(let allowed) = keywords["enum"] { node.listings.append(Listing(allowed, isConstant: false)) }
            if case .number(let minimum) = keywords["minimum"] { node.minimum = minimum }
            if case .number(let minItems) = keywords["minItems"] { node.minItems = minItems }
            if let items = keywords["items"] { node.items = compile(items) }
            if case .object(let declared) = keywords["properties"] {
                for (name, property) in declared { node.properties[name] = compile(property) }
                node.knownProperties = declared.keys.sorted().joined(separator: ", ")
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
                node.pattern = (pattern, Pattern(handMatching: pattern), regex)
            }
            if case .string(let format) = keywords["format"] {
                switch format {
                case "date": node.format = .date
                case "date-time": node.format = .dateTime
                default: node.format = .unchecked
                }
            }
        }
    }

    /// `-?[0-9]+(.[0-9]+)?`
    static func isDecimal(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    // MARK: Words for messages

    /// The place a pointer names, as messages write it (`PlaceText`: `/activities/3(A3)/level`, with the ids of
    /// `document`'s items); the root is "the document".
    static func field(_ pointer: String, _ language: Language = .en, in document: JSONValue? = nil) -> String {
        guard pointer.isEmpty else { return PlaceText.json(pointer) { PlaceText.id(list: $0, index: $1, in: document) } }
        return language == .th ? "ตัวเอกสาร" : "the document"
    }

    private static let englishTypes = [
        "object": "an object", "array": "an array", "string": "a string", "integer": "an integer",
        "number": "a number", "boolean": "true or false", "null": "null",
    ]
    private static let thaiTypes = [
        "object": "ออบเจกต์", "array": "อาร์เรย์ (รายการ)", "string": "ข้อความ", "integer": "จำนวนเต็ม",
        "number": "ตัวเลข", "boolean": "ค่าจริงหรือเท็จ", "null": "ค่าว่าง (null)",
    ]

    static func typeNames(_ type: JSONValue, _ language: Language) -> String {
        let table = language == .th ? thaiTypes : englishTypes
        let names: [String]
        switch type {
        case .string(let name): names = [name]
        case .array(let list): names = list.compactMap { if case .string(let name) = $0 { name } else { nil } }
        default: names = []
        }
        return names.map { table[$0] ?? $0 }.joined(separator: language == .th ? " หรือ" : " or ")
    }

    static func englishName(of value: JSONValue) -> String {
        value.type == .integer ? "a number" : englishTypes[value.type.name] ?? value.type.name
    }

    static func thaiName(of value: JSONValue) -> String {
        value.type == .integer ? "ตัวเลข" : thaiTypes[value.type.name] ?? value.type.name
    }

    /// The allowed values for a message: the ASCII ones, then a note when Thai names are also accepted.
    static func listing(_ allowed: [JSONValue], _ language: Language) -> String {
        var shown: [String] = []
        var hasThai = false
        for value in allowed {
            if case .string(let text) = value {
                if text.unicodeScalars.allSatisfy(\.isASCII) { shown.append(text) } else { hasThai = true }
            } else {
                shown.append(value.shortDescription)
            }
        }
        return FormatLists.listing(shown, thaiAccepted: hasThai, language)
    }

    static let patternMeaning: [String: (th: String, en: String)] = [
        "^[ \\t\\r\\n]*[A-Za-z0-9._-]{1,64}[ \\t\\r\\n]*$": (
            "ต้องยาว 1–64 ตัวอักษร และใช้ได้เฉพาะ A–Z, a–z, 0–9, '.', '_' และ '-'",
            "must be 1–64 characters of A–Z, a–z, 0–9, '.', '_' and '-'"
        ),
        "[^ \\t\\r\\n]": ("ต้องมีข้อความ ไม่ใช่เว้นว่างทั้งหมด", "must not be empty or only white space"),
        "^[ \\t\\r\\n]*[a-z0-9-]+[ \\t\\r\\n]*$": (
            "ต้องเป็นคีย์ตัวพิมพ์เล็ก ใช้ได้เฉพาะ a–z, 0–9 และ '-'", "must be a lowercase key of a–z, 0–9 and '-'"
        ),
        "^[ \\t\\r\\n]*[^@ \\t\\r\\n]+@[^@ \\t\\r\\n]+[ \\t\\r\\n]*$": (
            "ต้องเป็นที่อยู่อีเมลที่มี '@' หนึ่งตัว มีข้อความทั้งสองข้าง และไม่มีช่องว่างภายใน",
            "must be an e-mail address with one '@', text on both sides and no spaces inside"
        ),
    ]
}

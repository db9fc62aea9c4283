import Foundation
import Model

/// The published JSON Schema (`Schemas/application.schema.json`) and a small interpreter of the 2020-12 keywords
/// it uses, so that the file is exactly what the JSON reader enforces. Loaded once per process; immutable after
/// loading, so one instance serves every thread.
final class JSONSchemaValidator: @unchecked Sendable {
    // @unchecked: every stored property is immutable after `init`; `NSRegularExpression` is documented as
    // thread-safe for matching, which is all that is done with it.

    /// The keywords this interpreter understands; a schema using any other keyword fails to load.
    static let supportedKeywords: Set<String> = [
        "$schema", "$id", "title", "description", "$comment", "$defs", "$ref", "type", "properties", "required",
        "additionalProperties", "items", "minItems", "enum", "const", "pattern", "minLength", "maxLength", "minimum",
        "format",
    ]

    /// The formats this interpreter checks.
    static let supportedFormats: Set<String> = ["date", "date-time"]

    let root: JSONValue
    private let regexes: [String: NSRegularExpression]
    /// Every `$ref` of the schema, resolved once at load time (validation looks them up for each value).
    private let references: [String: JSONValue]
    /// The same schema compiled into nodes: the reader's fast yes-or-no check of a clean file.
    let compiled: CompiledSchema

    /// The validator for the schema shipped in the Intake bundle, or why it could not be loaded.
    static let shared: Result<JSONSchemaValidator, SchemaLoadError> = {
        guard let url = Bundle.module.url(forResource: "application.schema", withExtension: "json", subdirectory: "Schemas") else {
            return .failure(SchemaLoadError(reason: "Schemas/application.schema.json is not in the Intake bundle"))
        }
        do {
            return .success(try JSONSchemaValidator(data: try Data(contentsOf: url)))
        } catch let error as SchemaLoadError {
            return .failure(error)
        } catch {
            return .failure(SchemaLoadError(reason: "cannot read \(url.path): \(error)"))
        }
    }()

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
        var regexes: [String: NSRegularExpression] = [:]
        for pattern in patterns {
            do {
                regexes[pattern] = try NSRegularExpression(pattern: pattern)
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
        self.regexes = regexes
        self.references = references
        self.compiled = CompiledSchema(schema: schema, references: references, regexes: regexes)
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

    /// Walks the schema: collects its patterns and every keyword or format the interpreter does not understand.
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

    // MARK: Validation

    /// Checks `value` against the whole schema. Returns every finding (unlocated, with pointers) and the value
    /// with numbers written in Thai digits replaced by the numbers they stand for.
    func validate(_ value: JSONValue) -> (value: JSONValue, diagnostics: [Diagnostic]) {
        var findings: [Diagnostic] = []
        let checked = check(value, against: root, at: "", &findings)
        return (checked, findings)
    }

    /// Whether `text` matches `pattern`. "Has a character other than space, tab, CR or LF" — the pattern of every
    /// required text, long narratives included — is answered without a regular expression.
    private func matches(_ text: String, _ pattern: String, _ regex: NSRegularExpression) -> Bool {
        if pattern == Self.nonBlankPattern {
            return text.utf8.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
        }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The schema's pattern for required texts.
    static let nonBlankPattern = "[^ \\t\\r\\n]"

    private func resolve(_ reference: String) -> JSONValue? {
        references[reference]
    }

    private static func resolve(_ reference: String, in root: JSONValue) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        var node = root
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard case .object(let members) = node, let child = members[name] else { return nil }
            node = child
        }
        return node
    }

    private func check(_ original: JSONValue, against schema: JSONValue, at pointer: String, _ out: inout [Diagnostic]) -> JSONValue {
        guard case .object(let keywords) = schema else {
            if schema == .bool(false) {
                out.append(DiagnosticRule.schemaOther.diagnostic(
                    th: "\(Self.field(pointer, .th)): ไม่อนุญาตให้มีข้อมูลนี้", en: "\(Self.field(pointer)): no value is allowed here", at: pointer))
            }
            return original
        }
        var value = original
        if case .string(let reference) = keywords["$ref"] {
            if let target = resolve(reference) {
                value = check(value, against: target, at: pointer, &out)
            } else {
                out.append(DiagnosticRule.schemaOther.diagnostic(
                    th: "สคีมาอ้างถึง \(reference) ซึ่งไม่มีอยู่", en: "the schema refers to \(reference), which does not exist", at: pointer))
            }
        }
        let type = keywords["type"]
        if let type {
            value = thaiDigitsAsNumber(value, type: type, at: pointer, &out)
            guard Self.matches(value, type: type) else {
                out.append(DiagnosticRule.wrongType.diagnostic(
                    th: "\(Self.field(pointer, .th)): ต้องเป็น\(Self.typeNames(type, .th)) แต่พบ\(Self.thaiName(of: value)) \(value.shortDescription)",
                    en: "\(Self.field(pointer)): expected \(Self.typeNames(type, .en)), found \(Self.englishName(of: value)) \(value.shortDescription)",
                    at: pointer))
                return value
            }
        }
        if type == .string("integer"), case .number(let number) = value, JSONValue.exactInteger(number) == nil {
            // Beyond the schema: the model holds integers as `Int`, exact up to 2^53 through JSON numbers.
            out.append(DiagnosticRule.schemaOther.diagnostic(
                th: "\(Self.field(pointer, .th)): จำนวนเต็ม \(value.shortDescription) ใหญ่เกินกว่าที่ใบสมัครรองรับ",
                en: "\(Self.field(pointer)): the integer \(value.shortDescription) is too large for an application", at: pointer))
            return value
        }
        let listRule = pointer == "/schemaVersion" ? DiagnosticRule.wrongVersion : DiagnosticRule.notInList
        if let constant = keywords["const"], value != constant {
            out.append(listRule.diagnostic(
                th: "\(Self.field(pointer, .th)): ต้องเป็น \(constant.shortDescription) แต่พบ \(value.shortDescription)",
                en: "\(Self.field(pointer)): expected \(constant.shortDescription), found \(value.shortDescription)", at: pointer))
        }
        if case .array(let allowed) = keywords["enum"], !allowed.contains(value) {
            out.append(listRule.diagnostic(
                th: "\(Self.field(pointer, .th)): \(value.shortDescription) ไม่อยู่ในรายการ \(Self.listing(allowed, .th))",
                en: "\(Self.field(pointer)): \(value.shortDescription) is not one of \(Self.listing(allowed, .en))", at: pointer))
        }
        switch value {
        case .string(let text):
            checkString(text, keywords, at: pointer, &out)
        case .number(let number):
            if case .number(let minimum) = keywords["minimum"], number < minimum {
                out.append(DiagnosticRule.schemaOther.diagnostic(
                    th: "\(Self.field(pointer, .th)): ต้องไม่น้อยกว่า \(JSONValue.numberText(minimum)) แต่พบ \(JSONValue.numberText(number))",
                    en: "\(Self.field(pointer)): must be at least \(JSONValue.numberText(minimum)), found \(JSONValue.numberText(number))",
                    at: pointer))
            }
        case .array(let items):
            if case .number(let minimum) = keywords["minItems"], Double(items.count) < minimum {
                let least = JSONValue.numberText(minimum)
                out.append(DiagnosticRule.tooFew.diagnostic(
                    th: "\(Self.field(pointer, .th)): ต้องมีอย่างน้อย \(least) รายการ แต่มี \(items.count) รายการ",
                    en: "\(Self.field(pointer)): needs at least \(least) item\(least == "1" ? "" : "s"), found \(items.count)", at: pointer))
            }
            if let itemSchema = keywords["items"] {
                value = .array(items.enumerated().map { index, item in
                    check(item, against: itemSchema, at: pointer + "/" + String(index), &out)
                })
            }
        case .object(let members):
            value = .object(checkObject(members, keywords, at: pointer, &out))
        case .null, .bool:
            break
        }
        return value
    }

    private func checkObject(
        _ members: [String: JSONValue], _ keywords: [String: JSONValue], at pointer: String, _ out: inout [Diagnostic]
    ) -> [String: JSONValue] {
        if case .array(let required) = keywords["required"] {
            for case .string(let name) in required where members[name] == nil {
                let missing = pointer + "/" + Pointer.escape(name)
                out.append(DiagnosticRule.missingField.diagnostic(
                    th: "ไม่มีข้อมูล \(Self.field(missing, .th)) ซึ่งจำเป็นต้องมี", en: "\(Self.field(missing)) is missing", at: missing))
            }
        }
        var properties: [String: JSONValue] = [:]
        if case .object(let declared) = keywords["properties"] { properties = declared }
        var result = members
        for name in members.keys.sorted() {
            guard let member = members[name] else { continue }
            let memberPointer = pointer + "/" + Pointer.escape(name)
            if let propertySchema = properties[name] {
                result[name] = check(member, against: propertySchema, at: memberPointer, &out)
            } else if keywords["additionalProperties"] == .bool(false) {
                let known = properties.keys.sorted().joined(separator: ", ")
                out.append(DiagnosticRule.unknownField.diagnostic(
                    th: "\(Self.field(memberPointer, .th)): ไม่ใช่ข้อมูลที่รูปแบบใบสมัครกำหนด (ที่ตำแหน่งนี้ใช้ได้: \(known))",
                    en: "\(Self.field(memberPointer)) is not a field of the format (allowed here: \(known))", at: memberPointer))
            } else if let additional = keywords["additionalProperties"] {
                result[name] = check(member, against: additional, at: memberPointer, &out)
            }
        }
        return result
    }

    private func checkString(_ text: String, _ keywords: [String: JSONValue], at pointer: String, _ out: inout [Diagnostic]) {
        // Names and the shown value are needed only for a message: build them only then.
        lazy var name = Self.field(pointer)
        lazy var thaiName = Self.field(pointer, .th)
        lazy var shown = JSONValue.string(text).shortDescription
        let length = text.unicodeScalars.count
        if case .number(let minimum) = keywords["minLength"], Double(length) < minimum {
            let least = JSONValue.numberText(minimum)
            out.append(DiagnosticRule.badText.diagnostic(
                th: minimum == 1 ? "\(thaiName): ต้องไม่เป็นข้อความว่าง" : "\(thaiName): ต้องยาวอย่างน้อย \(least) ตัวอักษร แต่มี \(length)",
                en: minimum == 1 ? "\(name): must not be empty" : "\(name): must have at least \(least) characters, found \(length)",
                at: pointer))
            return
        }
        if case .number(let maximum) = keywords["maxLength"], Double(length) > maximum {
            let most = JSONValue.numberText(maximum)
            out.append(DiagnosticRule.badText.diagnostic(
                th: "\(thaiName): ต้องยาวไม่เกิน \(most) ตัวอักษร แต่มี \(length)",
                en: "\(name): must have at most \(most) characters, found \(length)", at: pointer))
            return
        }
        if case .string(let pattern) = keywords["pattern"], let regex = regexes[pattern], !matches(text, pattern, regex) {
            let meaning = Self.patternMeaning[pattern]
                ?? (th: "ไม่ตรงกับรูปแบบ \(pattern)", en: "does not match the pattern \(pattern)")
            out.append(DiagnosticRule.badText.diagnostic(
                th: "\(thaiName): \(shown) \(meaning.th)", en: "\(name): \(shown) \(meaning.en)", at: pointer))
            return
        }
        if case .string(let format) = keywords["format"] {
            let valid: Bool
            let expected: (th: String, en: String)
            switch format {
            case "date":
                valid = LocalDate(iso: text) != nil
                expected = ("วันที่ตามปฏิทินเกรกอเรียนในรูปแบบ YYYY-MM-DD", "a calendar date written YYYY-MM-DD")
            case "date-time":
                valid = Timestamp(iso: text) != nil
                expected = ("วันเวลาแบบ ISO 8601 เช่น 2025-02-20T10:30:00+07:00", "an ISO 8601 date-time such as 2025-02-20T10:30:00+07:00")
            default:
                valid = true
                expected = ("", "")
            }
            if !valid {
                out.append(DiagnosticRule.badDate.diagnostic(
                    th: "\(thaiName): \(shown) ไม่ใช่\(expected.th)", en: "\(name): \(shown) is not \(expected.en)", at: pointer))
            }
        }
    }

    /// A numeric field given as a string holding Thai digits: reported once (PSEA-E025), then read as the number.
    private func thaiDigitsAsNumber(_ value: JSONValue, type: JSONValue, at pointer: String, _ out: inout [Diagnostic]) -> JSONValue {
        guard case .string(let text) = value, Thai.containsThaiDigits(text),
              Self.matches(.number(0), type: type) || Self.matches(.number(0.5), type: type) else { return value }
        let ascii = Thai.asciiDigits(text).trimmingWhitespace
        guard Self.isDecimal(ascii), let number = Double(ascii) else { return value }
        out.append(DiagnosticRule.thaiDigits.diagnostic(
            th: "\(Self.field(pointer, .th)): \"\(text)\" เขียนด้วยเลขไทย ให้เขียนเป็นตัวเลขอารบิก \(ascii)",
            en: "\(Self.field(pointer)): \"\(text)\" is written in Thai digits; write the number \(ascii) in ASCII digits",
            at: pointer))
        return .number(number)
    }

    /// `-?[0-9]+(.[0-9]+)?`
    private static func isDecimal(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    // MARK: Words for messages

    /// The field a pointer names, as messages show it (`activities/2/level`); the root is "the document".
    private static func field(_ pointer: String, _ language: Language = .en) -> String {
        guard pointer.isEmpty else { return String(pointer.dropFirst()) }
        return language == .th ? "ตัวเอกสาร" : "the document"
    }

    private static func matches(_ value: JSONValue, type: JSONValue) -> Bool {
        switch type {
        case .string(let name): return matches(value, typeName: name)
        case .array(let names): return names.contains { if case .string(let name) = $0 { matches(value, typeName: name) } else { false } }
        default: return true
        }
    }

    private static func matches(_ value: JSONValue, typeName: String) -> Bool {
        let actual = value.typeName
        return actual == typeName || (typeName == "number" && actual == "integer")
    }

    private static let englishTypes = [
        "object": "an object", "array": "an array", "string": "a string", "integer": "an integer",
        "number": "a number", "boolean": "true or false", "null": "null",
    ]
    private static let thaiTypes = [
        "object": "ออบเจกต์", "array": "อาร์เรย์ (รายการ)", "string": "ข้อความ", "integer": "จำนวนเต็ม",
        "number": "ตัวเลข", "boolean": "ค่าจริงหรือเท็จ", "null": "ค่าว่าง (null)",
    ]

    private static func typeNames(_ type: JSONValue, _ language: Language) -> String {
        let table = language == .th ? thaiTypes : englishTypes
        let names: [String]
        switch type {
        case .string(let name): names = [name]
        case .array(let list): names = list.compactMap { if case .string(let name) = $0 { name } else { nil } }
        default: names = []
        }
        return names.map { table[$0] ?? $0 }.joined(separator: language == .th ? " หรือ" : " or ")
    }

    private static func englishName(of value: JSONValue) -> String {
        value.typeName == "integer" ? "a number" : englishTypes[value.typeName] ?? value.typeName
    }

    private static func thaiName(of value: JSONValue) -> String {
        value.typeName == "integer" ? "ตัวเลข" : thaiTypes[value.typeName] ?? value.typeName
    }

    /// The allowed values for a message: the ASCII ones, then a note when Thai names are also accepted.
    private static func listing(_ allowed: [JSONValue], _ language: Language) -> String {
        var shown: [String] = []
        var hasThai = false
        for value in allowed {
            if case .string(let text) = value {
                if text.unicodeScalars.allSatisfy(\.isASCII) { shown.append(text) } else { hasThai = true }
            } else {
                shown.append(value.shortDescription)
            }
        }
        let list = shown.joined(separator: ", ")
        guard hasThai else { return list }
        return language == .th ? "\(list) (หรือชื่อภาษาไทย)" : "\(list) (or a Thai name)"
    }

    private static let patternMeaning: [String: (th: String, en: String)] = [
        "^[ \\t\\r\\n]*[A-Za-z0-9._-]{1,64}[ \\t\\r\\n]*$": (
            "ต้องยาว 1–64 ตัวอักษร และใช้ได้เฉพาะ A–Z, a–z, 0–9, '.', '_' และ '-'",
            "must be 1–64 characters of A–Z, a–z, 0–9, '.', '_' and '-'"),
        "[^ \\t\\r\\n]": ("ต้องมีข้อความ ไม่ใช่เว้นว่างทั้งหมด", "must not be empty or only white space"),
        "^[ \\t\\r\\n]*[a-z0-9-]+[ \\t\\r\\n]*$": (
            "ต้องเป็นคีย์ตัวพิมพ์เล็ก ใช้ได้เฉพาะ a–z, 0–9 และ '-'", "must be a lowercase key of a–z, 0–9 and '-'"),
        "^[ \\t\\r\\n]*[^@ \\t\\r\\n]+@[^@ \\t\\r\\n]+[ \\t\\r\\n]*$": (
            "ต้องเป็นที่อยู่อีเมลที่มี '@' หนึ่งตัว มีข้อความทั้งสองข้าง และไม่มีช่องว่างภายใน",
            "must be an e-mail address with one '@', text on both sides and no spaces inside"),
    ]
}

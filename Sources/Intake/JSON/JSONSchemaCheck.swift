import Foundation
import Model

/// The two speeds of one schema check: `Accepting` stops at the first problem and builds no pointer or message
/// (the fast path), `Explaining` collects every finding with its pointer and message (the locating path).
protocol SchemaCheckMode {
    static var explains: Bool { get }
}

/// The fast path's speed: yes or no.
enum Accepting: SchemaCheckMode {
    static var explains: Bool { false }
}

/// The locating path's speed: every finding.
enum Explaining: SchemaCheckMode {
    static var explains: Bool { true }
}

/// Checks a value against the compiled nodes of `JSONSchemaValidator`, the 2020-12 keywords the published schema
/// uses, in the order the findings have always come in: `$ref`, `type` (with Thai digits read as the number they
/// stand for, PSEA-E025), the model's integer range, `const`, `enum`, then the keywords of the value's kind; object
/// members in name order. Generic over the mode, so both speeds run this one piece of code.
struct SchemaCheck<Mode: SchemaCheckMode> {
    private typealias Schema = JSONSchemaValidator

    /// Where findings are kept: a reference, so that recording one does not modify the check while its message,
    /// which reads the check's `document`, is built.
    private final class Findings {
        var items: [Diagnostic] = []
    }
    private let kept = Findings()

    /// Every finding so far (explaining only), unlocated, with pointers.
    var findings: [Diagnostic] { kept.items }
    /// The document checked (explaining only), whose items' ids the messages name.
    var document: JSONValue?

    /// The place of `pointer` as messages write it.
    private func field(_ pointer: String, _ language: Language = .en) -> String {
        Schema.field(pointer, language, in: document)
    }

    /// Deeper than this (a `$ref` loop) the check stops.
    private static var maxDepth: Int { 1_000 }

    /// Records a finding when explaining; false when the check stops there (accepting). The message is built only
    /// when it is kept.
    private func report(_ finding: @autoclosure () -> Diagnostic) -> Bool {
        guard Mode.explains else { return false }
        kept.items.append(finding())
        return true
    }

    /// Records a finding about the value at `pointer`, each message after the place of the value (`field`).
    private func report(_ rule: DiagnosticRule, at pointer: String, th: @autoclosure () -> String, en: @autoclosure () -> String) -> Bool {
        report(rule.diagnostic(th: "\(field(pointer, .th)): \(th())", en: "\(field(pointer)): \(en())", at: pointer))
    }

    /// Records that the string `text` at `pointer` is written in Thai digits; `th` and `en` say what follows.
    private func reportThaiDigits(
        _ text: String, _ rule: DiagnosticRule, at pointer: String, th: @autoclosure () -> String, en: @autoclosure () -> String
    ) -> Bool {
        report(rule, at: pointer, th: "\"\(text)\" เขียนด้วยเลขไทย \(th())", en: "\"\(text)\" is written in Thai digits; \(en())")
    }

    /// A child's pointer; accepting builds none.
    private func child(_ pointer: String, _ token: @autoclosure () -> String) -> String {
        Mode.explains ? pointer + "/" + token() : ""
    }

    /// Checks `value` against `node` at `pointer`, replacing numbers written in Thai digits in place when
    /// explaining. False only when accepting meets a problem.
    mutating func check(_ value: inout JSONValue, _ node: JSONSchemaValidator.Node, at pointer: String, depth: Int) -> Bool {
        if node.acceptsAnything { return true }
        if node.acceptsNothing {
            return report(.schemaOther, at: pointer, th: "ไม่อนุญาตให้มีข้อมูลนี้", en: "no value is allowed here")
        }
        guard depth <= Self.maxDepth else {
            return report(
                DiagnosticRule.schemaOther.diagnostic(
                    th: "สคีมาอ้างถึงตัวเองวนไม่รู้จบ", en: "the schema refers to itself without end", at: pointer))
        }
        if let reference = node.reference {
            guard check(&value, reference, at: pointer, depth: depth + 1) else { return false }
        } else if let missing = node.unresolvedReference {
            guard
                report(
                    DiagnosticRule.schemaOther.diagnostic(
                        th: "สคีมาอ้างถึง \(missing) ซึ่งไม่มีอยู่", en: "the schema refers to \(missing), which does not exist", at: pointer))
            else { return false }
        }
        if let types = node.types {
            if case .string(let text) = value, types.contains(.number) || types.contains(.integer), Thai.containsThaiDigits(text) {
                // A numeric field given as a string holding Thai digits: reported once, then read as the number.
                let ascii = Thai.asciiDigits(text).trimmingWhitespace
                if Schema.isDecimal(ascii), let number = Double(ascii) {
                    guard
                        reportThaiDigits(
                            text, .thaiDigits, at: pointer, th: "ให้เขียนเป็นตัวเลขอารบิก \(ascii)", en: "write the number \(ascii) in ASCII digits")
                    else { return false }
                    value = .number(number)
                }
            }
            guard types.admits(value) else {
                let type = node.type ?? .null
                return report(
                    .wrongType, at: pointer,
                    th: "ต้องเป็น\(Schema.typeNames(type, .th)) แต่พบ\(Schema.thaiName(of: value)) \(value.shortDescription)",
                    en: "expected \(Schema.typeNames(type, .en)), found \(Schema.englishName(of: value)) \(value.shortDescription)")
            }
        }
        if node.modelInteger, case .number(let number) = value, JSONValue.exactInteger(number) == nil {
            // Beyond the schema: the model holds integers as `Int`, exact up to 2^53 through JSON numbers.
            return report(
                .schemaOther, at: pointer,
                th: "จำนวนเต็ม \(value.shortDescription) ใหญ่เกินกว่าที่ใบสมัครรองรับ",
                en: "the integer \(value.shortDescription) is too large for an application")
        }
        for listing in node.listings where !listing.admits(value) {
            guard report(Self.listRule(pointer), at: pointer, th: listing.refusal(of: value, .th), en: listing.refusal(of: value, .en))
            else { return false }
        }
        if case .string(let text) = value, node.format == .date || node.format == .dateTime, Thai.containsThaiDigits(text) {
            // A date in Thai digits, as official Thai documents write it: read as its ASCII digits, with a warning.
            let ascii = Thai.asciiDigits(text)
            guard
                reportThaiDigits(
                    text, .thaiDigitsRead, at: pointer, th: "จึงอ่านเป็น \(ascii) ให้ตรวจว่าถูกต้อง", en: "it is read as \(ascii): check that this is right")
            else { return false }
            value = .string(ascii)
        }
        switch value {
        case .string(let text):
            return checkString(text, node, at: pointer)
        case .number(let number):
            if let minimum = node.minimum, number < minimum {
                return report(
                    .schemaOther, at: pointer,
                    th: "ต้องไม่น้อยกว่า \(JSONValue.numberText(minimum)) แต่พบ \(JSONValue.numberText(number))",
                    en: "must be at least \(JSONValue.numberText(minimum)), found \(JSONValue.numberText(number))")
            }
            return true
        case .array(var items):
            if let minimum = node.minItems, Double(items.count) < minimum {
                let least = JSONValue.numberText(minimum)
                guard
                    report(
                        .tooFew, at: pointer,
                        th: "ต้องมีอย่างน้อย \(least) รายการ แต่มี \(items.count) รายการ",
                        en: "needs at least \(least) item\(least == "1" ? "" : "s"), found \(items.count)")
                else { return false }
            }
            guard let itemNode = node.items else { return true }
            if Mode.explains {
                value = .null
                for index in items.indices { _ = check(&items[index], itemNode, at: child(pointer, String(index)), depth: depth + 1) }
                value = .array(items)
                return true
            }
            for item in items {
                var item = item
                guard check(&item, itemNode, at: "", depth: depth + 1) else { return false }
            }
            return true
        case .object(let members):
            return checkObject(&value, members, node, at: pointer, depth: depth)
        case .null, .bool:
            return true
        }
    }

    private mutating func checkObject(
        _ value: inout JSONValue, _ members: [String: JSONValue], _ node: JSONSchemaValidator.Node, at pointer: String, depth: Int
    ) -> Bool {
        for name in node.required where members[name] == nil {
            let missing = child(pointer, Pointer.escape(name))
            guard
                report(
                    DiagnosticRule.missingField.diagnostic(
                        th: "ไม่มีข้อมูล \(field(missing, .th)) ซึ่งจำเป็นต้องมี", en: "\(field(missing)) is missing", at: missing))
            else { return false }
        }
        guard Mode.explains else {
            for (name, member) in members {
                var member = member
                if let property = node.properties[name] {
                    guard check(&member, property, at: "", depth: depth + 1) else { return false }
                } else {
                    switch node.additional {
                    case .absent: continue
                    case .forbidden: return false
                    case .schema(let additional): guard check(&member, additional, at: "", depth: depth + 1) else { return false }
                    }
                }
            }
            return true
        }
        var result = members
        value = .null
        for name in members.keys.sorted() {
            guard var member = members[name] else { continue }
            let memberPointer = child(pointer, Pointer.escape(name))
            if let property = node.properties[name] {
                _ = check(&member, property, at: memberPointer, depth: depth + 1)
            } else {
                switch node.additional {
                case .absent:
                    continue
                case .forbidden:
                    _ = report(
                        DiagnosticRule.unknownField.diagnostic(
                            th: "\(field(memberPointer, .th)): ไม่ใช่ข้อมูลที่รูปแบบใบสมัครกำหนด (ที่ตำแหน่งนี้ใช้ได้: \(node.knownProperties))",
                            en: "\(field(memberPointer)) is not a field of the format (allowed here: \(node.knownProperties))",
                            at: memberPointer))
                    continue
                case .schema(let additional):
                    _ = check(&member, additional, at: memberPointer, depth: depth + 1)
                }
            }
            result[name] = member
        }
        value = .object(result)
        return true
    }

    private mutating func checkString(_ text: String, _ node: JSONSchemaValidator.Node, at pointer: String) -> Bool {
        // Lengths count Unicode scalars; a scalar is 1–4 UTF-8 bytes, so the byte count often decides alone.
        let bytes = text.utf8.count
        if let minimum = node.minLength, Double((bytes + 3) / 4) < minimum {
            let length = text.unicodeScalars.count
            if Double(length) < minimum {
                let least = JSONValue.numberText(minimum)
                return report(
                    .badText, at: pointer,
                    th: minimum == 1 ? "ต้องไม่เป็นข้อความว่าง" : "ต้องยาวอย่างน้อย \(least) ตัวอักษร แต่มี \(length)",
                    en: minimum == 1 ? "must not be empty" : "must have at least \(least) characters, found \(length)")
            }
        }
        if let maximum = node.maxLength, Double(bytes) > maximum {
            let length = text.unicodeScalars.count
            if Double(length) > maximum {
                let most = JSONValue.numberText(maximum)
                return report(
                    .badText, at: pointer,
                    th: "ต้องยาวไม่เกิน \(most) ตัวอักษร แต่มี \(length)",
                    en: "must have at most \(most) characters, found \(length)")
            }
        }
        if let pattern = node.pattern, !Self.matches(text, pattern) {
            let meaning =
                Schema.patternMeaning[pattern.text]
                ?? (th: "ไม่ตรงกับรูปแบบ \(pattern.text)", en: "does not match the pattern \(pattern.text)")
            let shown = JSONValue.string(text).shortDescription
            return report(.badText, at: pointer, th: "\(shown) \(meaning.th)", en: "\(shown) \(meaning.en)")
        }
        let expected: (th: String, en: String)
        switch node.format {
        case .date:
            if LocalDate(iso: text) != nil { return true }
            expected = ("วันที่ตามปฏิทินเกรกอเรียนในรูปแบบ YYYY-MM-DD", "a calendar date written YYYY-MM-DD")
        case .dateTime:
            if Timestamp(iso: text) != nil { return true }
            expected = ("วันเวลาแบบ ISO 8601 เช่น 2025-02-20T10:30:00+07:00", "an ISO 8601 date-time such as 2025-02-20T10:30:00+07:00")
        case .unchecked, nil:
            return true
        }
        let shown = JSONValue.string(text).shortDescription
        return report(.badDate, at: pointer, th: "\(shown) ไม่ใช่\(expected.th)", en: "\(shown) is not \(expected.en)")
    }

    /// Whether `text` matches the pattern: the hand-written matcher first; when it says no, explaining asks the
    /// regular expression, which decides (the hand never says yes where the expression says no).
    private static func matches(
        _ text: String, _ pattern: (text: String, matcher: JSONSchemaValidator.Pattern, regex: JSONSchemaValidator.Expression)
    ) -> Bool {
        if JSONSchemaValidator.matches(text, pattern.matcher) { return true }
        guard Mode.explains || pattern.matcher == .regex, let regex = pattern.regex.expression else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// `schemaVersion` has its own code for a value outside its list.
    private static func listRule(_ pointer: String) -> DiagnosticRule {
        pointer == "/schemaVersion" ? DiagnosticRule.wrongVersion : DiagnosticRule.notInList
    }
}

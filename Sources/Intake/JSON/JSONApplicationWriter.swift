import Foundation
import Model

/// Writes an application as JSON in the contract's field order: pretty-printed with two spaces, non-ASCII kept
/// as is, slashes not escaped, integral numbers without a fraction, optional fields omitted when nil, and a
/// trailing newline. The output depends only on the application, so it is byte-for-byte reproducible.
package enum JSONApplicationWriter {
    /// The JSON text of `application`, UTF-8; `JSONApplicationReader.read` gives the same application back.
    package static func write(_ application: Application) -> Data {
        var out = PrettyJSON()
        emit(application, into: &out)
        out.bytes.append(UInt8(ascii: "\n"))
        return Data(out.bytes)
    }

    // MARK: The contract's order

    private static func emit(_ a: Application, into out: inout PrettyJSON) {
        out.object {
            $0.member("schemaVersion", a.schemaVersion)
            $0.member("id", a.id)
            $0.member("awardYear", a.awardYear)
            $0.member("category", a.category)
            $0.member("type", a.type)
            $0.member("submittedAt", a.submittedAt?.text)
            $0.member("agency") { agency(a.agency, into: &$0) }
            $0.member("contact") { contact(a.contact, into: &$0) }
            if let previous = a.previousAward {
                $0.member("previousAward") {
                    $0.object {
                        $0.member("year", previous.year)
                        $0.member("type", previous.type)
                        $0.member("title", previous.title)
                    }
                }
            }
            $0.member("work") { work(a.work, into: &$0) }
            $0.member("stakeholders") { $0.array(a.stakeholders, stakeholder) }
            $0.member("activities") { $0.array(a.activities, activity) }
            $0.member("indicators") { $0.array(a.indicators, indicator) }
            $0.member("sustainability", a.sustainability)
            $0.member("lessons", a.lessons)
            $0.member("evidence") { $0.array(a.evidence, evidence) }
            if let responses = a.responses {
                $0.member("responses") { $0.array(responses, response) }
            }
            $0.member("declaration") {
                $0.object {
                    $0.member("signedBy", a.declaration.signedBy)
                    $0.member("position", a.declaration.position)
                    $0.member("date", a.declaration.date.description)
                }
            }
        }
    }

    private static func agency(_ agency: Agency, into out: inout PrettyJSON) {
        out.object {
            $0.member("kind", agency.kind.rawValue)
            $0.member("name", agency.name)
            $0.member("nameEn", agency.nameEn)
            $0.member("ministry", agency.ministry)
            $0.member("province", agency.province)
        }
    }

    private static func contact(_ contact: Contact, into out: inout PrettyJSON) {
        out.object {
            $0.member("name", contact.name)
            $0.member("position", contact.position)
            $0.member("email", contact.email)
            $0.member("phone", contact.phone)
        }
    }

    private static func work(_ work: Work, into out: inout PrettyJSON) {
        out.object {
            $0.member("title", work.title)
            $0.member("summary", work.summary)
            $0.member("background", work.background)
            $0.member("objectives") {
                $0.array(work.objectives) { objective, out in
                    out.object {
                        $0.member("id", objective.id)
                        $0.member("text", objective.text)
                    }
                }
            }
            $0.member("period") {
                $0.object {
                    $0.member("start", work.period.start.description)
                    $0.member("end", work.period.end?.description)
                }
            }
            $0.member("areas", work.areas)
        }
    }

    private static func stakeholder(_ group: Stakeholder, into out: inout PrettyJSON) {
        out.object {
            $0.member("id", group.id)
            $0.member("name", group.name)
            $0.member("kind", group.kind.rawValue)
            $0.member("count", group.count)
        }
    }

    private static func activity(_ activity: Activity, into out: inout PrettyJSON) {
        out.object {
            $0.member("id", activity.id)
            $0.member("title", activity.title)
            $0.member("stage", activity.stage.rawValue)
            $0.member("level", activity.level.rawValue)
            $0.member("technique", activity.technique)
            $0.member("date", activity.date.description)
            $0.member("participants", activity.participants)
            $0.member("stakeholderRefs", activity.stakeholderRefs)
            $0.member("influence", activity.influence)
            $0.member("evidenceRefs", activity.evidenceRefs)
        }
    }

    private static func yearValue(_ pair: YearValue, into out: inout PrettyJSON) {
        out.object {
            $0.member("year", pair.year)
            $0.member("value", pair.value)
        }
    }

    private static func indicator(_ indicator: Indicator, into out: inout PrettyJSON) {
        out.object {
            $0.member("id", indicator.id)
            $0.member("name", indicator.name)
            $0.member("unit", indicator.unit)
            $0.member("direction", indicator.direction.rawValue)
            $0.member("objectiveRef", indicator.objectiveRef)
            $0.member("baseline") { yearValue(indicator.baseline, into: &$0) }
            $0.member("target", indicator.target)
            $0.member("measurements") { $0.array(indicator.measurements, yearValue) }
            if let comparisons = indicator.comparisons {
                $0.member("comparisons") {
                    $0.array(comparisons) { comparison, out in
                        out.object {
                            $0.member("label", comparison.label)
                            $0.member("value", comparison.value)
                        }
                    }
                }
            }
            $0.member("evidenceRefs", indicator.evidenceRefs)
        }
    }

    private static func evidence(_ item: Evidence, into out: inout PrettyJSON) {
        out.object {
            $0.member("id", item.id)
            $0.member("kind", item.kind.rawValue)
            $0.member("title", item.title)
            $0.member("uri", item.uri)
            $0.member("sha256", item.sha256)
        }
    }

    private static func response(_ response: Response, into out: inout PrettyJSON) {
        out.object {
            $0.member("criterion", response.criterion)
            $0.member("text", response.text)
            $0.member("evidenceRefs", response.evidenceRefs)
        }
    }
}

/// Pretty-printed JSON written straight into bytes: two spaces a level, `"key": value`, an empty object or array
/// as `{}` or `[]`, strings escaped by `JSONText`, numbers by `JSONValue.numberText` (an integer goes through
/// `Double`, as every number of the contract does), a nil member left out.
private struct PrettyJSON {
    var bytes: [UInt8] = []
    private var indent = 0
    /// Whether the innermost open object or array has no member or element yet.
    private var empty = true

    init() {
        bytes.reserveCapacity(32 * 1024)
    }

    /// Writes an object whose members `body` writes.
    mutating func object(_ body: (inout PrettyJSON) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// Writes an array of `items`, each written by `element`.
    mutating func array<Item>(_ items: [Item], _ element: (Item, inout PrettyJSON) -> Void) {
        open(UInt8(ascii: "["))
        for item in items {
            startItem()
            element(item, &self)
        }
        close(UInt8(ascii: "]"))
    }

    /// A member whose value `value` writes.
    mutating func member(_ key: String, _ value: (inout PrettyJSON) -> Void) {
        startItem()
        JSONText.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        value(&self)
    }

    mutating func member(_ key: String, _ value: String?) {
        guard let value else { return }
        member(key) { JSONText.appendQuoted(value, to: &$0.bytes) }
    }

    mutating func member(_ key: String, _ value: Double?) {
        guard let value else { return }
        member(key) { $0.bytes.append(contentsOf: JSONValue.numberText(value).utf8) }
    }

    mutating func member(_ key: String, _ value: Int?) {
        member(key, value.map(Double.init))
    }

    mutating func member(_ key: String, _ value: [String]?) {
        guard let value else { return }
        member(key) { $0.array(value) { text, out in JSONText.appendQuoted(text, to: &out.bytes) } }
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        indent += 2
        empty = true
    }

    /// Starts a member or element on a line of its own, after a comma unless it is the first.
    private mutating func startItem() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        newline()
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 2
        if !empty { newline() }
        bytes.append(bracket)
        empty = false
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }
}

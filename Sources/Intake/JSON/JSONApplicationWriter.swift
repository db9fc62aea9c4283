import Foundation
import Model

/// Writes an application as JSON in the contract's field order: pretty-printed with two spaces, non-ASCII kept
/// as is, slashes not escaped, integral numbers without a fraction, optional fields omitted when nil, and a
/// trailing newline. The output depends only on the application, so it is byte-for-byte reproducible.
package enum JSONApplicationWriter {
    /// The JSON text of `application`, UTF-8; `JSONApplicationReader.read` gives the same application back.
    package static func write(_ application: Application) -> Data {
        var out = ""
        emit(tree(application), indent: 0, into: &out)
        out += "\n"
        return Data(out.utf8)
    }

    /// A JSON value whose object members keep the order they are given in.
    private indirect enum Node {
        case string(String)
        case number(Double)
        case array([Node])
        case object([(String, Node)])
    }

    // MARK: The contract's order

    private static func tree(_ a: Application) -> Node {
        var members: [(String, Node)] = [
            ("schemaVersion", .number(Double(a.schemaVersion))), ("id", .string(a.id)),
            ("awardYear", .number(Double(a.awardYear))), ("category", .string(a.category)), ("type", .string(a.type)),
        ]
        add("submittedAt", a.submittedAt.map { .string($0.text) }, to: &members)
        members.append(("agency", agency(a.agency)))
        members.append(("contact", contact(a.contact)))
        add(
            "previousAward",
            a.previousAward.map { previous in
                .object([("year", .number(Double(previous.year))), ("type", .string(previous.type)), ("title", .string(previous.title))])
            }, to: &members)
        members.append(("work", work(a.work)))
        members.append(("stakeholders", .array(a.stakeholders.map(stakeholder))))
        members.append(("activities", .array(a.activities.map(activity))))
        members.append(("indicators", .array(a.indicators.map(indicator))))
        add("sustainability", a.sustainability.map(Node.string), to: &members)
        add("lessons", a.lessons.map(Node.string), to: &members)
        members.append(("evidence", .array(a.evidence.map(evidence))))
        add("responses", a.responses.map { .array($0.map(response)) }, to: &members)
        members.append(
            (
                "declaration",
                .object([
                    ("signedBy", .string(a.declaration.signedBy)), ("position", .string(a.declaration.position)),
                    ("date", .string(a.declaration.date.description)),
                ])
            ))
        return .object(members)
    }

    private static func add(_ key: String, _ node: Node?, to members: inout [(String, Node)]) {
        if let node { members.append((key, node)) }
    }

    private static func ids(_ list: [String]) -> Node { .array(list.map(Node.string)) }

    private static func agency(_ agency: Agency) -> Node {
        var members: [(String, Node)] = [("kind", .string(agency.kind.rawValue)), ("name", .string(agency.name))]
        add("nameEn", agency.nameEn.map(Node.string), to: &members)
        add("ministry", agency.ministry.map(Node.string), to: &members)
        add("province", agency.province.map(Node.string), to: &members)
        return .object(members)
    }

    private static func contact(_ contact: Contact) -> Node {
        var members: [(String, Node)] = [("name", .string(contact.name))]
        add("position", contact.position.map(Node.string), to: &members)
        members.append(("email", .string(contact.email)))
        add("phone", contact.phone.map(Node.string), to: &members)
        return .object(members)
    }

    private static func work(_ work: Work) -> Node {
        var period: [(String, Node)] = [("start", .string(work.period.start.description))]
        add("end", work.period.end.map { .string($0.description) }, to: &period)
        var members: [(String, Node)] = [
            ("title", .string(work.title)), ("summary", .string(work.summary)), ("background", .string(work.background)),
            ("objectives", .array(work.objectives.map { .object([("id", .string($0.id)), ("text", .string($0.text))]) })),
            ("period", .object(period)),
        ]
        add("areas", work.areas.map(ids), to: &members)
        return .object(members)
    }

    private static func stakeholder(_ group: Stakeholder) -> Node {
        var members: [(String, Node)] = [
            ("id", .string(group.id)), ("name", .string(group.name)), ("kind", .string(group.kind.rawValue)),
        ]
        add("count", group.count.map { .number(Double($0)) }, to: &members)
        return .object(members)
    }

    private static func activity(_ activity: Activity) -> Node {
        var members: [(String, Node)] = [
            ("id", .string(activity.id)), ("title", .string(activity.title)), ("stage", .string(activity.stage.rawValue)),
            ("level", .string(activity.level.rawValue)),
        ]
        add("technique", activity.technique.map(Node.string), to: &members)
        members.append(("date", .string(activity.date.description)))
        add("participants", activity.participants.map { .number(Double($0)) }, to: &members)
        members.append(("stakeholderRefs", ids(activity.stakeholderRefs)))
        add("influence", activity.influence.map(Node.string), to: &members)
        add("evidenceRefs", activity.evidenceRefs.map(ids), to: &members)
        return .object(members)
    }

    private static func yearValue(_ pair: YearValue) -> Node {
        .object([("year", .number(Double(pair.year))), ("value", .number(pair.value))])
    }

    private static func indicator(_ indicator: Indicator) -> Node {
        var members: [(String, Node)] = [
            ("id", .string(indicator.id)), ("name", .string(indicator.name)), ("unit", .string(indicator.unit)),
            ("direction", .string(indicator.direction.rawValue)),
        ]
        add("objectiveRef", indicator.objectiveRef.map(Node.string), to: &members)
        members.append(("baseline", yearValue(indicator.baseline)))
        add("target", indicator.target.map(Node.number), to: &members)
        members.append(("measurements", .array(indicator.measurements.map(yearValue))))
        add(
            "comparisons",
            indicator.comparisons.map { list in
                .array(list.map { .object([("label", .string($0.label)), ("value", .number($0.value))]) })
            }, to: &members)
        add("evidenceRefs", indicator.evidenceRefs.map(ids), to: &members)
        return .object(members)
    }

    private static func evidence(_ item: Evidence) -> Node {
        var members: [(String, Node)] = [
            ("id", .string(item.id)), ("kind", .string(item.kind.rawValue)), ("title", .string(item.title)),
        ]
        add("uri", item.uri.map(Node.string), to: &members)
        add("sha256", item.sha256.map(Node.string), to: &members)
        return .object(members)
    }

    private static func response(_ response: Response) -> Node {
        var members: [(String, Node)] = [("criterion", .string(response.criterion)), ("text", .string(response.text))]
        add("evidenceRefs", response.evidenceRefs.map { .array($0.map(Node.string)) }, to: &members)
        return .object(members)
    }

    // MARK: Text

    private static func emit(_ node: Node, indent: Int, into out: inout String) {
        switch node {
        case .string(let text):
            JSONText.appendQuoted(text, to: &out)
        case .number(let value):
            out += JSONValue.numberText(value)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                emit(item, indent: indent + 2, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONText.appendQuoted(key, to: &out)
                out += ": "
                emit(value, indent: indent + 2, into: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }
}

import Model

/// Maps a checked `JSONValue` to `Application` by hand, for both reader paths and for stored applications. As a
/// reader it gives what trimming every string and decoding with `JSONDecoder` would give (the tests hold it to
/// that): an integral number within ±2^53 is an `Int` field's value and is read back as an integer into `Double`
/// fields (so `-0` becomes `0`); an absent or `null` optional member is nil; unknown members are ignored. Where the
/// decoder would throw (a required member missing or null, a number that is not an exact integer in an `Int` field,
/// an unknown enum key, a bad date) it gives up with nil: the fast path then leaves the file to the locating path,
/// whose schema check reports the problem.
///
/// Stored applications (`Ledger.canonicalJSON`, written by `JSONEncoder`) are mapped without trimming and with
/// numbers as parsed, which is exactly what `JSONDecoder` gives for them.
struct JSONModelMapper {
    private struct GiveUp: Error {}

    /// Whether strings are trimmed and exact integers read back as integers, as a reader does.
    private let asReader: Bool
    /// Whether an unknown enum key stands in as the first case instead of giving up: for a file the schema
    /// refused, so that the business rules still run on the rest (the findings at a refused value are dropped).
    private var standingIn = false

    /// The application `value` stands for, or nil where the decoder would throw.
    static func application(from value: JSONValue) -> Application? {
        try? JSONModelMapper(asReader: true).application(value)
    }

    /// The application as far as `value` maps when the schema refused it: an unknown enum key becomes the
    /// enum's first case; nil where anything else keeps it from mapping.
    static func partial(from value: JSONValue) -> Application? {
        var mapper = JSONModelMapper(asReader: true)
        mapper.standingIn = true
        return try? mapper.application(value)
    }

    /// The application a stored JSON value stands for, as `JSONDecoder` decodes it; nil where it would throw.
    static func stored(from value: JSONValue) -> Application? {
        try? JSONModelMapper(asReader: false).application(value)
    }

    private typealias Members = [String: JSONValue]

    private func application(_ value: JSONValue) throws(GiveUp) -> Application {
        let m = try object(value)
        return Application(
            schemaVersion: try int(m["schemaVersion"]),
            id: try string(m["id"]),
            awardYear: try int(m["awardYear"]),
            category: try string(m["category"]),
            type: try string(m["type"]),
            submittedAt: try optional(m["submittedAt"], timestamp),
            agency: try agency(required(m["agency"])),
            contact: try contact(required(m["contact"])),
            previousAward: try optional(m["previousAward"], previousAward),
            work: try work(required(m["work"])),
            stakeholders: try list(m["stakeholders"], stakeholder),
            activities: try list(m["activities"], activity),
            indicators: try list(m["indicators"], indicator),
            sustainability: try optional(m["sustainability"], string),
            lessons: try optional(m["lessons"], string),
            evidence: try list(m["evidence"], evidence),
            declaration: try declaration(required(m["declaration"])),
            responses: try optional(m["responses"]) { value throws(GiveUp) in try list(value, response) })
    }

    private func response(_ value: JSONValue) throws(GiveUp) -> Response {
        let m = try object(value)
        return Response(
            criterion: try string(m["criterion"]), text: try string(m["text"]),
            evidenceRefs: try optional(m["evidenceRefs"]) { value throws(GiveUp) in try list(value, string) })
    }

    private func agency(_ value: JSONValue) throws(GiveUp) -> Agency {
        let m = try object(value)
        return Agency(
            kind: try key(m["kind"]), name: try string(m["name"]), nameEn: try optional(m["nameEn"], string),
            ministry: try optional(m["ministry"], string), province: try optional(m["province"], string))
    }

    private func contact(_ value: JSONValue) throws(GiveUp) -> Contact {
        let m = try object(value)
        return Contact(
            name: try string(m["name"]), position: try optional(m["position"], string), email: try string(m["email"]),
            phone: try optional(m["phone"], string))
    }

    private func previousAward(_ value: JSONValue) throws(GiveUp) -> PreviousAward {
        let m = try object(value)
        return PreviousAward(year: try int(m["year"]), type: try string(m["type"]), title: try string(m["title"]))
    }

    private func work(_ value: JSONValue) throws(GiveUp) -> Work {
        let m = try object(value)
        return Work(
            title: try string(m["title"]), summary: try string(m["summary"]), background: try string(m["background"]),
            objectives: try list(m["objectives"], objective), period: try period(required(m["period"])),
            areas: try optional(m["areas"]) { value throws(GiveUp) in try list(value, string) })
    }

    private func objective(_ value: JSONValue) throws(GiveUp) -> Objective {
        let m = try object(value)
        return Objective(id: try string(m["id"]), text: try string(m["text"]))
    }

    private func period(_ value: JSONValue) throws(GiveUp) -> Period {
        let m = try object(value)
        return Period(start: try date(required(m["start"])), end: try optional(m["end"], date))
    }

    private func stakeholder(_ value: JSONValue) throws(GiveUp) -> Stakeholder {
        let m = try object(value)
        return Stakeholder(
            id: try string(m["id"]), name: try string(m["name"]), kind: try key(m["kind"]), count: try optional(m["count"], int))
    }

    private func activity(_ value: JSONValue) throws(GiveUp) -> Activity {
        let m = try object(value)
        return Activity(
            id: try string(m["id"]), title: try string(m["title"]), stage: try key(m["stage"]), level: try level(required(m["level"])),
            technique: try optional(m["technique"], string), date: try date(required(m["date"])),
            participants: try optional(m["participants"], int), stakeholderRefs: try list(m["stakeholderRefs"], string),
            influence: try optional(m["influence"], string),
            evidenceRefs: try optional(m["evidenceRefs"]) { value throws(GiveUp) in try list(value, string) })
    }

    private func indicator(_ value: JSONValue) throws(GiveUp) -> Indicator {
        let m = try object(value)
        return Indicator(
            id: try string(m["id"]), name: try string(m["name"]), unit: try string(m["unit"]), direction: try key(m["direction"]),
            objectiveRef: try optional(m["objectiveRef"], string), baseline: try yearValue(required(m["baseline"])),
            target: try optional(m["target"], double), measurements: try list(m["measurements"], yearValue),
            comparisons: try optional(m["comparisons"]) { value throws(GiveUp) in try list(value, comparison) },
            evidenceRefs: try optional(m["evidenceRefs"]) { value throws(GiveUp) in try list(value, string) })
    }

    private func yearValue(_ value: JSONValue) throws(GiveUp) -> YearValue {
        let m = try object(value)
        return YearValue(year: try int(m["year"]), value: try double(m["value"]))
    }

    private func comparison(_ value: JSONValue) throws(GiveUp) -> Comparison {
        let m = try object(value)
        return Comparison(label: try string(m["label"]), value: try double(m["value"]))
    }

    private func evidence(_ value: JSONValue) throws(GiveUp) -> Evidence {
        let m = try object(value)
        return Evidence(
            id: try string(m["id"]), kind: try key(m["kind"]), title: try string(m["title"]),
            uri: try optional(m["uri"], string), sha256: try optional(m["sha256"], string))
    }

    private func declaration(_ value: JSONValue) throws(GiveUp) -> Declaration {
        let m = try object(value)
        return Declaration(
            signedBy: try string(m["signedBy"]), position: try string(m["position"]), date: try date(required(m["date"])))
    }

    // MARK: Values

    /// A member the decoder requires: present and not null.
    private func required(_ value: JSONValue?) throws(GiveUp) -> JSONValue {
        guard let value, value != .null else { throw GiveUp() }
        return value
    }

    /// `decodeIfPresent`: nil when absent or null, else the value read by `read`.
    private func optional<T>(_ value: JSONValue?, _ read: (JSONValue) throws(GiveUp) -> T) throws(GiveUp) -> T? {
        guard let value, value != .null else { return nil }
        return try read(value)
    }

    private func object(_ value: JSONValue) throws(GiveUp) -> Members {
        guard case .object(let members) = value else { throw GiveUp() }
        return members
    }

    private func list<T>(_ value: JSONValue?, _ read: (JSONValue) throws(GiveUp) -> T) throws(GiveUp) -> [T] {
        guard case .array(let items) = try required(value) else { throw GiveUp() }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items { result.append(try read(item)) }
        return result
    }

    /// A string, trimmed when reading an application.
    private func string(_ value: JSONValue?) throws(GiveUp) -> String {
        guard case .string(let text) = try required(value) else { throw GiveUp() }
        return asReader ? text.trimmingWhitespace : text
    }

    /// An `Int` field: a number that is an exact integer within ±2^53.
    private func int(_ value: JSONValue?) throws(GiveUp) -> Int {
        guard case .number(let number) = try required(value), let integer = JSONValue.exactInteger(number) else { throw GiveUp() }
        return integer
    }

    /// A `Double` field; as a reader, an exact integer goes through its integer text (so `-0` is read back as `0`).
    private func double(_ value: JSONValue?) throws(GiveUp) -> Double {
        guard case .number(let number) = try required(value) else { throw GiveUp() }
        guard asReader else { return number }
        return JSONValue.exactInteger(number).map(Double.init) ?? number
    }

    private func key<T: RawRepresentable<String> & CaseIterable>(_ value: JSONValue?) throws(GiveUp) -> T {
        if let result = T(rawValue: try string(value)) { return result }
        guard standingIn, let first = T.allCases.first else { throw GiveUp() }
        return first
    }

    private func level(_ value: JSONValue) throws(GiveUp) -> ParticipationLevel {
        if let level = ParticipationLevel(name: try string(value)) { return level }
        guard standingIn, let first = ParticipationLevel.allCases.first else { throw GiveUp() }
        return first
    }

    private func date(_ value: JSONValue) throws(GiveUp) -> LocalDate {
        guard let date = LocalDate(iso: try string(value)) else { throw GiveUp() }
        return date
    }

    private func timestamp(_ value: JSONValue) throws(GiveUp) -> Timestamp {
        guard let timestamp = Timestamp(iso: try string(value)) else { throw GiveUp() }
        return timestamp
    }
}

import Crypto
import Foundation
import Model
import Synchronization

/// The kinds of fact the ledger records; the raw value is what the `events.kind` column holds.
package enum EventKind: String, Codable, Sendable, CaseIterable {
    case entryIngested = "entry-ingested"
    case judgeRegistered = "judge-registered"
    case conflictDeclared = "conflict-declared"
    case assignmentMade = "assignment-made"
    case scoreGiven = "score-given"
    case consensusRecorded = "consensus-recorded"
    case rubricFrozen = "rubric-frozen"
    case siteVisitRecorded = "site-visit-recorded"
    case lotterySeedRecorded = "lottery-seed-recorded"
    case resultsApproved = "results-approved"
    case guardOverridden = "guard-overridden"
    case entryScreened = "entry-screened"
    case lateEntryAccepted = "late-entry-accepted"
    case shortlistProposed = "shortlist-proposed"
    case inviteIssued = "invite-issued"
    case inviteRevoked = "invite-revoked"
    case signedIn = "signed-in"
}

/// One row of the append-only ledger, exactly as stored.
@MemberwiseInit
package struct LedgerEvent: Codable, Sendable, Equatable {
    /// 1, 2, 3, … without gaps.
    package var seq: Int
    /// An `EventKind` raw value.
    package var kind: String
    /// Canonical JSON (sorted keys, no white space) of the fact.
    package var payload: String
    package var actor: String
    /// ISO 8601 in UTC, e.g. `2025-02-20T03:30:00Z`.
    package var recordedAt: String
    /// The previous event's hash; 64 zeros for the first event.
    package var prevHash: String
    /// `Ledger.hash(seq:kind:payload:actor:recordedAt:prevHash:)` of the fields above.
    package var hash: String
}

/// The hashing and serialization rules of the ledger, public so that exports can be re-verified elsewhere.
package enum Ledger {
    /// The triggers that make `events` append-only; `verify` reports a database missing either.
    package static let appendOnlyTriggers = ["events_no_update", "events_no_delete"]

    /// The SQL that creates `appendOnlyTriggers`.
    package static let appendOnlyTriggersSQL = """
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        """

    /// The `prevHash` of the first event.
    package static let genesisHash = String(repeating: "0", count: 64)

    /// SHA-256 (lowercase hex) of an event's canonical serialization, fed to the hash a field at a time.
    package static func hash(seq: Int, kind: String, payload: String, actor: String, recordedAt: String, prevHash: String) -> String {
        // Serialized straight from the strings' bytes: a scores file hashes millions of events.
        var serialization: [UInt8] = []
        serialization.reserveCapacity(payload.utf8.count + actor.utf8.count + 192)
        serialize([String(seq).utf8, kind.utf8, payload.utf8, actor.utf8, recordedAt.utf8, prevHash.utf8], into: &serialization)
        return String(decoding: hexDigest(of: serialization), as: UTF8.self)
    }

    /// Appends the canonical serialization of an event given as its fields' bytes (seq in decimal first) to
    /// `buffer`: the tag, then each field as `|<byte length>:<bytes>`. The one writer of what the chain hashes.
    static func serialize<Field: Collection<UInt8>>(_ fields: [Field], into buffer: inout [UInt8]) {
        startSerialization(into: &buffer)
        for field in fields { appendField(field, to: &buffer) }
    }

    /// Appends what an event's serialization starts with (the tag); its fields follow, each by `appendField`.
    static func startSerialization(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: serializationTag.utf8)
    }

    /// Appends one field of an event's serialization: `|<byte length>:<bytes>`.
    static func appendField<Field: Collection<UInt8>>(_ field: Field, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "|"))
        buffer.append(contentsOf: String(field.count).utf8)
        buffer.append(UInt8(ascii: ":"))
        buffer.append(contentsOf: field)
    }

    /// Whether SHA-256 of `bytes` is `hex` (64 lowercase hexadecimal digits' bytes): `hexDigest` compared in place.
    static func digest(of bytes: UnsafeRawBufferPointer, is hex: UnsafeRawBufferPointer) -> Bool {
        guard hex.count == 64 else { return false }
        var index = 0
        for byte in SHA256.hash(data: bytes) {
            guard hex[index] == digits[Int(byte >> 4)], hex[index + 1] == digits[Int(byte & 0x0f)] else { return false }
            index += 2
        }
        return true
    }

    /// SHA-256 of `bytes` as 64 lowercase hexadecimal digits' bytes.
    static func hexDigest(of bytes: [UInt8]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }

    /// The text the canonical serialization starts with.
    private static let serializationTag = "psea-event-v1"

    /// The text that is hashed: `psea-event-v1` then each field as `|<UTF-8 byte length>:<text>`, in the order
    /// seq (decimal), kind, payload, actor, recordedAt, prevHash. Length prefixes make it unambiguous.
    package static func canonicalSerialization(seq: Int, kind: String, payload: String, actor: String, recordedAt: String, prevHash: String) -> String
    {
        var text = serializationTag
        for field in [String(seq), kind, payload, actor, recordedAt, prevHash] {
            text += "|\(field.utf8.count):\(field)"
        }
        return text
    }

    /// SHA-256 of bytes as 64 lowercase hexadecimal digits.
    package static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// A digest as lowercase hexadecimal digits.
    static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: 64) { text in
            for (index, byte) in digest.enumerated() {
                text[2 * index] = digits[Int(byte >> 4)]
                text[2 * index + 1] = digits[Int(byte & 0x0f)]
            }
            return 64
        }
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// The ISO 8601 text stored in `recordedAt`: UTC, whole seconds, e.g. `2025-02-20T03:30:00Z`.
    package static func timestamp(_ date: Date) -> String {
        // A write stamps all its events with one time: the last text is kept.
        if let last = lastTimestamp.withLock({ $0 }), last.date == date { return last.text }
        let text = date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt))
        lastTimestamp.withLock { $0 = (date, text) }
        return text
    }

    private static let lastTimestamp = Mutex<(date: Date, text: String)?>(nil)

    /// Canonical JSON: keys sorted, no white space, slashes unescaped; byte for byte what Foundation's `JSONEncoder`
    /// gives with `[.sortedKeys, .withoutEscapingSlashes]`. Written by `CanonicalJSON`, which leaves to the
    /// `JSONEncoder` only what it does not write exactly as the encoder does.
    package static func canonicalJSON<T: Encodable>(_ value: T) throws -> String {
        if let text = CanonicalJSON.encode(value) { return text }
        return try foundationJSON(value)
    }

    /// `JSONEncoder`'s canonical JSON of `value`: the reference `CanonicalJSON` is tested against, and what
    /// `canonicalJSON` gives for what `CanonicalJSON` leaves to it.
    static func foundationJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// A JSON object written a member at a time, byte for byte what `Ledger.canonicalJSON` gives for the same members
/// (keys sorted, no white space, slashes unescaped, a nil member left out), without a `JSONEncoder`: a scores file
/// records millions of small payloads. It writes only what it writes exactly as the encoder does: text that
/// `JSONText.isPlain`, and whole numbers; `text` is nil once a member is anything else, and
/// the caller then encodes the value with `Ledger.canonicalJSON`.
struct CanonicalObject {
    private var out = "{"
    private var plain = true
    private var empty = true

    /// The object, or nil when a member was not written (see above).
    var text: String? { plain ? out + "}" : nil }

    /// Adds a member; members must come in the order of their keys.
    mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        member(key)
        string(value)
    }

    mutating func add(_ key: String, _ value: [String]?) {
        guard let value else { return }
        member(key)
        out += "["
        for (index, element) in value.enumerated() {
            if index > 0 { out += "," }
            string(element)
        }
        out += "]"
    }

    mutating func add(_ key: String, _ value: Double) {
        member(key)
        // A whole number the encoder writes without a fraction; -0 and anything else is left to it.
        guard value == value.rounded(), abs(value) < 1e15, value != 0 || value.sign == .plus else {
            plain = false
            return
        }
        out += String(Int(value))
    }

    private mutating func member(_ key: String) {
        if !empty { out += "," }
        empty = false
        string(key)
        out += ":"
    }

    private mutating func string(_ value: String) {
        if !JSONText.isPlain(value) { plain = false }
        out += "\""
        out += value
        out += "\""
    }
}

/// An application made ready for the ledger before the write transaction (on any thread): its id, the SHA-256 of
/// the caller's canonical form and its canonical ledger JSON. Encoding is the costly part of storing an entry, so
/// ingest prepares a whole chunk on every core and the writer only chains and inserts.
package struct PreparedEntry: Sendable {
    package let id: String
    package let sha256: String
    package let source: String
    /// `Ledger.canonicalJSON` of the application: what the event's payload holds (`payload(version:)`).
    let applicationJSON: String
    /// The award year and sub-type, and the entry's facts and profile as `entry_facts` stores them.
    let year: Int
    let type: String
    let facts: (facts: String, profile: String)

    package init(application: Application, canonical: Data, source: String) throws {
        id = application.id
        sha256 = Ledger.sha256Hex(canonical)
        self.source = source
        applicationJSON = try Ledger.canonicalJSON(application)
        year = application.awardYear
        type = application.type
        facts = try FactsProjection.encoded(application)
    }

    /// The canonical text of the `EntryIngested` payload for `version`, byte for byte what encoding the whole
    /// payload gives (keys sorted: `application` first), built around the already encoded application.
    func payload(version: Int) throws -> String {
        try EntryIngestedFields(id: id, version: version, sha256: sha256, source: source).payload(applicationJSON: applicationJSON)
    }
}

/// The members of `EntryIngested` other than the application, encoded on their own.
struct EntryIngestedFields: Codable {
    var id: String
    var version: Int
    var sha256: String
    var source: String

    /// The canonical text of the whole `EntryIngested` payload around an application's canonical JSON, byte for
    /// byte what encoding the whole payload gives (keys sorted: `application` first).
    func payload(applicationJSON: String) throws -> String {
        Self.head + applicationJSON + (try tail)
    }

    /// What a payload starts with, before the application's JSON.
    static let head = "{\"application\":"

    /// What a payload ends with, after the application's JSON: these members.
    private var tail: String {
        get throws { "," + (try Ledger.canonicalJSON(self)).dropFirst() }
    }

    /// The application's JSON in the payload of the `entry-ingested` event with these members: the text between
    /// the head and the tail `payload(applicationJSON:)` writes (found, not decoded); for a payload of any other
    /// shape, its application decoded and encoded again. Nil when the payload holds no application. The one
    /// reader of a stored application's JSON: `entry_versions` points at the event (`seq`), which holds it.
    func applicationJSON(in payload: String) -> String? {
        if let tail = try? tail {
            let (bytes, head, tail) = (payload.utf8, Self.head.utf8, tail.utf8)
            if bytes.count > head.count + tail.count, bytes.starts(with: head), bytes.reversed().starts(with: tail.reversed()) {
                return String(decoding: bytes.dropFirst(head.count).dropLast(tail.count), as: UTF8.self)
            }
        }
        return (try? Ledger.decode(EntryIngested.self, from: payload)).flatMap { try? Ledger.canonicalJSON($0.application) }
    }
}

/// The payload of an `entry-ingested` event: the application model and where it came from.
struct EntryIngested: Codable, Sendable {
    var id: String
    var version: Int
    var sha256: String
    var source: String
    var application: Application
}

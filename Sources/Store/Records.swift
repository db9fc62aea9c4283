import Foundation
import GRDB
import Model
import Panel

/// One value a judge gave for a criterion; revisions are numbered from 1 and none is ever overwritten.
public struct ScoreRevision: Codable, Sendable, Equatable {
    public var score: Score
    /// 1 for the first value, 2 for the first revision, and so on.
    public var revision: Int
    /// The ledger event that recorded this value.
    public var seq: Int
    public var actor: String
    /// ISO 8601 time the event was recorded.
    public var recordedAt: String

    public init(score: Score, revision: Int, seq: Int, actor: String, recordedAt: String) {
        self.score = score
        self.revision = revision
        self.seq = seq
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

/// The panel's agreed percent for one criterion of one application, with the reason; the latest one counts.
public struct Consensus: Codable, Sendable, Equatable, FetchableRecord {
    public var application: String
    public var criterion: String
    /// 0–100.
    public var percent: Double
    public var reason: String

    public init(application: String, criterion: String, percent: Double, reason: String) {
        self.application = application
        self.criterion = criterion
        self.percent = percent
        self.reason = reason
    }
}

/// A rubric fixed before judging opens: the SHA-256 of its file for one award year and type.
public struct RubricFreeze: Codable, Sendable, Equatable, FetchableRecord {
    /// Buddhist Era year.
    public var year: Int
    public var type: String
    /// 64 lowercase hexadecimal digits.
    public var sha256: String

    public init(year: Int, type: String, sha256: String) {
        self.year = year
        self.type = type
        self.sha256 = sha256
    }
}

/// The outcome of a site visit to an applicant; the latest record for an application counts.
public struct SiteVisit: Codable, Sendable, Equatable, FetchableRecord {
    public var application: String
    /// Whether the visit confirmed what the application claims.
    public var confirmed: Bool
    public var reason: String?

    public init(application: String, confirmed: Bool, reason: String? = nil) {
        self.application = application
        self.confirmed = confirmed
        self.reason = reason
    }
}

/// The random seed fixed for one scope (e.g. a tie-break lottery), recorded before it is used.
/// In JSON the seed is a decimal string, so no reader loses precision above 2^53.
public struct LotterySeed: Codable, Sendable, Equatable, FetchableRecord {
    public var scope: String
    public var seed: UInt64

    public init(scope: String, seed: UInt64) {
        self.scope = scope
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey { case scope, seed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scope = try container.decode(String.self, forKey: .scope)
        let text = try container.decode(String.self, forKey: .seed)
        guard let value = UInt64(text) else {
            throw DecodingError.dataCorruptedError(forKey: .seed, in: container, debugDescription: "'\(text)' is not a UInt64")
        }
        seed = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope, forKey: .scope)
        try container.encode(String(seed), forKey: .seed)
    }
}

/// One stored version of an entry (an ingested application).
public struct StoredEntry: Sendable, Equatable {
    public var application: Application
    /// 1 for the first ingest, incremented for every changed re-ingest.
    public var version: Int
    /// SHA-256 (hex) of the canonical serialization the caller gave at ingest.
    public var sha256: String
    /// Where the file came from (a path or a label), as the caller gave it.
    public var source: String
    public var actor: String
    /// ISO 8601 time the version was recorded.
    public var recordedAt: String
    /// The ledger event that recorded this version.
    public var seq: Int

    public init(application: Application, version: Int, sha256: String, source: String, actor: String, recordedAt: String, seq: Int) {
        self.application = application
        self.version = version
        self.sha256 = sha256
        self.source = source
        self.actor = actor
        self.recordedAt = recordedAt
        self.seq = seq
    }
}

/// What an ingest did.
public enum IngestStatus: Sendable, Equatable {
    /// First time this id was seen; stored as version 1.
    case stored(version: Int)
    /// Same id and same hash as the current version: nothing recorded.
    case unchanged
    /// Same id, different hash: stored as version n, earlier versions kept.
    case newVersion(Int)

    /// A stable word for output: `stored`, `unchanged` or `new-version`.
    public var label: String {
        switch self {
        case .stored: "stored"
        case .unchanged: "unchanged"
        case .newVersion: "new-version"
        }
    }
}

/// The result of `CompetitionStore.ingest`. Encodes as `{id, status (label), version, sha256, seq}`.
public struct IngestReceipt: Sendable, Equatable, Encodable {
    public var id: String
    public var status: IngestStatus
    /// The current version after the ingest.
    public var version: Int
    public var sha256: String
    /// The ledger event written, nil when unchanged.
    public var seq: Int?

    public init(id: String, status: IngestStatus, version: Int, sha256: String, seq: Int?) {
        self.id = id
        self.status = status
        self.version = version
        self.sha256 = sha256
        self.seq = seq
    }

    enum CodingKeys: String, CodingKey { case id, status, version, sha256, seq }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status.label, forKey: .status)
        try container.encode(version, forKey: .version)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(seq, forKey: .seq)
    }
}

/// What an append did: a new event, or nothing because the same fact was already recorded.
public enum AppendResult: Sendable, Equatable {
    case appended(seq: Int)
    case unchanged
}

/// Counts for `psea status`; encodes with exactly the keys entries, versions, judges, conflicts, assignments,
/// scores, events and ledgerOK.
public struct StoreStatus: Codable, Sendable, Equatable {
    /// Entries, counting each id once (current versions).
    public var entries: Int
    /// Every stored version of every entry.
    public var versions: Int
    public var judges: Int
    public var conflicts: Int
    public var assignments: Int
    /// Current scores, one per judge, application and criterion.
    public var scores: Int
    public var events: Int
    public var ledgerOK: Bool

    public init(entries: Int, versions: Int, judges: Int, conflicts: Int, assignments: Int, scores: Int, events: Int, ledgerOK: Bool) {
        self.entries = entries
        self.versions = versions
        self.judges = judges
        self.conflicts = conflicts
        self.assignments = assignments
        self.scores = scores
        self.events = events
        self.ledgerOK = ledgerOK
    }
}

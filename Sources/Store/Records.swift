import Foundation
import GRDB
import Model
import Panel

/// One value a judge gave for a criterion; revisions are numbered from 1 and none is ever overwritten.
package struct ScoreRevision: Codable, Sendable, Equatable {
    package var score: Score
    /// 1 for the first value, 2 for the first revision, and so on.
    package var revision: Int
    /// The ledger event that recorded this value.
    package var seq: Int
    package var actor: String
    /// ISO 8601 time the event was recorded.
    package var recordedAt: String

}

/// The panel's agreed percent for one criterion of one application, with the reason; the latest one counts.
@MemberwiseInit
package struct Consensus: Codable, Sendable, Equatable, FetchableRecord {
    package var application: String
    package var criterion: String
    /// 0–100.
    package var percent: Double
    package var reason: String
}

/// A rubric fixed before judging opens: the SHA-256 of its file for one award year and type and, since psea
/// keeps the rubric in the ledger, the file's full text, which every later command uses instead of the folder's.
@MemberwiseInit
package struct RubricFreeze: Codable, Sendable, Equatable, FetchableRecord {
    /// Buddhist Era year.
    package var year: Int
    package var type: String
    /// 64 lowercase hexadecimal digits.
    package var sha256: String
    /// The rubric file's text; nil in ledgers written before the text was frozen (only the hash was).
    package var text: String?
}

/// A guard a staff member went past with `--force --reason`: the code of the refusal the command would have
/// given, the command, what it did despite the guard and why. Every override stays in the ledger.
@MemberwiseInit
package struct GuardOverride: Codable, Sendable, Equatable {
    /// The registry code of the refusal overridden (e.g. `PSEA-RND020`).
    package var code: String
    /// The command that was forced (`assign`, `consensus`).
    package var command: String
    /// What was done despite the guard, in English (e.g. `per-entry 3 below minJudges 5 of 2568/effective-change`).
    package var subject: String
    /// Why, as the officer gave it.
    package var reason: String
}

/// The committee's approval of one sub-type's results: the meeting, its date and the ledger head it approved.
/// Until every sub-type of an export is approved, the public files say ร่าง / DRAFT.
package struct Approval: Codable, Sendable, Equatable, FetchableRecord {
    package var year: Int
    package var type: String
    package var meeting: String
    /// The meeting's date, `YYYY-MM-DD`.
    package var date: String
    /// The hash of the last event when the results were approved.
    package var ledgerHead: String

    package init(year: Int, type: String, meeting: String, date: String, ledgerHead: String) {
        (self.year, self.type, self.meeting, self.date, self.ledgerHead) = (year, type, meeting, date, ledgerHead)
    }
}

/// One reason an entry is not eligible: a registry code and its message.
@MemberwiseInit
package struct ScreeningReason: Codable, Sendable, Equatable {
    package var code: String
    package var message: LocalizedText
}

/// The eligibility of one version of an entry, from the round file's rules or a staff override; the latest record
/// for an application counts, and only while its version is the entry's current one.
@MemberwiseInit
package struct Screening: Codable, Sendable, Equatable {
    package var application: String
    /// The entry version screened: a new version must be screened again.
    package var version: Int
    package var eligible: Bool
    /// Why it is not eligible (empty when eligible).
    package var reasons: [ScreeningReason]
    /// True when staff decided (`psea screen --eligible|--ineligible --reason`) rather than the rules.
    package var override: Bool = false
    /// The staff's reason for an override.
    package var note: String?
}

/// An entry version received after the application window closed and accepted by staff, with their reason.
@MemberwiseInit
package struct LateEntry: Codable, Sendable, Equatable {
    package var application: String
    package var version: Int
    package var reason: String
}

/// The entries of one sub-type proposed for a site visit (in the outstanding range after the desk review), with
/// the ledger head they were taken from; a later shortlist of the sub-type replaces it.
@MemberwiseInit
package struct Shortlist: Codable, Sendable, Equatable {
    package var year: Int
    package var type: String
    /// Application ids, sorted.
    package var applications: [String]
    package var ledgerHead: String
}

/// The random seed fixed for one scope (e.g. a tie-break lottery), recorded before it is used.
/// In JSON the seed is a decimal string, so no reader loses precision above 2^53.
@MemberwiseInit
package struct LotterySeed: Codable, Sendable, Equatable, FetchableRecord {
    package var scope: String
    package var seed: UInt64

    enum CodingKeys: String, CodingKey { case scope, seed }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scope = try container.decode(String.self, forKey: .scope)
        let text = try container.decode(String.self, forKey: .seed)
        guard let value = UInt64(text) else {
            throw DecodingError.dataCorruptedError(forKey: .seed, in: container, debugDescription: "'\(text)' is not a UInt64")
        }
        seed = value
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope, forKey: .scope)
        try container.encode(String(seed), forKey: .seed)
    }
}

/// One stored version of an entry (an ingested application).
package struct StoredEntry: Sendable, Equatable {
    package var application: Application
    /// 1 for the first ingest, incremented for every changed re-ingest.
    package var version: Int
    /// SHA-256 (hex) of the canonical serialization the caller gave at ingest.
    package var sha256: String
    /// Where the file came from (a path or a label), as the caller gave it.
    package var source: String
    package var actor: String
    /// ISO 8601 time the version was recorded.
    package var recordedAt: String
    /// The ledger event that recorded this version.
    package var seq: Int

}

/// What an ingest did.
package enum IngestStatus: Sendable, Equatable {
    /// First time this id was seen; stored as version 1.
    case stored(version: Int)
    /// Same id and same hash as the current version: nothing recorded.
    case unchanged
    /// Same id, different hash: stored as version n, earlier versions kept.
    case newVersion(Int)

    /// A stable word for output: `stored`, `unchanged` or `new-version`.
    package var label: String {
        switch self {
        case .stored: "stored"
        case .unchanged: "unchanged"
        case .newVersion: "new-version"
        }
    }
}

/// The result of `CompetitionStore.ingest`. Encodes as `{id, status (label), version, sha256, seq}`.
package struct IngestReceipt: Sendable, Equatable, Encodable {
    package var id: String
    package var status: IngestStatus
    /// The current version after the ingest.
    package var version: Int
    package var sha256: String
    /// The ledger event written, nil when unchanged.
    package var seq: Int?

    enum CodingKeys: String, CodingKey { case id, status, version, sha256, seq }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeListingNulls([.id: id, .status: status.label, .version: version, .sha256: sha256, .seq: seq])
    }
}

/// What an append did: a new event, or nothing because the same fact was already recorded.
package enum AppendResult: Sendable, Equatable {
    case appended(seq: Int)
    case unchanged
}

/// Counts for `psea status`; encodes with exactly the keys entries, versions, judges, conflicts, assignments,
/// scores, events and ledgerOK.
@MemberwiseInit
package struct StoreStatus: Codable, Sendable, Equatable {
    /// Entries, counting each id once (current versions).
    package var entries: Int
    /// Every stored version of every entry.
    package var versions: Int
    package var judges: Int
    package var conflicts: Int
    package var assignments: Int
    /// Current scores, one per judge, application and criterion.
    package var scores: Int
    package var events: Int
    package var ledgerOK: Bool
}

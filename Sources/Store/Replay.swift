import GRDB
import Model
import Rubric
import Scoring

/// What a rebuild prepares for a page of `entry-ingested` events on every core before projecting them in order:
/// each payload decoded once, encoded as the projections store it and, when its year and type are frozen
/// somewhere in the ledger, scored under that rubric. The `rubric-frozen` event then finds its entries' outcomes
/// already computed and decodes no application a second time.
struct Replay: Sendable {
    /// The first loadable rubric frozen for each year and type, with its hash (a second freeze of the same year
    /// and type breaks the replay at its insert, so the first is the one the projections hold).
    private let frozen: [Scope: (sha256: String, rubric: Rubric)]

    private struct Scope: Hashable, Sendable {
        var year: Int
        var type: String
    }

    /// One decoded `entry-ingested` event, ready to project.
    struct Ingest: Sendable {
        var payload: EntryIngested
        var facts: (facts: String, profile: String)
        /// The entry's outcomes under the rubric its year and type are frozen with, nil when they never are.
        var outcomes: (rubric: String, outcomes: StoredOutcomes)?
    }

    /// Reads the ledger's rubric freezes; one that cannot be decoded or loaded is left to the replay, which
    /// reports or skips it at its place exactly as before.
    init(_ db: Database, decoder: (@Sendable (String) -> Application?)?) throws {
        var frozen: [Scope: (sha256: String, rubric: Rubric)] = [:]
        var seen: Set<Scope> = []
        let payloads = try String.fetchAll(
            db, sql: "SELECT payload FROM events WHERE kind = ? ORDER BY seq", arguments: [EventKind.rubricFrozen.rawValue])
        for payload in payloads {
            guard let freeze = try? Ledger.decode(RubricFreeze.self, from: payload) else { continue }
            let scope = Scope(year: freeze.year, type: freeze.type)
            guard seen.insert(scope).inserted, let rubric = FactsProjection.loadable(freeze) else { continue }
            frozen[scope] = (freeze.sha256, rubric)
        }
        self.frozen = frozen
        self.decoder = decoder
    }

    /// The store's faster decoder of application JSON, when it was opened with one.
    private let decoder: (@Sendable (String) -> Application?)?

    /// An `entry-ingested` payload decoded. Ingest writes `{"application":`, the
    /// application's canonical JSON, then the other members (`EntryIngestedFields.payload`): a payload of that
    /// shape has its application read by the fast decoder, the shape proven by building the payload again from
    /// what was read, byte for byte. Any other payload (or a store without a fast decoder) is read by `JSONDecoder`.
    private func ingested(_ payload: String) -> EntryIngested? {
        let head = EntryIngestedFields.head
        if let decoder, payload.hasPrefix(head), let comma = payload.range(of: #","id":"#, options: .backwards)?.lowerBound {
            let start = payload.index(payload.startIndex, offsetBy: head.count)
            if start <= comma, let application = decoder(String(payload[start..<comma])),
                let fields = try? Ledger.decode(EntryIngestedFields.self, from: "{" + payload[payload.index(after: comma)...]),
                let applicationJSON = try? Ledger.canonicalJSON(application),
                (try? fields.payload(applicationJSON: applicationJSON)) == payload
            {
                return EntryIngested(
                    id: fields.id, version: fields.version, sha256: fields.sha256, source: fields.source, application: application)
            }
        }
        return try? Ledger.decode(EntryIngested.self, from: payload)
    }

    /// The prepared projection of an `entry-ingested` event; nil for any other event or one that does not decode,
    /// which the replay then applies (and reports) as before.
    func prepare(_ event: LedgerEvent?) -> Ingest? {
        guard let event, event.kind == EventKind.entryIngested.rawValue, let payload = ingested(event.payload),
            let facts = try? FactsProjection.encoded(payload.application)
        else { return nil }
        let application = payload.application
        let outcomes = frozen[Scope(year: application.awardYear, type: application.type)].flatMap { frozen in
            (try? FactsProjection.encoded(outcomes: Scorer.outcomes(application, rubric: frozen.rubric))).map { (frozen.sha256, $0) }
        }
        return Ingest(payload: payload, facts: facts, outcomes: outcomes)
    }
}

extension Replay.Ingest {
    /// Writes what `EntryIngested.project` writes, from the prepared values.
    func project(_ event: LedgerEvent, _ db: Database) throws {
        let application = payload.application
        try Projection.ingested(
            id: payload.id, version: payload.version, sha256: payload.sha256, source: payload.source, year: application.awardYear,
            type: application.type, facts: facts, outcomes: outcomes, application: { application },
            event: event, db)
    }
}

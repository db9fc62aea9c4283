import Foundation
import GRDB
import Model
import Panel

/// The recording calls of `CompetitionStore`, inside one transaction opened by `CompetitionStore.batch`.
/// Each call applies the same checks as its single-call twin; a throw rolls the whole batch back.
package struct StoreBatch {
    let db: Database

    /// As `CompetitionStore.ingest`.
    package func ingest(application: Application, canonical: Data, source: String, actor: String, at: Date) throws -> IngestReceipt {
        try CompetitionStore.ingest(PreparedEntry(application: application, canonical: canonical, source: source), actor: actor, at: at, db)
    }

    /// As `CompetitionStore.ingest(_:actor:at:)`.
    package func ingest(_ prepared: PreparedEntry, actor: String, at: Date) throws -> IngestReceipt {
        try CompetitionStore.ingest(prepared, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.registerJudge`.
    @discardableResult
    package func registerJudge(_ judge: Judge, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.registerJudge(judge, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.declareConflict`.
    @discardableResult
    package func declareConflict(_ conflict: Conflict, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.declareConflict(conflict, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.assign`.
    @discardableResult
    package func assign(_ assignment: Assignment, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.assign(assignment, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.recordScore`.
    @discardableResult
    package func recordScore(_ score: Score, actor: String, at: Date) throws -> Int {
        try CompetitionStore.recordScore(score, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.recordConsensus`.
    @discardableResult
    package func recordConsensus(_ consensus: Consensus, actor: String, at: Date) throws -> Int {
        try CompetitionStore.recordConsensus(consensus, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.freezeRubric`.
    @discardableResult
    package func freezeRubric(_ freeze: RubricFreeze, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.freezeRubric(freeze, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.recordLotterySeed`.
    @discardableResult
    package func recordLotterySeed(_ seed: LotterySeed, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.recordLotterySeed(seed, actor: actor, at: at, db)
    }

    /// The hash of the current version of entry `id`, nil when it is not ingested (to tell an unchanged re-ingest
    /// from a new one before storing it).
    package func currentHash(of id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT sha256 FROM entries WHERE id = ?", arguments: [id])
    }

    /// As `CompetitionStore.recordScreening`.
    @discardableResult
    package func recordScreening(_ screening: Screening, actor: String, at: Date) throws -> Int {
        try CompetitionStore.recordScreening(screening, actor: actor, at: at, db)
    }

    /// Records that an entry version received after the window closed was accepted, with the staff's reason.
    @discardableResult
    package func recordLateEntry(_ late: LateEntry, actor: String, at: Date) throws -> Int {
        try CompetitionStore.append(late, actor: actor, at: at, db)
    }
}

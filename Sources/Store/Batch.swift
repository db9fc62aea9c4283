import Foundation
import GRDB
import Model
import Panel

/// The recording calls of `CompetitionStore`, inside one transaction opened by `CompetitionStore.batch`.
/// Each call applies the same checks as its single-call twin; a throw rolls the whole batch back.
public struct StoreBatch {
    let db: Database

    /// As `CompetitionStore.ingest`.
    public func ingest(application: Application, canonical: Data, source: String, actor: String, at: Date) throws -> IngestReceipt {
        try CompetitionStore.ingest(PreparedEntry(application: application, canonical: canonical, source: source), actor: actor, at: at, db)
    }

    /// As `CompetitionStore.ingest(_:actor:at:)`.
    public func ingest(_ prepared: PreparedEntry, actor: String, at: Date) throws -> IngestReceipt {
        try CompetitionStore.ingest(prepared, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.registerJudge`.
    @discardableResult
    public func registerJudge(_ judge: Judge, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.registerJudge(judge, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.declareConflict`.
    @discardableResult
    public func declareConflict(_ conflict: Conflict, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.declareConflict(conflict, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.assign`.
    @discardableResult
    public func assign(_ assignment: Assignment, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.assign(assignment, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.recordScore`.
    @discardableResult
    public func recordScore(_ score: Score, actor: String, at: Date) throws -> Int {
        try CompetitionStore.recordScore(score, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.recordConsensus`.
    @discardableResult
    public func recordConsensus(_ consensus: Consensus, actor: String, at: Date) throws -> Int {
        try CompetitionStore.recordConsensus(consensus, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.freezeRubric`.
    @discardableResult
    public func freezeRubric(_ freeze: RubricFreeze, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.freezeRubric(freeze, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.recordLotterySeed`.
    @discardableResult
    public func recordLotterySeed(_ seed: LotterySeed, actor: String, at: Date) throws -> AppendResult {
        try CompetitionStore.recordLotterySeed(seed, actor: actor, at: at, db)
    }
}

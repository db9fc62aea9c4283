import Foundation
import GRDB
import GRDBSQLite
import Model
import Panel

/// The recording calls of the store, inside one transaction: the one home of what each fact must satisfy before
/// it is appended. `CompetitionStore.batch` hands one out for many facts at once (a throw rolls the whole batch
/// back); each single recording call of `CompetitionStore` runs one of these in its own transaction.
package struct StoreBatch {
    let db: Database
    /// The judges and entries this transaction has found registered: neither is ever removed, so a file of scores
    /// asks the database once per judge and entry rather than once per row.
    private let known = Known()

    init(db: Database) { self.db = db }

    private final class Known {
        var judges: Set<String> = []
        var entries: Set<String> = []
    }

    /// As `CompetitionStore.ingest`.
    package func ingest(application: Application, canonical: Data, source: String, actor: String, at: Date) throws -> IngestReceipt {
        try ingest(PreparedEntry(application: application, canonical: canonical, source: source), actor: actor, at: at)
    }

    /// As `CompetitionStore.ingest(_:actor:at:)`.
    package func ingest(_ prepared: PreparedEntry, actor: String, at: Date) throws -> IngestReceipt {
        let current = try Row.fetchOne(db.cachedStatement(sql: "SELECT version, sha256 FROM entries WHERE id = ?"), arguments: [prepared.id])
        let currentVersion = try current?.decode(Int.self, forColumn: "version") ?? 0
        let currentHash = try current?.decode(String.self, forColumn: "sha256")
        if currentHash == prepared.sha256 {
            return IngestReceipt(id: prepared.id, status: .unchanged, version: currentVersion, sha256: prepared.sha256, seq: nil)
        }
        let version = currentVersion + 1
        let event = try CompetitionStore.appendEvent(.entryIngested, text: prepared.payload(version: version), actor: actor, at: at, db)
        try Projection.ingested(
            id: prepared.id, version: version, sha256: prepared.sha256, source: prepared.source,
            year: prepared.year, type: prepared.type, facts: prepared.facts,
            application: { try Ledger.decode(Application.self, from: prepared.applicationJSON) }, event: event, db)
        let status: IngestStatus = version == 1 ? .stored(version: 1) : .newVersion(version)
        return IngestReceipt(id: prepared.id, status: status, version: version, sha256: prepared.sha256, seq: event.seq)
    }

    /// As `CompetitionStore.registerJudge`.
    @discardableResult
    package func registerJudge(_ judge: Judge, actor: String, at: Date) throws -> AppendResult {
        try appendOnce(judge, existing: "SELECT * FROM judges WHERE id = ?", [judge.id], what: "judge", key: judge.id, actor: actor, at: at)
    }

    /// As `CompetitionStore.declareConflict`.
    @discardableResult
    package func declareConflict(_ conflict: Conflict, actor: String, at: Date) throws -> AppendResult {
        try requireJudge(conflict.judge)
        return try appendOnce(
            conflict, existing: "SELECT * FROM conflicts WHERE judge = ? AND application = ?", [conflict.judge, conflict.application],
            what: "conflict", key: "\(conflict.judge)/\(conflict.application)", actor: actor, at: at)
    }

    /// As `CompetitionStore.assign`.
    @discardableResult
    package func assign(_ assignment: Assignment, actor: String, at: Date) throws -> AppendResult {
        try requireJudge(assignment.judge)
        try requireEntry(assignment.application)
        try requireNoConflict(judge: assignment.judge, application: assignment.application)
        if try exists("SELECT 1 FROM assignments WHERE judge = ? AND application = ?", assignment.judge, assignment.application) {
            return .unchanged
        }
        return .appended(seq: try CompetitionStore.append(assignment, actor: actor, at: at, db))
    }

    /// As `CompetitionStore.recordScore`.
    @discardableResult
    package func recordScore(_ score: Score, actor: String, at: Date) throws -> Int {
        try requireRecordable(score)
        return try CompetitionStore.append(score, actor: actor, at: at, db)
    }

    /// What a score must satisfy to be recorded: a percent in range, a registered judge and entry, no conflict.
    private func requireRecordable(_ score: Score) throws {
        try requirePercent(score.percent)
        try requireJudge(score.judge)
        try requireEntry(score.application)
        try requireNoConflict(judge: score.judge, application: score.application)
    }

    /// The current row of one judge, entry and criterion: the score as `Score(raw:)` reads it, then its revision.
    private static let currentScoreSQL =
        "SELECT \(Score.rawColumns(texts: true)), revision FROM scores WHERE judge = ? AND application = ? AND criterion = ?"

    /// As `recordScore`, unless the database holds the same values already: then nothing is appended and false is
    /// returned. `prepared` is made beforehand, on any thread (a scores file prepares its rows on one core while
    /// the writer records them), and the current row gives the last revision, which is not asked for again.
    package func recordScoreIfChanged(_ prepared: PreparedScore, actor: String, at: Date) throws -> Bool {
        let score = prepared.score
        let current = try RawRows.first(
            db.cachedStatement(sql: Self.currentScoreSQL),
            score.judge, score.application, score.criterion
        ) { row in (score: Score(raw: row), revision: Int(sqlite3_column_int64(row, 9))) }
        if current?.score == score { return false }
        try requireRecordable(score)
        let event = try CompetitionStore.appendEvent(Score.eventKind, text: prepared.text, actor: actor, at: at, db)
        try score.project(event, db, previousRevision: current?.revision ?? 0)
        return true
    }

    /// As `CompetitionStore.recordConsensus`.
    @discardableResult
    package func recordConsensus(_ consensus: Consensus, actor: String, at: Date) throws -> Int {
        try requirePercent(consensus.percent)
        try requireEntry(consensus.application)
        return try CompetitionStore.append(consensus, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.freezeRubric`.
    @discardableResult
    package func freezeRubric(_ freeze: RubricFreeze, actor: String, at: Date) throws -> AppendResult {
        try appendOnce(
            freeze, existing: "SELECT * FROM rubric_freezes WHERE year = ? AND type = ?", [freeze.year, freeze.type], what: "rubric",
            key: "\(freeze.year)/\(freeze.type)", actor: actor, at: at)
    }

    /// As `CompetitionStore.recordSiteVisit`.
    @discardableResult
    package func recordSiteVisit(_ visit: SiteVisit, actor: String, at: Date) throws -> Int {
        try append(visit, naming: [visit.application], actor: actor, at: at)
    }

    /// As `CompetitionStore.recordApproval`.
    @discardableResult
    package func recordApproval(_ approval: Approval, actor: String, at: Date) throws -> Int {
        try CompetitionStore.append(approval, actor: actor, at: at, db)
    }

    /// As `CompetitionStore.recordLotterySeed`.
    @discardableResult
    package func recordLotterySeed(_ seed: LotterySeed, actor: String, at: Date) throws -> AppendResult {
        try appendOnce(
            seed, existing: "SELECT * FROM lottery_seeds WHERE scope = ?", [seed.scope], what: "lottery seed", key: seed.scope, actor: actor, at: at)
    }

    /// As `CompetitionStore.recordScreening`: the entry must be ingested and `screening.version` its current version.
    @discardableResult
    package func recordScreening(_ screening: Screening, actor: String, at: Date) throws -> Int {
        let version = try Int.fetchOne(db, sql: "SELECT version FROM entries WHERE id = ?", arguments: [screening.application])
        guard let version else { throw PSEAError.unknownReference("entry", id: screening.application) }
        guard version == screening.version else {
            throw PSEAError.conflictingRecord("screening of an old version", key: "\(screening.application) v\(screening.version)")
        }
        return try CompetitionStore.append(screening, actor: actor, at: at, db)
    }

    /// Records that an entry version received after the window closed was accepted, with the staff's reason.
    @discardableResult
    package func recordLateEntry(_ late: LateEntry, actor: String, at: Date) throws -> Int {
        try append(late, naming: [late.application], actor: actor, at: at)
    }

    /// As `CompetitionStore.recordShortlist`: every application must be ingested.
    @discardableResult
    package func recordShortlist(_ shortlist: Shortlist, actor: String, at: Date) throws -> Int {
        try append(shortlist, naming: shortlist.applications, actor: actor, at: at)
    }

    /// Appends a fact about entries once every entry it names (`applications`) is known to be ingested.
    private func append<P: LedgerPayload>(_ fact: P, naming applications: [String], actor: String, at: Date) throws -> Int {
        for application in applications { try requireEntry(application) }
        return try CompetitionStore.append(fact, actor: actor, at: at, db)
    }

    /// Appends a fact recorded at most once under its key: the same fact again is `.unchanged`, a different one
    /// under the same key (the row the query `existing` finds with `arguments`) is refused.
    private func appendOnce<P: LedgerPayload & FetchableRecord & Equatable>(
        _ fact: P, existing sql: String, _ arguments: StatementArguments, what: String, key: String, actor: String, at: Date
    ) throws -> AppendResult {
        if let existing = try P.fetchOne(db, sql: sql, arguments: arguments) {
            guard existing == fact else { throw PSEAError.conflictingRecord(what, key: key) }
            return .unchanged
        }
        return .appended(seq: try CompetitionStore.append(fact, actor: actor, at: at, db))
    }

    /// The hash of the current version of entry `id`, nil when it is not ingested (to tell an unchanged re-ingest
    /// from a new one before storing it).
    package func currentHash(of id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT sha256 FROM entries WHERE id = ?", arguments: [id])
    }

    private func exists<each Value: StatementBinding>(_ sql: String, _ values: repeat each Value) throws -> Bool {
        try RawRows.first(db.cachedStatement(sql: sql), repeat each values) { _ in true } ?? false
    }

    private func requireJudge(_ id: String) throws {
        guard !known.judges.contains(id) else { return }
        guard try exists("SELECT 1 FROM judges WHERE id = ?", id) else { throw PSEAError.unknownReference("judge", id: id) }
        known.judges.insert(id)
    }

    private func requireEntry(_ id: String) throws {
        guard !known.entries.contains(id) else { return }
        guard try exists("SELECT 1 FROM entries WHERE id = ?", id) else { throw PSEAError.unknownReference("entry", id: id) }
        known.entries.insert(id)
    }

    private func requireNoConflict(judge: String, application: String) throws {
        if try exists("SELECT 1 FROM conflicts WHERE judge = ? AND application = ?", judge, application) {
            throw PSEAError.conflictOfInterest(judge: judge, application: application)
        }
    }

    private func requirePercent(_ value: Double) throws {
        guard value.isFinite, (0...100).contains(value) else { throw PSEAError.percentOutOfRange(value) }
    }

    /// As `CompetitionStore.recordOverride`.
    @discardableResult
    package func recordOverride(_ override: GuardOverride, actor: String, at: Date) throws -> Int {
        try CompetitionStore.append(override, actor: actor, at: at, db)
    }
}

import Foundation
import GRDB
import GRDBSQLite
import Model
import Panel

/// The competition database: one SQLite file (WAL mode) holding the append-only, hash-chained ledger of events
/// and the projection tables derived from it. Every method is synchronous and safe to call from any thread;
/// every append and its projection update happen in one transaction. Errors are `PSEAError` (the registry's Store codes).
package final class CompetitionStore: Sendable {
    /// The database file.
    package let path: String
    private let pool: DatabasePool
    /// Where reads go: the pool, or for a snapshot (`snapshot()`) one connection that sees the database as it was.
    private let reader: any DatabaseReader
    private let isSnapshot: Bool
    /// Opened with `.readOnly`: every write is refused (verification still works on the private copy).
    private let isReadOnly: Bool
    /// The private copy a `.readOnly` store reads, removed with the store.
    private let scratchFolder: URL?
    /// A faster decoder of stored application JSON, tried before `JSONDecoder`, which decides whatever it gives up on.
    private let applicationDecoder: (@Sendable (String) -> Application?)?

    /// Opens the database at `path`. `.create` (only `psea init` and psea's own scratch copies) creates it when
    /// missing and migrates an existing psea database; `.readWrite` and `.readOnly` open an existing psea database and refuse, before
    /// writing anything, a file that is not one, was written by a newer psea or lacks a column psea reads.
    /// `.readOnly` reads a private copy, so the file, a read-only one included, stays byte for byte as it was
    /// and nothing is left beside it. `applicationDecoder`, when given, decodes stored applications first
    /// (Intake's `StoredApplicationDecoder`).
    package init(path: String, mode: StoreOpenMode = .create, applicationDecoder: (@Sendable (String) -> Application?)? = nil) throws {
        self.path = path
        self.applicationDecoder = applicationDecoder
        if let applicationDecoder { FactsProjection.fastDecoder.withLock { $0 = applicationDecoder } }
        // SQLite would open a FIFO or a device named as the database and wait on it: only a regular file is opened.
        for file in [path, path + "-wal"] { try RegularFile.requireRegularIfPresent(file) }
        var configuration = Configuration()
        configuration.label = "psea-store"
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // The seal triggers call it; REPLACE's deletions fire the delete triggers only with recursive triggers on.
            try Seal.register(db)
            try db.execute(sql: "PRAGMA recursive_triggers = ON")
        }
        var scratch: URL?
        do {
            var opened = path
            if mode == .readOnly {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("psea-read-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                scratch = folder
                opened = folder.appendingPathComponent("copy.sqlite").path
                try FileManager.default.copyItem(atPath: path, toPath: opened)
                if FileManager.default.fileExists(atPath: path + "-wal") {
                    try FileManager.default.copyItem(atPath: path + "-wal", toPath: opened + "-wal")
                }
            }
            let existing = ((try? FileManager.default.attributesOfItem(atPath: opened)[.size] as? Int) ?? 0) > 0
            if mode != .create || existing {
                let probe = try DatabaseQueue(path: opened, configuration: Self.probeConfiguration)
                try probe.read { db in try StoreFile.check(db, path: path) }
                try probe.close()
            }
            pool = try DatabasePool(path: opened, configuration: configuration)
            // A read-only store migrates its private copy, so an older database can still be read and verified.
            try Schema.migrator.migrate(pool)
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(StoreFile.applicationID)") }
        } catch let error as PSEAError {
            if let scratch { try? FileManager.default.removeItem(at: scratch) }
            throw error
        } catch let error as DatabaseError {
            if let scratch { try? FileManager.default.removeItem(at: scratch) }
            throw PSEAError.databaseUnavailable(path, reason: error.message ?? error.description)
        } catch {
            if let scratch { try? FileManager.default.removeItem(at: scratch) }
            throw PSEAError.databaseUnavailable(path, reason: String(describing: error))
        }
        reader = pool
        isSnapshot = false
        isReadOnly = mode == .readOnly
        scratchFolder = scratch
    }

    /// A read-only connection used to recognise a file before psea writes to it.
    private static var probeConfiguration: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "psea-probe"
        return configuration
    }

    deinit {
        if let scratchFolder, !isSnapshot { try? FileManager.default.removeItem(at: scratchFolder) }
    }

    private init(snapshotOf store: CompetitionStore) throws {
        path = store.path
        applicationDecoder = store.applicationDecoder
        pool = store.pool
        reader = try store.perform { try store.pool.makeSnapshot() }
        isSnapshot = true
        isReadOnly = true
        scratchFolder = store.scratchFolder
    }

    /// A read-only view of the database as it is now: every read through it sees the same state, whatever is
    /// written meanwhile, so that a ranking, an export or a report built from several reads (entries, scores,
    /// ledger head) describes one moment of the ledger. Writing through it throws. A snapshot's snapshot is itself:
    /// reads made in several steps through one snapshot all see its moment.
    package func snapshot() throws -> CompetitionStore {
        isSnapshot ? self : try CompetitionStore(snapshotOf: self)
    }

    // MARK: - Entries

    /// Stores an application. `canonical` is the caller's canonical serialization; its SHA-256 decides whether
    /// this is a new entry (version 1), unchanged (no event) or a new version (older versions kept).
    package func ingest(application: Application, canonical: Data, source: String, actor: String, at: Date) throws -> IngestReceipt {
        let prepared = try PreparedEntry(application: application, canonical: canonical, source: source)
        return try batch { try $0.ingest(prepared, actor: actor, at: at) }
    }

    /// Stores an application prepared beforehand (see `PreparedEntry`); the same rules as `ingest(application:…)`.
    package func ingest(_ prepared: PreparedEntry, actor: String, at: Date) throws -> IngestReceipt {
        try batch { try $0.ingest(prepared, actor: actor, at: at) }
    }

    /// The current version of every entry, ordered by id.
    package func entries() throws -> [StoredEntry] {
        try read { [applicationDecoder] db in
            try Self.storedEntries(
                db, decoder: applicationDecoder,
                sql: Self.currentVersions + " ORDER BY v.id")
        }
    }

    /// The current version of every entry, ordered by id, handed to `body` a chunk at a time (as `entries()` decodes
    /// them), all from one read of the database: a caller that keeps only part of each entry never holds every
    /// decoded application at once.
    package func forEachEntry(_ body: ([StoredEntry]) throws -> Void) throws {
        try perform {
            try reader.read { db in
                try Self.storedEntries(
                    db, decoder: applicationDecoder,
                    sql: Self.currentVersions + " ORDER BY v.id", each: body)
            }
        }
    }

    /// Every stored version with the payload of its `entry-ingested` event, which holds its application
    /// (`storedEntries` reads these columns).
    private static let versions =
        "SELECT v.id, v.version, v.sha256, v.source, v.actor, v.recordedAt, v.seq, ev.payload FROM entry_versions v JOIN events ev ON ev.seq = v.seq"

    /// `versions` of the current version of each entry.
    private static let currentVersions = versions + " JOIN entries e ON e.id = v.id AND e.version = v.version"

    /// The id of every current entry, sorted: what the round holds, without decoding any application.
    package func entryIDs() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT id FROM entries ORDER BY id") }
    }

    /// The current version of one entry, or nil when the id is unknown.
    package func entry(id: String) throws -> StoredEntry? {
        try read { [applicationDecoder] db in
            try Self.storedEntries(
                db, decoder: applicationDecoder,
                sql: Self.currentVersions + " WHERE v.id = ?", arguments: [id]
            ).first
        }
    }

    /// Every stored version of one entry, oldest first; empty when the id is unknown.
    package func versions(of id: String) throws -> [StoredEntry] {
        try read { [applicationDecoder] db in
            try Self.storedEntries(
                db, decoder: applicationDecoder, sql: Self.versions + " WHERE v.id = ? ORDER BY v.version", arguments: [id])
        }
    }

    // MARK: - Judges, conflicts, assignments

    /// Registers a judge. The same judge again is `.unchanged`; the same id with different data is refused.
    @discardableResult
    package func registerJudge(_ judge: Judge, actor: String, at: Date) throws -> AppendResult {
        try batch { try $0.registerJudge(judge, actor: actor, at: at) }
    }

    /// Records a judge's declared conflict of interest with an application (which need not be ingested yet).
    /// The judge must be registered; the same declaration again is `.unchanged`, a different reason is refused.
    @discardableResult
    package func declareConflict(_ conflict: Conflict, actor: String, at: Date) throws -> AppendResult {
        try batch { try $0.declareConflict(conflict, actor: actor, at: at) }
    }

    /// Assigns a judge to an application. Both must exist and the judge must not have declared a conflict with it;
    /// the same assignment again is `.unchanged`.
    @discardableResult
    package func assign(_ assignment: Assignment, actor: String, at: Date) throws -> AppendResult {
        try batch { try $0.assign(assignment, actor: actor, at: at) }
    }

    /// Every registered judge, ordered by id.
    package func judges() throws -> [Judge] {
        try all("SELECT * FROM judges ORDER BY id")
    }

    /// Every declared conflict, ordered by judge then application.
    package func conflicts() throws -> [Conflict] {
        try conflicts { _ in true }
    }

    /// The declared conflicts `keep` accepts, ordered by judge then application, read one at a time: a sub-type's
    /// conflicts are found without holding the round's.
    package func conflicts(where keep: @escaping @Sendable (Conflict) -> Bool) throws -> [Conflict] {
        try read { db in
            var kept: [Conflict] = []
            try RawRows.forEach(db, sql: "SELECT judge, application, reason FROM conflicts ORDER BY judge, application") { statement in
                guard let judge = RawRows.text(statement, 0), let application = RawRows.text(statement, 1), let reason = RawRows.text(statement, 2)
                else { throw PSEAError.databaseFailed("a row of conflicts cannot be read") }
                let conflict = Conflict(judge: judge, application: application, reason: reason)
                if keep(conflict) { kept.append(conflict) }
            }
            return kept
        }
    }

    /// Every assignment, ordered by judge then application; with `scope`, only those of the current entries of that
    /// award year and sub-type (a sub-type ranked on its own reads no other).
    package func assignments(of scope: (year: Int, type: String)? = nil) throws -> [Assignment] {
        guard let scope else { return try all("SELECT * FROM assignments ORDER BY judge, application") }
        // Every pair read in order and filtered here: SQLite's test of each against the sub-type's entries (`IN`)
        // costs more than the read.
        return try read { db in
            let applications = Set(try Self.applications(year: scope.year, type: scope.type, db))
            var assignments: [Assignment] = []
            try RawRows.forEach(db, sql: "SELECT judge, application FROM assignments ORDER BY judge, application") { row in
                guard let judge = RawRows.text(row, 0), let application = RawRows.text(row, 1) else {
                    throw PSEAError.databaseFailed("a row of assignments cannot be read")
                }
                if applications.contains(application) { assignments.append(Assignment(judge: judge, application: application)) }
            }
            return assignments
        }
    }

    // MARK: - Scores and consensus

    /// Records a score. A second score for the same judge, application and criterion is a revision: it becomes
    /// the current value and every earlier value stays readable through `scoreRevisions`. The judge must be
    /// registered, the entry ingested, no conflict declared between them, and percent within 0–100.
    @discardableResult
    package func recordScore(_ score: Score, actor: String, at: Date) throws -> Int {
        try batch { try $0.recordScore(score, actor: actor, at: at) }
    }

    /// The current score for every judge, application and criterion, filtered when arguments are given, ordered by
    /// application, criterion and judge. Without `texts`, each score's comment, strength, opportunity and evidence
    /// are left out (nil). Read with SQLite's own API (`Score(raw:)`), counted first so that the array is made to
    /// size: grown by doubling, a round's millions of scores would take up to twice their room.
    package func scores(judge: String? = nil, application: String? = nil, texts: Bool = true) throws -> [Score] {
        let condition = "(?1 IS NULL OR judge = ?1) AND (?2 IS NULL OR application = ?2)"
        return try read { db in
            let count = try RawRows.first(db.makeStatement(sql: "SELECT COUNT(*) FROM scores WHERE \(condition)"), judge, application) { row in
                Int(sqlite3_column_int64(row, 0))
            }
            var scores: [Score] = []
            scores.reserveCapacity(count ?? 0)
            try RawRows.forEach(
                db.makeStatement(
                    sql: "SELECT \(Score.rawColumns(texts: texts)) FROM scores WHERE \(condition) ORDER BY application, criterion, judge"),
                judge, application, row: { row in scores.append(Score(raw: row)) })
            return scores
        }
    }

    /// The current scores of the current entries of one award year and sub-type, ordered by application, criterion
    /// and judge as `scores` orders them: a round's scores read one sub-type at a time. Without `texts`, as `scores`.
    ///
    /// The table is read whole, twice, and filtered here: SQLite's test of each row against the sub-type's entries
    /// (`IN`) and its sort of what passes cost several times the reads. The first read counts each entry's scores,
    /// the second files each score at its entry's place in an array made to size, which is then put in order
    /// in place (each entry's few scores sorted by criterion and judge, as SQLite compares text: by its bytes).
    package func scores(year: Int, type: String, texts: Bool) throws -> [Score] {
        try read { db in
            let applications = try Self.applications(year: year, type: type, db)
            let place = Dictionary(applications.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            var counts = [Int](repeating: 0, count: applications.count)
            try RawRows.forEach(db, sql: "SELECT application FROM scores") { row in
                if let entry = place[RawRows.text(row, 0) ?? ""] { counts[entry] += 1 }
            }
            var starts: [Int] = []
            starts.reserveCapacity(counts.count)
            var total = 0
            for count in counts {
                starts.append(total)
                total += count
            }
            let ends = zip(starts, counts).map { $0 + $1 }
            var next = starts
            var scores: [Score] = []
            scores.reserveCapacity(total)
            // Where each score read goes, in the order read.
            var destination: [Int] = []
            destination.reserveCapacity(total)
            try RawRows.forEach(db, sql: "SELECT \(Score.rawColumns(texts: texts)) FROM scores") { row in
                guard let entry = place[RawRows.text(row, 1) ?? ""] else { return }
                guard next[entry] < ends[entry] else { throw PSEAError.databaseFailed("the scores changed while they were read") }
                scores.append(Score(raw: row))
                destination.append(next[entry])
                next[entry] += 1
            }
            guard scores.count == total else { throw PSEAError.databaseFailed("the scores changed while they were read") }
            // Each score moved to its place: every swap puts one where it belongs.
            for index in scores.indices {
                while destination[index] != index {
                    let target = destination[index]
                    scores.swapAt(index, target)
                    destination.swapAt(index, target)
                }
            }
            for (start, end) in zip(starts, ends) where end - start > 1 {
                scores[start..<end].sort { left, right in
                    left.criterion == right.criterion
                        ? left.judge.utf8.lexicographicallyPrecedes(right.judge.utf8)
                        : left.criterion.utf8.lexicographicallyPrecedes(right.criterion.utf8)
                }
            }
            return scores
        }
    }

    /// The current entries of one award year and sub-type, ordered as SQLite orders their ids.
    static func applications(year: Int, type: String, _ db: Database) throws -> [String] {
        var applications: [String] = []
        try RawRows.forEach(
            db.makeStatement(sql: "SELECT application FROM entry_facts WHERE year = ? AND type = ? ORDER BY application"), year, type
        ) { row in applications.append(RawRows.text(row, 0) ?? "") }
        return applications
    }

    /// Whether any score has been recorded: once judging has begun, assignment changes need an override.
    package func hasScores() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM scores)") ?? false }
    }

    /// Every value ever given (first value and revisions), filtered when arguments are given; ordered by
    /// application, criterion, judge and revision.
    package func scoreRevisions(judge: String? = nil, application: String? = nil, criterion: String? = nil) throws -> [ScoreRevision] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM score_revisions
                    WHERE (?1 IS NULL OR judge = ?1) AND (?2 IS NULL OR application = ?2) AND (?3 IS NULL OR criterion = ?3)
                    ORDER BY application, criterion, judge, revision
                    """,
                arguments: [judge, application, criterion]
            )
            return try rows.map { row in
                ScoreRevision(
                    score: try Score(row: row),
                    revision: try row.decode(Int.self, forColumn: "revision"),
                    seq: try row.decode(Int.self, forColumn: "seq"),
                    actor: try row.decode(String.self, forColumn: "actor"),
                    recordedAt: try row.decode(String.self, forColumn: "recordedAt")
                )
            }
        }
    }

    /// Records the panel's consensus for one criterion of an ingested application; a later record replaces it
    /// as current (earlier ones stay in the ledger).
    @discardableResult
    package func recordConsensus(_ consensus: Consensus, actor: String, at: Date) throws -> Int {
        try batch { try $0.recordConsensus(consensus, actor: actor, at: at) }
    }

    /// The current consensus for every application and criterion.
    package func consensus() throws -> [Consensus] {
        try all("SELECT * FROM consensus ORDER BY application, criterion")
    }

    // MARK: - Overrides

    /// Records that a guard was overridden with `--force --reason` (event `guard-overridden`).
    @discardableResult
    package func recordOverride(_ override: GuardOverride, actor: String, at: Date) throws -> Int {
        try batch { try $0.recordOverride(override, actor: actor, at: at) }
    }

    /// Every guard overridden, in ledger order.
    package func overrides() throws -> [GuardOverride] {
        try all("SELECT * FROM overrides ORDER BY seq")
    }

    // MARK: - Rubrics, site visits, lottery seeds

    /// Freezes a rubric: its file's SHA-256 for one year and type. The same freeze again is `.unchanged`;
    /// a different hash for a frozen year and type is refused.
    @discardableResult
    package func freezeRubric(_ freeze: RubricFreeze, actor: String, at: Date) throws -> AppendResult {
        try batch { try $0.freezeRubric(freeze, actor: actor, at: at) }
    }

    /// Every frozen rubric, ordered by year then type.
    package func frozenRubrics() throws -> [RubricFreeze] {
        try all("SELECT * FROM rubric_freezes ORDER BY year, type")
    }

    /// The frozen rubric hash for one year and type, if any.
    package func frozenRubric(year: Int, type: String) throws -> RubricFreeze? {
        try read { db in
            try RubricFreeze.fetchOne(db, sql: "SELECT * FROM rubric_freezes WHERE year = ? AND type = ?", arguments: [year, type])
        }
    }

    /// Records a site visit to an ingested application; a later record replaces it as current.
    @discardableResult
    package func recordSiteVisit(_ visit: SiteVisit, actor: String, at: Date) throws -> Int {
        try batch { try $0.recordSiteVisit(visit, actor: actor, at: at) }
    }

    /// Records the committee's approval of one sub-type's results; a later approval replaces it as current.
    @discardableResult
    package func recordApproval(_ approval: Approval, actor: String, at: Date) throws -> Int {
        try batch { try $0.recordApproval(approval, actor: actor, at: at) }
    }

    /// The current approval of every approved sub-type, by year then type.
    package func approvals() throws -> [Approval] {
        try all("SELECT * FROM approvals ORDER BY year, type")
    }

    /// The current site-visit outcome of every visited application.
    package func siteVisits() throws -> [SiteVisit] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM site_visits ORDER BY application").map { row in
                let team: String? = row["team"]
                return SiteVisit(
                    application: row["application"], confirmed: row["confirmed"], reason: row["reason"], mode: row["mode"],
                    date: row["date"], team: team.map { $0.components(separatedBy: "; ") }, notes: row["notes"], forced: row["forced"])
            }
        }
    }

    // MARK: - Stages: screening, late entries, shortlists

    /// Records the screening of one entry version (which must be the entry's current version); a later record
    /// replaces it as current.
    @discardableResult
    package func recordScreening(_ screening: Screening, actor: String, at: Date) throws -> Int {
        try batch { try $0.recordScreening(screening, actor: actor, at: at) }
    }

    /// The screening in force of every current entry (the latest record, when it screened the current version),
    /// ordered by application.
    package func screenings() throws -> [Screening] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM screenings s JOIN entries e ON e.id = s.application AND e.version = s.version
                    ORDER BY s.application
                    """
            ).map { row in
                let reasons: String = row["reasons"]
                return Screening(
                    application: row["application"], version: row["version"], eligible: row["eligible"],
                    reasons: reasons == "[]" ? [] : (try? Ledger.decode([ScreeningReason].self, from: reasons)) ?? [], override: row["override"],
                    note: row["note"])
            }
        }
    }

    /// The entries accepted after the window closed, by application then version.
    package func lateEntries() throws -> [LateEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM late_entries ORDER BY application, version").map { row in
                LateEntry(application: row["application"], version: row["version"], reason: row["reason"])
            }
        }
    }

    /// Records the shortlist of one sub-type; it replaces the sub-type's earlier shortlist.
    @discardableResult
    package func recordShortlist(_ shortlist: Shortlist, actor: String, at: Date) throws -> Int {
        try batch { try $0.recordShortlist(shortlist, actor: actor, at: at) }
    }

    /// The shortlist in force of every sub-type that has one, by year then type.
    package func shortlists() throws -> [Shortlist] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM shortlist ORDER BY year, type, application")
            var lists: [Shortlist] = []
            for row in rows {
                let (year, type): (Int, String) = (row["year"], row["type"])
                if let last = lists.last, last.year == year, last.type == type {
                    lists[lists.count - 1].applications.append(row["application"])
                } else {
                    lists.append(Shortlist(year: year, type: type, applications: [row["application"]], ledgerHead: row["ledgerHead"]))
                }
            }
            return lists
        }
    }

    /// Records the random seed for a scope before it is used. The same seed again is `.unchanged`;
    /// a different seed for a recorded scope is refused, so a draw cannot be redone until it pleases.
    @discardableResult
    package func recordLotterySeed(_ seed: LotterySeed, actor: String, at: Date) throws -> AppendResult {
        try batch { try $0.recordLotterySeed(seed, actor: actor, at: at) }
    }

    /// Every recorded lottery seed, ordered by scope.
    package func lotterySeeds() throws -> [LotterySeed] {
        try all("SELECT * FROM lottery_seeds ORDER BY scope")
    }

    // MARK: - Ledger

    /// The ledger events with seq greater than `after`, in order, exactly as stored (for exports).
    package func events(after seq: Int = 0) throws -> [LedgerEvent] {
        try read { db in try LedgerRows.fetchAll(db, after: seq) }
    }

    /// The hash of the last event, nil for an empty ledger; an export that quotes it pins the whole history.
    package func ledgerHead() throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT hash FROM events ORDER BY seq DESC LIMIT 1") }
    }

    /// Empties the projection tables and recreates them from the events alone, in one transaction; puts back
    /// the append-only and seal triggers when someone dropped them, and seals the rebuilt tables.
    package func rebuildProjections() throws {
        try write { db in
            try Projection.rebuild(db, decoder: applicationDecoder)
            try db.execute(sql: Ledger.appendOnlyTriggers.map { "DROP TRIGGER IF EXISTS \($0);" }.joined() + Ledger.appendOnlyTriggersSQL)
            // The tables now hold what the events give: they are sealed as they are.
            try Seal.install(db, sealNow: true)
        }
    }

    /// Checks the chain (seq contiguous from 1, every prevHash link, every hash recomputed) and then that
    /// projections rebuilt from the events equal the stored ones. Reports the first problem found.
    package func verify() throws -> LedgerVerification {
        try perform {
            guard !isSnapshot else { throw PSEAError.readOnlySnapshot(path) }
            return try pool.writeWithoutTransaction { db in try Verifier.verify(db, decoder: applicationDecoder) }
        }
    }

    /// Counts of entries, versions, judges, conflicts, assignments, current scores and events, and whether the
    /// ledger verifies.
    package func status() throws -> StoreStatus {
        let ok = try verify().ok
        return try read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            return StoreStatus(
                entries: try count("entries"), versions: try count("entry_versions"), judges: try count("judges"),
                conflicts: try count("conflicts"), assignments: try count("assignments"), scores: try count("scores"),
                events: try count("events"), ledgerOK: ok
            )
        }
    }

    // MARK: - Batches

    /// Runs `body` in one write transaction: every fact it records is stored, or none is when it throws
    /// (a whole CSV file, a chunk of ingested files). Errors are `PSEAError`, as for single calls.
    package func batch<T: Sendable>(_ body: @Sendable (StoreBatch) throws -> T) throws -> T {
        try write { db in try body(StoreBatch(db: db)) }
    }

    /// Runs `body` in one write transaction, committed only when `commit` accepts what it returned, else rolled
    /// back with nothing stored: for work that streams a file and learns only at its end whether to keep it.
    package func batch<T>(committingIf commit: (T) -> Bool, _ body: (StoreBatch) throws -> T) throws -> T {
        try perform {
            try requireWritable()
            var result: T?
            try pool.writeWithoutTransaction { db in
                // A file streamed into one transaction changes more pages than SQLite's default cache (2 MB) holds,
                // and each page pushed out is written to the WAL before the commit writes it again: a cache of
                // `streamingCache` pages, for this write only, keeps them.
                try db.execute(sql: "PRAGMA cache_size = \(Self.streamingCache)")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                try db.inTransaction {
                    let value = try Seal.writing(db) { try body(StoreBatch(db: db)) }
                    result = value
                    return commit(value) ? .commit : .rollback
                }
            }
            guard let result else { throw PSEAError.databaseFailed("a write transaction ended without a result") }
            return result
        }
    }

    /// The page cache of a streamed write (`batch(committingIf:_:)`), as `PRAGMA cache_size` takes it: 64 MB.
    static let streamingCache = -65_536

    // MARK: - Internals

    /// Inserts the next event, chained to the last one, and updates the projections; the caller's write
    /// transaction makes both atomic.
    static func append<P: LedgerPayload>(_ payload: P, actor: String, at date: Date, _ db: Database) throws -> Int {
        let event = try appendEvent(P.eventKind, text: try payload.canonicalText, actor: actor, at: date, db)
        try payload.project(event, db)
        return event.seq
    }

    /// Chains one event with an already canonical payload onto the ledger, without projecting it.
    static func appendEvent(_ kind: EventKind, text: String, actor: String, at date: Date, _ db: Database) throws -> LedgerEvent {
        // Read and written with SQLite's own API (`RawRows`): a scores file appends millions of events.
        let last = try RawRows.first(db.cachedStatement(sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) { row in
            (seq: Int(sqlite3_column_int64(row, 0)), hash: RawRows.text(row, 1))
        }
        if let last, last.hash == nil { throw PSEAError.corruptEvent(seq: last.seq, reason: "the last event has no hash") }
        let seq = (last?.seq ?? 0) + 1
        let prevHash = last?.hash ?? Ledger.genesisHash
        let recordedAt = Ledger.timestamp(date)
        let hash = Ledger.hash(seq: seq, kind: kind.rawValue, payload: text, actor: actor, recordedAt: recordedAt, prevHash: prevHash)
        let event = LedgerEvent(seq: seq, kind: kind.rawValue, payload: text, actor: actor, recordedAt: recordedAt, prevHash: prevHash, hash: hash)
        try RawRows.execute(
            db.cachedStatement(sql: "INSERT INTO events (seq, kind, payload, actor, recordedAt, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            event.seq, event.kind, event.payload, event.actor, event.recordedAt, event.prevHash, event.hash)
        return event
    }

    /// Rows are read a chunk at a time and their applications decoded on every core: decoding is most of the
    /// cost of reading a round, and a chunk bounds how much undecoded JSON is held at once.
    private static func storedEntries(
        _ db: Database, decoder: (@Sendable (String) -> Application?)?, sql: String, arguments: StatementArguments = []
    ) throws -> [StoredEntry] {
        var entries: [StoredEntry] = []
        try storedEntries(db, decoder: decoder, sql: sql, arguments: arguments) { entries += $0 }
        return entries
    }

    /// The rows of `sql`, decoded and handed to `each` a chunk at a time.
    private static func storedEntries(
        _ db: Database, decoder: (@Sendable (String) -> Application?)?, sql: String, arguments: StatementArguments = [],
        each: ([StoredEntry]) throws -> Void
    ) throws {
        let chunkSize = 512
        var pending: [RawEntry] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            pending.append(
                RawEntry(
                    id: try row.decode(String.self, forColumn: "id"),
                    payload: try row.decode(String.self, forColumn: "payload"),
                    version: try row.decode(Int.self, forColumn: "version"),
                    sha256: try row.decode(String.self, forColumn: "sha256"),
                    source: try row.decode(String.self, forColumn: "source"),
                    actor: try row.decode(String.self, forColumn: "actor"),
                    recordedAt: try row.decode(String.self, forColumn: "recordedAt"),
                    seq: try row.decode(Int.self, forColumn: "seq")
                ))
            if pending.count == chunkSize {
                try each(try decode(pending, decoder))
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { try each(try decode(pending, decoder)) }
    }

    /// One stored version as read from its row and its event's payload, before its application is decoded.
    private struct RawEntry: Sendable {
        var id: String
        var payload: String
        var version: Int
        var sha256: String
        var source: String
        var actor: String
        var recordedAt: String
        var seq: Int
    }

    private static func decode(_ raw: [RawEntry], _ decoder: (@Sendable (String) -> Application?)?) throws -> [StoredEntry] {
        let applications = raw.concurrentMap { entry in
            EntryIngestedFields(id: entry.id, version: entry.version, sha256: entry.sha256, source: entry.source)
                .applicationJSON(in: entry.payload)
                .flatMap { json in decoder?(json) ?? (try? Ledger.decode(Application.self, from: json)) }
        }
        return try zip(raw, applications).map { entry, application in
            guard let application else { throw PSEAError.databaseFailed("stored application \(entry.id) cannot be decoded") }
            return StoredEntry(
                application: application, version: entry.version, sha256: entry.sha256, source: entry.source,
                actor: entry.actor, recordedAt: entry.recordedAt, seq: entry.seq)
        }
    }

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try perform { try reader.read(body) }
    }

    /// Every row `sql` gives as a record: the one reader of the projections listed whole (judges, conflicts, …).
    private func all<Record: FetchableRecord & Sendable>(_ sql: String) throws -> [Record] {
        try read { db in try Record.fetchAll(db, sql: sql) }
    }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try perform {
            try requireWritable()
            // The seals follow psea's own writes only (`Seal`).
            return try pool.write { db in try Seal.writing(db) { try body(db) } }
        }
    }

    private func requireWritable() throws {
        if isSnapshot { throw PSEAError.readOnlySnapshot(path) }
        if isReadOnly { throw PSEAError.readOnlyDatabase(path) }
    }

    /// Turns database errors into `PSEAError`, leaving the store's own errors as they are.
    private func perform<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PSEAError {
            throw error
        } catch let error as DatabaseError {
            throw PSEAError.databaseFailed(error.message ?? error.description)
        } catch {
            throw PSEAError.databaseFailed(String(describing: error))
        }
    }
}

import Foundation
import GRDB
import Model
import Panel
import Rubric
import Scoring
import Synchronization

/// One current entry as the projection `entry_facts` holds it: what ranking, the exports and the panel commands
/// need of its application (computed once, when the version is stored) and, once its rubric is frozen, the rule
/// outcomes of its automatic and hybrid criteria under that rubric. Reading a round through these rows never
/// decodes a stored application.
package struct StoredFacts: Sendable, Equatable {
    /// The current version.
    package var version: Int
    /// Who submitted what, when, and the tie-break facts.
    package var facts: ApplicationFacts
    /// What the conflict rules compare.
    package var profile: EntryProfile
    /// SHA-256 of the frozen rubric the outcomes were computed under; nil until the entry's rubric is frozen.
    package var rubricSHA256: String?
    /// The rule outcomes under that rubric; nil until it is frozen.
    package var outcomes: [AutomaticOutcome]?

    /// The application id.
    package var id: String { facts.application }
}

/// What the panel commands read of a current entry (`forEachProfile`).
@MemberwiseInit
package struct StoredProfile: Sendable, Equatable {
    /// The application id.
    package var id: String
    package var year: Int
    package var type: String
    /// What the conflict rules compare.
    package var profile: EntryProfile
}

/// An entry's rule outcomes as `entry_facts` stores them: their values (`outcomes`) and their trails apart.
struct StoredOutcomes: Sendable, Equatable {
    var outcomes: String
    var trails: String
}

/// The `entry_facts` projection: one row per current entry, written when a version is stored and completed when
/// the rubric of its year and type is frozen (the frozen text, never the rubric folder's, so that rebuilding it
/// from the events gives the same row).
enum FactsProjection {
    /// The faster decoder of stored application JSON a store was opened with (Intake's `StoredApplicationDecoder`),
    /// tried before `JSONDecoder` when a rubric is frozen or the table is filled. Every psea store of a process is
    /// opened with the same one, and it gives what `JSONDecoder` gives (or gives up), so keeping the last is safe.
    static let fastDecoder = Mutex<(@Sendable (String) -> Application?)?>(nil)

    /// A stored application, decoded by the fast decoder when one is known, else by `JSONDecoder`.
    static func application(_ json: String, decoder: (@Sendable (String) -> Application?)?) -> Application? {
        decoder?(json) ?? (try? Ledger.decode(Application.self, from: json))
    }

    static let upsert = """
        INSERT OR REPLACE INTO entry_facts (application, version, year, type, facts, profile, rubric, outcomes, trails)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Rule outcomes as the table stores them (canonical JSON): in `outcomes` each criterion's raw percent with an
    /// empty trail, and in `trails` (the row's last column) the trails, one list per outcome in the same order.
    /// Ranking reads the first alone; SQLite reads the second, most of a row, only for a reader that prints trails.
    static func encoded(outcomes: [AutomaticOutcome]) throws -> StoredOutcomes {
        let brief = outcomes.map { outcome in
            var brief = outcome
            brief.trail = []
            return brief
        }
        return StoredOutcomes(outcomes: try Ledger.canonicalJSON(brief), trails: try Ledger.canonicalJSON(outcomes.map(\.trail)))
    }

    /// The rule outcomes of a row: its `outcomes`, with the trails of `trails` when given (nil: left empty).
    static func decoded(outcomes: String, trails: String?) throws -> [AutomaticOutcome] {
        var decoded = try Ledger.decode([AutomaticOutcome].self, from: outcomes)
        guard let trails else { return decoded }
        let lists = try Ledger.decode([[LocalizedText]].self, from: trails)
        guard lists.count == decoded.count else { throw PSEAError.databaseFailed("the stored outcomes and their trails do not match") }
        for index in decoded.indices { decoded[index].trail = lists[index] }
        return decoded
    }

    /// The facts and profile of an application as the table stores them (canonical JSON).
    static func encoded(_ application: Application) throws -> (facts: String, profile: String) {
        (try Ledger.canonicalJSON(ApplicationFacts(application)), try Ledger.canonicalJSON(EntryProfile(application)))
    }

    /// The row of a newly stored current version; `application` is asked for only when its rubric is frozen.
    /// A rebuild passes the outcomes it computed under the rubric this year and type are frozen with
    /// (`Replay`): before the freeze they wait in the row for its hash, which the freeze adds.
    static func ingested(
        id: String, version: Int, year: Int, type: String, encoded: (facts: String, profile: String),
        outcomes precomputed: (rubric: String, outcomes: StoredOutcomes)? = nil, application: () throws -> Application, _ db: Database
    ) throws {
        var rubric: String?
        var outcomes: StoredOutcomes?
        let frozenSHA256 = try String.fetchOne(
            db.cachedStatement(sql: "SELECT sha256 FROM rubric_freezes WHERE year = ? AND type = ?"), arguments: [year, type])
        if let precomputed, frozenSHA256 == nil || frozenSHA256 == precomputed.rubric {
            rubric = frozenSHA256
            outcomes = precomputed.outcomes
        } else if frozenSHA256 != nil, let (sha256, frozen) = try frozenRubric(year: year, type: type, db) {
            rubric = sha256
            outcomes = try Self.encoded(outcomes: Scorer.outcomes(try application(), rubric: frozen))
        }
        try db.executeCached(
            sql: upsert, arguments: [id, version, year, type, encoded.facts, encoded.profile, rubric, outcomes?.outcomes, outcomes?.trails])
    }

    /// Completes the rows of the freeze's year and type with their outcomes under the frozen text, a chunk of
    /// entries at a time, each chunk's applications decoded and scored on every core.
    static func frozen(_ freeze: RubricFreeze, _ db: Database) throws {
        guard let rubric = loadable(freeze) else { return }
        // Rows a rebuild has already scored under this rubric only wait for its hash.
        try db.execute(
            sql: "UPDATE entry_facts SET rubric = ? WHERE year = ? AND type = ? AND rubric IS NULL AND outcomes IS NOT NULL",
            arguments: [freeze.sha256, freeze.year, freeze.type])
        let ids = try String.fetchAll(
            db, sql: "SELECT application FROM entry_facts WHERE year = ? AND type = ? AND outcomes IS NULL ORDER BY application",
            arguments: [freeze.year, freeze.type])
        for start in stride(from: 0, to: ids.count, by: chunk) {
            let rows = try applications(Array(ids[start..<min(ids.count, start + chunk)]), db)
            let decoder = fastDecoder.withLock { $0 }
            let scored = rows.concurrentMap { row in
                let application = Self.application(row.json, decoder: decoder)
                return (row.id, application.flatMap { try? encoded(outcomes: Scorer.outcomes($0, rubric: rubric)) })
            }
            for (id, outcomes) in scored {
                guard let outcomes else { throw PSEAError.databaseFailed("stored application \(id) cannot be decoded") }
                try db.executeCached(
                    sql: "UPDATE entry_facts SET rubric = ?, outcomes = ?, trails = ? WHERE application = ?",
                    arguments: [freeze.sha256, outcomes.outcomes, outcomes.trails, id])
            }
        }
    }

    /// Fills the table of a database written before it existed: every current entry's row, then each frozen
    /// rubric's outcomes.
    static func fill(_ db: Database) throws {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM entries ORDER BY id")
        for start in stride(from: 0, to: ids.count, by: chunk) {
            let rows = try applications(Array(ids[start..<min(ids.count, start + chunk)]), db)
            let decoder = fastDecoder.withLock { $0 }
            let values = rows.concurrentMap { row -> (Application, (facts: String, profile: String))? in
                guard let application = Self.application(row.json, decoder: decoder), let encoded = try? encoded(application)
                else { return nil }
                return (application, encoded)
            }
            for (row, value) in zip(rows, values) {
                guard let (application, encoded) = value else {
                    throw PSEAError.databaseFailed("stored application \(row.id) cannot be decoded")
                }
                try db.executeCached(
                    sql: upsert,
                    arguments: [row.id, row.version, application.awardYear, application.type, encoded.facts, encoded.profile, nil, nil, nil])
            }
        }
        for freeze in try RubricFreeze.fetchAll(db, sql: "SELECT * FROM rubric_freezes ORDER BY year, type") {
            try frozen(freeze, db)
        }
    }

    /// Entries handled at once when a rubric is frozen or the table filled.
    static let chunk = 512

    /// Moves the trails of rows that hold them inside `outcomes` (as psea wrote them before the `trails` column) to
    /// that column, a chunk at a time, each chunk decoded on every core. A row whose outcomes do not decode is left
    /// as it is: the replay of `verify` names it.
    static func moveTrailsApart(_ db: Database) throws {
        var last = ""
        while true {
            var rows: [(id: String, outcomes: String)] = []
            try RawRows.forEach(
                db.makeStatement(
                    sql: """
                        SELECT application, outcomes FROM entry_facts
                        WHERE application > ? AND outcomes IS NOT NULL AND trails IS NULL ORDER BY application LIMIT ?
                        """), last, chunk
            ) { row in rows.append((RawRows.text(row, 0) ?? "", RawRows.text(row, 1) ?? "")) }
            guard let end = rows.last else { return }
            let split = rows.concurrentMap { row in
                (try? Ledger.decode([AutomaticOutcome].self, from: row.outcomes)).flatMap { try? encoded(outcomes: $0) }
            }
            for (row, outcomes) in zip(rows, split) {
                guard let outcomes else { continue }
                try db.executeCached(
                    sql: "UPDATE entry_facts SET outcomes = ?, trails = ? WHERE application = ?",
                    arguments: [outcomes.outcomes, outcomes.trails, row.id])
            }
            last = end.id
        }
    }

    /// The current application JSON of each id, in the order given (`EntryIngestedFields.applicationJSON`).
    private static func applications(_ ids: [String], _ db: Database) throws -> [(id: String, version: Int, json: String)] {
        try ids.compactMap { id in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT v.version, v.sha256, v.source, ev.payload FROM entry_versions v
                            JOIN entries e ON e.id = v.id AND e.version = v.version JOIN events ev ON ev.seq = v.seq WHERE v.id = ?
                            """),
                    arguments: [id])
            else { return nil }
            let version = try row.decode(Int.self, forColumn: "version")
            let fields = EntryIngestedFields(
                id: id, version: version, sha256: try row.decode(String.self, forColumn: "sha256"),
                source: try row.decode(String.self, forColumn: "source"))
            guard let json = fields.applicationJSON(in: try row.decode(String.self, forColumn: "payload")) else {
                throw PSEAError.databaseFailed("stored application \(id) cannot be decoded")
            }
            return (id, version, json)
        }
    }

    /// The rubric frozen for a year and type with its hash, when its text was frozen, matches its hash and reads
    /// as a rubric; otherwise the entry's outcomes are left out and readers score its application as before.
    private static func frozenRubric(year: Int, type: String, _ db: Database) throws -> (String, Rubric)? {
        guard
            let freeze = try RubricFreeze.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM rubric_freezes WHERE year = ? AND type = ?"), arguments: [year, type]),
            let rubric = loadable(freeze)
        else { return nil }
        return (freeze.sha256, rubric)
    }

    /// The frozen rubric, when its text was frozen, matches its hash and reads as a rubric.
    static func loadable(_ freeze: RubricFreeze) -> Rubric? {
        guard let text = freeze.text, Ledger.sha256Hex(Data(text.utf8)) == freeze.sha256 else { return nil }
        return try? RubricLoader.load(yaml: text, file: "<ledger>/\(freeze.year)/\(freeze.type).yaml")
    }
}

extension CompetitionStore {
    /// The facts of every current entry, ordered by id, handed to `body` a page at a time: a round is read without
    /// decoding any stored application. Read through a `snapshot()` so that every page sees the same moment. Each
    /// page's rows are decoded on every core; without `trails`, the outcomes' trails are skipped (left empty): only
    /// feedback reports print them, and they are most of each row. With `scope`, only the entries of that year and
    /// sub-type.
    package func forEachFacts(trails: Bool = true, of scope: (year: Int, type: String)? = nil, _ body: ([StoredFacts]) throws -> Void) throws {
        try forEachFactsPage(
            columns: trails ? StoredFactsRow.columnsWithTrails : StoredFactsRow.columns, of: scope, row: { StoredFactsRow($0, trails: trails) },
            values: { rows in try rows.concurrentMap { row in Result { try row.decoded(trails: trails) } }.map { try $0.get() } }, id: \.id,
            body)
    }

    /// What the panel commands need of every current entry (its id, year, type and conflict profile), ordered by id,
    /// a page at a time: neither its facts nor its outcomes are decoded. Read through a `snapshot()`.
    /// Each page's profiles are decoded on every core. With `scope`, only the entries of that year and sub-type.
    package func forEachProfile(of scope: (year: Int, type: String)? = nil, _ body: ([StoredProfile]) throws -> Void) throws {
        try forEachFactsPage(
            columns: StoredProfileRow.columns, of: scope, row: StoredProfileRow.init,
            values: { rows in try rows.concurrentMap { row in Result { try row.decoded() } }.map { try $0.get() } }, id: \.id, body)
    }

    /// The rows of `entry_facts` by application, a page at a time: `columns` of each row read by `row` (from the
    /// statement, with SQLite's own API: no row object per row), each page made into values by `values` and handed
    /// to `body`. With `scope`, only the rows of that year and sub-type, still walked by application (`+` keeps
    /// SQLite from walking the sub-type index, whose rows are not in that order).
    private func forEachFactsPage<Read: Sendable, Value>(
        columns: String, of scope: (year: Int, type: String)? = nil, row read: @escaping @Sendable (OpaquePointer) -> Read,
        values: ([Read]) throws -> [Value], id: (Value) -> String, _ body: ([Value]) throws -> Void
    ) throws {
        var last = ""
        let filter = scope == nil ? "" : " AND +year = ? AND +type = ?"
        let sql = "SELECT \(columns) FROM entry_facts WHERE application > ?\(filter) ORDER BY application LIMIT ?"
        while true {
            let after = last
            let rows = try self.read { db in
                var rows: [Read] = []
                let statement = try db.cachedStatement(sql: sql)
                if let scope {
                    try RawRows.forEach(statement, after, scope.year, scope.type, FactsProjection.chunk) { rows.append(read($0)) }
                } else {
                    try RawRows.forEach(statement, after, FactsProjection.chunk) { rows.append(read($0)) }
                }
                return rows
            }
            let page = try values(rows)
            guard let end = page.last else { return }
            try body(page)
            last = id(end)
            if page.count < FactsProjection.chunk { return }
        }
    }

    /// The facts of one current entry, nil when the id is unknown.
    package func facts(of id: String) throws -> StoredFacts? {
        try read { db in
            try RawRows.first(
                db.cachedStatement(sql: "SELECT \(StoredFactsRow.columnsWithTrails) FROM entry_facts WHERE application = ?"), id,
                read: { StoredFactsRow($0, trails: true) })
        }?.decoded(trails: true)
    }
}

/// The profile columns of one row of `entry_facts` as read, before the profile is decoded (on any thread).
private struct StoredProfileRow: Sendable {
    /// The columns read, in the order `init` reads them.
    static let columns = "application, year, type, profile"

    var id: String
    var columns: (year: Int, type: String, profile: String)?

    init(_ statement: OpaquePointer) {
        id = RawRows.text(statement, 0) ?? ""
        guard let year = RawRows.integer(statement, 1), let type = RawRows.text(statement, 2), let profile = RawRows.text(statement, 3) else {
            return
        }
        columns = (year, type, profile)
    }

    func decoded() throws -> StoredProfile {
        guard let row = columns, let profile = try? Ledger.decode(EntryProfile.self, from: row.profile) else {
            throw PSEAError.databaseFailed("the stored facts of \(id) cannot be read")
        }
        return StoredProfile(id: id, year: row.year, type: row.type, profile: profile)
    }
}

/// One row of `entry_facts` as read, before its JSON columns are decoded (on any thread).
private struct StoredFactsRow: Sendable {
    /// The columns read, in the order `init` reads them; `trails` last, read only for a reader that prints them.
    static let columns = "application, version, facts, profile, rubric, outcomes"
    static let columnsWithTrails = columns + ", trails"

    var id: String
    var columns: (version: Int, facts: String, profile: String, rubric: String?, outcomes: String?, trails: String?)?

    /// The row `statement` stands on, selected with `columns`, or `columnsWithTrails` when `trails`.
    init(_ statement: OpaquePointer, trails: Bool) {
        id = RawRows.text(statement, 0) ?? ""
        guard let version = RawRows.integer(statement, 1), let facts = RawRows.text(statement, 2), let profile = RawRows.text(statement, 3)
        else { return }
        columns = (version, facts, profile, RawRows.text(statement, 4), RawRows.text(statement, 5), trails ? RawRows.text(statement, 6) : nil)
    }

    /// The stored facts; the outcomes' trails empty unless the row was read with them, which must then be there.
    func decoded(trails: Bool) throws -> StoredFacts {
        do {
            guard let row = columns, !trails || (row.outcomes == nil) == (row.trails == nil) else {
                throw PSEAError.databaseFailed("the stored facts of \(id) cannot be read")
            }
            return StoredFacts(
                version: row.version,
                facts: try Ledger.decode(ApplicationFacts.self, from: row.facts),
                profile: try Ledger.decode(EntryProfile.self, from: row.profile),
                rubricSHA256: row.rubric,
                outcomes: try row.outcomes.map { try FactsProjection.decoded(outcomes: $0, trails: trails ? row.trails : nil) })
        } catch let error as PSEAError {
            throw error
        } catch {
            throw PSEAError.databaseFailed("the stored facts of \(id) cannot be read")
        }
    }
}

import Crypto
import Foundation
import GRDB
import GRDBSQLite
import Model
import Panel

/// A ledger payload that knows its event kind and how it changes the projection tables. Append projects the value
/// it has just written; rebuild decodes each event's payload and projects it the same way, so the two can only
/// differ when the database was changed outside the store.
protocol LedgerPayload: Codable {
    static var eventKind: EventKind { get }
    /// Updates the projections for this payload, whose event is already inserted into `events`.
    func project(_ event: LedgerEvent, _ db: Database) throws
    /// The event's payload: `Ledger.canonicalJSON` of the value, which a payload recorded by the million writes
    /// directly (`CanonicalObject`), byte for byte the same.
    var canonicalText: String { get throws }
}

extension LedgerPayload {
    var canonicalText: String {
        get throws { try Ledger.canonicalJSON(self) }
    }
}

/// A ledger payload projected as one row written by one statement (an `INSERT`, or `INSERT OR REPLACE` when the
/// latest record counts).
protocol RowPayload: LedgerPayload {
    /// The statement that writes the row.
    static var projectionSQL: String { get }
    /// The statement's arguments, in the order of its placeholders.
    var projectionArguments: StatementArguments { get }
}

extension RowPayload {
    func project(_ event: LedgerEvent, _ db: Database) throws {
        try db.executeCached(sql: Self.projectionSQL, arguments: projectionArguments)
    }
}

/// Applies ledger events to the projection tables.
enum Projection {
    /// Updates the projections for one stored event, decoding its payload.
    static func apply(_ event: LedgerEvent, _ db: Database) throws {
        guard let kind = EventKind(rawValue: event.kind) else {
            throw PSEAError.corruptEvent(seq: event.seq, reason: "unknown kind '\(event.kind)'")
        }
        switch kind {
        case .entryIngested: try payload(EntryIngested.self, event).project(event, db)
        case .judgeRegistered: try payload(Judge.self, event).project(event, db)
        case .conflictDeclared: try payload(Conflict.self, event).project(event, db)
        case .assignmentMade: try payload(Assignment.self, event).project(event, db)
        case .scoreGiven: try payload(Score.self, event).project(event, db)
        case .consensusRecorded: try payload(Consensus.self, event).project(event, db)
        case .rubricFrozen: try payload(RubricFreeze.self, event).project(event, db)
        case .siteVisitRecorded: try payload(SiteVisit.self, event).project(event, db)
        case .lotterySeedRecorded: try payload(LotterySeed.self, event).project(event, db)
        case .resultsApproved: try payload(Approval.self, event).project(event, db)
        case .guardOverridden: try payload(GuardOverride.self, event).project(event, db)
        case .entryScreened: try payload(Screening.self, event).project(event, db)
        case .lateEntryAccepted: try payload(LateEntry.self, event).project(event, db)
        case .shortlistProposed: try payload(Shortlist.self, event).project(event, db)
        case .inviteIssued: try payload(Invite.self, event).project(event, db)
        case .inviteRevoked: try payload(InviteRevocation.self, event).project(event, db)
        case .signedIn: try payload(SignIn.self, event).project(event, db)
        }
    }

    /// Empties every projection table and replays all events in seq order, a page of events at a time (a round's
    /// millions of events are never held at once). Each page's `entry-ingested` payloads are decoded, encoded and
    /// scored on every core first (`Replay`, with the store's fast application decoder when it has one); the events are
    /// then projected one by one, in order.
    static func rebuild(_ db: Database, decoder: (@Sendable (String) -> Application?)?) throws {
        for (table, _) in Schema.projections {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        let replay = try Replay(db, decoder: decoder)
        try LedgerRows.forEachPage(db) { rows in
            let prepared = rows.map { try? LedgerRows.event(from: $0) }.concurrentMap { replay.prepare($0) }
            for (row, ingest) in zip(rows, prepared) {
                let event = try LedgerRows.event(from: row)
                do {
                    if let ingest { try ingest.project(event, db) } else { try apply(event, db) }
                } catch let error as DatabaseError {
                    throw PSEAError.corruptEvent(seq: event.seq, reason: error.message ?? error.description, problem: "replay")
                }
            }
            return true
        }
    }

    /// One projection table as text rows in its fixed order, for naming the first row that differs.
    static func rows(_ table: String, _ db: Database) throws -> [String] {
        guard let order = order(of: table) else { return [] }
        return try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)").map(\.description)
    }

    /// A digest of every projection table (SHA-256 of its rows' values in their fixed order): two states of a table
    /// have the same digest exactly when they hold the same values, and no table is held to compute it.
    static func digests(_ db: Database) throws -> [String: String] {
        var digests: [String: String] = [:]
        for (table, order) in Schema.projections {
            var hasher = SHA256()
            var bytes: [UInt8] = []
            try RawRows.forEach(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") { statement in
                bytes.removeAll(keepingCapacity: true)
                for column in 0..<sqlite3_column_count(statement) { RawRows.append(statement, column, to: &bytes) }
                hasher.update(data: bytes)
            }
            digests[table] = Ledger.hex(hasher.finalize())
        }
        return digests
    }

    /// The fixed order of a projection table's rows.
    private static func order(of table: String) -> String? {
        Schema.projections.first(where: { $0.table == table })?.order
    }

    /// A value's bytes for a digest: its kind, then the length of what follows for text and blobs, so that no two
    /// different rows or values read alike.
    static func append(_ value: DatabaseValue, to bytes: inout [UInt8]) {
        func append(_ number: UInt64) { withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) } }
        switch value.storage {
        case .null:
            bytes.append(0)
        case .int64(let integer):
            bytes.append(1)
            append(UInt64(bitPattern: integer))
        case .double(let double):
            bytes.append(2)
            append(double.bitPattern)
        case .string(let text):
            bytes.append(3)
            append(UInt64(text.utf8.count))
            bytes.append(contentsOf: text.utf8)
        case .blob(let data):
            bytes.append(4)
            append(UInt64(data.count))
            bytes.append(contentsOf: data)
        }
    }

    /// The projection of an `entry-ingested` event; ingest calls it directly with the values it just wrote, so the
    /// payload is not decoded again. The application's JSON is not copied: the version's row points at the event
    /// (`seq`), whose payload holds it (`EntryIngestedFields.applicationJSON`), and its `application` column is empty.
    static func ingested(
        id: String, version: Int, sha256: String, source: String, year: Int, type: String,
        facts: (facts: String, profile: String), outcomes: (rubric: String, outcomes: StoredOutcomes)? = nil,
        application: () throws -> Application, event: LedgerEvent, _ db: Database
    ) throws {
        try db.executeCached(
            sql: """
                INSERT INTO entry_versions (id, version, sha256, source, application, actor, recordedAt, seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, version, sha256, source, "", event.actor, event.recordedAt, event.seq]
        )
        try db.executeCached(
            sql: "INSERT OR REPLACE INTO entries (id, version, sha256) VALUES (?, ?, ?)",
            arguments: [id, version, sha256]
        )
        try FactsProjection.ingested(
            id: id, version: version, year: year, type: type, encoded: facts, outcomes: outcomes, application: application, db)
    }

    private static func payload<T: Decodable>(_ type: T.Type, _ event: LedgerEvent) throws -> T {
        do {
            return try Ledger.decode(type, from: event.payload)
        } catch {
            throw PSEAError.corruptEvent(seq: event.seq, reason: "payload is not a valid \(event.kind) record")
        }
    }
}

/// Reading ledger rows without trusting them: a NULL or mistyped column becomes an error, never a crash.
enum LedgerRows {
    static func fetchAll(_ db: Database, after seq: Int = 0) throws -> [LedgerEvent] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM events WHERE seq > ? ORDER BY seq", arguments: [seq])
        return try rows.map(event(from:))
    }

    /// Events read in pages of this many: a page bounds what is held, and writes made while `forEachPage`'s
    /// caller handles one never touch a statement still being read. An `entry-ingested` event carries its
    /// application (tens of KB), and a rebuild holds a page's rows, events and decoded applications at once: a
    /// few hundred keep that to tens of MB.
    static let page = 500

    /// Hands every row of `events` to `each` in seq order, a page at a time, until `each` returns false.
    static func forEachRow(_ db: Database, _ each: (Row) throws -> Bool) throws {
        try forEachPage(db) { rows in
            for row in rows {
                guard try each(row) else { return false }
            }
            return true
        }
    }

    /// Hands the rows of `events` to `each` in seq order, one page at a time, until `each` returns false. `seq` is
    /// the table's integer key, so the pages follow one another without gaps or repeats.
    static func forEachPage(_ db: Database, _ each: ([Row]) throws -> Bool) throws {
        var last = Int.min
        while true {
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [last, page])
            guard try each(rows), rows.count == page, let seq = try? rows[rows.count - 1].decode(Int.self, forColumn: "seq"), seq > last
            else { return }
            last = seq
        }
    }

    static func event(from row: Row) throws -> LedgerEvent {
        try event(from: row, Columns(row))
    }

    /// Where each column of `events` is in the rows of one query (nil when missing), found once for a page of rows:
    /// looking a column up by name for every row of a long ledger costs more than reading it.
    struct Columns {
        let seq, kind, payload, actor, recordedAt, prevHash, hash: Int?

        init(_ row: Row?) {
            let names = row.map { Array($0.columnNames) } ?? []
            func index(_ name: String) -> Int? { names.firstIndex(of: name) }
            (seq, kind, payload, actor, recordedAt) = (index("seq"), index("kind"), index("payload"), index("actor"), index("recordedAt"))
            (prevHash, hash) = (index("prevHash"), index("hash"))
        }
    }

    /// The event in `row`, whose columns are where `columns` says (rows of the same query).
    static func event(from row: Row, _ columns: Columns) throws -> LedgerEvent {
        let seq: Int =
            columns.seq.flatMap { index in
                guard index < row.count, case .int64(let value) = (row[index] as DatabaseValue).storage else { return nil }
                return Int(exactly: value)
            } ?? 0
        guard let kind = text(row, columns.kind), let payload = text(row, columns.payload), let actor = text(row, columns.actor),
            let recordedAt = text(row, columns.recordedAt), let prevHash = text(row, columns.prevHash), let hash = text(row, columns.hash)
        else { throw PSEAError.corruptEvent(seq: seq, reason: "a column is missing or not text") }
        return LedgerEvent(seq: seq, kind: kind, payload: payload, actor: actor, recordedAt: recordedAt, prevHash: prevHash, hash: hash)
    }

    private static func text(_ row: Row, _ index: Int?) -> String? {
        guard let index, index < row.count, case .string(let text) = (row[index] as DatabaseValue).storage else { return nil }
        return text
    }
}

extension Database {
    /// Executes a statement prepared once per connection: appends and projections write the same few statements
    /// for every event, and preparing them again each time is most of the cost of a large import.
    func executeCached(sql: String, arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension EntryIngested: LedgerPayload {
    static let eventKind = EventKind.entryIngested

    func project(_ event: LedgerEvent, _ db: Database) throws {
        try Projection.ingested(
            id: id, version: version, sha256: sha256, source: source, year: application.awardYear, type: application.type,
            facts: try FactsProjection.encoded(application),
            application: { application }, event: event, db)
    }
}

extension Consensus: RowPayload {
    static let eventKind = EventKind.consensusRecorded
    static let projectionSQL = "INSERT OR REPLACE INTO consensus (application, criterion, percent, reason) VALUES (?, ?, ?, ?)"
    var projectionArguments: StatementArguments { [application, criterion, percent, reason] }
}

extension RubricFreeze: LedgerPayload {
    static let eventKind = EventKind.rubricFrozen

    func project(_ event: LedgerEvent, _ db: Database) throws {
        try db.executeCached(
            sql: "INSERT INTO rubric_freezes (year, type, sha256, text) VALUES (?, ?, ?, ?)", arguments: [year, type, sha256, text])
        try FactsProjection.frozen(self, db)
    }
}

extension SiteVisit: RowPayload {
    static let eventKind = EventKind.siteVisitRecorded
    static let projectionSQL = """
        INSERT OR REPLACE INTO site_visits (application, confirmed, reason, mode, date, team, notes, forced)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    var projectionArguments: StatementArguments {
        [application, confirmed, reason, mode, date, team.map { $0.joined(separator: "; ") }, notes, forced]
    }
}

extension Screening: RowPayload {
    static let eventKind = EventKind.entryScreened
    static let projectionSQL = """
        INSERT OR REPLACE INTO screenings (application, version, eligible, reasons, override, note) VALUES (?, ?, ?, ?, ?, ?)
        """
    var projectionArguments: StatementArguments {
        [application, version, eligible, (try? Ledger.canonicalJSON(reasons)) ?? "[]", override, note]
    }
}

extension LateEntry: RowPayload {
    static let eventKind = EventKind.lateEntryAccepted
    static let projectionSQL = "INSERT OR REPLACE INTO late_entries (application, version, reason) VALUES (?, ?, ?)"
    var projectionArguments: StatementArguments { [application, version, reason] }
}

extension Shortlist: LedgerPayload {
    static let eventKind = EventKind.shortlistProposed

    func project(_ event: LedgerEvent, _ db: Database) throws {
        try db.executeCached(sql: "DELETE FROM shortlist WHERE year = ? AND type = ?", arguments: [year, type])
        for application in applications {
            try db.executeCached(
                sql: "INSERT INTO shortlist (year, type, application, ledgerHead) VALUES (?, ?, ?, ?)",
                arguments: [year, type, application, ledgerHead])
        }
    }
}

extension LotterySeed: RowPayload {
    static let eventKind = EventKind.lotterySeedRecorded
    static let projectionSQL = "INSERT INTO lottery_seeds (scope, seed) VALUES (?, ?)"
    var projectionArguments: StatementArguments { [scope, String(seed)] }
}

extension Approval: RowPayload {
    static let eventKind = EventKind.resultsApproved
    static let projectionSQL = "INSERT OR REPLACE INTO approvals (year, type, meeting, date, ledgerHead) VALUES (?, ?, ?, ?, ?)"
    var projectionArguments: StatementArguments { [year, type, meeting, date, ledgerHead] }
}

extension GuardOverride: LedgerPayload, FetchableRecord {
    static let eventKind = EventKind.guardOverridden

    func project(_ event: LedgerEvent, _ db: Database) throws {
        try db.executeCached(
            sql: "INSERT INTO overrides (seq, code, command, subject, reason) VALUES (?, ?, ?, ?, ?)",
            arguments: [event.seq, code, command, subject, reason])
    }
}

import Crypto
import Foundation
import GRDB
import GRDBSQLite
import Model
import Synchronization

/// Projection seals: for each projection table, the sum (mod 2^2048) of a 2048-bit hash of each of its rows, kept
/// up to date by triggers as psea's store writes (and refusing any other writer), and the event count and head
/// the projections were last written for.
/// A publishing command that finds every table summing to its seal, the seals at the ledger's head and the chain
/// intact knows the projections are the ones psea's own appends wrote, without replaying the ledger; any other
/// state (a table written outside psea, a dropped or altered trigger, a deleted event, a database sealed by no
/// psea) falls back to the full replay of `verify`. In a keyed round the last checkpoint must also sign the seals
/// at the ledger's head (`signatureHolds`).
///
/// A row's hash is SHA-256 of the table's name and the row's values, spread to 2048 bits by SHA-256 in counter
/// mode: a sum this wide is not forged by combining many chosen rows, as a 256-bit one would be. The seals live in
/// the database: without a signing key, whoever can write the file and knows this scheme can rewrite a table and
/// its seal alike, just as they could rewrite and rehash the chain; with one, they would have to sign with a key of
/// their own, which every export then shows. `verify` still replays every event.
package enum Seal {
    /// 64-bit limbs of a sum: 2048 bits.
    static let limbs = 32
    /// A sum's bytes as stored (`seals.digest`): the limbs, least significant first, each little-endian.
    static let bytes = limbs * 8
    /// The text a row's hash starts with.
    private static let tag = Array("psea-seal-v1|".utf8)

    /// Projection tables that no ranking, export, report, shortlist or approval reads: the score revisions (every
    /// earlier value a judge gave, shown only on the judge's own page). The publishing commands' sealed check skips
    /// them, a round's largest table with the scores; `psea verify` checks every table.
    package static let history: Set<String> = ["score_revisions"]

    /// What one write of psea's store changes in the seals, gathered as its rows change and added to the seals
    /// once, before the write commits (`flush`): a seal costs no statement per row. Rows are hashed a batch at a time
    /// on another core while the write goes on (a scores file records millions), at most `inFlight` batches at once;
    /// the sums are added in whatever order the batches finish, which gives the same sums.
    final class Pending: Sendable {
        /// One changed row: its table, whether it came (1) or went (-1), and its bytes as `term` hashes them.
        struct Change: Sendable {
            var table: String
            var sign: Int64
            var bytes: [UInt8]
        }
        private struct State {
            var sums: [String: [UInt64]] = [:]
            var head: (events: Int, head: String)?
            /// Rows not yet handed to a hasher.
            var changes: [Change] = []
        }
        /// Rows hashed together on another core.
        static let batch = 512
        /// Batches being hashed at once: bounds the rows held while the write outruns the hashing.
        static let inFlight = 4

        private let state = Mutex(State())
        private let hashing = DispatchGroup()
        private let slots = DispatchSemaphore(value: Pending.inFlight)

        /// Adds (sign 1) or takes out (-1) the row whose bytes (`encode`'s) are `bytes`.
        func add(_ table: String, sign: Int64, bytes: [UInt8]) {
            let full = state.withLock { state -> [Change]? in
                state.changes.append(Change(table: table, sign: sign, bytes: bytes))
                guard state.changes.count >= Self.batch else { return nil }
                defer { state.changes = [] }
                return state.changes
            }
            guard let full else { return }
            slots.wait()
            DispatchQueue.global().async(group: hashing) { [self] in
                merge(Self.sums(of: full))
                slots.signal()
            }
        }

        func event(_ seq: Int, _ hash: String) { state.withLock { $0.head = (seq, hash) } }

        /// Forgets what was gathered: the seals were just computed again from the tables (`reset`).
        func discard() {
            hashing.wait()
            state.withLock { $0 = State() }
        }

        /// The change to each table's sum that `changes` make.
        static func sums(of changes: [Change]) -> [String: [UInt64]] {
            var sums: [String: [UInt64]] = [:]
            for change in changes {
                let term = spread(SHA256.hash(data: change.bytes))
                if change.sign >= 0 {
                    Seal.add(term, to: &sums[change.table, default: [UInt64](repeating: 0, count: Seal.limbs)])
                } else {
                    Seal.subtract(term, from: &sums[change.table, default: [UInt64](repeating: 0, count: Seal.limbs)])
                }
            }
            return sums
        }

        private func merge(_ sums: [String: [UInt64]]) {
            state.withLock { state in
                for (table, change) in sums {
                    Seal.add(change, to: &state.sums[table, default: [UInt64](repeating: 0, count: Seal.limbs)])
                }
            }
        }

        /// Waits for the batches being hashed, hashes the rest, adds the changes to the seals (a seal that is unset
        /// stays unset) and moves the seals' head.
        func flush(_ db: Database) throws {
            hashing.wait()
            let rest = state.withLock { state in
                defer { state.changes = [] }
                return state.changes
            }
            merge(Self.sums(of: rest))
            let (sums, head) = state.withLock { state in
                defer { state = State() }
                return (state.sums, state.head)
            }
            for (table, change) in sums.sorted(by: { $0.key < $1.key }) {
                guard let digest = try Data.fetchOne(db, sql: "SELECT digest FROM seals WHERE tbl = ?", arguments: [table]),
                    digest.count == Seal.bytes
                else { continue }
                var sum = Seal.limbs(of: digest)
                Seal.add(change, to: &sum)
                try db.execute(sql: "UPDATE seals SET digest = ? WHERE tbl = ?", arguments: [Seal.data(of: sum), table])
            }
            if let head {
                try db.execute(sql: "UPDATE seal_head SET events = ?, head = ? WHERE id = 1", arguments: [head.events, head.head])
            }
        }
    }

    /// The changes of the store's write in progress; nil outside one, where the seal triggers refuse to run.
    @TaskLocal static var pending: Pending?

    /// Runs one of the store's writes, `body`, gathering what it changes in the projections, and adds that to the
    /// seals before returning: inside the caller's transaction, so the seals commit or roll back with the rows.
    static func writing<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let changes = Pending()
        let value = try $pending.withValue(changes) { try body() }
        try changes.flush(db)
        return value
    }

    /// Runs `body`, whose projection writes are rolled back (verify's rebuild): the seal triggers run, nothing is kept.
    static func discarding<T>(_ body: () throws -> T) rethrows -> T {
        try $pending.withValue(Pending()) { try body() }
    }

    /// The name of the SQL function the seal triggers call: `psea_seal(sign, table, value...)`.
    static let functionName = "psea_seal"

    /// The name of the SQL function the events trigger calls: `psea_seal_event(seq, hash)`.
    static let eventFunctionName = "psea_seal_event"

    /// Why a projection table or the ledger cannot be written outside psea's store while the seal triggers are there.
    private static let refusal = "psea's projection tables and ledger are written by psea only (its seals would no longer hold)"

    /// Registers the seal triggers' two functions on `db`, with SQLite's own API: they run three times for each
    /// score a file records, and read their arguments where SQLite holds them.
    package static func register(_ db: Database) throws {
        for (name, count, body) in [(functionName, Int32(-1), rowFunction), (eventFunctionName, 2, eventFunction)] {
            let code = sqlite3_create_function_v2(db.sqliteConnection, name, count, SQLITE_UTF8, nil, body, nil, nil, nil)
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage) }
        }
    }

    /// A function's arguments as SQLite hands them.
    private typealias Arguments = UnsafeMutablePointer<OpaquePointer?>?

    /// `psea_seal(sign, table, value...)`: adds (sign 1) or takes out (-1) a row's term; outside a store write it
    /// fails the statement.
    private static let rowFunction: @convention(c) (OpaquePointer?, Int32, Arguments) -> Void = { context, count, arguments in
        guard let pending else { return fail(context, SQLITE_CONSTRAINT, refusal) }
        guard count >= 2, let arguments, let signValue = arguments[0], let tableValue = arguments[1],
            sqlite3_value_type(signValue) == SQLITE_INTEGER, sqlite3_value_type(tableValue) == SQLITE_TEXT,
            let tableText = sqlite3_value_text(tableValue)
        else { return fail(context, SQLITE_MISUSE, "\(functionName): (sign, table, value...)") }
        let table = String(cString: tableText)
        var bytes = tag
        bytes.append(contentsOf: table.utf8)
        bytes.append(0)
        for index in 2..<Int(count) { RawRows.append(arguments[index], to: &bytes) }
        pending.add(table, sign: sqlite3_value_int64(signValue), bytes: bytes)
    }

    /// `psea_seal_event(seq, hash)`: records the new head.
    private static let eventFunction: @convention(c) (OpaquePointer?, Int32, Arguments) -> Void = { context, count, arguments in
        guard let pending else { return fail(context, SQLITE_CONSTRAINT, refusal) }
        guard count == 2, let arguments, let seq = arguments[0], let hash = arguments[1],
            sqlite3_value_type(seq) == SQLITE_INTEGER, sqlite3_value_type(hash) == SQLITE_TEXT, let hashText = sqlite3_value_text(hash)
        else { return fail(context, SQLITE_MISUSE, "\(eventFunctionName): (seq, hash)") }
        pending.event(Int(sqlite3_value_int64(seq)), String(cString: hashText))
    }

    private static func fail(_ context: OpaquePointer?, _ code: Int32, _ message: String) {
        sqlite3_result_error(context, message, -1)
        sqlite3_result_error_code(context, code)
    }

    // MARK: - Sums

    /// The 2048-bit hash of one row of `table`.
    static func term<Values: Collection>(table: String, values: Values) -> [UInt64] where Values.Element == DatabaseValue {
        var row: [UInt8] = []
        return term(table: table, values: values, buffer: &row)
    }

    /// `term(table:values:)` encoding the row into `buffer`, reused from row to row.
    static func term<Values: Collection>(table: String, values: Values, buffer row: inout [UInt8]) -> [UInt64]
    where Values.Element == DatabaseValue {
        row.removeAll(keepingCapacity: true)
        encode(table: table, values: values, into: &row)
        return spread(SHA256.hash(data: row))
    }

    /// Appends what a row's hash covers to `row`: the tag, the table's name, a zero byte and each value.
    static func encode<Values: Collection>(table: String, values: Values, into row: inout [UInt8]) where Values.Element == DatabaseValue {
        row.append(contentsOf: tag)
        row.append(contentsOf: table.utf8)
        row.append(0)
        for value in values { Projection.append(value, to: &row) }
    }

    /// 2048 bits from a digest: SHA-256 of the digest and a counter byte, eight times.
    static func spread(_ digest: SHA256.Digest) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: limbs) { out, initialized in
            spread(digest) { index, limb in out[index] = limb }
            initialized = limbs
        }
    }

    /// Hands each of the 32 limbs of `spread(digest)` to `limb`, lowest first, without making an array.
    private static func spread(_ digest: SHA256.Digest, _ limb: (_ index: Int, _ value: UInt64) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 33) { block in
            digest.withUnsafeBytes { raw in _ = block.initialize(from: raw) }
            for part in 0..<8 {
                block[32] = UInt8(part)
                SHA256.hash(data: UnsafeRawBufferPointer(block)).withUnsafeBytes { raw in
                    for word in 0..<4 {
                        limb(part * 4 + word, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)))
                    }
                }
            }
        }
    }

    /// Adds `spread(digest)` to `sum` modulo 2^2048 as `add` does, limb by limb with the carry, without making the
    /// term: the sealed check adds one per row of a round's millions.
    private static func addSpread(_ digest: SHA256.Digest, to sum: inout [UInt64]) {
        var carry: UInt64 = 0
        sum.withUnsafeMutableBufferPointer { sum in
            spread(digest) { index, limb in
                let (partial, overflow1) = sum[index].addingReportingOverflow(limb)
                let (total, overflow2) = partial.addingReportingOverflow(carry)
                sum[index] = total
                carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
            }
        }
    }

    /// Adds `term` to `sum` modulo 2^2048, limb by limb with the carry.
    static func add(_ term: [UInt64], to sum: inout [UInt64]) {
        var carry: UInt64 = 0
        for index in 0..<limbs {
            let (partial, overflow1) = sum[index].addingReportingOverflow(term[index])
            let (total, overflow2) = partial.addingReportingOverflow(carry)
            sum[index] = total
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
    }

    /// Takes `term` out of `sum`: adds its negation modulo 2^2048 (every bit flipped, plus one).
    static func subtract(_ term: [UInt64], from sum: inout [UInt64]) {
        var negation = term.map { ~$0 }
        add([1] + [UInt64](repeating: 0, count: limbs - 1), to: &negation)
        add(negation, to: &sum)
    }

    static func limbs(of digest: Data) -> [UInt64] {
        digest.withUnsafeBytes { raw in (0..<limbs).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) } }
    }

    static func data(of sum: [UInt64]) -> Data {
        var data = Data(capacity: bytes)
        for limb in sum { withUnsafeBytes(of: limb.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// The sum of every row of `table` as it is now. Rows are read with SQLite's own API and each value encoded
    /// from its bytes as `Projection.append` encodes a `DatabaseValue` (the same bytes for any text psea writes);
    /// no Swift value is made per column.
    static func sum(of table: String, columns: [String], rowids: ClosedRange<Int64>? = nil, _ db: Database) throws -> [UInt64] {
        var sum = [UInt64](repeating: 0, count: limbs)
        var row: [UInt8] = []
        let prefix = tag + Array(table.utf8) + [0]
        let range = rowids.map { " WHERE rowid BETWEEN \($0.lowerBound) AND \($0.upperBound)" } ?? ""
        try RawRows.forEach(db, sql: "SELECT \(columns.map(quoted).joined(separator: ", ")) FROM \(table)\(range)") { statement in
            row.removeAll(keepingCapacity: true)
            row.append(contentsOf: prefix)
            for column in 0..<Int32(columns.count) { RawRows.append(statement, column, to: &row) }
            addSpread(SHA256.hash(data: row), to: &sum)
        }
        return sum
    }

    /// Rows a part of a table holds when the sealed check sums a large table in parts.
    static let partRows: Int64 = 100_000

    /// How the sealed check splits `table`: ranges of rowids from the table's first to its last, as many as parts of
    /// about `rows` rows it takes, each summed on its own reader and the sums added (a sum does not depend on the
    /// order of its terms); one nil, the whole table, when it is small or empty.
    static func parts(of table: String, rows partRows: Int64 = partRows, _ db: Database) throws -> [ClosedRange<Int64>?] {
        var bounds: (first: Int64, last: Int64, count: Int64)?
        try RawRows.forEach(db, sql: "SELECT min(rowid), max(rowid), count(*) FROM \(table)") { statement in
            guard sqlite3_column_type(statement, 0) == SQLITE_INTEGER, sqlite3_column_type(statement, 1) == SQLITE_INTEGER else { return }
            bounds = (sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1), sqlite3_column_int64(statement, 2))
        }
        // Rowids spread so wide that their span overflows (not psea's, which counts up from 1) are summed whole.
        guard let bounds, bounds.count > partRows, bounds.first <= bounds.last,
            case let (span, overflow) = bounds.last.subtractingReportingOverflow(bounds.first), !overflow, span < Int64.max
        else { return [nil] }
        let count = (bounds.count + partRows - 1) / partRows
        let step = span / count + 1
        return stride(from: bounds.first, through: bounds.last, by: Int(step)).map { start in
            let (end, overflow) = start.addingReportingOverflow(step - 1)
            return start...(overflow ? bounds.last : min(bounds.last, end))
        }
    }

    /// Whether the chain holds, read as the sealed check reads tables: seq 1, 2, 3… each linking to the one before,
    /// every hash recomputed, every kind known, every column text. False on anything else (the full replay then
    /// names it). The links, seqs and kinds are checked as the rows are read; the hashes a page at a time on every
    /// core, from one buffer of the page's serializations reused from page to page (no allocation per event).
    static func chainIntact(_ db: Database) throws -> Bool {
        let kinds = EventKind.allCases.map { Array($0.rawValue.utf8) }
        var expected: Int64 = 1
        // The stored hash of the event before: each event's prevHash must be it, and each stored hash must be the
        // one recomputed (the page check), so every link is to the hash recomputed.
        var previous = Array(Ledger.genesisHash.utf8)
        var page = ChainPage()
        var intact = true
        try RawRows.forEach(db, sql: "SELECT seq, kind, payload, actor, recordedAt, prevHash, hash FROM events ORDER BY seq") { statement in
            guard intact else { return }
            guard sqlite3_column_type(statement, 0) == SQLITE_INTEGER, (1..<7).allSatisfy({ sqlite3_column_type(statement, $0) == SQLITE_TEXT })
            else { return intact = false }
            let seq = sqlite3_column_int64(statement, 0)
            let kind = RawRows.buffer(statement, 1)
            guard seq == expected, kinds.contains(where: { $0.elementsEqual(kind) }), RawRows.buffer(statement, 5).elementsEqual(previous)
            else { return intact = false }
            let hash = RawRows.buffer(statement, 6)
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: hash)
            expected += 1
            page.add(statement, seq: seq)
            if page.count == LedgerRows.page { intact = page.hashesHold() }
        }
        return intact && page.hashesHold()
    }

    /// A page of events as the chain check hashes them: their serializations end to end in one buffer and their
    /// stored hashes in another, both reused from page to page.
    private struct ChainPage {
        var serializations: [UInt8] = []
        var ends: [Int] = []
        var hashes: [UInt8] = []
        var hashEnds: [Int] = []

        var count: Int { ends.count }

        /// Adds the event `statement` stands on (its kind, payload, actor, recordedAt and prevHash in columns 1 to
        /// 5, its hash in 6).
        mutating func add(_ statement: OpaquePointer, seq: Int64) {
            Ledger.startSerialization(into: &serializations)
            Ledger.appendField(String(seq).utf8, to: &serializations)
            for column in Int32(1)..<6 { Ledger.appendField(RawRows.buffer(statement, column), to: &serializations) }
            ends.append(serializations.count)
            hashes.append(contentsOf: RawRows.buffer(statement, 6))
            hashEnds.append(hashes.count)
        }

        /// Whether every event's stored hash is SHA-256 of its serialization, the events spread over every core;
        /// empties the page, keeping its buffers.
        mutating func hashesHold() -> Bool {
            let holds = Self.hashesHold(serializations, ends, hashes, hashEnds)
            serializations.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            hashes.removeAll(keepingCapacity: true)
            hashEnds.removeAll(keepingCapacity: true)
            return holds
        }

        private static func hashesHold(_ serializations: [UInt8], _ ends: [Int], _ hashes: [UInt8], _ hashEnds: [Int]) -> Bool {
            Array(ends.indices).concurrentMap { index in
                let start = index == 0 ? 0 : ends[index - 1], hashStart = index == 0 ? 0 : hashEnds[index - 1]
                return serializations.withUnsafeBytes { bytes in
                    hashes.withUnsafeBytes { stored in
                        Ledger.digest(
                            of: UnsafeRawBufferPointer(rebasing: bytes[start..<ends[index]]),
                            is: UnsafeRawBufferPointer(rebasing: stored[hashStart..<hashEnds[index]]))
                    }
                }
            }.allSatisfy { $0 }
        }
    }

    // MARK: - Triggers

    /// A projection table's columns, in their order.
    static func columns(of table: String, _ db: Database) throws -> [String] {
        try db.columns(in: table).map(\.name)
    }

    private static func quoted(_ column: String) -> String { "\"\(column)\"" }

    /// The three triggers that keep `table`'s seal, by name, with the SQL that creates each.
    static func triggers(of table: String, columns: [String]) -> [(name: String, sql: String)] {
        func call(_ sign: Int, _ row: String) -> String {
            "\(functionName)(\(sign), '\(table)', \(columns.map { "\(row).\(quoted($0))" }.joined(separator: ", ")))"
        }
        func trigger(_ name: String, _ event: String, _ calls: String) -> (name: String, sql: String) {
            (name, "CREATE TRIGGER \(name) AFTER \(event) ON \(table) BEGIN SELECT \(calls); END")
        }
        return [
            trigger("seal_\(table)_insert", "INSERT", call(1, "NEW")),
            trigger("seal_\(table)_delete", "DELETE", call(-1, "OLD")),
            trigger("seal_\(table)_update", "UPDATE", call(-1, "OLD") + ", " + call(1, "NEW")),
        ]
    }

    /// The trigger that moves the seals' event count and head with the ledger's.
    static let headTrigger = (
        name: "seal_events_insert",
        sql: "CREATE TRIGGER seal_events_insert AFTER INSERT ON events BEGIN SELECT \(eventFunctionName)(NEW.seq, NEW.hash); END"
    )

    /// Creates the seal tables when missing, (re)creates every seal trigger, and seals the projections as they are
    /// now when `sealNow`, else leaves each seal unset (NULL: the full replay decides). A migration that adds a
    /// column to a projection table calls it again.
    static func install(_ db: Database, sealNow: Bool) throws {
        let checkpointColumns = Set(try db.columns(in: "checkpoints").map(\.name))
        for column in ["seal", "sealSignature"] where !checkpointColumns.contains(column) {
            try db.alter(table: "checkpoints") { t in t.add(column: column, .text) }
        }
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS seals (tbl TEXT PRIMARY KEY NOT NULL, digest BLOB)")
        try db.execute(
            sql: "CREATE TABLE IF NOT EXISTS seal_head (id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1), events INTEGER NOT NULL, head TEXT)")
        try db.execute(sql: "DROP TRIGGER IF EXISTS \(headTrigger.name)")
        try db.execute(sql: headTrigger.sql)
        for (table, _) in Schema.projections {
            for trigger in triggers(of: table, columns: try columns(of: table, db)) {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger.name)")
                try db.execute(sql: trigger.sql)
            }
        }
        try reset(db, sealNow: sealNow)
    }

    /// After a column was added to `table` (its columns before were `previous`): its triggers made again for its
    /// columns now, and its seal, when set, moved from its rows' terms without the column to their terms with it. A
    /// table that summed to its seal still does; one that did not (written outside psea) still does not.
    static func columnAdded(to table: String, previous: [String], _ db: Database) throws {
        let columns = try columns(of: table, db)
        for trigger in triggers(of: table, columns: columns) {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger.name)")
            try db.execute(sql: trigger.sql)
        }
        guard try db.tableExists("seals"),
            let digest = try Data.fetchOne(db, sql: "SELECT digest FROM seals WHERE tbl = ?", arguments: [table]), digest.count == bytes
        else { return }
        var seal = limbs(of: digest)
        subtract(try sum(of: table, columns: previous, db), from: &seal)
        add(try sum(of: table, columns: columns, db), to: &seal)
        try db.execute(sql: "UPDATE seals SET digest = ? WHERE tbl = ?", arguments: [data(of: seal), table])
    }

    /// Seals every projection table as it is now (`sealNow`), or unseals them all.
    static func reset(_ db: Database, sealNow: Bool) throws {
        pending?.discard()
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        let events: Int = try last?.decode(Int.self, forColumn: "seq") ?? 0
        let head: String = try last?.decode(String.self, forColumn: "hash") ?? Ledger.genesisHash
        try db.execute(sql: "INSERT OR REPLACE INTO seal_head (id, events, head) VALUES (1, ?, ?)", arguments: [events, head])
        for (table, _) in Schema.projections {
            let digest = sealNow ? data(of: try sum(of: table, columns: try columns(of: table, db), db)) : nil
            try db.execute(sql: "INSERT OR REPLACE INTO seals (tbl, digest) VALUES (?, ?)", arguments: [table, digest])
        }
    }

    // MARK: - Signed seals

    /// What a keyed round signs of its seals: `psea-seal-v1|<events>|<head>|<seal>`.
    static func signedText(events: Int, head: String, seal: String) -> String { "psea-seal-v1|\(events)|\(head)|\(seal)" }

    /// SHA-256 (hexadecimal) of every projection's seal in `Schema.projections` order, when the seals are set and
    /// at the ledger's `events` and `head`; nil otherwise (nothing to sign).
    static func text(_ db: Database, events: Int, head: String) throws -> String? {
        guard try db.tableExists("seals"), try db.tableExists("seal_head"),
            let sealed = try Row.fetchOne(db, sql: "SELECT events, head FROM seal_head WHERE id = 1"),
            (try? sealed.decode(Int.self, forColumn: "events")) == events, (try? sealed.decode(String.self, forColumn: "head")) == head
        else { return nil }
        var hasher = SHA256()
        for (table, _) in Schema.projections {
            guard let digest = try Data.fetchOne(db, sql: "SELECT digest FROM seals WHERE tbl = ?", arguments: [table]), digest.count == bytes
            else { return nil }
            hasher.update(data: digest)
        }
        return Ledger.hex(hasher.finalize())
    }

    /// In a keyed round (one with a checkpoint), whether the last checkpoint is at the ledger's head and signs these
    /// seals with its key; true in a round without checkpoints.
    static func signatureHolds(_ db: Database, events: Int, head: String) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "SELECT events, head, publicKey, seal, sealSignature FROM checkpoints ORDER BY id DESC LIMIT 1")
        else { return true }
        guard (try? row.decode(Int.self, forColumn: "events")) == events, (try? row.decode(String.self, forColumn: "head")) == head,
            let seal = try? row.decode(String.self, forColumn: "seal"), try text(db, events: events, head: head) == seal,
            let publicKey = try? row.decode(String.self, forColumn: "publicKey"), let key = Hex.decode(publicKey),
            let signature = try? row.decode(String.self, forColumn: "sealSignature"), let bytes = Hex.decode(signature),
            let verifier = try? Curve25519.Signing.PublicKey(rawRepresentation: key)
        else { return false }
        return verifier.isValidSignature(bytes, for: Data(signedText(events: events, head: head, seal: seal).utf8))
    }

    // MARK: - The check

    /// What a sealed database must hold: each projection table with its columns and its seal. Nil unless the cheap
    /// checks pass: the seal tables and every seal trigger present and as psea creates them, the seals' event count
    /// and head the ledger's, and in a keyed round the seals signed at the head (`signatureHolds`).
    static func expected(_ db: Database) throws -> [(table: String, columns: [String], digest: Data)]? {
        guard try db.tableExists("seals"), try db.tableExists("seal_head") else { return nil }
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        let events: Int = (try? last?.decode(Int.self, forColumn: "seq")) ?? 0
        let head: String = (try? last?.decode(String.self, forColumn: "hash")) ?? Ledger.genesisHash
        guard let sealed = try Row.fetchOne(db, sql: "SELECT events, head FROM seal_head WHERE id = 1"),
            (try? sealed.decode(Int.self, forColumn: "events")) == events, (try? sealed.decode(String.self, forColumn: "head")) == head
        else { return nil }
        var present: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
            guard let name = try? row.decode(String.self, forColumn: "name"), let sql = try? row.decode(String.self, forColumn: "sql") else {
                continue
            }
            present[name] = sql
        }
        guard present[headTrigger.name] == headTrigger.sql else { return nil }
        var digests: [String: Data] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT tbl, digest FROM seals") {
            guard let table = try? row.decode(String.self, forColumn: "tbl"), let digest = try? row.decode(Data.self, forColumn: "digest") else {
                continue
            }
            digests[table] = digest
        }
        var expected: [(table: String, columns: [String], digest: Data)] = []
        for (table, _) in Schema.projections {
            let columns = try columns(of: table, db)
            guard let digest = digests[table], digest.count == bytes,
                triggers(of: table, columns: columns).allSatisfy({ present[$0.name] == $0.sql })
            else { return nil }
            expected.append((table, columns, digest))
        }
        return try signatureHolds(db, events: events, head: head) ? expected : nil
    }
}

extension CompetitionStore {
    /// True when the projections are sealed at the ledger's head (`Seal.expected`), every table sums to its seal
    /// and the chain checks: what psea's own appends wrote, proven without replaying the ledger. The chain and the
    /// sums are read at once, on two connections. False sends the caller to the full replay.
    ///
    /// Tables in `skipping` are not summed: the publishing commands skip what they never read (`Seal.history`).
    package func sealed(skipping: Set<String> = []) throws -> Bool {
        // A database this check cannot read as it expects (a damaged table, say) is not sealed: the full replay
        // names what is wrong with it.
        (try? sealedOrThrow(skipping: skipping)) ?? false
    }

    private func sealedOrThrow(skipping: Set<String>) throws -> Bool {
        guard let expected = try read({ db in try Seal.expected(db).map { SendableTables($0) } }) else { return false }
        let chain = Prefetch { [self] in
            Result { try self.read { db in try Seal.chainIntact(db) && Verifier.missingAppendOnlyTrigger(db) == nil } }
        }
        // Each table summed on its own readers, a large one in parts, spread over every core while the chain is
        // checked; a table's parts are added before its seal is compared.
        let tables = expected.tables.filter { !skipping.contains($0.table) }.map(SealedTable.init)
        let parts = try read { db in
            try tables.indices.flatMap { index in try Seal.parts(of: tables[index].table, db).map { SealedPart(table: index, rowids: $0) } }
        }
        let sums = parts.concurrentMap { part in
            let table = tables[part.table]
            return Result { try self.read { db in try Seal.sum(of: table.table, columns: table.columns, rowids: part.rowids, db) } }
        }
        var totals = [[UInt64]](repeating: [UInt64](repeating: 0, count: Seal.limbs), count: tables.count)
        for (part, sum) in zip(parts, sums) { Seal.add(try sum.get(), to: &totals[part.table]) }
        let summed = zip(tables, totals).allSatisfy { table, total in Seal.data(of: total) == table.digest }
        return try chain.value().get() && summed
    }
}

/// The tables `Seal.expected` gives, carried into a read.
private struct SendableTables: Sendable {
    let tables: [(table: String, columns: [String], digest: Data)]
    init(_ tables: [(table: String, columns: [String], digest: Data)]) { self.tables = tables }
}

/// A part of a table the sealed check sums on its own: the table's index among those checked and its rowids (nil
/// for every row).
private struct SealedPart: Sendable {
    let table: Int
    let rowids: ClosedRange<Int64>?
}

/// One table `Seal.expected` gives: its name, its columns and its seal.
private struct SealedTable: Sendable {
    let table: String
    let columns: [String]
    let digest: Data
    init(_ expected: (table: String, columns: [String], digest: Data)) { (table, columns, digest) = expected }
}

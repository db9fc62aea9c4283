import GRDB
import Model

/// Why a ledger does not verify: a stable code, the first broken seq when the fault is in the chain, and a
/// message in Thai and English.
package struct LedgerProblem: Codable, Sendable, Equatable {
    /// `seq-gap`, `prev-hash`, `hash`, `unreadable` (a column, kind or payload that cannot be read), `replay`
    /// (a well-formed event that contradicts an earlier one), `projection` or `trigger` (an append-only trigger
    /// dropped).
    package var code: String
    /// The first broken seq; nil for a projection that differs from its rebuild or a dropped trigger.
    package var seq: Int?
    package var message: LocalizedText

}

/// The result of `CompetitionStore.verify()`.
@MemberwiseInit
package struct LedgerVerification: Codable, Sendable, Equatable {
    /// Events read before stopping (all of them when the chain verifies).
    package var events: Int
    /// Hash of the last event read.
    package var head: String?
    /// The first problem found, nil when everything verifies.
    package var problem: LedgerProblem?

    /// True when the chain and the projections verify.
    package var ok: Bool { problem == nil }
}

enum Verifier {
    /// Checks the chain, then rebuilds the projections and compares them with the stored ones, in a transaction it
    /// rolls back (the rebuild writes into it: rolling a savepoint back instead would load every page it changed
    /// back into memory, the size of the round's applications). The stored rows of a table that differs are read
    /// once the rebuild is rolled back, to name the first row that differs.
    static func verify(_ db: Database, decoder: (@Sendable (String) -> Application?)?) throws -> LedgerVerification {
        var differing: (table: String, rebuilt: [String])?
        var verification = LedgerVerification(events: 0, head: nil, problem: nil)
        try db.inTransaction {
            verification = try verifyRolledBack(db, decoder: decoder, differing: &differing)
            return .rollback
        }
        guard case let (table, after)? = differing else { return verification }
        let before = try Projection.rows(table, db)
        let index = zip(before, after).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(before.count, after.count)
        let row = index < before.count ? before[index] : (index < after.count ? after[index] : "")
        verification.problem = LedgerProblem(
            code: "projection", seq: nil,
            message: LocalizedText(
                th: "ตาราง \(table) ไม่ตรงกับที่สร้างใหม่จากรายการบัญชี (แถวที่ \(index + 1): \(row))",
                en: "table \(table) differs from its rebuild from the events (row \(index + 1): \(row))"))
        return verification
    }

    /// The checks of `verify` inside its transaction; a projection table that differs from its rebuild is handed
    /// back in `differing` with its rebuilt rows.
    private static func verifyRolledBack(
        _ db: Database, decoder: (@Sendable (String) -> Application?)?, differing: inout (table: String, rebuilt: [String])?
    ) throws -> LedgerVerification {
        let chain = try checkChain(db)
        if chain.problem != nil { return chain }
        func stop(_ code: String, _ seq: Int?, th: String, en: String) -> LedgerVerification {
            LedgerVerification(
                events: chain.events, head: chain.head, problem: LedgerProblem(code: code, seq: seq, message: LocalizedText(th: th, en: en)))
        }
        // Stored and rebuilt projections are compared by digest, table by table; only a table that differs is read
        // whole, to name its first differing row.
        let stored = try Projection.digests(db)
        do {
            try Seal.discarding { try Projection.rebuild(db, decoder: decoder) }
            let rebuilt = try Projection.digests(db)
            if let table = Schema.projections.map({ $0.table }).first(where: { stored[$0] != rebuilt[$0] }) {
                differing = (table, try Projection.rows(table, db))
                return chain
            }
        } catch let error as PSEAError {
            let seq = error.context["seq"].flatMap { Int($0) }
            return stop(error.context["problem"] ?? "unreadable", seq, th: error.message.th, en: error.message.en)
        }
        if let missing = try missingAppendOnlyTrigger(db) {
            return stop(
                "trigger", nil, th: "ไม่มีทริกเกอร์ \(missing) ที่ห้ามแก้ไขหรือลบรายการบัญชี แสดงว่ามีผู้ถอดออก",
                en: "the append-only trigger \(missing) is missing: someone dropped it")
        }
        return chain
    }

    /// The first append-only trigger of `events` that is missing, nil when both are there.
    static func missingAppendOnlyTrigger(_ db: Database) throws -> String? {
        let triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"))
        return Ledger.appendOnlyTriggers.first(where: { !triggers.contains($0) })
    }

    /// Checks the chain: seq contiguous from 1, every prevHash link, every hash recomputed, every kind known. The
    /// events read and the head, with the first problem found.
    static func checkChain(_ db: Database) throws -> LedgerVerification {
        var expected = 1
        var previous = Ledger.genesisHash
        var head: String?
        func stop(_ code: String, _ seq: Int?, th: String, en: String) -> LedgerVerification {
            LedgerVerification(events: expected - 1, head: head, problem: LedgerProblem(code: code, seq: seq, message: LocalizedText(th: th, en: en)))
        }
        func check(_ read: Result<LedgerEvent, any Error>, hashed computed: String?) -> LedgerVerification? {
            guard case .success(let event) = read, let computed else {
                return stop(
                    "unreadable", expected, th: "รายการลำดับที่ \(expected) อ่านไม่ได้ (มีช่องว่างหรือชนิดข้อมูลผิด)",
                    en: "event \(expected) cannot be read (a column is missing or not text)")
            }
            if event.seq != expected {
                return stop(
                    "seq-gap", expected, th: "ลำดับรายการขาดหาย: ควรเป็น \(expected) แต่พบ \(event.seq)",
                    en: "seq is not contiguous: expected \(expected), found \(event.seq)")
            }
            if event.prevHash != previous {
                return stop(
                    "prev-hash", event.seq, th: "รายการลำดับที่ \(event.seq) ไม่ได้อ้างถึงแฮชของรายการก่อนหน้า",
                    en: "event \(event.seq) does not link to the previous event's hash")
            }
            if computed != event.hash {
                return stop(
                    "hash", event.seq, th: "แฮชของรายการลำดับที่ \(event.seq) ไม่ตรงกับเนื้อหา แสดงว่าถูกแก้ไข",
                    en: "event \(event.seq) hash does not match its content: it was altered")
            }
            if EventKind(rawValue: event.kind) == nil {
                return stop(
                    "unreadable", event.seq, th: "รายการลำดับที่ \(event.seq) มีชนิด '\(event.kind)' ที่ไม่รู้จัก",
                    en: "event \(event.seq) has unknown kind '\(event.kind)'")
            }
            previous = event.hash
            head = event.hash
            expected += 1
            return nil
        }
        var problem: LedgerVerification?
        // The chain is read a page of events at a time (a round's millions of events are never held at once); each
        // page's hashes are recomputed on every core, then its links are checked in order.
        try LedgerRows.forEachPage(db) { rows in
            let columns = LedgerRows.Columns(rows.first)
            let events = rows.map { row in Result { try LedgerRows.event(from: row, columns) } }
            let hashes = events.concurrentMap { read in
                (try? read.get()).map {
                    Ledger.hash(seq: $0.seq, kind: $0.kind, payload: $0.payload, actor: $0.actor, recordedAt: $0.recordedAt, prevHash: $0.prevHash)
                }
            }
            for (read, computed) in zip(events, hashes) {
                problem = check(read, hashed: computed)
                if problem != nil { return false }
            }
            return true
        }
        if let problem { return problem }
        return LedgerVerification(events: expected - 1, head: head, problem: nil)
    }
}

extension CompetitionStore {
    /// Refuses (exit 1) a database whose chain, projections or append-only triggers do not verify: rankings,
    /// exports and reports are published only from projections that equal what the ledger's events give. Sealed
    /// projections (`Seal`) are proven without replaying the ledger (every table they read: `Seal.history` is not);
    /// any other database is replayed.
    package func requireVerified() throws {
        if try sealed(skipping: Seal.history) { return }
        let verification = try verify()
        if let problem = verification.problem { throw PSEAError.ledgerNotVerified(path, problem: problem) }
    }
}

/// `requireVerified` run on another thread while a publishing command reads the round
/// (`CompetitionStore.verifying`): the command waits for it (`wait`) before it writes or prints anything, and
/// when its own work fails, so that a database that does not verify is refused as such.
package final class PendingVerification: Sendable {
    private let check: Prefetch<Result<Void, any Error>>

    fileprivate init(_ store: CompetitionStore) {
        check = Prefetch { Result { try store.requireVerified() } }
    }

    /// Waits for the check; throws what `requireVerified` throws. Later calls give the same answer at once.
    package func wait() throws {
        try check.value().get()
    }
}

extension CompetitionStore {
    /// Starts `requireVerified` on another thread: the sealed check (or the replay) runs beside the reads of a
    /// command that waits for it before publishing.
    package func verifying() -> PendingVerification {
        PendingVerification(self)
    }
}

/// A point of the ledger kept outside the database (the event count and head hash a previous `verify` or export
/// printed): a ledger that still verifies after a rewrite, a truncation, a renumbering or an emptying no longer
/// holds this event at this place.
@MemberwiseInit
package struct LedgerAnchor: Sendable, Equatable {
    /// Events the ledger held then; the anchored event is the one with this seq.
    package var count: Int
    /// That event's hash, 64 lowercase hexadecimal digits.
    package var head: String
}

extension CompetitionStore {
    /// The problem when the ledger no longer holds the anchored event, nil when it does. Together with `verify()`
    /// (every later event chains to it) this proves the first `count` events are the anchored ones.
    package func check(anchor: LedgerAnchor) throws -> LedgerProblem? {
        // Only the count and the anchored event are read: the ledger is never held whole.
        let (count, anchored) = try read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0,
                anchor.count > 0
                    ? try Row.fetchOne(db, sql: "SELECT * FROM events ORDER BY seq LIMIT 1 OFFSET ?", arguments: [anchor.count - 1])
                        .map(LedgerRows.event(from:)) : nil
            )
        }
        guard count >= anchor.count else {
            return LedgerProblem(
                code: "truncated", seq: nil,
                message: LocalizedText(
                    th: "บัญชีมี \(count) รายการ น้อยกว่า \(anchor.count) รายการที่บันทึกยึดไว้ แสดงว่าถูกตัดหรือล้าง",
                    en: "the ledger holds \(count) events, fewer than the \(anchor.count) anchored: it was truncated or emptied"))
        }
        guard let anchored, anchored.seq == anchor.count, anchored.hash == anchor.head else {
            return LedgerProblem(
                code: "rewritten", seq: anchor.count,
                message: LocalizedText(
                    th: "รายการลำดับที่ \(anchor.count) ไม่ใช่รายการที่บันทึกยึดไว้ (แฮช \(anchor.head)) แสดงว่าประวัติถูกเขียนใหม่หรือเรียงลำดับใหม่",
                    en: "event \(anchor.count) is not the anchored one (hash \(anchor.head)): the history was rewritten or renumbered"))
        }
        return nil
    }
}

import Foundation
import GRDB
import Testing

@testable import Store

/// The sealed check's reading of the chain (`Seal.chainIntact`), on a table of events written here with hashes
/// from `Ledger.hash`: over several pages, and each kind of break found wherever it is.
@Suite("Store: the sealed check's chain")
struct ChainCheckTests {
    /// Events more than two pages of the check hold, so that links and hashes cross pages.
    static let count = LedgerRows.page * 2 + 203

    /// A database with an `events` table of `count` chained events (kinds in turn, payloads of varied length).
    static func chain(_ count: Int = count) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(
                sql: "CREATE TABLE events (seq INTEGER PRIMARY KEY, kind TEXT, payload TEXT, actor TEXT, recordedAt TEXT, prevHash TEXT, hash TEXT)")
            var previous = Ledger.genesisHash
            for seq in stride(from: 1, through: count, by: 1) {
                let kind = EventKind.allCases[seq % EventKind.allCases.count].rawValue
                let payload = "{\"n\":\(seq),\"text\":\"" + String(repeating: "ก", count: seq % 37) + "\"}"
                let hash = Ledger.hash(seq: seq, kind: kind, payload: payload, actor: "opdc", recordedAt: "2026-12-07T10:00:00Z", prevHash: previous)
                try db.execute(
                    sql: "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [seq, kind, payload, "opdc", "2026-12-07T10:00:00Z", previous, hash])
                previous = hash
            }
        }
        return queue
    }

    /// Rewrites event `seq` with `change` applied to its columns, its hash recomputed (as a forger would) unless
    /// `rehash` is false.
    static func rewrite(_ queue: DatabaseQueue, seq: Int, rehash: Bool = true, _ change: (inout [String: String]) -> Void) throws {
        try queue.write { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM events WHERE seq = ?", arguments: [seq]))
            var columns: [String: String] = [:]
            for name in ["kind", "payload", "actor", "recordedAt", "prevHash", "hash"] { columns[name] = row[name] }
            change(&columns)
            if rehash {
                columns["hash"] = Ledger.hash(
                    seq: seq, kind: columns["kind"]!, payload: columns["payload"]!, actor: columns["actor"]!, recordedAt: columns["recordedAt"]!,
                    prevHash: columns["prevHash"]!)
            }
            try db.execute(
                sql: "UPDATE events SET kind = ?, payload = ?, actor = ?, recordedAt = ?, prevHash = ?, hash = ? WHERE seq = ?",
                arguments: [columns["kind"], columns["payload"], columns["actor"], columns["recordedAt"], columns["prevHash"], columns["hash"], seq])
        }
    }

    static func intact(_ queue: DatabaseQueue) throws -> Bool { try queue.read { try Seal.chainIntact($0) } }

    @Test("a chain written link by link holds over every page; so does an empty one")
    func intactChainHolds() throws {
        #expect(try Self.intact(Self.chain()))
        #expect(try Self.intact(Self.chain(0)))
        #expect(try Self.intact(Self.chain(LedgerRows.page)))
    }

    @Test("a payload changed without its hash, in any page, breaks the chain")
    func changedPayloadBreaks() throws {
        for seq in [1, LedgerRows.page, LedgerRows.page + 1, Self.count] {
            let queue = try Self.chain()
            try Self.rewrite(queue, seq: seq, rehash: false) { $0["payload"]! += " " }
            #expect(try !Self.intact(queue), "event \(seq)")
        }
    }

    @Test("an event rehashed after an edit no longer links to the next; the last one rehashed breaks its own link")
    func rehashedEventBreaksTheLink() throws {
        let middle = try Self.chain()
        try Self.rewrite(middle, seq: LedgerRows.page) { $0["actor"] = "someone" }
        #expect(try !Self.intact(middle))
        // A prevHash pointed elsewhere and the event rehashed: its own hash holds, its link does not.
        let relinked = try Self.chain()
        try Self.rewrite(relinked, seq: 700) { $0["prevHash"] = Ledger.genesisHash }
        #expect(try !Self.intact(relinked))
    }

    @Test("a gap in seq, an unknown kind, a missing or non-text column: not intact")
    func malformedEventsBreak() throws {
        let gap = try Self.chain()
        try gap.write { try $0.execute(sql: "DELETE FROM events WHERE seq = 1000") }
        #expect(try !Self.intact(gap))

        let unknown = try Self.chain()
        try Self.rewrite(unknown, seq: 800) { $0["kind"] = "score-forged" }
        #expect(try !Self.intact(unknown))

        let null = try Self.chain()
        try null.write { try $0.execute(sql: "UPDATE events SET actor = NULL WHERE seq = 5") }
        #expect(try !Self.intact(null))

        let blob = try Self.chain()
        try blob.write { try $0.execute(sql: "UPDATE events SET recordedAt = X'3230' WHERE seq = ?", arguments: [Self.count]) }
        #expect(try !Self.intact(blob))

        let short = try Self.chain()
        try Self.rewrite(short, seq: 12, rehash: false) { $0["hash"] = String($0["hash"]!.dropLast()) }
        #expect(try !Self.intact(short))
    }
}

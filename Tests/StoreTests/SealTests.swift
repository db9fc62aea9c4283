import Foundation
import GRDB
import Model
import PSEATestSupport
import Panel
import Testing

@testable import Store

@Suite("Store: projection seals")
struct SealTests {
    @Test("a round written by psea is sealed: every table sums to its seal, at the ledger's head, after replaced rows too")
    func pseasOwnWritesKeepTheSeal() throws {
        let temp = try Fixture.populated()
        #expect(try temp.store.sealed())
        // A score given again replaces its row (REPLACE's delete runs the delete trigger) and keeps the seal.
        try temp.store.recordScore(
            Score(judge: "J1", application: "PG-1", criterion: "C1", percent: 90, comment: "ดีมาก"), actor: "J1", at: Fixture.at(20))
        #expect(try temp.store.sealed())
        try temp.store.requireVerified()
        #expect(try temp.store.verify().ok)
    }

    @Test("a write of thousands of rows, hashed a batch at a time on other cores, keeps the seal; rows replaced in it too")
    func largeWritesKeepTheSeal() throws {
        let temp = try Fixture.populated()
        let count = Seal.Pending.batch * 2 + 37
        @Sendable func score(_ index: Int, _ percent: Double) -> Score {
            Score(judge: "J1", application: "PG-1", criterion: "X\(index)", percent: percent, comment: "ข้อ \(index)")
        }
        try temp.store.batch { batch in
            for index in 0..<count { try batch.recordScore(score(index, 50), actor: "J1", at: Fixture.at(30)) }
            // A score given again replaces its row: its old term is taken out while other batches are being hashed.
            for index in stride(from: 0, to: count, by: 3) { try batch.recordScore(score(index, 70), actor: "J1", at: Fixture.at(31)) }
        }
        #expect(try temp.store.scores(judge: "J1", application: "PG-1").filter { $0.criterion.hasPrefix("X") }.count == count)
        #expect(try temp.store.sealed())
        #expect(try temp.store.verify().ok)
    }

    @Test("a connection that is not psea's store cannot write a sealed table, even with psea's functions; without them neither")
    func writesOutsideTheStoreAreRefused() throws {
        let temp = try Fixture.populated()
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try Seal.register(db)
        }
        for queue in [try DatabaseQueue(path: temp.path, configuration: configuration), try DatabaseQueue(path: temp.path)] {
            #expect(throws: DatabaseError.self) {
                try queue.write { db in try db.execute(sql: "UPDATE scores SET percent = 99 WHERE judge = 'J2'") }
            }
            try queue.close()
        }
        #expect(try temp.store.sealed())
        #expect(try temp.store.scores().map(\.percent).sorted() == [62.5, 80])
    }

    @Test("a forger who keeps the seals as psea would: unnoticed without a key; in a keyed round the signed seals differ")
    func signedSealsCatchAForgerWhoKeepsTheSeals() throws {
        for keyed in [false, true] {
            let temp = try Fixture.populated()
            if keyed { try temp.store.recordCheckpoint(CheckpointSigner.generate()) }
            #expect(try temp.store.sealed())
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try Seal.register(db)
            }
            let queue = try DatabaseQueue(path: temp.path, configuration: configuration)
            try queue.write { db in try Seal.writing(db) { try db.execute(sql: "UPDATE scores SET percent = 99 WHERE judge = 'J2'") } }
            try queue.close()
            // Without a key this is what the seals cannot tell (the full replay of `verify` still does).
            #expect(try temp.store.sealed() == !keyed)
            #expect(try temp.store.verify().problem?.code == "projection")
            if keyed { #expect(throws: PSEAError.self) { try temp.store.requireVerified() } }
        }
    }

    @Test("in a keyed round, sealed only while the last checkpoint signs the seals at the head")
    func keyedRoundNeedsACheckpointAtTheHead() throws {
        let temp = try Fixture.populated()
        let signer = CheckpointSigner.generate()
        try temp.store.recordCheckpoint(signer)
        #expect(try temp.store.sealed())
        // An append without the key: the last checkpoint is behind the head, so the ledger is replayed.
        try temp.store.registerJudge(Judge(id: "J3", name: "กรรมการ สาม"), actor: "opdc", at: Fixture.at(30))
        #expect(try !temp.store.sealed())
        try temp.store.requireVerified()
        try temp.store.recordCheckpoint(signer)
        #expect(try temp.store.sealed())
    }

    @Test("a table changed with its seal triggers dropped, a trigger altered, or the last event deleted: not sealed")
    func tamperingIsNotSealed() throws {
        let edited = try Fixture.populated()
        try edited.tamper("UPDATE judges SET name = 'x' WHERE id = 'J1'")
        #expect(try !edited.store.sealed())
        #expect(try edited.store.verify().problem?.code == "projection")

        // One trigger replaced by one that keeps nothing: the triggers are compared with psea's own.
        let altered = try Fixture.populated()
        try Self.raw(altered) { db in
            try db.execute(sql: "DROP TRIGGER seal_scores_update; CREATE TRIGGER seal_scores_update AFTER UPDATE ON scores BEGIN SELECT 1; END")
        }
        #expect(try !altered.store.sealed())

        // The last event deleted, the append-only trigger put back: the seals are no longer at the ledger's head.
        let truncated = try Fixture.populated()
        try Self.raw(truncated) { db in
            try db.execute(sql: "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)")
            try db.execute(sql: "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END")
        }
        #expect(try !truncated.store.sealed())
        #expect(throws: PSEAError.self) { try truncated.store.requireVerified() }
    }

    @Test("an event edited in place breaks the chain: the sealed check refuses it before summing anything")
    func editedEventIsNotSealed() throws {
        let temp = try Fixture.populated()
        try Self.raw(temp) { db in
            try db.execute(sql: "DROP TRIGGER events_no_update; UPDATE events SET actor = 'someone' WHERE seq = 3")
            try db.execute(sql: "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END")
        }
        #expect(try !temp.store.sealed())
        #expect(try temp.store.verify().problem?.code == "hash")
    }

    @Test("a database written before the seals stays unsealed (replayed) until its projections are rebuilt, then is sealed")
    func olderDatabaseIsSealedByARebuild() throws {
        let temp = try Fixture.populated()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in
            try db.dropSealTriggers()
            try db.execute(sql: "DROP TABLE seals; DROP TABLE seal_head; DELETE FROM grdb_migrations WHERE identifier = 'v8-seals'")
        }
        try queue.close()
        let reopened = try CompetitionStore(path: temp.path, mode: .readWrite)
        #expect(try !reopened.sealed())
        try reopened.requireVerified()
        try reopened.rebuildProjections()
        #expect(try reopened.sealed())
    }

    @Test("the publishing commands' check skips the score revisions, which none of them reads; every other table counts")
    func publishingSkipsOnlyHistory() throws {
        let revised = try Fixture.populated()
        try Self.raw(revised) { db in try Self.editBehindTriggers(db, table: "score_revisions", sql: "UPDATE score_revisions SET percent = 1") }
        #expect(try !revised.store.sealed())
        #expect(try revised.store.sealed(skipping: Seal.history))
        try revised.store.requireVerified()
        #expect(try revised.store.verify().problem?.code == "projection")

        let scored = try Fixture.populated()
        try Self.raw(scored) { db in try Self.editBehindTriggers(db, table: "scores", sql: "UPDATE scores SET percent = 1") }
        #expect(try !scored.store.sealed(skipping: Seal.history))
        #expect(throws: PSEAError.self) { try scored.store.requireVerified() }
    }

    /// Runs `sql` on `table` with its triggers dropped for the statement and put back as they were, as a forger
    /// with sqlite3 would: the schema stays psea's, only the rows differ from their seal.
    static func editBehindTriggers(_ db: Database, table: String, sql: String) throws {
        let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", arguments: [table])
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
        try db.execute(sql: sql)
        for trigger in triggers { try db.execute(sql: trigger["sql"] as String) }
    }

    /// Runs `body` on a plain connection to the store's file (no psea function registered), as sqlite3 would.
    static func raw<T>(_ temp: TemporaryStore, _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: temp.path)
        defer { try? queue.close() }
        return try queue.write(body)
    }

    @Test("sums do not depend on the order rows were added, and removing a row takes its term back out")
    func sumsAreAMultiset() {
        let rows: [[DatabaseValue]] = [
            ["J1".databaseValue, 80.databaseValue, DatabaseValue.null],
            ["J2".databaseValue, 62.5.databaseValue, "B2".databaseValue],
            ["J3".databaseValue, Data([0, 1, 2]).databaseValue, 7.databaseValue],
        ]
        let zero = [UInt64](repeating: 0, count: Seal.limbs)
        var forward = zero
        var backward = zero
        for row in rows { Seal.add(Seal.term(table: "scores", values: row), to: &forward) }
        for row in rows.reversed() { Seal.add(Seal.term(table: "scores", values: row), to: &backward) }
        #expect(forward == backward && forward != zero)
        Seal.subtract(Seal.term(table: "scores", values: rows[1]), from: &forward)
        var two = zero
        for row in [rows[0], rows[2]] { Seal.add(Seal.term(table: "scores", values: row), to: &two) }
        #expect(forward == two)
        // The same values in another table, or a value of another kind, is another term.
        #expect(Seal.term(table: "judges", values: rows[0]) != Seal.term(table: "scores", values: rows[0]))
        #expect(Seal.term(table: "scores", values: ["80".databaseValue]) != Seal.term(table: "scores", values: [80.databaseValue]))
        #expect(Seal.limbs(of: Seal.data(of: two)) == two)
    }
}

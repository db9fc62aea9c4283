import Foundation
import GRDB
import PSEATestSupport
import Store
import Testing

/// The demo round's database copied into a temporary folder, for attacking it.
final class AttackedRound {
    let folder: RankFolder
    var url: URL { folder.url }

    init() throws {
        folder = try RankFolder()
        #expect(try folder.demo().status == 0)
    }

    var db: String { folder.db }

    func psea(_ arguments: [String]) throws -> CLI.Run {
        try CLI.run(arguments + ["--db", db])
    }

    /// Runs SQL on the file as someone with sqlite3 would (the triggers are left as they are unless `sql` drops them).
    func sql(_ sql: String) throws {
        let queue = try DatabaseQueue(path: db)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try queue.close()
    }

    /// The event count and head hash `verify` prints.
    func anchor() throws -> (count: String, head: String) {
        let run = try psea(["verify"])
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("ledger: ") && $0.contains("events, head") })
        let words = line.split(separator: " ")
        return (String(words[1]), String(words[4]))
    }

    func verifyAnchored(_ anchor: (count: String, head: String)) throws -> CLI.Run {
        try psea(["verify", "--count", anchor.count, "--head", anchor.head])
    }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: db)) }
}

@Suite("a forged or damaged database is refused, never published or crashed on", .serialized)
struct LedgerSafetyTests {
    @Test("an edited projection: rank, export and report refuse it naming the table (exit 1)")
    func editedProjection() throws {
        let round = try AttackedRound()
        try round.sql("UPDATE scores SET percent = 100 WHERE rowid = 1")
        let rank = try round.psea(["rank"])
        #expect(rank.status == 1)
        #expect(rank.stderr.contains("PSEA-DB013") && rank.stderr.contains("[projection]") && rank.stderr.contains("table scores"))
        #expect(rank.stdout.isEmpty)
        let export = try round.psea(["export", "--format", "csv", "--out", round.url.appendingPathComponent("out").path])
        #expect(export.status == 1 && export.stderr.contains("PSEA-DB013"))
        #expect(!FileManager.default.fileExists(atPath: round.url.appendingPathComponent("out/results.csv").path))
        let report = try round.psea(["report", "--application", "PG-2568-0044"])
        #expect(report.status == 1 && report.stderr.contains("PSEA-DB013"))
    }

    @Test("a damaged event (unknown kind): rank refuses it")
    func damagedEvent() throws {
        let round = try AttackedRound()
        try round.sql("DROP TRIGGER events_no_update; UPDATE events SET kind = 'forged' WHERE seq = 3")
        let rank = try round.psea(["rank"])
        #expect(rank.status == 1)
        #expect(rank.stderr.contains("PSEA-DB013") && rank.stderr.contains("event 3"))
    }

    @Test("a dropped append-only trigger: verify names it, rank refuses, a rebuild puts it back")
    func droppedTrigger() throws {
        let round = try AttackedRound()
        try round.sql("DROP TRIGGER events_no_delete")
        let verify = try round.psea(["verify"])
        #expect(verify.status == 1 && verify.stdout.contains("[trigger]") && verify.stdout.contains("events_no_delete"))
        #expect(try round.psea(["rank"]).status == 1)
        try CompetitionStore(path: round.db, mode: .readWrite).rebuildProjections()
        #expect(try round.psea(["verify"]).status == 0)
    }

    @Test("a rehashed rewrite verifies alone but not against the anchor")
    func rehashedRewrite() throws {
        let round = try AttackedRound()
        let anchor = try round.anchor()
        try LedgerForgery.rewrite(round.db) { events in
            var events = events
            events[0].actor = "forger"
            return events
        }
        #expect(try round.psea(["verify"]).status == 0)
        let anchored = try round.verifyAnchored(anchor)
        #expect(anchored.status == 1 && anchored.stdout.contains("anchor: FAILED: [rewritten]"))
    }

    @Test("a truncated tail is caught by the anchor")
    func truncatedTail() throws {
        let round = try AttackedRound()
        let anchor = try round.anchor()
        try round.sql("DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)")
        try LedgerForgery.rewrite(round.db) { $0 }
        let anchored = try round.verifyAnchored(anchor)
        #expect(anchored.status == 1 && anchored.stdout.contains("anchor: FAILED: [truncated]"))
    }

    @Test("a renumbered middle is caught by the anchor")
    func renumberedMiddle() throws {
        let round = try AttackedRound()
        let anchor = try round.anchor()
        try LedgerForgery.rewrite(round.db) { events in
            var events = events
            events.swapAt(1, 2)
            return events
        }
        let anchored = try round.verifyAnchored(anchor)
        #expect(anchored.status == 1 && anchored.stdout.contains("anchor: FAILED: [rewritten]"))
    }

    @Test("an emptied database verifies alone but not against the anchor")
    func emptied() throws {
        let round = try AttackedRound()
        let anchor = try round.anchor()
        try LedgerForgery.rewrite(round.db) { _ in [] }
        #expect(try round.psea(["verify"]).stdout.contains("0 events"))
        let anchored = try round.verifyAnchored(anchor)
        #expect(anchored.status == 1 && anchored.stdout.contains("anchor: FAILED: [truncated]"))
    }

    @Test("the untouched demo passes its own anchor; --head needs --count")
    func anchorPasses() throws {
        let round = try AttackedRound()
        let anchored = try round.verifyAnchored(try round.anchor())
        #expect(anchored.status == 0 && anchored.stdout.contains("anchor: OK"))
        #expect(try round.psea(["verify", "--head", String(repeating: "0", count: 64)]).status == 2)
    }

    @Test("a missing column: status and verify exit 2 naming it, no crash, the file unchanged")
    func missingColumn() throws {
        let round = try AttackedRound()
        try round.sql("ALTER TABLE events DROP COLUMN actor")
        let before = try round.bytes()
        for command in ["status", "verify"] {
            let run = try round.psea([command])
            #expect(run.status == 2)
            #expect(run.stderr.contains("PSEA-DB011") && run.stderr.contains("events.actor"))
        }
        #expect(try round.bytes() == before)
    }

    @Test("a read-only file: status and verify work and leave nothing behind")
    func readOnlyFile() throws {
        let round = try AttackedRound()
        try round.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        let folder = URL(fileURLWithPath: round.db).deletingLastPathComponent()
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: round.db)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: round.db) }
        let before = try round.bytes()
        let status = try round.psea(["status"])
        #expect(status.status == 0 && status.stdout.contains("ledger: OK"))
        let verify = try round.psea(["verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(try round.bytes() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == listing)
    }

    @Test("another program's SQLite file: status, verify and init refuse it unchanged (exit 2)")
    func foreignFile() throws {
        let round = try AttackedRound()
        let foreign = round.url.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: foreign)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        for command in ["status", "verify", "init"] {
            let run = try CLI.run([command, "--db", foreign])
            #expect(run.status == 2)
            #expect(run.stderr.contains("PSEA-DB009"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
    }

    @Test("a database of a newer psea is refused unchanged (exit 2)")
    func newerVersion() throws {
        let round = try AttackedRound()
        try round.sql("INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
        let before = try round.bytes()
        let run = try round.psea(["status"])
        #expect(run.status == 2 && run.stderr.contains("PSEA-DB010") && run.stderr.contains("v9-future"))
        #expect(try round.bytes() == before)
    }
}

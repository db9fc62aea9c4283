import Foundation
import GRDB
import Model
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
        try queue.writeWithoutTransaction { db in
            try db.dropSealTriggers()
            try db.execute(sql: sql)
        }
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

    /// The signed checkpoint the demo wrote beside its exports.
    var checkpoint: String { folder.path("demo/checkpoint.json") }

    func verifyCheckpoint() throws -> CLI.Run {
        try psea(["verify", "--checkpoint", checkpoint])
    }
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

    @Test("rank --format json and every export read while the check runs, and publish nothing from an edited projection")
    func streamedOutputsWaitForTheCheck() throws {
        let round = try AttackedRound()
        try round.sql("UPDATE scores SET percent = 100 WHERE rowid = 1")
        let rank = try round.psea(["rank", "--format", "json"])
        #expect(rank.status == 1 && rank.stderr.contains("PSEA-DB013") && rank.stderr.contains("table scores"))
        #expect(rank.stdout.isEmpty)
        for format in ["csv", "json", "html"] {
            let out = round.url.appendingPathComponent("out-\(format)")
            let export = try round.psea(["export", "--format", format, "--out", out.path])
            #expect(export.status == 1 && export.stderr.contains("PSEA-DB013"), "\(format)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(format): the folder made for the export is gone")
        }
    }

    @Test("facts made unreadable behind the seals: rank and export refuse the database as unverified, not by what they met")
    func unreadableFactsAreRefusedAsUnverified() throws {
        let round = try AttackedRound()
        try round.sql("UPDATE entry_facts SET facts = 'x'")
        let rank = try round.psea(["rank", "--format", "json"])
        #expect(rank.status == 1 && rank.stderr.contains("PSEA-DB013") && rank.stdout.isEmpty)
        let export = try round.psea(["export", "--format", "html", "--out", round.url.appendingPathComponent("out").path])
        #expect(export.status == 1 && export.stderr.contains("PSEA-DB013"))
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

    @Test("a rubric file edited after the freeze (outstanding 80 → 60) changes nothing published, and is reported")
    func editedRubric() throws {
        let round = try AttackedRound()
        let rubrics = round.url.appendingPathComponent("rubrics")
        try FileManager.default.copyItem(at: TestPaths.rubrics, to: rubrics)
        let file = rubrics.appendingPathComponent("2568/open-governance.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "  outstanding: 80\n  good: 70\n", with: "  outstanding: 60\n  good: 50\n")
        #expect(edited != text)
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let genuine = try round.psea(["rank", "--format", "json"])
        let forged = try round.psea(["rank", "--format", "json", "--rubrics", rubrics.path])
        #expect(forged.status == 0 && forged.stdout == genuine.stdout)
        #expect(forged.stderr.contains("PSEA-RND030") && forged.stderr.contains("2568/open-governance"))
        let out = round.url.appendingPathComponent("edited")
        for format in ["json", "html"] {
            let export = try round.psea(["export", "--format", format, "--audience", "staff", "--out", out.path, "--rubrics", rubrics.path])
            #expect(export.status == 0 && export.stderr.contains("PSEA-RND030"))
        }
        for name in ["results-staff.json", "staff.html"] {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == round.folder.data("demo/\(name)"), "\(name)")
        }
        let verify = try round.psea(["verify", "--against", round.url.appendingPathComponent("demo").path, "--rubrics", rubrics.path])
        #expect(verify.status == 0 && verify.stdout.contains("export: OK"))
        #expect(verify.stdout.contains("rubrics: WARNING PSEA-RND030") && verify.stdout.contains("2568/open-governance"))
        #expect(try round.psea(["verify"]).stdout.contains("rubrics: OK"))
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

@Suite("signed checkpoints: keys, anchoring after every append, verify --checkpoint", .serialized)
struct CheckpointTests {
    /// No key is found but the ones a test names: `$HOME` is a fresh folder and `$PSEA_KEY` is empty.
    static func isolated(_ folder: URL) -> [String: String] {
        ["HOME": folder.path, "PSEA_KEY": ""]
    }

    @Test("the demo's checkpoint verifies, is embedded in its exports, and two demo runs give the same bytes")
    func demoCheckpoint() throws {
        let round = try AttackedRound()
        let run = try round.verifyCheckpoint()
        #expect(run.status == 0 && run.stdout.contains("checkpoint: OK"), "\(run.stdout)")
        let checkpoint = try #require(Checkpoint(fileText: String(decoding: try round.folder.data("demo/checkpoint.json"), as: UTF8.self)))
        #expect(checkpoint.signatureIsValid)
        let key = String(decoding: try round.folder.data("demo/demo-signing-key"), as: UTF8.self)
        #expect(key.contains("DEMO KEY") && key.contains(checkpoint.publicKey))
        for name in ["results.json", "results-staff.json", "index.html", "staff.html"] {
            let text = String(decoding: try round.folder.data("demo/\(name)"), as: UTF8.self)
            #expect(text.contains(checkpoint.publicKey) && text.contains(checkpoint.signature), "\(name)")
        }
        let again = round.url.appendingPathComponent("again")
        #expect(try CLI.run(["demo", "--out", again.path]).status == 0)
        for name in ["checkpoint.json", "demo-signing-key", "results.json", "demo.sqlite"] {
            #expect(try Data(contentsOf: again.appendingPathComponent(name)) == round.folder.data("demo/\(name)"), "\(name)")
        }
    }

    @Test("a checkpoint file with an altered signature or count is refused")
    func alteredCheckpoint() throws {
        let round = try AttackedRound()
        var checkpoint = try #require(Checkpoint(fileText: String(decoding: try round.folder.data("demo/checkpoint.json"), as: UTF8.self)))
        checkpoint.events -= 1
        try checkpoint.fileText.write(toFile: round.checkpoint, atomically: true, encoding: .utf8)
        let run = try round.verifyCheckpoint()
        #expect(run.status == 1 && run.stdout.contains("checkpoint: FAILED: [signature]"))
        try "not a checkpoint".write(toFile: round.checkpoint, atomically: true, encoding: .utf8)
        #expect(try round.verifyCheckpoint().status == 2)
    }

    @Test("a rehashed rewrite fails verify --checkpoint")
    func rewritten() throws {
        let round = try AttackedRound()
        try LedgerForgery.rewrite(round.db) { events in
            var events = events
            events[0].actor = "forger"
            return events
        }
        #expect(try round.psea(["verify"]).status == 0)
        let run = try round.verifyCheckpoint()
        #expect(run.status == 1 && run.stdout.contains("checkpoint: FAILED: [rewritten]"))
    }

    @Test("a rewrite that left the database's own checkpoint in place fails plain verify")
    func forgottenCheckpoint() throws {
        let round = try AttackedRound()
        #expect(try round.psea(["verify"]).stdout.contains("checkpoints: the last one covers"))
        try round.sql("DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)")
        try CompetitionStore(path: round.db, mode: .readWrite).rebuildProjections()
        let run = try round.psea(["verify"])
        #expect(run.status == 1 && run.stdout.contains("ledger: OK") && run.stdout.contains("checkpoints: FAILED"))
        #expect(run.stdout.contains("[truncated]"))
    }

    @Test("a truncated tail fails verify --checkpoint")
    func truncated() throws {
        let round = try AttackedRound()
        try round.sql("DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)")
        try LedgerForgery.rewrite(round.db) { $0 }
        let run = try round.verifyCheckpoint()
        #expect(run.status == 1 && run.stdout.contains("checkpoint: FAILED: [truncated]"))
    }

    @Test("a renumbered middle fails verify --checkpoint")
    func renumbered() throws {
        let round = try AttackedRound()
        try LedgerForgery.rewrite(round.db) { events in
            var events = events
            events.swapAt(1, 2)
            return events
        }
        let run = try round.verifyCheckpoint()
        #expect(run.status == 1 && run.stdout.contains("checkpoint: FAILED: [rewritten]"))
    }

    @Test("an emptied ledger fails verify --checkpoint")
    func emptied() throws {
        let round = try AttackedRound()
        try LedgerForgery.rewrite(round.db) { _ in [] }
        let run = try round.verifyCheckpoint()
        #expect(run.status == 1 && run.stdout.contains("checkpoint: FAILED: [truncated]"))
    }

    @Test("a dropped append-only trigger fails verify --checkpoint")
    func droppedTrigger() throws {
        let round = try AttackedRound()
        try round.sql("DROP TRIGGER events_no_update")
        let run = try round.verifyCheckpoint()
        #expect(run.status == 1 && run.stdout.contains("ledger: FAILED: triggers [trigger]") && run.stdout.contains("events_no_update"))
    }

    @Test("keys init writes a 0600 key outside the database and never overwrites one without --force")
    func keysInit() throws {
        let folder = try makeTemporaryFolder("psea-keys")
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = Self.isolated(folder)
        let made = try CLI.run(["keys", "init"], environment: env)
        #expect(made.status == 0 && made.stdout.contains("public key: "))
        let path = folder.appendingPathComponent(".config/psea/signing-key").path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let key = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try CLI.run(["keys", "init"], environment: env)
        #expect(again.status == 2 && again.stderr.contains("--force"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == key)
        let forced = try CLI.run(["keys", "init", "--force"], environment: env)
        let replaced = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(forced.status == 0 && replaced != key)
    }

    @Test("an append signs a checkpoint into the database and --checkpoint FILE; without a key it says the ledger is not anchored")
    func appendsAreAnchored() throws {
        let round = try AttackedRound()
        let env = CheckpointTests.isolated(round.url)
        let judges = round.url.appendingPathComponent("judges.csv")
        try "id,name,ministry,province,agency\nJ-NEW-1,ผู้ทดสอบ,,,\n".write(to: judges, atomically: true, encoding: .utf8)
        let unsigned = try CLI.run(["judges", "import", judges.path, "--db", round.db], environment: env)
        #expect(unsigned.status == 0 && unsigned.stderr.contains("not anchored") && unsigned.stderr.contains("psea keys init"))
        let key = round.url.appendingPathComponent("key").path
        #expect(try CLI.run(["keys", "init", "--key", key], environment: env).status == 0)
        try "id,name,ministry,province,agency\nJ-NEW-2,ผู้ทดสอบ,,,\n".write(to: judges, atomically: true, encoding: .utf8)
        let file = round.url.appendingPathComponent("anchor.json").path
        let signed = try CLI.run(
            ["judges", "import", judges.path, "--db", round.db, "--key", key, "--checkpoint", file], environment: env)
        #expect(signed.status == 0 && !signed.stderr.contains("not anchored"))
        let checkpoint = try #require(Checkpoint(fileText: try String(contentsOfFile: file, encoding: .utf8)))
        let store = try CompetitionStore(path: round.db, mode: .readOnly)
        #expect(try store.lastCheckpoint() == checkpoint)
        let (events, head) = (try store.events().count, try store.ledgerHead())
        #expect(checkpoint.events == events && checkpoint.head == head)
        let verify = try round.psea(["verify", "--checkpoint", file])
        #expect(verify.status == 0 && verify.stdout.contains("signed by public key \(checkpoint.publicKey)"))
        // $PSEA_KEY names the key as --key does; --checkpoint without any key is a usage error.
        let viaEnvironment = try CLI.run(
            ["sitevisit", "--application", "PG-2568-0044", "confirmed", "--reason", "x", "--force", "--db", round.db],
            environment: ["HOME": round.url.path, "PSEA_KEY": key])
        #expect(viaEnvironment.status == 0 && !viaEnvironment.stderr.contains("not anchored"))
        #expect(try CompetitionStore(path: round.db, mode: .readOnly).lastCheckpoint()?.events == checkpoint.events + 1)
        // Events appended after a checkpoint leave it valid: it anchors the ledger's first events.
        #expect(try round.psea(["verify", "--checkpoint", file]).status == 0)
        let keyless = try CLI.run(["judges", "import", judges.path, "--db", round.db, "--checkpoint", file], environment: env)
        #expect(keyless.status == 2)
    }
}

@Suite("ids that protect: unknown applications and unsafe judge ids are refused", .serialized)
struct IdentifierTests {
    /// One letter O for a zero: the nearest id the demo holds is PG-2568-0044.
    static let typo = "PG-2568-0O44"

    func events(_ round: AttackedRound) throws -> Int {
        try CompetitionStore(path: round.db, mode: .readOnly).events().count
    }

    @Test("every command that names an application refuses an unknown one (exit 1, PSEA-RND005), naming the nearest")
    func unknownApplication() throws {
        let round = try AttackedRound()
        let before = try events(round)
        let conflicts = round.url.appendingPathComponent("conflicts.csv")
        try "judge,application,reason\nJ01,\(Self.typo),former staff\n".write(to: conflicts, atomically: true, encoding: .utf8)
        let scores = round.url.appendingPathComponent("scores.csv")
        try "judge,application,criterion,percent,comment\nJ01,\(Self.typo),OG1.1,50,\n".write(to: scores, atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["conflicts", "import", conflicts.path],
            ["scores", "import", scores.path],
            ["scores", "add", "--judge", "J01", "--application", Self.typo, "--criterion", "OG1.1", "--percent", "50"],
            ["consensus", "--application", Self.typo, "--criterion", "OG1.1", "--percent", "50", "--reason", "agreed"],
            ["sitevisit", "--application", Self.typo, "confirmed", "--reason", "seen"],
            ["report", "--application", Self.typo],
        ]
        for command in commands {
            let run = try round.psea(command)
            #expect(run.status == 1, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("PSEA-RND005") && run.stderr.contains("did you mean PG-2568-0044?"), "\(command): \(run.stderr)")
        }
        let thai = try round.psea(["sitevisit", "--application", Self.typo, "confirmed", "--reason", "seen", "--lang", "th"])
        #expect(thai.stderr.contains("หมายถึง PG-2568-0044 หรือไม่"))
        // An id nothing resembles gets no suggestion.
        let far = try round.psea(["report", "--application", "X"])
        #expect(far.status == 1 && far.stderr.contains("PSEA-RND005") && !far.stderr.contains("did you mean"))
        #expect(try events(round) == before)
    }

    @Test("judge ids outside ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ are refused with PSEA-C030 and their line")
    func unsafeJudgeIDs() throws {
        let round = try AttackedRound()
        let before = try events(round)
        let judges = round.url.appendingPathComponent("judges.csv")
        let long = String(repeating: "a", count: 65)
        try "id,name,ministry,province,agency\nJ-90.ok_1,ก,,,\nJ 91,ข,,,\n../92,ค,,,\n-93,ง,,,\nเจ94,จ,,,\n\(long),ฉ,,,\n"
            .write(to: judges, atomically: true, encoding: .utf8)
        let imported = try round.psea(["judges", "import", judges.path])
        #expect(imported.status == 1)
        for line in 3...7 { #expect(imported.stderr.contains("judges.csv:\(line): error PSEA-C030"), "line \(line): \(imported.stderr)") }
        #expect(!imported.stderr.contains("judges.csv:2:"))
        let scores = round.url.appendingPathComponent("scores.csv")
        try "judge,application,criterion,percent,comment\nJ<01>,PG-2568-0044,OG1.1,50,\n".write(to: scores, atomically: true, encoding: .utf8)
        let scored = try round.psea(["scores", "import", scores.path])
        #expect(scored.status == 1 && scored.stderr.contains("scores.csv:2: error PSEA-C030"))
        let added = try round.psea(["scores", "add", "--judge", "J01;", "--application", "PG-2568-0044", "--criterion", "OG1.1", "--percent", "50"])
        #expect(added.status == 1 && added.stderr.contains("PSEA-C030"))
        #expect(try events(round) == before)
    }
}

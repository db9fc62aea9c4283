import Foundation
import GRDB
import PSEATestSupport
import Testing

/// A temporary folder with a database path, removed when the test ends.
final class RoundFolder {
    let url: URL
    var db: String { url.appendingPathComponent("round.sqlite").path }

    init() throws {
        url = try makeTemporaryFolder("psea-cli-round")
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes a file in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs psea with `--db` added after the subcommand words.
    func psea(_ arguments: [String]) throws -> CLI.Run {
        try CLI.run(arguments + ["--db", db, "--actor", "tester"])
    }

    /// The status counts as JSON.
    func status() throws -> [String: Any] {
        let run = try psea(["status", "--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
    }

    /// Changes the file behind psea's back, as someone with sqlite3 would (dropping the append-only and seal triggers first).
    func tamper(_ sql: String) throws {
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete")
            try db.dropSealTriggers()
            try db.execute(sql: sql)
        }
    }
}

@Suite("psea round commands", .serialized)
struct RoundCommandTests {
    static let judges = """
        id,name,ministry,province,agency
        J1,สมชาย ใจดี,กระทรวงมหาดไทย,,
        J2,สมหญิง รักดี,,น่าน,
        J3,วิชัย สุขใจ,,,
        J4,มานี มีนา,,,
        J5,ปิติ ชูใจ,,,

        """

    /// init, ingest the samples, register judges, declare one conflict.
    func prepared() throws -> RoundFolder {
        let folder = try RoundFolder()
        #expect(try folder.psea(["init"]).status == 0)
        let ingest = try folder.psea(["ingest", "Samples/valid", "--late", "--reason", "tests run after the 2568 window"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("PG-2568-0406\tstored v1\tSamples/valid/og-public-org-dga.json"))
        let judges = try folder.psea(["judges", "import", try folder.write("judges.csv", Self.judges)])
        #expect(judges.status == 0 && judges.stdout.hasSuffix("judges.csv: 5 judges registered, 0 unchanged\n"), "\(judges.stdout)")
        let conflicts = try folder.psea(
            ["conflicts", "import", try folder.write("conflicts.csv", "judge,application,reason\nJ3,PG-2568-0044,former staff\n")])
        #expect(conflicts.status == 0 && conflicts.stdout.hasSuffix("conflicts.csv: 1 conflicts recorded, 0 unchanged\n"), "\(conflicts.stdout)")
        #expect(try folder.psea(["screen"]).status == 0)
        return folder
    }

    @Test("status counts with the exact JSON keys; a re-ingest is unchanged")
    func statusAndReingest() throws {
        let folder = try prepared()
        let status = try folder.status()
        #expect(Set(status.keys) == ["entries", "versions", "judges", "conflicts", "assignments", "scores", "events", "ledgerOK", "round"])
        let samples = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("Samples/valid").path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.count
        #expect(status["entries"] as? Int == samples && status["judges"] as? Int == 5 && status["conflicts"] as? Int == 1)
        #expect(status["ledgerOK"] as? Bool == true)
        let again = try folder.psea(["ingest", "Samples/valid", "Samples/invalid/bad-date.json"])
        #expect(again.status == 1)
        #expect(again.stdout.contains("0 stored, \(samples) unchanged"))
        #expect(again.stderr.contains("PSEA-E019"))
        #expect(try folder.status()["versions"] as? Int == samples)
    }

    @Test("conflicted judges never appear in an assignment and their scores are refused")
    func conflictedJudges() throws {
        let folder = try prepared()
        let assign = try folder.psea(["assign", "--per-entry", "3", "--seed", "11", "--force", "--reason", "a small test panel"])
        #expect(assign.status == 0, "\(assign.stderr)")
        let list = try folder.psea(["assignments", "--format", "csv"])
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "judge,application")
        let samples = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("Samples/valid").path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.count
        // A header, then three judges for every entry.
        #expect(lines.count == 1 + 3 * samples)
        #expect(lines.dropFirst() == lines.dropFirst().sorted()[...])
        for conflicted in ["J1,PG-2568-0107", "J2,PG-2568-0107", "J3,PG-2568-0044"] { #expect(!lines.contains(conflicted)) }
        let refused = try folder.psea(["scores", "add", "--judge", "J3", "--application", "PG-2568-0044", "--criterion", "OG1.1", "--percent", "50"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("PSEA-C010"))
        #expect(try folder.status()["scores"] as? Int == 0)
    }

    @Test("bad CSV rows are refused with their line number and nothing from the file is stored")
    func badRows() throws {
        let folder = try RoundFolder()
        #expect(try folder.psea(["init"]).status == 0)
        let file = try folder.write("bad-judges.csv", "id,name,ministry,province,agency\nJ1,A,,,\nJ2,,,,\nJ3,C,,\n")
        let run = try folder.psea(["judges", "import", file])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad-judges.csv:3: error PSEA-C006"))
        #expect(run.stderr.contains("bad-judges.csv:4: error PSEA-C005"))
        #expect(try folder.status()["judges"] as? Int == 0)

        let prepared = try prepared()
        #expect(try prepared.psea(["assign", "--per-entry", "3", "--seed", "4", "--force", "--reason", "a small test panel"]).status == 0)
        let pairs = try prepared.psea(["assignments", "--format", "csv"]).stdout.split(separator: "\n").map(String.init)
        let judge = try #require(pairs.first { $0.hasSuffix(",PG-2568-0406") }?.split(separator: ",").first)
        let scores = try prepared.write(
            "scores.csv",
            """
            judge,application,criterion,percent,comment
            \(judge),PG-2568-0406,OG1.1,60,fine
            \(judge),PG-2568-0406,OG1.2,61,off step
            \(judge),PG-2568-0406,NOPE,50,

            """)
        let refused = try prepared.psea(["scores", "import", scores])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("scores.csv:3: error PSEA-C015"))
        #expect(refused.stderr.contains("scores.csv:4: error PSEA-C012"))
        #expect(try prepared.status()["scores"] as? Int == 0)
    }

    @Test(
        "psea verify detects an edited or deleted ledger row and an edited projection",
        arguments: [
            "UPDATE events SET payload = replace(payload, 'J4', 'J9') WHERE kind = 'judge-registered' AND payload LIKE '%J4%'",
            "DELETE FROM events WHERE seq = 3",
            "DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)",
            "UPDATE events SET actor = 'someone else' WHERE seq = 1",
            "UPDATE judges SET name = 'x' WHERE id = 'J1'",
        ])
    func tampering(_ sql: String) throws {
        let folder = try prepared()
        let clean = try folder.psea(["verify"])
        #expect(clean.status == 0 && clean.stdout.contains("ledger: OK"))
        #expect(clean.stdout.contains("seals: OK"))
        try folder.tamper(sql)
        let run = try folder.psea(["verify"])
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("ledger: FAILED"))
        #expect(try folder.psea(["status"]).status == 1)
    }

    @Test("an ingest killed midway leaves the database intact and a re-run stores every entry once")
    func killedIngest() throws {
        let folder = try RoundFolder()
        let files = folder.url.appendingPathComponent("apps")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let sample = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Samples/valid/og-public-org-dga.json"), encoding: .utf8)
        for index in 0..<500 {
            let id = "PG-2568-\(5000 + index)"
            try sample.replacingOccurrences(of: "PG-2568-0406", with: id).write(
                to: files.appendingPathComponent("\(id).json"), atomically: true, encoding: .utf8)
        }
        #expect(try folder.psea(["init"]).status == 0)

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["ingest", files.path, "--db", folder.db, "--chunk", "4", "--late", "--reason", "tests run after the 2568 window"]
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first receipts, then kill without warning.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("stored v1") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let verify = try folder.psea(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)")
        let partial = try folder.status()
        let stored = try #require(partial["entries"] as? Int)
        #expect(stored > 0 && stored < 500)
        #expect(partial["versions"] as? Int == stored)

        let rerun = try folder.psea(["ingest", files.path, "--late", "--reason", "tests run after the 2568 window"])
        #expect(rerun.status == 0)
        #expect(rerun.stdout.contains("\(500 - stored) stored, \(stored) unchanged"))
        let status = try folder.status()
        // Each entry and its late acceptance (the tests run after the 2568 window).
        #expect(status["entries"] as? Int == 500 && status["versions"] as? Int == 500 && status["events"] as? Int == 1000)
        #expect(status["ledgerOK"] as? Bool == true)
    }
}

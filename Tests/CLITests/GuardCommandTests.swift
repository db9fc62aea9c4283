import Foundation
import PSEATestSupport
import Testing

/// The guards as staff meet them on the command line: exit codes, messages, and what the ledger keeps.
@Suite("psea guards: assign, scores import, consensus, judges import", .serialized)
struct GuardCommandTests {
    /// init, the valid samples and the demo's judges and conflicts.
    func prepared() throws -> RoundFolder {
        let folder = try RoundFolder()
        #expect(try folder.psea(["init"]).status == 0)
        // The real clock is past the 2568 window: the samples come in late, and are screened before any assignment.
        #expect(try folder.psea(["ingest", "Samples/valid", "--late", "--reason", "test after the window"]).status == 0)
        #expect(try folder.psea(["screen"]).status == 0)
        #expect(try folder.psea(["judges", "import", "Samples/round/judges.csv"]).status == 0)
        #expect(try folder.psea(["conflicts", "import", "Samples/round/conflicts.csv"]).status == 0)
        return folder
    }

    func events(_ folder: RoundFolder) throws -> Int { try #require(try folder.status()["events"] as? Int) }

    @Test("assign: below minJudges exit 1 naming the rubric; --dry-run records nothing; --force --reason goes below")
    func assign() throws {
        let folder = try prepared()
        let before = try events(folder)
        let refused = try folder.psea(["assign", "--per-entry", "3", "--seed", "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("PSEA-RND020") && refused.stderr.contains("2568/effective-change needs minJudges 5"), "\(refused.stderr)")
        #expect(try events(folder) == before)

        let dry = try folder.psea(["assign", "--per-entry", "5", "--seed", "2568", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("dry run: nothing recorded\n"))
        #expect(dry.stdout.contains("60 assignments would be added"))
        #expect(dry.stdout.contains("per judge: J01="))
        #expect(dry.stdout.contains("per entry: PG-2568-0031=5 (+5)"))
        #expect(try events(folder) == before)

        for usage in [["--force"], ["--reason", "x"], ["--force", "--reason", "  "]] {
            #expect(try folder.psea(["assign", "--per-entry", "3", "--seed", "1"] + usage).status == 2, "\(usage)")
        }
        let forced = try folder.psea(["assign", "--per-entry", "3", "--seed", "1", "--force", "--reason", "three judges this year"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("override PSEA-RND020 recorded"))
        #expect(forced.stdout.contains("(reason: three judges this year)"))
    }

    @Test("after one's own assign the shipped scores need --skip-unassigned; a second import says unchanged; more judges then need --force")
    func scoresAndTopUp() throws {
        let folder = try prepared()
        #expect(try folder.psea(["assign", "--per-entry", "5", "--seed", "7"]).status == 0)
        let refused = try folder.psea(["scores", "import", "Samples/round/scores.csv"])
        #expect(refused.status == 1 && refused.stderr.contains("error PSEA-C011"))
        #expect(try folder.status()["scores"] as? Int == 0)

        let imported = try folder.psea(["scores", "import", "Samples/round/scores.csv", "--skip-unassigned"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let skipped = imported.stderr.split(separator: "\n").filter { $0.contains(": skipped PSEA-C01") }
        #expect(!skipped.isEmpty && skipped.allSatisfy { $0.hasPrefix("Samples/round/scores.csv:") })
        #expect(imported.stdout.contains("\(skipped.count) rows skipped (judge not assigned to the entry)"))
        let recorded = try #require(try folder.status()["scores"] as? Int)
        #expect(imported.stdout.contains("\(recorded) scores recorded, 0 unchanged"))
        let before = try events(folder)

        let again = try folder.psea(["scores", "import", "Samples/round/scores.csv", "--skip-unassigned"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Samples/round/scores.csv: unchanged (\(recorded) scores already recorded with the same values)"))
        #expect(try events(folder) == before)

        let more = try folder.psea(["assign", "--per-entry", "6", "--seed", "8"])
        #expect(more.status == 1 && more.stderr.contains("PSEA-RND021"))
        #expect(try events(folder) == before)
        let forced = try folder.psea(["assign", "--per-entry", "6", "--seed", "8", "--force", "--reason", "a sixth judge"])
        #expect(forced.status == 0 && forced.stdout.contains("override PSEA-RND021 recorded"), "\(forced.stderr)")
    }

    @Test("consensus on an unflagged criterion: exit 1, then --force records it")
    func consensus() throws {
        let folder = try prepared()
        #expect(try folder.psea(["assign", "--per-entry", "5", "--seed", "7"]).status == 0)
        let arguments = ["consensus", "--application", "PG-2568-0406", "--criterion", "OG1.1", "--percent", "60", "--reason", "ตกลงกัน"]
        let refused = try folder.psea(arguments)
        #expect(refused.status == 1 && refused.stderr.contains("PSEA-RND022"), "\(refused.stderr)")
        #expect(refused.stderr.contains("no score yet"))
        let forced = try folder.psea(arguments + ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try folder.psea(["verify"]).status == 0)
    }

    @Test("judges import warns about a province spelling as intake does, and refuses an unknown province with its line")
    func judgeProvinces() throws {
        let folder = try RoundFolder()
        #expect(try folder.psea(["init"]).status == 0)
        let bad = try folder.write("bad.csv", "id,name,ministry,province,agency\nA,a,,Chiang Mai,\nB,b,,Atlantis,\n")
        let refused = try folder.psea(["judges", "import", bad])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("bad.csv:3: error PSEA-E050 [province]"))
        #expect(try folder.status()["judges"] as? Int == 0)
        let good = try folder.write("good.csv", "id,name,ministry,province,agency\nA,a,,จ.เชียงใหม่,\n")
        let stored = try folder.psea(["judges", "import", good])
        #expect(stored.status == 0)
        #expect(stored.stderr.contains("good.csv:2: warning PSEA-W051 [province]: province \"จ.เชียงใหม่\" is not the official spelling"))
        #expect(stored.stdout.contains("1 judges registered"))
    }
}

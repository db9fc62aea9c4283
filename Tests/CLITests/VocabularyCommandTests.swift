import Foundation
import PSEATestSupport
import Testing

/// One vocabulary on the command line: `-o/--out`, `--application`, `--lang` and exit 2 for unknown names.
@Suite("psea options: one spelling for the same thing", .serialized)
struct VocabularyCommandTests {
    static let helpCases: [([String], Int32)] = [
        (["help", "foo"], 2), (["help", "panel", "foo"], 2), (["panel", "nonsense"], 2),
        (["help", "rank"], 0), (["help", "panel", "report"], 0), (["help"], 0),
    ]

    @Test("an unknown help topic or sub-command exits 2; a known one shows its help", arguments: helpCases)
    func helpTopics(_ arguments: [String], _ status: Int32) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == status, "\(arguments) \(run.stderr)")
        if status == 2, arguments.first == "help" { #expect(run.stderr.contains("'foo'")) }
    }

    @Test func anUnknownTypeExits2AndRecordsNothing() throws {
        let folder = try RankFolder()
        #expect(try folder.demo().status == 0)
        let head = try CLI.run(["status", "--db", folder.db, "--format", "json"]).stdoutData
        let unknown = try CLI.run(["rank", "--db", folder.db, "--type", "nonsense"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown sub-type 'nonsense'") && unknown.stderr.contains("open-governance"))
        #expect(unknown.stdout.isEmpty)
        #expect(try CLI.run(["status", "--db", folder.db, "--format", "json"]).stdoutData == head)
        #expect(try CLI.run(["rank", "--db", folder.db, "--type", "open-governance"]).status == 0)
    }

    @Test func everyOutputIsDashOOrDashDashOut() throws {
        let folder = try RankFolder()
        #expect(try CLI.run(["demo", "-o", folder.path("demo")]).status == 0)
        #expect(try CLI.run(["export", "--db", folder.db, "--format", "csv", "-o", folder.path("short")]).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("short/results.csv")))

        // report: -o, --out and the older --output give the same file; stdout stays empty.
        var written: [Data] = []
        for (flag, name) in [("-o", "a.md"), ("--out", "b.md"), ("--output", "c.md")] {
            let run = try CLI.run(["report", "PG-2568-0107", "--db", folder.db, flag, folder.path("reports/" + name)])
            #expect(run.status == 0 && run.stdout.isEmpty, "\(flag) \(run.stderr)")
            written.append(try folder.data("reports/" + name))
        }
        #expect(Set(written).count == 1 && written[0].starts(with: Data("# รายงานผลการประเมินป้อนกลับ".utf8)))
        let twice = try CLI.run(["report", "PG-2568-0107", "--db", folder.db, "--out", folder.path("x.md"), "--output", folder.path("y.md")])
        #expect(twice.status == 2)

        // convert: --out and the older --output.
        for flag in ["--out", "--output"] {
            let target = folder.path("converted\(flag).json")
            let run = try CLI.run(["convert", "Samples/valid/og-public-org-dga.json", "--to", "json", flag, target])
            #expect(run.status == 0 && run.stdout.isEmpty, "\(flag) \(run.stderr)")
            #expect(FileManager.default.fileExists(atPath: target))
        }
    }

    @Test func oneEntryIsNamedWithApplicationOrThePositionalShorthand() throws {
        let folder = try RankFolder()
        #expect(try folder.demo().status == 0)
        let positional = try CLI.run(["report", "PG-2568-0107", "--db", folder.db])
        let named = try CLI.run(["report", "--application", "PG-2568-0107", "--db", folder.db])
        #expect(named.status == 0 && named.stdoutData == positional.stdoutData)
        #expect(try CLI.run(["report", "--db", folder.db]).status == 2)
        #expect(try CLI.run(["report", "PG-2568-0107", "--application", "PG-2568-0406", "--db", folder.db]).status == 2)

        let visit = try CLI.run(["sitevisit", "--application", "PG-2568-0107", "confirmed", "--reason", "seen", "--db", folder.db])
        #expect(visit.status == 0 && visit.stdout.contains("site visit recorded for PG-2568-0107: confirmed"), "\(visit.stderr)")
        #expect(try CLI.run(["sitevisit", "confirmed", "--reason", "seen", "--db", folder.db]).status == 2)
        #expect(try CLI.run(["sitevisit", "--application", "PG-2568-0107", "maybe", "--reason", "seen", "--db", folder.db]).status == 2)
        let unknown = try CLI.run(["sitevisit", "--application", "PG-2568-9999", "confirmed", "--reason", "x", "--db", folder.db])
        #expect(unknown.status == 1)
    }

    @Test func everyCommandThatPrintsTakesLang() throws {
        let folder = try RankFolder()
        #expect(try folder.demo().status == 0)
        let status = try CLI.run(["status", "--db", folder.db, "--lang", "th"])
        #expect(status.status == 0 && status.stdout.contains("บันทึกเหตุการณ์: ถูกต้อง"), "\(status.stderr)")
        #expect(try CLI.run(["status", "--db", folder.db, "--lang", "en"]).stdout.contains("ledger: OK"))
        for arguments in [["panel", "report"], ["assignments"], ["report", "PG-2568-0107"], ["init"]] {
            let run = try CLI.run(arguments + ["--db", folder.db, "--lang", "th"])
            #expect(run.status == 0, "\(arguments) \(run.stderr)")
        }
        let panel = try CLI.run(["panel", "report", "--db", folder.db, "--format", "json"])
        let lines = try #require(try JSONSerialization.jsonObject(with: panel.stdoutData) as? [String: Any])
        let line = try #require((lines["lines"] as? [[String: Any]])?.first)
        let application = try #require(line["application"] as? String), criterion = try #require(line["criterion"] as? String)
        let consensus = try CLI.run([
            "consensus", "--db", folder.db, "--lang", "th", "--application", application,
            "--criterion", criterion, "--percent", "50", "--reason", "ตกลงกัน", "--force",
        ])
        #expect(consensus.status == 0 && consensus.stdout.contains("บันทึกฉันทามติแล้ว"), "\(consensus.stderr)")
    }
}

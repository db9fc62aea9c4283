import Foundation
import PSEATestSupport
import Testing

@Suite("psea round commands: reports, consensus and usage", .serialized)
struct RoundReportCommandTests {
    @Test("init is idempotent and says where the database is; other commands need it")
    func initAndMissing() throws {
        let folder = try RoundFolder()
        let first = try folder.psea(["init"])
        #expect(first.status == 0 && first.stdout.contains("database created: \(folder.db)"))
        let second = try folder.psea(["init"])
        #expect(second.status == 0 && second.stdout.contains("already existed"))
        let missing = try CLI.run(["status", "--db", folder.url.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("psea init"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("none.sqlite").path))
    }

    @Test(
        "usage errors exit 2",
        arguments: [
            ["assign", "--per-entry", "0"],
            ["ingest"],
            ["consensus", "--application", "A", "--criterion", "C", "--percent", "50", "--reason", " "],
        ])
    func usage(_ arguments: [String]) throws {
        let folder = try RoundFolder()
        _ = try folder.psea(["init"])
        #expect(try folder.psea(arguments).status == 2)
    }

    @Test("scores, a flagged disagreement, consensus and the panel report in text and JSON")
    func panelReport() throws {
        let folder = try RoundFolder()
        _ = try folder.psea(["init"])
        let ingest = try folder.psea(["ingest", "Samples/valid/og-public-org-dga.json"])
        // Nothing on standard error but the one line saying the ledger is not anchored (no signing key here).
        #expect(ingest.status == 0 && ingest.stderr.split(separator: "\n").allSatisfy { $0.contains("the ledger is not anchored") })
        _ = try folder.psea(["judges", "import", try folder.write("j.csv", "id,name,ministry,province,agency\nA,a,,,\nB,b,,,\nC,c,,,\n")])
        #expect(try folder.psea(["assign", "--per-entry", "3", "--seed", "2"]).status == 0)
        let text = try folder.psea(["assignments", "--format", "text"])
        #expect(text.stdout == "A\tPG-2568-0406\nB\tPG-2568-0406\nC\tPG-2568-0406\n")
        let scores = try folder.write(
            "s.csv",
            """
            judge,application,criterion,percent,comment
            A,PG-2568-0406,OG1.1,40,
            B,PG-2568-0406,OG1.1,50,
            C,PG-2568-0406,OG1.1,90,

            """)
        #expect(try folder.psea(["scores", "import", scores]).status == 0)
        // Mean (40 + 50 + 90) / 3 = 60, median 50, range 50 > 25: flagged for consensus.
        let report = try folder.psea(["panel", "report"])
        #expect(report.status == 0)
        #expect(report.stdout.contains("PG-2568-0406\tOG1.1\tmean\t3\t60\t50\t"))
        #expect(report.stdout.contains("WIDE,NEEDS-CONSENSUS"))
        let consensus = try folder.psea([
            "consensus", "--application", "PG-2568-0406", "--criterion", "OG1.1", "--percent", "55", "--reason", "agreed after discussion",
        ])
        #expect(consensus.status == 0)
        let json = try folder.psea(["panel", "report", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let line = try #require((object["lines"] as? [[String: Any]])?.first)
        #expect(line["consensus"] as? Double == 55 && line["official"] as? Double == 55)
        #expect(line["needsConsensus"] as? Bool == false && line["wideRange"] as? Bool == true)
        #expect(line["rawValue"] as? Double == 60 && line["range"] as? Double == 50)
        #expect(object["reliability"] is [Any])
        let refused = try folder.psea(["consensus", "--application", "PG-2568-0406", "--criterion", "OG3.1", "--percent", "55", "--reason", "x"])
        #expect(refused.status == 1 && refused.stderr.contains("PSEA-RND007"))
    }

    @Test("on the demo round, the panel report gives ICC(1), ICC(1,k) and alpha with intervals for every judged criterion")
    func reliabilityOfTheDemo() throws {
        let folder = try RankFolder()
        #expect(try folder.demo().status == 0)
        let text = try CLI.run(["panel", "report", "--db", folder.db])
        #expect(text.status == 0)
        let reliability = try #require(text.stdout.components(separatedBy: "\nreliability (95 % intervals)\n").last)
        #expect(reliability.contains("ICC(1), ICC(1,k): one-way random effects, judges differ per entry"))
        #expect(reliability.contains("ICC(2,1): two-way random effects, absolute agreement; only where the design is crossed"))
        let rows = reliability.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first { $0.first == "rubric" })
        #expect(
            header == [
                "rubric", "criterion", "design", "units", "k", "ICC(1)", "95% CI", "ICC(1,k)", "95% CI",
                "alpha", "95% CI", "values", "ICC(2,1)", "95% CI",
            ])
        let criteria = rows.filter { $0.count == header.count && $0.first != "rubric" }
        // 4 rubrics with 5, 5, 4 and 4 judged criteria; judges differ per entry, so no ICC(2,1).
        #expect(criteria.count == 18)
        for row in criteria {
            #expect(row[2] == "one-way" && row[12] == "n/a", "\(row)")
            for column in [5, 7, 9] { #expect(Double(row[column]) != nil, "\(row)") }
            for column in [6, 8, 10] { #expect(row[column].hasPrefix("[") && row[column].hasSuffix("]"), "\(row)") }
        }
        let json = try CLI.run(["panel", "report", "--db", folder.db, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let rubrics = try #require(object["reliability"] as? [[String: Any]])
        let judged = rubrics.flatMap { ($0["criteria"] as? [[String: Any]]) ?? [] }
        #expect(judged.count == 18)
        for criterion in judged {
            #expect(criterion["design"] as? String == "one-way" && criterion["icc21"] == nil)
            for key in ["icc1", "icc1k", "alpha"] {
                let value = try #require(criterion[key] as? [String: Any])
                #expect(value["value"] is Double && value["lower"] is Double && value["upper"] is Double, "\(key)")
            }
        }
    }

    @Test("assign reports entries that cannot get enough judges and exits 1")
    func shortfall() throws {
        let folder = try RoundFolder()
        _ = try folder.psea(["init"])
        _ = try folder.psea(["ingest", "Samples/valid/og-province-nan.xml"])
        _ = try folder.psea(["judges", "import", try folder.write("j.csv", "id,name,ministry,province,agency\nA,a,,น่าน,\nB,b,,,\n")])
        let run = try folder.psea(["assign", "--per-entry", "2", "--seed", "1"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("entry PG-2568-0107 needs 2 judges but only 1 are free of conflict"))
        #expect(run.stdout.contains("B\tPG-2568-0107"))
    }
}

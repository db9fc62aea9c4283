import Foundation
import PSEATestSupport
import Testing

@Suite("psea ingest --late, screen, shortlist, sitevisit and status stages", .serialized)
struct StageCommandTests {
    @Test("ingest after the window is refused (exit 1), then accepted with --late --reason")
    func lateIngest() throws {
        let folder = try RoundFolder()
        #expect(try folder.psea(["init"]).status == 0)
        let file = "Samples/valid/og-public-org-dga.json"
        let refused = try folder.psea(["ingest", file, "--lang", "en"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("PSEA-RND105") && refused.stderr.contains("2025-02-28"))
        #expect(refused.stdout.contains("1 late (refused)"))
        #expect(try folder.status()["entries"] as? Int == 0)
        #expect(try folder.psea(["ingest", file, "--late"]).status == 2)
        #expect(try folder.psea(["ingest", file, "--reason", "x"]).status == 2)
        let accepted = try folder.psea(["ingest", file, "--late", "--reason", "ระบบขัดข้องวันปิดรับสมัคร", "--lang", "en"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("1 accepted late"))
        let round = try #require(try folder.status()["round"] as? [String: Any])
        let windows = try #require(round["windows"] as? [[String: Any]])
        #expect(windows.first?["state"] as? String == "closed" && windows.first?["acceptedLate"] as? Int == 1)
    }

    @Test("assign waits for screen; screen lists each entry; a staff decision needs a reason")
    func screen() throws {
        let folder = try RoundFolder()
        #expect(try folder.psea(["init"]).status == 0)
        #expect(try folder.psea(["ingest", "Samples/valid", "--late", "--reason", "tests run after the 2568 window"]).status == 0)
        _ = try folder.psea(["judges", "import", try folder.write("j.csv", "id,name,ministry,province,agency\nA,a,,,\nB,b,,,\nC,c,,,\n")])
        let early = try folder.psea(["assign", "--per-entry", "3", "--lang", "en"])
        #expect(early.status == 1 && early.stderr.contains("PSEA-RND106") && early.stderr.contains("psea screen"))
        let screened = try folder.psea(["screen", "--lang", "en"])
        #expect(screened.status == 0)
        #expect(screened.stdout.contains("PG-2568-0406\teligible") && screened.stdout.contains("12 eligible, 0 not eligible (12 recorded)"))
        #expect(try folder.psea(["screen", "--application", "PG-2568-0406", "--ineligible"]).status == 2)
        #expect(try folder.psea(["screen", "--application", "PG-2568-0406", "--eligible", "--ineligible", "--reason", "x"]).status == 2)
        #expect(try folder.psea(["screen", "--application", "PG-2568-9999", "--eligible", "--reason", "x"]).status == 1)
        let decided = try folder.psea(["screen", "--application", "PG-2568-0406", "--ineligible", "--reason", "ผลงานซ้ำ", "--lang", "en"])
        #expect(decided.status == 0 && decided.stdout.contains("not eligible"))
        let assign = try folder.psea(["assign", "--per-entry", "3", "--seed", "1", "--force", "--reason", "three judges for this test"])
        #expect(assign.status == 0 && assign.stdout.contains("not eligible, not assigned: PG-2568-0406"))
        let rank = try folder.psea(["rank", "--lang", "en"])
        #expect(rank.stdout.contains("not eligible (never ranked or published):"))
        #expect(rank.stdout.contains("PG-2568-0406\tPSEA-RND104"))
        let json = try #require(try JSONSerialization.jsonObject(with: folder.psea(["rank", "--format", "json"]).stdoutData) as? [[String: Any]])
        #expect(!json.contains { $0["application"] as? String == "PG-2568-0406" })
    }

    @Test("shortlist and sitevisit on the demo: details, refusal off the shortlist, --force")
    func shortlistAndVisits() throws {
        let folder = try RankFolder()
        let demo = try folder.demo()
        #expect(demo.status == 0)
        #expect(demo.stdout.contains("2. screened: 12 eligible") && demo.stdout.contains("7. shortlisted 6 entries"))
        let list = try CLI.run(["shortlist", "--db", folder.db, "--lang", "en"])
        #expect(list.status == 0 && list.stdout.contains("2568/open-governance: 1 (unchanged)\n  PG-2568-0107"))
        // PG-2568-0406 is good, not in the outstanding range.
        let refused = try CLI.run(["sitevisit", "PG-2568-0406", "confirmed", "--reason", "ขอตรวจเพิ่ม", "--db", folder.db])
        #expect(refused.status == 1 && refused.stderr.contains("PSEA-RES101"))
        let bad = ["--mode", "by-post"]
        #expect(try CLI.run(["sitevisit", "PG-2568-0107", "confirmed", "--reason", "x", "--db", folder.db] + bad).status == 2)
        #expect(try CLI.run(["sitevisit", "PG-2568-0107", "confirmed", "--reason", "x", "--date", "12/06/2025", "--db", folder.db]).status == 2)
        #expect(try CLI.run(["sitevisit", "PG-2568-0107", "confirmed", "--reason", "x", "--team", " ; ", "--db", folder.db]).status == 2)
        let forced = try CLI.run([
            "sitevisit", "PG-2568-0406", "confirmed", "--reason", "คณะอนุกรรมการขอให้ตรวจเพิ่ม", "--force", "--mode", "online", "--date",
            "2025-08-01", "--team", "นาย ก; นาง ข", "--notes", "สัมภาษณ์ผ่านระบบประชุมออนไลน์", "--db", folder.db,
        ])
        #expect(forced.status == 0, "\(forced.stderr)")
        let status = try CLI.run(["status", "--db", folder.db, "--lang", "en"])
        #expect(status.stdout.contains("screening: entries 12 · eligible 12 · not eligible 0 · not screened 0"))
        #expect(status.stdout.contains("2568/open-governance: entries 3 (not eligible 0) · desk review waiting 0 · shortlisted 1 · "))
        let json = try #require(
            try JSONSerialization.jsonObject(with: CLI.run(["status", "--db", folder.db, "--format", "json"]).stdoutData) as? [String: Any])
        let types = try #require((json["round"] as? [String: Any])?["types"] as? [[String: Any]])
        #expect(types.count == 4 && types.allSatisfy { $0["shortlisted"] is Int && $0["approval"] is [String: Any] })
    }

    @Test("rubric show YEAR/round shows the window, the stages and each sub-type's rules; a year without one exits 2")
    func showRound() throws {
        let th = try CLI.run(["rubric", "show", "2568/round", "--lang", "th"])
        #expect(th.status == 0)
        #expect(th.stdout.contains("รับสมัคร 6 ม.ค. 2568 ถึง 28 ก.พ. 2568") && th.stdout.contains("ผู้พิจารณาตัดสิน: สำนักงาน ป.ย.ป."))
        #expect(th.stdout.contains("ต้องเป็นผลงานที่เคยได้รับรางวัลมาก่อน") && !th.stdout.contains("state-enterprise"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: CLI.run(["rubric", "show", "2568/round", "--format", "json"]).stdoutData) as? [String: Any])
        #expect(json["closes"] as? String == "2025-02-28" && (json["types"] as? [Any])?.count == 4)
        #expect(try CLI.run(["rubric", "show", "2567/round"]).status == 2)
    }

    @Test("a broken round file: rubric check names its line (exit 1), a round command stops (exit 2)")
    func brokenRoundFile() throws {
        let (folder, rubrics) = try rubricsCopy { $0.replacingOccurrences(of: "closes: 2025-02-28", with: "closes: 2025-02-31") }
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try CLI.run(["rubric", "check", rubrics.appendingPathComponent("2568/round.yaml").path, "--lang", "en"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("round.yaml:10: PSEA-R040"))
        let round = try RoundFolder()
        #expect(try round.psea(["init"]).status == 0)
        let stopped = try round.psea(["screen", "--rubrics", rubrics.path])
        #expect(stopped.status == 2 && stopped.stderr.contains("PSEA-R040") && stopped.stderr.contains("round.yaml"))
    }
}

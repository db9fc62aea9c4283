import Foundation
import PSEATestSupport
import Testing

/// A temporary folder for one test, removed when the test ends.
final class RankFolder {
    let url: URL

    init() throws {
        url = try makeTemporaryFolder("psea-cli-rank")
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The demo round, run into `demo/` of the folder.
    func demo() throws -> CLI.Run {
        try CLI.run(["demo", "--out", path("demo")])
    }

    var db: String { path("demo/demo.sqlite") }

    func data(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }
}

@Suite("psea demo, rank, sitevisit, export, report, verify --against", .serialized)
struct RankCommandTests {
    @Test func demoFinishesAndWritesThePublicationPage() throws {
        let folder = try RankFolder()
        let run = try folder.demo()
        #expect(run.status == 0, "\(run.stderr)")
        let html = String(decoding: try folder.data("demo/index.html"), as: UTF8.self)
        #expect(html.contains("ผลการตัดสินรางวัลเลิศรัฐ สาขาการบริหารราชการแบบมีส่วนร่วม ประจำปี พ.ศ. 2568"))
        #expect(html.contains("กรมทรัพยากรน้ำ"))
        for name in ["results.csv", "results-effective-change.csv", "scores.csv", "results.json", "results-staff.json", "staff.html"] {
            #expect(FileManager.default.fileExists(atPath: folder.path("demo/" + name)), "\(name)")
        }
        // The public page and sheet carry no score or rank; the demo ends approved, so no file says ร่าง / DRAFT.
        #expect(!html.contains("DRAFT"))
        #expect(!html.contains("คะแนน <span"))
        #expect(!html.contains("อันดับ"))
        let sheet = String(decoding: try folder.data("demo/results.csv"), as: UTF8.self)
        #expect(sheet.hasPrefix("\u{FEFF}สถานะการประกาศ,ปี,ประเภท,ชื่อประเภท,ระดับรางวัล,หน่วยงาน"))
        #expect(sheet.split(separator: "\r\n").dropFirst().allSatisfy { $0.hasPrefix("ประกาศผล / final,") })
        let reports = try FileManager.default.contentsOfDirectory(atPath: folder.path("demo/reports")).sorted()
        #expect(reports.count == 2 && reports.allSatisfy { $0.hasSuffix(".html") || $0.hasSuffix(".md") })
        #expect(run.stdout.contains("index.html"))
        #expect(run.stdout.contains("1. ingested 12 applications"))
        // Every stage is done: status shows each sub-type approved; approve checks its options.
        let status = try CLI.run(["status", "--db", folder.db])
        #expect(status.status == 0)
        #expect(status.stdout.contains("2568/open-governance: entries 3 · desk review waiting 0 · site visits 1, pending 0 · approved"))
        #expect(!status.stdout.contains("next:"))
        let badDate = try CLI.run(["approve", "--db", folder.db, "--type", "open-governance", "--meeting", "m", "--date", "2025-13-01"])
        #expect(badDate.status == 2)
        let again = try CLI.run(["approve", "--db", folder.db, "--type", "open-governance", "--meeting", "ครั้งที่ 2", "--date", "2025-08-21"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("approval recorded for open-governance 2568: ครั้งที่ 2 on 2025-08-21"))
        // Only the assigned judges' rows of the shipped scores are imported: 5 judges per entry.
        let scores = String(decoding: try folder.data("demo/scores.csv"), as: UTF8.self)
        let pairs = Set(scores.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") })
        #expect(pairs.count == 60)
    }

    @Test func demoTwiceGivesTheSameFiles() throws {
        let folder = try RankFolder()
        #expect(try folder.demo().status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path("demo")).filter { $0 != "demo.sqlite" && $0 != "reports" }
            .sorted()
        // The exports, the signed checkpoint and the demo's key.
        #expect(names.count == 12)
        let first = try names.map { try folder.data("demo/" + $0) }
        #expect(try folder.demo().status == 0)
        let second = try names.map { try folder.data("demo/" + $0) }
        #expect(first == second)
    }

    @Test func verifyAgainstPassesOnAFreshExportAndFailsAfterAHandEdit() throws {
        let folder = try RankFolder()
        #expect(try folder.demo().status == 0)
        let fresh = try CLI.run(["export", "--db", folder.db, "--format", "csv", "--out", folder.path("export")])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let passed = try CLI.run(["verify", "--db", folder.db, "--against", folder.path("export")])
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        #expect(passed.stdout.contains("export: 1 file(s) match the ledger: results.csv"))

        // The staff export, with English headers, and every public format: each file is recomputed.
        for arguments in [
            ["--format", "csv", "--audience", "staff", "--header", "en"], ["--format", "json", "--audience", "staff"],
            ["--format", "html", "--audience", "staff"], ["--format", "json"], ["--format", "html"],
        ] {
            let run = try CLI.run(["export", "--db", folder.db, "--out", folder.path("export")] + arguments)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let all = try CLI.run(["verify", "--db", folder.db, "--against", folder.path("export")])
        #expect(all.status == 0, "\(all.stdout)\(all.stderr)")
        #expect(all.stdout.contains("export: 10 file(s) match the ledger"))

        // Someone raises a score by hand in a staff sheet.
        let csvPath = folder.path("export/results-effective-change.csv")
        var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: csvPath)), as: UTF8.self)
        let range = try #require(text.range(of: ",ranked,"))
        text.replaceSubrange(range, with: ",ranked,9")
        try Data(text.utf8).write(to: URL(fileURLWithPath: csvPath))
        let failed = try CLI.run(["verify", "--db", folder.db, "--against", folder.path("export")])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("export: FAILED: results-effective-change.csv: line 2 differs"))

        // A folder with no export at all is an I/O error.
        try FileManager.default.createDirectory(atPath: folder.path("empty"), withIntermediateDirectories: true)
        let empty = try CLI.run(["verify", "--db", folder.db, "--against", folder.path("empty")])
        #expect(empty.status == 2)
    }

    @Test("entries without a rubric stop rank, export and report with exit 2, naming the folder looked in")
    func entriesWithoutARubricStopTheCommand() throws {
        let folder = try RankFolder()
        // A round whose rubrics are not frozen yet (ingested, never assigned).
        let db = folder.path("round.sqlite")
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        #expect(try CLI.run(["ingest", "Samples/valid", "--db", db]).status == 0)
        // A rubric folder with the bands but no rubric for 2568: none of the twelve entries can be ranked.
        let rubrics = folder.url.appendingPathComponent("rubrics")
        try FileManager.default.createDirectory(at: rubrics, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("Rubrics/bands.yaml"),
            to: rubrics.appendingPathComponent("bands.yaml"))
        for language in ["en", "th"] {
            let run = try CLI.run(["rank", "--db", db, "--rubrics", rubrics.path, "--lang", language])
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("PSEA-R024"))
            #expect(run.stderr.contains(language == "en" ? "no rubric for 2568/" : "ไม่มีเกณฑ์การให้คะแนนสำหรับ 2568/"), "\(run.stderr)")
            #expect(run.stderr.contains(rubrics.path))
        }
        let export = try CLI.run(["export", "--db", db, "--rubrics", rubrics.path, "--format", "csv", "--out", folder.path("no-rubric")])
        #expect(export.status == 2, "\(export.stderr)")
        #expect(export.stderr.contains("PSEA-R024"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("no-rubric/results.csv")))
        // Once assign froze them, the rubrics come from the ledger: the same folder changes nothing, and says so.
        #expect(try folder.demo().status == 0)
        let genuine = try CLI.run(["rank", "--db", folder.db])
        let frozen = try CLI.run(["rank", "--db", folder.db, "--rubrics", rubrics.path])
        #expect(frozen.status == 0 && frozen.stdout == genuine.stdout)
        #expect(frozen.stderr.contains("PSEA-RND030") && frozen.stderr.contains("now missing"))
        let oneType = try CLI.run(["rank", "--db", folder.db, "--rubrics", rubrics.path, "--type", "open-governance"])
        #expect(oneType.status == 0 && oneType.stdout.contains("2568/open-governance"), "\(oneType.stderr)")
    }

    @Test func rankAndExportTwiceAreByteIdentical() throws {
        let folder = try RankFolder()
        #expect(try folder.demo().status == 0)
        let first = try CLI.run(["rank", "--db", folder.db, "--format", "json"])
        let second = try CLI.run(["rank", "--db", folder.db, "--format", "json"])
        #expect(first.status == 0)
        #expect(first.stdoutData == second.stdoutData)
        let array = try #require(try JSONSerialization.jsonObject(with: first.stdoutData) as? [[String: Any]])
        #expect(array.count == 12)
        #expect(Set(array.compactMap { $0["status"] as? String }).isSubset(of: ["ranked", "incomplete", "gate-failed"]))
        for format in ["csv", "json", "html"] {
            for audience in ["public", "staff"] {
                for out in ["a", "b"] {
                    let arguments = ["export", "--db", folder.db, "--format", format, "--audience", audience, "--out", folder.path(out)]
                    #expect(try CLI.run(arguments).status == 0)
                }
            }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path("a")).sorted()
        #expect(
            names == [
                "index.html", "results-effective-change.csv", "results-open-governance.csv", "results-participation-expanded.csv",
                "results-poverty-integration.csv", "results-staff.json", "results.csv", "results.json", "scores.csv", "staff.html",
            ])
        for name in names { #expect(try folder.data("a/" + name) == folder.data("b/" + name), "\(name)") }
        let typed = try CLI.run(["rank", "--db", folder.db, "--type", "open-governance", "--format", "json"])
        let onlyOpen = try #require(try JSONSerialization.jsonObject(with: typed.stdoutData) as? [[String: Any]])
        #expect(onlyOpen.count == 3 && onlyOpen.allSatisfy { $0["type"] as? String == "open-governance" })
    }

    @Test func rankRecordsOneSeedPerSubTypeOnceAndListsIncompleteEntries() throws {
        let folder = try RankFolder()
        let db = folder.path("round.sqlite")
        #expect(try CLI.run(["init", "--db", db]).status == 0)
        #expect(try CLI.run(["ingest", "--db", db, "Samples/valid"]).status == 0)
        func events() throws -> Int {
            let run = try CLI.run(["status", "--db", db, "--format", "json"])
            let status = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
            return try #require(status["events"] as? Int)
        }
        let before = try events()
        let first = try CLI.run(["rank", "--db", db, "--seed", "7", "--format", "json"])
        #expect(first.status == 0)
        #expect(try events() == before + 4)
        let second = try CLI.run(["rank", "--db", db, "--format", "json"])
        #expect(try events() == before + 4)
        #expect(first.stdoutData == second.stdoutData)
        // No judges yet: every entry is incomplete, none is ranked.
        let array = try #require(try JSONSerialization.jsonObject(with: first.stdoutData) as? [[String: Any]])
        #expect(array.count == 12)
        #expect(array.allSatisfy { $0["status"] as? String == "incomplete" && $0["rank"] is NSNull })
        let text = try CLI.run(["rank", "--db", db])
        #expect(text.stdout.contains("missing: 0 judges assigned; the rubric requires at least"))
        #expect(text.stdout.contains("lottery seed") == false)
    }

    @Test func siteVisitChangesTheLevelAndUnknownEntriesAreRefused() throws {
        let folder = try RankFolder()
        #expect(try folder.demo().status == 0)
        let ranked = try #require(
            try JSONSerialization.jsonObject(with: CLI.run(["rank", "--db", folder.db, "--format", "json"]).stdoutData) as? [[String: Any]])
        // The demo visits every entry in the outstanding range; a visit recorded again replaces the first.
        let pending = try #require(ranked.first { $0["siteVisit"] as? String == "confirmed" && $0["level"] as? String == "outstanding" })
        let id = try #require(pending["application"] as? String)
        let visit = try CLI.run(["sitevisit", id, "not-confirmed", "--reason", "ไม่พบการดำเนินงานตามที่เสนอ", "--db", folder.db])
        #expect(visit.status == 0, "\(visit.stderr)")
        let after = try #require(
            try JSONSerialization.jsonObject(with: CLI.run(["rank", "--db", folder.db, "--format", "json"]).stdoutData) as? [[String: Any]])
        let entry = try #require(after.first { $0["application"] as? String == id })
        #expect(entry["siteVisit"] as? String == "not-confirmed")
        #expect(entry["level"] as? String == "good")

        let unknown = try CLI.run(["sitevisit", "PG-2568-9999", "confirmed", "--reason", "x", "--db", folder.db])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("PG-2568-9999"))
        let blank = try CLI.run(["sitevisit", id, "confirmed", "--reason", " ", "--db", folder.db])
        #expect(blank.status == 2)
    }

    @Test func reportOfAnEntryAndOfAnUnknownOne() throws {
        let folder = try RankFolder()
        #expect(try folder.demo().status == 0)
        let md = try CLI.run(["report", "PG-2568-0107", "--db", folder.db])
        #expect(md.status == 0)
        #expect(md.stdout.hasPrefix("# รายงานผลการประเมินป้อนกลับ — Feedback report"))
        #expect(md.stdout.contains("จังหวัดน่าน"))
        #expect(!md.stdout.contains("J0"))
        let html = try CLI.run(["report", "PG-2568-0107", "--format", "html", "--db", folder.db])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        let unknown = try CLI.run(["report", "PG-2568-9999", "--db", folder.db])
        #expect(unknown.status == 1)
    }
}

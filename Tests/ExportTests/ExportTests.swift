import Foundation
import Model
import PSEATestSupport
import Ranking
import Testing

@testable import Export

private func text(_ file: ExportFile) -> String { String(decoding: file.data, as: UTF8.self) }

private func allFiles(_ bundle: ExportBundle) -> [ExportFile] {
    ExportAudience.allCases.flatMap { audience in ExportFormat.allCases.flatMap { Exporter.files(bundle, format: $0, audience: audience) } }
}

@Suite struct DeterminismTests {
    @Test func twoRunsGiveByteIdenticalFiles() throws {
        let first = allFiles(exportBundle())
        // The same round given in another order: entries and scores reversed.
        let second = allFiles(exportBundle(entries: exportEntries().reversed(), scores: exportScores().reversed()))
        #expect(
            first.map(\.name) == [
                "results.csv", "results.json", "index.html", "results-effective-change.csv", "scores.csv", "results-staff.json", "staff.html",
            ])
        #expect(first == second)
        let ranking = exportBundle().ranking
        for entry in ranking.entries {
            for format in FeedbackReport.Format.allCases {
                let a = FeedbackReport.render(entry, in: ranking, scores: exportScores(), format: format)
                let b = FeedbackReport.render(entry, in: ranking, scores: exportScores().reversed(), format: format)
                #expect(a == b)
            }
        }
    }

    @Test func writesFilesIntoAFolderTwiceIdentically() throws {
        let directory = temporaryPath("psea-export")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = allFiles(exportBundle())
        try Exporter.write(files, to: directory)
        let once = try files.map { try Data(contentsOf: directory.appendingPathComponent($0.name)) }
        try Exporter.write(files, to: directory)
        let twice = try files.map { try Data(contentsOf: directory.appendingPathComponent($0.name)) }
        #expect(once == files.map(\.data))
        #expect(once == twice)
    }

    @Test func unwritableFolderIsAnError() throws {
        let blocker = temporaryPath("psea-blocker")
        try Data("x".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        #expect(throws: PSEAError.self) { try Exporter.write(allFiles(exportBundle()), to: blocker.appendingPathComponent("out")) }
    }
}

/// `psea export` streams CSV and JSON to their files in pieces; the bytes must be those built in memory.
@Suite struct StreamedJSONTests {
    @Test func piecesJoinToTheSameDocument() {
        let bundle = exportBundle()
        var pieces: [[UInt8]] = []
        JSONExport.write(bundle, chunkBytes: 64) { pieces.append(Array($0)) }
        let whole = JSONExport.data(bundle)
        #expect(pieces.count > 10)
        #expect(Data(pieces.joined()) == whole)
        #expect(pieces.dropLast().allSatisfy { $0.count >= 64 })
        var rows: [[UInt8]] = []
        CSVExport.writeScores(bundle, chunkBytes: 16) { rows.append(Array($0)) }
        #expect(rows.count > 3)
        #expect(Data(rows.joined()) == CSVExport.staffFiles(bundle, header: .th)[1].data)
    }

    @Test func exportWritesTheFileAndReplacesAnOlderOne() throws {
        let directory = temporaryPath("psea-export")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(Exporter.staffJSON)
        try Data("an older, longer export that must not survive in part".utf8).write(to: url)
        let bundle = exportBundle()
        #expect(try Exporter.export(bundle, format: .json, audience: .staff, to: directory) == [Exporter.staffJSON])
        #expect(try Data(contentsOf: url) == JSONExport.data(bundle))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [Exporter.staffJSON])
        let sheet = "results-effective-change.csv"
        #expect(try Exporter.export(bundle, format: .csv, audience: .staff, to: directory) == [sheet, Exporter.scoresCSV])
        for file in CSVExport.staffFiles(bundle, header: .th) {
            #expect(try Data(contentsOf: directory.appendingPathComponent(file.name)) == file.data)
        }
        #expect(try Exporter.export(bundle, format: .csv, audience: .public, to: directory) == [Exporter.resultsCSV])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
                == [Exporter.staffJSON, sheet, Exporter.scoresCSV, Exporter.resultsCSV].sorted())
    }

    @Test func anUnwritableFolderIsAnErrorAndLeavesNothing() throws {
        let blocker = temporaryPath("psea-blocker")
        try Data("x".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        #expect(throws: PSEAError.self) {
            try Exporter.export(exportBundle(), format: .json, audience: .staff, to: blocker.appendingPathComponent("out"))
        }
        let readOnly = try makeTemporaryFolder("psea-readonly")
        defer { try? FileManager.default.removeItem(at: readOnly) }
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: readOnly.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: readOnly.path) }
        if getuid() != 0 {
            #expect(throws: PSEAError.self) { try Exporter.export(exportBundle(), format: .json, audience: .staff, to: readOnly) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: readOnly.path).isEmpty)
        }
    }
}

@Suite struct ThaiCollationTests {
    @Test func publicRowsFollowThaiOrderWithinALevel() throws {
        let table = PublicResults.table(exportBundle(), header: .en)
        let agencyColumn = try #require(table[0].firstIndex(of: "agency"))
        let levelColumn = try #require(table[0].firstIndex(of: "level"))
        let good = table.dropFirst().filter { $0[levelColumn] == "ดี" }.map { $0[agencyColumn] }
        #expect(good == thaiOrder.filter(good.contains))
        #expect(good.count > 3)
        // Code-point order would put every leading vowel last: the test would catch it.
        #expect(thaiOrder.sorted() != thaiOrder)
    }

    @Test func htmlListsAgenciesInThaiOrder() throws {
        let html = PublicationPage.html(exportBundle(), audience: .public)
        let positions = try thaiOrder.map { name in
            try #require(html.range(of: "<p class=\"agency\">\(name)</p>")?.lowerBound)
        }
        #expect(positions == positions.sorted())
    }
}

@Suite struct CSVTests {
    @Test func staffSheetsHaveBOMStableColumnsAndPerCriterionValues() throws {
        let files = CSVExport.staffFiles(exportBundle(), header: .en)
        #expect(files.map(\.name) == ["results-effective-change.csv", "scores.csv"])
        let results = files[0].data
        #expect(Array(results.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let body = text(files[0])
        let header = try #require(body.dropFirst().components(separatedBy: "\r\n").first)
        #expect(
            header
                == (CSVExport.resultColumns + ["P1", "P2", "R1", "R2"].flatMap { id in ["_percent", "_points", "_n", "_source"].map { id + $0 } })
                .joined(separator: ","))
        let table = try #require(CSVExport.staffTables(exportBundle(), header: .en).first?.table)
        let row = try #require(table.first { $0[0] == "EC-2568-0020" })
        let column = { (name: String) in table[0].firstIndex(of: name) ?? 0 }
        #expect(row[column("score")] == "86")
        #expect(row[column("level")] == "ดีเด่น")
        #expect(row[column("site_visit")] == "confirmed")
        #expect(row[column("rank")] == "1")
        #expect(row[column("R2_source")] == "consensus")
        #expect(row[column("R2_points")] == "32")
        #expect(row[column("R2_n")] == "3")
        let waiting = try #require(table.first { $0[0] == "EC-2568-0030" })
        #expect(waiting[column("status")] == "incomplete")
        #expect(waiting[column("P1_source")] == "missing")
        #expect(waiting[column("missing")] == "criterion P1 has no panel scores yet")
        // Every row has as many cells as the header.
        #expect(table.allSatisfy { $0.count == table[0].count })
        // The quoted agency name survives CSV quoting.
        #expect(body.contains("\"กรมทดสอบ <ดีเด่น> & \"\"ที่หนึ่ง\"\"\""))
    }

    @Test func scoresFileHasEveryScoreQuotedAndDefused() throws {
        let body = text(CSVExport.staffFiles(exportBundle(), header: .th)[1])
        let lines = body.dropFirst().components(separatedBy: "\r\n")
        #expect(lines[0] == "judge,application,criterion,percent,band,comment,strength,opportunity")
        #expect(lines.count == exportScores().count + 2)
        #expect(lines.last == "")
        #expect(lines[1].hasPrefix("J1,EC-2568-0001,P1,70,70–85,"))
        #expect(body.contains("J1,EC-2568-0020,P1,85,70–85,,\"ผู้บริหารกำหนดทิศทางชัดเจน, มีส่วนร่วมทุกระดับ\","))
        #expect(body.contains("J3,EC-2568-0020,P1,95,70–85,+ ดูจาก") == false)
        #expect(body.contains("J3,EC-2568-0020,P1,95,70–85,'+ ดูจากรายงานการประชุมสามปี,"))
        #expect(body.contains("J1,EC-2568-0020,R2,60,50–65,,'=SUM(A1:A9),"))
        #expect(body.contains(",\"ควรเลือกคู่เปรียบเทียบที่ \"\"ใกล้เคียง\"\" กว่านี้\""))
    }
}

@Suite struct CSVFieldTests {
    /// A field is quoted when its bytes hold a comma, quote, CR or LF, even where a combining mark makes that
    /// character part of a larger one; Thai text alone is never quoted.
    @Test func quotingIsDecidedOnBytes() {
        #expect(CSVText.field("ไทย ภาษา") == "ไทย ภาษา")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field(",\u{0301}") == "\",\u{0301}\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("line\r\nnext") == "\"line\r\nnext\"")
        #expect(CSVExport.encode([["a", "b,c"], ["ก"]]) == Data("\u{FEFF}a,\"b,c\"\r\nก\r\n".utf8))
    }
}

@Suite struct JSONExportTests {
    @Test("JSON exports and the HTML footer carry the last signed checkpoint and each rubric's hash; null without one")
    func carriesTheCheckpoint() throws {
        var bundle = exportBundle()
        for data in [JSONExport.data(bundle), PublicResults.json(bundle)] {
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(root["checkpoint"] is NSNull)
            let rubrics = try #require(root["rubrics"] as? [[String: Any]])
            #expect(rubrics.first?["sha256"] as? String == String(repeating: "ab", count: 32))
        }
        bundle.checkpoint = Checkpoint(
            events: 42, head: String(repeating: "0f", count: 32), publicKey: String(repeating: "1a", count: 32),
            signature: String(repeating: "2b", count: 64))
        for data in [JSONExport.data(bundle), PublicResults.json(bundle)] {
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let checkpoint = try #require(root["checkpoint"] as? [String: Any])
            #expect(checkpoint["events"] as? Int == 42 && checkpoint["publicKey"] as? String == String(repeating: "1a", count: 32))
            #expect(checkpoint["signature"] as? String == String(repeating: "2b", count: 64))
        }
        for audience in ExportAudience.allCases {
            let html = PublicationPage.html(bundle, audience: audience)
            #expect(html.contains("Signed checkpoint") && html.contains(String(repeating: "1a", count: 32)))
        }
    }

    @Test func carriesHashesLedgerHeadAndTheSameContent() throws {
        let bundle = exportBundle()
        let data = JSONExport.data(bundle)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["format"] as? String == "psea-results/1")
        #expect(root["ledgerHead"] as? String == String(repeating: "0f", count: 32))
        #expect(root["generatedAt"] is NSNull)
        let rubrics = try #require(root["rubrics"] as? [[String: Any]])
        #expect(rubrics.first?["sha256"] as? String == String(repeating: "ab", count: 32))
        #expect(rubrics.first?["lotterySeed"] as? Int == 2568)
        let entries = try #require(root["entries"] as? [[String: Any]])
        #expect(entries.count == bundle.ranking.entries.count)
        #expect(entries.compactMap { $0["agency"] as? String }.filter { thaiOrder.contains($0) } == thaiOrder)
        let top = try #require(entries.first { $0["application"] as? String == "EC-2568-0020" })
        #expect(top["score"] as? Double == 86)
        let criteria = try #require(top["criteria"] as? [[String: Any]])
        #expect(criteria.map { $0["criterion"] as? String } == ["P1", "P2", "R1", "R2"])
        #expect(criteria[3]["consensusReason"] as? String == "กรรมการประชุมแล้วเห็นพ้องที่ร้อยละ 80")
        #expect(criteria[3]["spread"] as? Int == 40)
        let scores = try #require(root["scores"] as? [[String: Any]])
        #expect(scores.count == exportScores().count)
        // A time stamp appears only when passed in.
        var stamped = bundle
        stamped.generatedAt = "2025-09-15T10:00:00+07:00"
        let stampedRoot = try #require(try JSONSerialization.jsonObject(with: JSONExport.data(stamped)) as? [String: Any])
        #expect(stampedRoot["generatedAt"] as? String == "2025-09-15T10:00:00+07:00")
    }
}

@Suite struct PublicationPageTests {
    @Test func thaiFirstStaticAndEscaped() throws {
        let html = PublicationPage.html(exportBundle(), audience: .staff)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"th\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("@media print"))
        #expect(html.contains("ผลการตัดสินรางวัลเลิศรัฐ สาขาการบริหารราชการแบบมีส่วนร่วม ประจำปี พ.ศ. 2568"))
        #expect(html.contains("2568 BE (2025)"))
        // No scripts and nothing to fetch.
        for forbidden in ["<script", "src=", "href=", "url(", "@import", "http://", "https://"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(html.contains("กรมทดสอบ &lt;ดีเด่น&gt; &amp; &quot;ที่หนึ่ง&quot;"))
        #expect(!html.contains("<ดีเด่น>"))
        // Levels in order: outstanding before good; the incomplete entry is only counted.
        let outstanding = try #require(html.range(of: "<h3>ระดับดีเด่น")?.lowerBound)
        let good = try #require(html.range(of: "<h3>ระดับดี <span")?.lowerBound)
        #expect(outstanding < good)
        #expect(!html.contains("อำเภอรอผล"))
        #expect(html.contains("อยู่ระหว่างการพิจารณา 1 ผลงาน"))
        // Tied ranks carry their reason.
        #expect(html.contains("ตัดสินด้วยการจับสลาก (seed 2568)"))
        #expect(html.contains(String(repeating: "ab", count: 32)))
    }

    @Test func pendingSiteVisitsArePublishedAsProvisional() {
        let entries = [exportEntry("EC-2568-0001", agency: "จังหวัดน่าน", p1: 90, p2: 90, r1: 90, r2: 90)]
        let html = PublicationPage.html(exportBundle(entries: entries, scores: []), audience: .public)
        #expect(html.contains("ผลเบื้องต้น รอการตรวจประเมิน ณ พื้นที่ปฏิบัติงาน (Site Visit)"))
        #expect(!html.contains("<h3>ระดับยอดเยี่ยม"))
    }

    @Test func emptyRound() {
        let html = PublicationPage.html(exportBundle(entries: [], scores: []), audience: .public)
        #expect(html.contains("ยังไม่มีผลงานในรอบนี้"))
    }
}

/// The public results list winners by level as OPDC publishes them; the staff sheets keep the panel's figures.
@Suite struct AudienceTests {
    @Test func publicFilesHaveNoScoreRankOrTieAndSayDraftUntilApproved() throws {
        let bundle = exportBundle()
        let html = PublicationPage.html(bundle, audience: .public)
        #expect(html.contains("<title>[ร่าง / DRAFT] ผลการตัดสิน"))
        #expect(html.contains("<p class=\"draft\">ร่าง"))
        for hidden in ["คะแนน <span", "อันดับ", "จับสลาก", "seed", "<code>EC-2568"] {
            #expect(!html.contains(hidden), "found \(hidden)")
        }
        let table = PublicResults.table(bundle, header: .th)
        #expect(table[0] == PublicResults.columnsTh)
        #expect(table.count > 1)
        #expect(table.dropFirst().allSatisfy { $0[0] == "ร่าง / DRAFT" })
        #expect(!table.joined().joined().contains("86"))
        // Outstanding before good within the sub-type; entries without an award or still judged are not listed.
        let levels = table.dropFirst().map { $0[4] }
        #expect(levels.first == "ดีเด่น")
        #expect(levels == levels.sorted { ($0 == "ดีเด่น" ? 0 : 1) < ($1 == "ดีเด่น" ? 0 : 1) })
        #expect(!table.contains { $0.contains("อำเภอรอผล") })
        let json = try #require(try JSONSerialization.jsonObject(with: PublicResults.json(bundle)) as? [String: Any])
        #expect(json["draft"] as? Bool == true)
        let winners = try #require(json["winners"] as? [[String: Any]])
        #expect(winners.count == table.count - 1)
        #expect(winners.allSatisfy { $0["score"] == nil && $0["rank"] == nil })

        var approved = bundle
        approved.approved = true
        #expect(!PublicationPage.html(approved, audience: .public).contains("DRAFT"))
        #expect(PublicResults.table(approved, header: .en).dropFirst().allSatisfy { $0[0] == "ประกาศผล / final" })
        let final = try #require(try JSONSerialization.jsonObject(with: PublicResults.json(approved)) as? [String: Any])
        #expect(final["draft"] as? Bool == false)
    }

    @Test func staffSheetsAreInRankOrderWithThaiHeadersByDefault() throws {
        let table = try #require(CSVExport.staffTables(exportBundle(), header: .th).first?.table)
        #expect(Array(table[0].prefix(CSVExport.resultColumnsTh.count)) == CSVExport.resultColumnsTh)
        #expect(table[0].contains("P1 ร้อยละ"))
        let rank = try #require(table[0].firstIndex(of: "อันดับ"))
        let status = try #require(table[0].firstIndex(of: "สถานะ"))
        let ranked = table.dropFirst().prefix { $0[status] == "ranked" }.compactMap { Int($0[rank]) }
        #expect(ranked.count > 3)
        #expect(ranked == ranked.sorted())
        #expect(table.dropFirst().drop { $0[status] == "ranked" }.allSatisfy { $0[status] != "ranked" })
        // The staff page keeps scores and ranks and says DRAFT too.
        let page = PublicationPage.html(exportBundle(), audience: .staff)
        #expect(page.contains("คะแนน <span") && page.contains("DRAFT"))
    }
}

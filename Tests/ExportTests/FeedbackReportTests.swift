import Foundation
import Model
import Panel
import Ranking
import Testing

@testable import Export

@Suite struct FeedbackReportTests {
    func report(_ id: String, _ format: FeedbackReport.Format) throws -> String {
        let bundle = exportBundle()
        let entry = try #require(bundle.ranking.entry(id))
        return FeedbackReport.render(entry, in: bundle.ranking, scores: exportScores(), format: format)
    }

    @Test func markdownExplainsEveryCriterionWithoutNamingJudges() throws {
        let md = try report("EC-2568-0020", .md)
        #expect(md.hasPrefix("# รายงานผลการประเมินป้อนกลับ — Feedback report\n"))
        #expect(md.contains("- คะแนนรวม (final score): 86 จาก 100 คะแนน"))
        #expect(md.contains("- ระดับรางวัล (award level): ดีเด่น (Outstanding)"))
        #expect(md.contains("อันดับในประเภท (rank in the sub-type): 1 จาก 11 ผลงานที่จัดอันดับ"))
        #expect(md.contains("ผลการตรวจประเมิน ณ พื้นที่ปฏิบัติงาน (Site Visit): ยืนยัน"))
        // The criterion table: band, points, n and spread.
        #expect(md.contains("| R2 | คำนวณเบื้องต้นแล้วกรรมการปรับได้ | 80 | 70–85 | 32/40 | 3 | 40 |"))
        #expect(md.contains("| มิติทดสอบ (dimension test) | 50 | 85 | ผ่าน (met) |"))
        // Trail, consensus reason, strengths and opportunities.
        #expect(md.contains("คำนวณจากตัวชี้วัด I1 (computed from indicator I1)"))
        #expect(md.contains("ฉันทามติ (consensus): ร้อยละ 80 เหตุผล: กรรมการประชุมแล้วเห็นพ้องที่ร้อยละ 80"))
        #expect(
            md.contains(
                "จุดแข็ง (strengths)\n\n- ผู้บริหารกำหนดทิศทางชัดเจน, มีส่วนร่วมทุกระดับ\n\nความเห็นประกอบคะแนน (judges' comments)\n\n- + ดูจากรายงานการประชุมสามปี\n\n"
            ))
        // R2: the same strength from two judges is listed once; the opportunity field is listed as one.
        #expect(
            md.contains(
                "จุดแข็ง (strengths)\n\n- =SUM(A1:A9)\n\nโอกาสในการปรับปรุง (opportunities for improvement)\n\n- ควรเลือกคู่เปรียบเทียบที่ \"ใกล้เคียง\" กว่านี้"))
        #expect(!md.contains("J1") && !md.contains("J2") && !md.contains("J3"))
    }

    @Test func htmlReportIsStaticAndEscaped() throws {
        let html = try report("EC-2568-0020", .html)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"th\">"))
        #expect(html.contains("<h1>รายงานผลการประเมินป้อนกลับ <span class=\"en\" lang=\"en\">Feedback report</span></h1>"))
        #expect(html.contains("กรมทดสอบ &lt;ดีเด่น&gt; &amp; &quot;ที่หนึ่ง&quot;"))
        #expect(html.contains("<td>32/40</td>"))
        for forbidden in ["<script", "src=", "href=", "J1", "J2"] { #expect(!html.contains(forbidden), "found \(forbidden)") }
    }

    @Test func incompleteAndGateFailedEntries() throws {
        let waiting = try report("EC-2568-0030", .md)
        #expect(waiting.contains("สถานะ: อยู่ระหว่างการพิจารณา"))
        #expect(waiting.contains("ยังขาด: ประเด็น P1 ยังไม่มีคะแนนจากกรรมการ (criterion P1 has no panel scores yet)"))
        #expect(waiting.contains("| มิติทดสอบ (dimension test) | 50 | 50 | รอผล (pending) |"))
        let failed = [exportEntry("EC-2568-0040", agency: "เทศบาลทดลอง", p1: 100, p2: 100, r1: 40, r2: 40)]
        let ranking = Ranker.rank(failed)
        let entry = try #require(ranking.entry("EC-2568-0040"))
        let md = FeedbackReport.render(entry, in: ranking, scores: [], format: .md)
        #expect(md.contains("อันดับ (rank): ไม่จัดอันดับ เพราะไม่ผ่านเกณฑ์ขั้นต่ำ"))
        #expect(md.contains("| มิติทดสอบ (dimension test) | 50 | 40 | ไม่ผ่าน (not met) |"))
    }

    @Test("the report lists the strength and opportunity fields, never sorting a comment by its score")
    func sectionsComeFromTheFields() throws {
        let bundle = exportBundle()
        let entry = try #require(bundle.ranking.entry("EC-2568-0020"))
        // A recommendation given as an opportunity with a high score stays an opportunity; a bare comment stays a
        // comment whatever its score.
        let scores = [
            Score(
                judge: "J1", application: "EC-2568-0020", criterion: "P1", percent: 95, comment: "อ่านครบทุกเล่ม",
                opportunity: "ควรวางแผนงบประมาณเพื่อความยั่งยืน"),
            Score(judge: "J2", application: "EC-2568-0020", criterion: "P1", percent: 10, strength: "มีหลักฐานครบ"),
        ]
        let md = FeedbackReport.render(entry, in: bundle.ranking, scores: scores, format: .md)
        #expect(
            md.contains(
                "จุดแข็ง (strengths)\n\n- มีหลักฐานครบ\n\nโอกาสในการปรับปรุง (opportunities for improvement)\n\n- ควรวางแผนงบประมาณเพื่อความยั่งยืน\n\nความเห็นประกอบคะแนน (judges' comments)\n\n- อ่านครบทุกเล่ม\n\n"
            ))
    }

    @Test("a scores file of the old shape: its +/- comment markers become the report's strengths and opportunities")
    func oldShapeMarkersReachTheReport() throws {
        let bundle = exportBundle()
        let entry = try #require(bundle.ranking.entry("EC-2568-0020"))
        let parsed = PanelFiles.scores(
            """
            judge,application,criterion,percent,comment
            J1,EC-2568-0020,P1,40,+ มีหลักฐานครบ
            J2,EC-2568-0020,P1,95,- ควรวางแผนงบประมาณเพื่อความยั่งยืน
            J3,EC-2568-0020,P1,90,อ่านครบทุกเล่ม

            """)
        #expect(parsed.isValid)
        let md = FeedbackReport.render(entry, in: bundle.ranking, scores: parsed.rows.map(\.value), format: .md)
        #expect(
            md.contains(
                "จุดแข็ง (strengths)\n\n- มีหลักฐานครบ\n\nโอกาสในการปรับปรุง (opportunities for improvement)\n\n- ควรวางแผนงบประมาณเพื่อความยั่งยืน\n\nความเห็นประกอบคะแนน (judges' comments)\n\n- อ่านครบทุกเล่ม\n\n"
            ))
    }

    @Test func markdownPunctuationInCommentsIsEscaped() {
        #expect(FeedbackReport.md("a|b *c* [d](e) #f\nnext") == "a\\|b \\*c\\* \\[d\\](e) \\#f next")
    }
}

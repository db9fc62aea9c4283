import Foundation
import Model
import Panel
import Ranking
import Rubric

/// The applicant's feedback report in the Baldrige tradition: per criterion the band, points, the automatic trail,
/// the panel's aggregate with n and spread, consensus reasons, then gates, the final level and rank, and per
/// criterion the strengths, opportunities for improvement and comments the judges gave (the `strength` and
/// `opportunity` of their scores). Judges are never named: texts are grouped per criterion, de-duplicated and
/// sorted in Thai collation, so their order reveals nobody.
package enum FeedbackReport {
    /// The report formats of `psea report`.
    package enum Format: String, Sendable, CaseIterable {
        case md, html
    }

    /// The report of one entry in `format`; `ranking` gives the rank context, `scores` the judges' comments
    /// (only those of `entry` are used); `rubricSHA256`, when given, names the rubric file (the one frozen in the
    /// ledger) the entry was scored against.
    package static func render(
        _ entry: RankedEntry, in ranking: RankingResult, scores: [Score], format: Format, rubricSHA256: String? = nil
    ) -> String {
        var blocks = build(entry, in: ranking, scores: scores)
        if let rubricSHA256 {
            blocks.append(.paragraph("ไฟล์เกณฑ์ที่ใช้ประเมิน (\(entry.entry.rubric.title.th) ปี \(entry.entry.rubric.year)) SHA-256 \(rubricSHA256)"))
            blocks.append(.english("Scored against the rubric \(entry.entry.rubric.key), file SHA-256 \(rubricSHA256)."))
        }
        switch format {
        case .md: return markdown(blocks)
        case .html: return html(blocks, title: "รายงานผลการประเมิน \(entry.application)")
        }
    }

    /// A piece of the report, rendered the same way in Markdown and HTML.
    enum Block: Equatable {
        case heading(Int, String, en: String)
        case paragraph(String)
        case english(String)
        case bullets([String])
        case table([String], [[String]])
    }

    static func build(_ e: RankedEntry, in ranking: RankingResult, scores: [Score]) -> [Block] {
        let rubric = e.entry.rubric
        var blocks: [Block] = [
            .heading(1, "รายงานผลการประเมินป้อนกลับ", en: "Feedback report"),
            .paragraph("ใบสมัคร \(e.application) · \(e.entry.agency.name)"),
        ]
        if let en = e.entry.agency.nameEn, !en.isEmpty { blocks.append(.english(en)) }
        if !e.entry.workTitle.isEmpty { blocks.append(.paragraph("ผลงาน: \(e.entry.workTitle)")) }
        blocks.append(.paragraph("\(rubric.title.th) ปี \(rubric.year)"))
        blocks.append(.english(rubric.title.en))

        blocks.append(.heading(2, "ผลโดยรวม", en: "Overall result"))
        let inScope = ranking.entries.filter { $0.scope == e.scope && $0.status == .ranked }.count
        var overall: [String] = []
        switch e.status {
        case .incomplete:
            overall.append("สถานะ: อยู่ระหว่างการพิจารณา ยังไม่มีคะแนนรวม (status: still being judged)")
            overall += e.missing.map { "ยังขาด: \($0.reason.th) (\($0.reason.en))" }
        case .gateFailed, .ranked:
            overall.append("คะแนนรวม (final score): \(Text.number(e.score)) จาก \(Ranker.format(rubric.totalPoints)) คะแนน")
            if let level = e.level { overall.append("ระดับรางวัล (award level): \(level.name.th) (\(level.name.en))") }
            if let rank = e.rank {
                overall.append("อันดับในประเภท (rank in the sub-type): \(rank) จาก \(inScope) ผลงานที่จัดอันดับ (of \(inScope) ranked)")
            } else {
                overall.append("อันดับ (rank): ไม่จัดอันดับ เพราะไม่ผ่านเกณฑ์ขั้นต่ำ (not ranked: a gate was not met)")
            }
            if let note = e.tieBreak { overall.append("การตัดสินกรณีคะแนนเท่ากัน: \(note.reason.th) (\(note.reason.en))") }
            if let visit = e.siteVisit {
                let text = RankingReport.siteVisitText(visit)
                overall.append("\(text.th) (\(text.en))")
            }
        }
        let levels = rubric.levels
        var cutoffs = "เกณฑ์ระดับรางวัล (cut-offs): ดีเด่น \(Ranker.format(levels.outstanding)) · ดี \(Ranker.format(levels.good))"
        if let best = levels.bestOfBest { cutoffs += " · ยอดเยี่ยม \(Ranker.format(best))" }
        overall.append(cutoffs)
        blocks.append(.bullets(overall))

        blocks.append(.heading(2, "เกณฑ์ขั้นต่ำ", en: "Gates"))
        if rubric.gates.isEmpty {
            blocks.append(.paragraph("เกณฑ์ปีนี้ไม่มีเกณฑ์ขั้นต่ำ (this rubric has no gates)"))
        } else {
            var rows: [[String]] = []
            for gate in rubric.gates {
                let name = gate.dimension.map { "dimension:\($0)" } ?? gate.criterion.map { "criterion:\($0)" } ?? "-"
                let reached = gatePercent(gate, entry: e)
                let failed = e.gatesFailed.contains { $0.gate == name }
                let verdict = e.status == .incomplete ? "รอผล (pending)" : (failed ? "ไม่ผ่าน (not met)" : "ผ่าน (met)")
                let title = rubric.name(of: gate)
                rows.append(["\(title.th) (\(title.en))", Ranker.format(gate.minPercent), reached.map(Ranker.format) ?? "—", verdict])
            }
            blocks.append(.table(["เกณฑ์ (gate)", "ขั้นต่ำ % (minimum)", "ที่ได้ % (reached)", "ผล (result)"], rows))
        }

        blocks.append(.heading(2, "คะแนนรายประเด็น", en: "Scores by criterion"))
        blocks.append(
            .table(
                ["ประเด็น (criterion)", "วิธี (mode)", "ร้อยละ (%)", "ช่วง (band)", "คะแนน/เต็ม (points)", "กรรมการ (n)", "พิสัย (spread)"],
                e.criteria.map { c in
                    [
                        c.criterion, ScoringMode(rawValue: c.mode)?.label.th ?? c.mode, Text.number(c.input.percent), c.input.band ?? "—",
                        "\(c.points.map(Ranker.format) ?? "—")/\(Ranker.format(c.maxPoints))",
                        c.input.panel.map { String($0.n) } ?? "—", c.input.panel.map { Ranker.format($0.spread) } ?? "—",
                    ]
                }))

        let mine = scores.filter { $0.application == e.application }
        for c in e.criteria {
            blocks.append(.heading(3, "\(c.criterion) \(c.title.th)", en: c.title.en))
            var lines: [String] = []
            switch c.input.source {
            case .automatic:
                lines.append("คำนวณอัตโนมัติจากใบสมัคร (computed from the application)")
            case .panel:
                if let p = c.input.panel {
                    lines.append(
                        "ผลการให้คะแนนของคณะกรรมการ (\(rubric.panel.aggregation.label.th)) ร้อยละ \(Ranker.format(p.aggregate)) จากกรรมการ \(p.n) คน มัธยฐาน \(Ranker.format(p.median)) พิสัย \(Ranker.format(p.spread)) (panel aggregate: \(rubric.panel.aggregation.label.en), n = \(p.n), median, spread)"
                    )
                }
            case .consensus:
                if let p = c.input.panel {
                    lines.append(
                        "ค่าเฉลี่ยของคณะกรรมการก่อนฉันทามติ ร้อยละ \(Ranker.format(p.aggregate)) จากกรรมการ \(p.n) คน พิสัย \(Ranker.format(p.spread)) (panel aggregate before consensus)"
                    )
                }
                lines.append("ฉันทามติ (consensus): ร้อยละ \(Text.number(c.input.percent))" + (c.input.consensusReason.map { " เหตุผล: \($0)" } ?? ""))
            case .missing:
                lines.append("ยังไม่มีคะแนน (no score yet)")
            }
            for step in c.input.trail {
                lines.append("\(step.th) (\(step.en))")
            }
            blocks.append(.bullets(lines))
            let given = mine.filter { $0.criterion == c.criterion }
            for (heading, texts) in [
                ("จุดแข็ง (strengths)", given.compactMap(\.strength)),
                ("โอกาสในการปรับปรุง (opportunities for improvement)", given.compactMap(\.opportunity)),
                ("ความเห็นประกอบคะแนน (judges' comments)", given.compactMap(\.comment)),
            ] {
                let distinct = Set(texts.map(\.trimmingWhitespace).filter { !$0.isEmpty })
                    .sorted { Thai.collates($0, before: $1) || (!Thai.collates($1, before: $0) && $0 < $1) }
                guard !distinct.isEmpty else { continue }
                blocks.append(.paragraph(heading))
                blocks.append(.bullets(distinct))
            }
        }
        blocks.append(.paragraph("รายงานนี้ไม่ระบุชื่อกรรมการ ความเห็นรวบรวมจากกรรมการทุกคนที่ให้คะแนนผลงานนี้"))
        blocks.append(.english("This report names no judge; comments are gathered from every judge who scored this entry."))
        return blocks
    }

    /// The percent an entry reached on a gate's dimension or criterion, when its scores are complete.
    static func gatePercent(_ gate: Gate, entry: RankedEntry) -> Double? {
        if let dimension = gate.dimension {
            guard let d = entry.entry.rubric.dimensions.first(where: { $0.id == dimension }), d.points > 0 else { return nil }
            let points = entry.criteria.filter { $0.dimension == dimension }.map(\.points)
            guard !points.contains(nil) else { return nil }
            return Ranker.round2(points.compactMap { $0 }.reduce(0, +) / d.points * 100)
        }
        if let criterion = gate.criterion {
            guard let c = entry.criteria.first(where: { $0.criterion == criterion }), c.points != nil else { return nil }
            return c.input.percent
        }
        return nil
    }

    // MARK: - Rendering

    static func markdown(_ blocks: [Block]) -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let th, let en):
                out.append(String(repeating: "#", count: level) + " " + md(th) + (en.isEmpty ? "" : " — " + md(en)))
            case .paragraph(let text):
                out.append(md(text))
            case .english(let text):
                out.append("*" + md(text) + "*")
            case .bullets(let items):
                out.append(items.map { "- " + md($0) }.joined(separator: "\n"))
            case .table(let headers, let rows):
                var lines = ["| " + headers.map(md).joined(separator: " | ") + " |"]
                lines.append("|" + headers.map { _ in " --- |" }.joined())
                lines += rows.map { "| " + $0.map(md).joined(separator: " | ") + " |" }
                out.append(lines.joined(separator: "\n"))
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// Escapes Markdown punctuation and folds line breaks, so comments cannot change the report's structure; a
    /// control character is written as its escape and a value with a bidirectional control is isolated (FSI…PDI).
    static func md(_ text: String) -> String {
        let careful = UnicodeText.needsCare(text)
        var out = ""
        for character in careful ? UnicodeText.withoutForbidden(text) : text {
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]", "<", ">", "#": out += "\\" + String(character)
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return careful ? UnicodeText.isolated(out) : out
    }

    /// The report as a page, rendered by the `report` template.
    static func html(_ blocks: [Block], title: String) -> String {
        HTMLTemplates.exports.render("report", ReportPage(title: title, blocks: blocks.map(ReportPage.Part.init))) ?? ""
    }

    /// What the `report` template shows: each block as the one part it is.
    struct ReportPage {
        var title: String
        var blocks: [Part]

        struct Part {
            var heading: Heading?
            var paragraph, english: String?
            var bullets: Bullets?
            var table: Table?

            init(_ block: Block) {
                switch block {
                case .heading(let level, let th, let en): heading = Heading(level: level, th: th, en: en.isEmpty ? nil : en)
                case .paragraph(let text): paragraph = text
                case .english(let text): english = text
                case .bullets(let items): bullets = Bullets(items: items)
                case .table(let headers, let rows): table = Table(headers: headers, rows: rows.map { Row(cells: $0) })
                }
            }
        }

        struct Heading {
            var level: Int
            var th: String
            var en: String?
        }

        struct Bullets { var items: [String] }

        struct Table {
            var headers: [String]
            var rows: [Row]
        }

        struct Row { var cells: [String] }
    }
}

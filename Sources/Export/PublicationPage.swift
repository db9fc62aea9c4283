import Foundation
import Model
import Ranking
import Rubric

/// The static publication page: Thai first, English second; results by sub-type and award level with agency names in
/// Thai collation; inline CSS only (no scripts, fonts or links to fetch), readable on a phone and printable. The
/// public page shows no score, rank or tie note; the staff page does. Both say ร่าง / DRAFT until approval.
package enum PublicationPage {
    /// The whole page for `audience`.
    package static func html(_ bundle: ExportBundle, audience: ExportAudience) -> String {
        let years = Array(Set(bundle.ranking.entries.map(\.entry.year))).sorted()
        let yearTh = years.map(String.init).joined(separator: ", ")
        let yearEn = years.map { "\($0) BE (\($0 - Thai.buddhistEraOffset))" }.joined(separator: ", ")
        let draft = bundle.approved ? "" : "[\(PublicResults.draftMark.th) / \(PublicResults.draftMark.en)] "
        let title = draft + "ผลการตัดสินรางวัลเลิศรัฐ สาขาการบริหารราชการแบบมีส่วนร่วม" + (years.isEmpty ? "" : " ประจำปี พ.ศ. \(yearTh)")
        let titleEn = "Public Sector Excellence Awards, participatory governance: results" + (years.isEmpty ? "" : " \(yearEn)")
        var out =
            head(title: title, css: css) + """
                <header>
                <h1>\(Text.html(title))</h1>
                <p class="en" lang="en">\(Text.html(titleEn))</p>
                <p>สำนักงานคณะกรรมการพัฒนาระบบราชการ (สำนักงาน ก.พ.ร.) <span class="en" lang="en">Office of the Public Sector Development Commission (OPDC)</span></p>
                \(bundle.approved ? "" : draftBanner)
                </header>
                <main>

                """
        // Publication order is by scope first: each scope is one run of entries.
        let entries = bundle.entriesByAgency
        if entries.isEmpty {
            out += "<p>ยังไม่มีผลงานในรอบนี้ <span class=\"en\" lang=\"en\">No entries in this round yet.</span></p>\n"
        }
        var start = entries.startIndex
        while start < entries.endIndex {
            let scope = entries[start].scope
            let end = entries[start...].firstIndex { $0.scope != scope } ?? entries.endIndex
            out += section(
                scope: scope, rubric: entries[start].entry.rubric, entries: entries[start..<end], audience: audience,
                judgingBody: bundle.judgingBodies[scope])
            start = end
        }
        out += "</main>\n<footer>\n"
        out += "<h2>ที่มาของผล <span class=\"en\" lang=\"en\">Provenance</span></h2>\n<dl>\n"
        if let head = bundle.ledgerHead {
            out += "<dt>รหัสสรุปบันทึกเหตุการณ์ล่าสุด <span class=\"en\" lang=\"en\">Ledger head</span></dt><dd><code>\(Text.html(head))</code></dd>\n"
        }
        if let checkpoint = bundle.checkpoint {
            out +=
                "<dt>จุดตรวจสอบที่ลงลายมือชื่อ <span class=\"en\" lang=\"en\">Signed checkpoint</span></dt><dd>\(checkpoint.events) "
                + "<span class=\"en\" lang=\"en\">events</span>, <code>\(Text.html(checkpoint.head))</code></dd>\n"
            out +=
                "<dt>กุญแจสาธารณะ <span class=\"en\" lang=\"en\">Public key (Ed25519)</span></dt><dd><code>\(Text.html(checkpoint.publicKey))</code></dd>\n"
            out +=
                "<dt>ลายมือชื่อ <span class=\"en\" lang=\"en\">Signature</span></dt><dd><code>\(Text.html(checkpoint.signature))</code></dd>\n"
        }
        for rubric in bundle.rubrics {
            let hash = bundle.rubricHashes[rubric.key] ?? "-"
            out +=
                "<dt>เกณฑ์\(Text.html(rubric.title.th)) ปี \(rubric.year) <span class=\"en\" lang=\"en\">Rubric file \(Text.html(rubric.key)) SHA-256</span></dt><dd><code>\(Text.html(hash))</code></dd>\n"
            if audience == .staff, let seed = bundle.ranking.seedsUsed[rubric.key] {
                out +=
                    "<dt>seed การจับสลาก\(Text.html(rubric.title.th)) ปี \(rubric.year) <span class=\"en\" lang=\"en\">Lottery seed \(Text.html(rubric.key))</span></dt><dd><code>\(seed)</code></dd>\n"
            }
        }
        if let at = bundle.generatedAt {
            out += "<dt>จัดทำเมื่อ <span class=\"en\" lang=\"en\">Generated</span></dt><dd>\(Text.html(at))</dd>\n"
        }
        out += "</dl>\n<p>ผู้ใดก็ตรวจสอบได้ว่าผลนี้คำนวณจากบันทึกเหตุการณ์ด้วยคำสั่ง <code>psea verify --against</code> "
        out +=
            "<span class=\"en\" lang=\"en\">Anyone can check that these results follow from the ledger with <code>psea verify --against</code>.</span></p>\n"
        out += "</footer>\n</body>\n</html>\n"
        return out
    }

    /// The mark of results the committee has not approved yet.
    static let draftBanner =
        "<p class=\"draft\">ร่าง ยังไม่ผ่านการอนุมัติของคณะอนุกรรมการ <span class=\"en\" lang=\"en\">DRAFT: not yet approved by the sub-committee</span></p>"

    static func section(
        scope: String, rubric: Rubric, entries: ArraySlice<RankedEntry>, audience: ExportAudience, judgingBody: LocalizedText? = nil
    ) -> String {
        let anchor = scope.replacingOccurrences(of: "/", with: "-")
        var out = "<section id=\"\(Text.plainHTML(anchor))\">\n"
        out += "<h2>\(Text.html(rubric.title.th))</h2>\n<p class=\"en\" lang=\"en\">\(Text.html(rubric.title.en))</p>\n"
        if let judgingBody {
            out +=
                "<p class=\"body\">ผู้พิจารณาตัดสิน: \(Text.html(judgingBody.th)) <span class=\"en\" lang=\"en\">Judged by: \(Text.html(judgingBody.en))</span></p>\n"
        }
        let final = entries.lazy.filter { $0.status == .ranked && $0.siteVisit != .pending }
        var shown = false
        for level in PublicResults.publishedLevels {
            let atLevel = Array(final.filter { $0.level == level })
            guard !atLevel.isEmpty else { continue }
            shown = true
            out +=
                "<h3>ระดับ\(level.name.th) <span class=\"en\" lang=\"en\">\(level.name.en)</span> <span class=\"count\">(\(atLevel.count))</span></h3>\n"
            out += list(atLevel, audience: audience)
        }
        let pending = Array(entries.lazy.filter { $0.status == .ranked && $0.siteVisit == .pending })
        if !pending.isEmpty {
            shown = true
            out +=
                "<h3>ผลเบื้องต้น รอการตรวจประเมิน ณ พื้นที่ปฏิบัติงาน (Site Visit) <span class=\"en\" lang=\"en\">Provisional: site visit pending</span></h3>\n"
            out += list(pending, audience: audience)
        }
        if !shown {
            out += "<p>ยังไม่มีผลงานที่ได้รับรางวัลในประเภทนี้ <span class=\"en\" lang=\"en\">No awards in this sub-type yet.</span></p>\n"
        }
        let notAwarded = entries.filter { ($0.status == .ranked && $0.level == AwardLevel.none) || $0.status == .gateFailed }.count
        let incomplete = entries.filter { $0.status == .incomplete }.count
        out += "<p class=\"summary\">ผลงานทั้งหมด \(entries.count) ผลงาน ไม่ได้รับรางวัล \(notAwarded) ผลงาน อยู่ระหว่างการพิจารณา \(incomplete) ผลงาน"
        out +=
            " <span class=\"en\" lang=\"en\">\(entries.count) entries; \(notAwarded) without an award; \(incomplete) still being judged.</span></p>\n"
        return out + "</section>\n"
    }

    /// Entries (already in Thai collation order) as a list of cards.
    static func list(_ entries: [RankedEntry], audience: ExportAudience) -> String {
        var out = "<ol class=\"entries\">\n"
        for e in entries {
            out += "<li>\n<p class=\"agency\">\(Text.html(e.entry.agency.name))</p>\n"
            if let en = e.entry.agency.nameEn, !en.isEmpty {
                out += "<p class=\"en\" lang=\"en\">\(Text.html(en))</p>\n"
            }
            if !e.entry.workTitle.isEmpty {
                out += "<p class=\"work\">ผลงาน: \(Text.html(e.entry.workTitle))</p>\n"
            }
            guard audience == .staff else {
                out += "</li>\n"
                continue
            }
            out += "<p class=\"meta\">คะแนน <span class=\"en\" lang=\"en\">score</span> \(Text.number(e.score))"
            out += " · อันดับ <span class=\"en\" lang=\"en\">rank</span> \(e.rank.map(String.init) ?? "-")"
            out += " · <code>\(Text.html(e.application))</code></p>\n"
            if let note = e.tieBreak {
                out += "<p class=\"tie\">\(Text.html(note.reason.th))</p>\n"
            }
            if let visit = e.siteVisit {
                let text = RankingReport.siteVisitText(visit)
                out += "<p class=\"visit\">\(Text.html(text.th)) <span class=\"en\" lang=\"en\">\(Text.html(text.en))</span></p>\n"
            }
            out += "</li>\n"
        }
        return out + "</ol>\n"
    }

    /// The page's style sheet: system Thai fonts, a single column that fits a phone, clean print.
    /// The start of every psea page up to `<body>`: Thai, UTF-8, the viewport, the title and the page's style.
    static func head(title: String, css: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="th">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Text.plainHTML(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>

        """
    }

    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 52rem; padding: 1rem; font-family: "Sarabun", "TH Sarabun New", "Noto Sans Thai", "Loma", "Garuda", "Waree", sans-serif; font-size: 1.05rem; line-height: 1.65; color: #1a1a1a; background: #fff; }
        header { border-bottom: 3px solid #7a1f1f; margin-bottom: 1rem; }
        h1 { font-size: 1.5rem; line-height: 1.4; margin: 0.5rem 0; color: #7a1f1f; }
        h2 { font-size: 1.3rem; margin: 1.5rem 0 0.25rem; border-left: 6px solid #c9a227; padding-left: 0.5rem; }
        h3 { font-size: 1.1rem; margin: 1rem 0 0.5rem; }
        p { margin: 0.25rem 0; }
        .en { color: #555; font-size: 0.9em; }
        .count { color: #555; font-weight: normal; }
        ol.entries { list-style: none; padding: 0; margin: 0; }
        ol.entries li { border: 1px solid #ddd; border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0 0 0.6rem; break-inside: avoid; page-break-inside: avoid; }
        .agency { font-weight: bold; font-size: 1.1rem; }
        .draft { font-weight: bold; color: #7a1f1f; border: 2px solid #7a1f1f; padding: 0.3rem 0.6rem; }
        .meta, .tie, .visit, .summary { font-size: 0.9rem; color: #333; }
        .tie { border-left: 3px solid #c9a227; padding-left: 0.5rem; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; word-break: break-all; }
        footer { margin-top: 2rem; border-top: 1px solid #ccc; font-size: 0.9rem; }
        dt { font-weight: bold; margin-top: 0.4rem; }
        dd { margin: 0 0 0 1rem; }
        @media (max-width: 480px) { body { padding: 0.6rem; font-size: 1rem; } h1 { font-size: 1.25rem; } }
        @media print { body { max-width: none; padding: 0; font-size: 11pt; } header { border-bottom-width: 1px; } ol.entries li { border-color: #999; } h2, h3 { break-after: avoid; page-break-after: avoid; } }
        """
}

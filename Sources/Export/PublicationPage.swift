import Foundation
import Model
import Ranking
import Rubric

/// The static publication page: Thai first, English second; results by sub-type and award level with agency names in
/// Thai collation; inline CSS only (no scripts, fonts or links to fetch), readable on a phone and printable. The
/// public page shows no score, rank or tie note; the staff page does. Both say ร่าง / DRAFT until approval.
package enum PublicationPage {
    /// The whole page for `audience`, rendered by the `publication` template.
    package static func html(_ bundle: ExportBundle, audience: ExportAudience) -> String {
        HTMLTemplates.exports.render("publication", page(bundle, audience: audience)) ?? ""
    }

    /// What the `publication` template shows: the title, one section per scope, the provenance.
    struct Page {
        var title, titleEn: String
        var draft: Bool
        var sections: [Section]
        var ledgerHead: String?
        var checkpoint: Checkpoint?
        var rubrics: [RubricFile]
        var generatedAt: String?
    }

    /// One scope (a sub-type of a year): its entries by award level, the provisional ones, the counts.
    struct Section {
        var anchor, titleTh, titleEn: String
        var judgingBody: LocalizedText?
        var levels: [Level]
        var pending: Level?
        var shown: Bool
        var total, notAwarded, incomplete: Int
    }

    /// The entries at one award level (or provisional, waiting for the site visit), in Thai collation order.
    struct Level {
        var nameTh = "", nameEn = ""
        var count: Int
        var entries: [Card]
    }

    /// One entry's card; `staff` only on the staff page.
    struct Card {
        var agency: String
        var agencyEn: String?
        var work: String?
        var staff: StaffFacts?
    }

    /// What the staff page adds to a card: score, rank, application id, tie note, site-visit state.
    struct StaffFacts {
        var score, rank, application: String
        var tie, visitTh, visitEn: String?
    }

    /// A rubric the results were computed with: its file's SHA-256 and, on the staff page, its lottery seed.
    struct RubricFile {
        var titleTh: String
        var year: Int
        var key, hash: String
        var seed: String?
    }

    static func page(_ bundle: ExportBundle, audience: ExportAudience) -> Page {
        let years = Array(Set(bundle.ranking.entries.map(\.entry.year))).sorted()
        let yearTh = years.map(String.init).joined(separator: ", ")
        let yearEn = years.map { "\($0) BE (\($0 - Thai.buddhistEraOffset))" }.joined(separator: ", ")
        let draft = bundle.approved ? "" : "[\(PublicResults.draftMark.th) / \(PublicResults.draftMark.en)] "
        // Publication order is by scope first: each scope is one run of entries.
        let entries = bundle.entriesByAgency
        var sections: [Section] = []
        var start = entries.startIndex
        while start < entries.endIndex {
            let scope = entries[start].scope
            let end = entries[start...].firstIndex { $0.scope != scope } ?? entries.endIndex
            sections.append(
                section(
                    scope: scope, rubric: entries[start].entry.rubric, entries: entries[start..<end], audience: audience,
                    judgingBody: bundle.judgingBodies[scope]))
            start = end
        }
        return Page(
            title: draft + "ผลการตัดสินรางวัลเลิศรัฐ สาขาการบริหารราชการแบบมีส่วนร่วม" + (years.isEmpty ? "" : " ประจำปี พ.ศ. \(yearTh)"),
            titleEn: "Public Sector Excellence Awards, participatory governance: results" + (years.isEmpty ? "" : " \(yearEn)"),
            draft: !bundle.approved, sections: sections, ledgerHead: bundle.ledgerHead, checkpoint: bundle.checkpoint,
            rubrics: bundle.rubrics.map { rubric in
                RubricFile(
                    titleTh: rubric.title.th, year: rubric.year, key: rubric.key, hash: bundle.rubricHashes[rubric.key] ?? "-",
                    seed: audience == .staff ? bundle.ranking.seedsUsed[rubric.key].map(String.init) : nil)
            },
            generatedAt: bundle.generatedAt)
    }

    static func section(
        scope: String, rubric: Rubric, entries: ArraySlice<RankedEntry>, audience: ExportAudience, judgingBody: LocalizedText? = nil
    ) -> Section {
        let final = entries.lazy.filter { $0.status == .ranked && $0.siteVisit != .pending }
        let levels = PublicResults.publishedLevels.compactMap { level -> Level? in
            let atLevel = Array(final.filter { $0.level == level })
            guard !atLevel.isEmpty else { return nil }
            return Level(nameTh: level.name.th, nameEn: level.name.en, count: atLevel.count, entries: cards(atLevel, audience: audience))
        }
        let pending = Array(entries.lazy.filter { $0.status == .ranked && $0.siteVisit == .pending })
        return Section(
            anchor: scope.replacingOccurrences(of: "/", with: "-"), titleTh: rubric.title.th, titleEn: rubric.title.en,
            judgingBody: judgingBody, levels: levels,
            pending: pending.isEmpty ? nil : Level(count: pending.count, entries: cards(pending, audience: audience)),
            shown: !levels.isEmpty || !pending.isEmpty, total: entries.count,
            notAwarded: entries.filter { ($0.status == .ranked && $0.level == AwardLevel.none) || $0.status == .gateFailed }.count,
            incomplete: entries.filter { $0.status == .incomplete }.count)
    }

    /// Entries (already in Thai collation order) as cards.
    static func cards(_ entries: [RankedEntry], audience: ExportAudience) -> [Card] {
        entries.map { e in
            let visit = e.siteVisit.map(RankingReport.siteVisitText)
            return Card(
                agency: e.entry.agency.name, agencyEn: e.entry.agency.nameEn.flatMap { $0.isEmpty ? nil : $0 },
                work: e.entry.workTitle.isEmpty ? nil : e.entry.workTitle,
                staff: audience != .staff
                    ? nil
                    : StaffFacts(
                        score: Text.number(e.score), rank: e.rank.map(String.init) ?? "-", application: e.application,
                        tie: e.tieBreak?.reason.th, visitTh: visit?.th, visitEn: visit?.en))
        }
    }
}

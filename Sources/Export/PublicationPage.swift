import Foundation
import Model
import Ranking
import Rubric

/// The static publication page: Thai first, English second; results by sub-type and award level with agency names in
/// Thai collation; inline CSS only (no scripts, fonts or links to fetch), readable on a phone and printable. The
/// public page shows no score, rank or tie note; the staff page does. Both say ร่าง / DRAFT until approval.
package enum PublicationPage {
    /// The whole page for `audience`, rendered by the `publication-top`, `-section` and `-bottom` templates.
    package static func html(_ bundle: ExportBundle, audience: ExportAudience) -> String {
        String(decoding: PublicationWriter.data(.html(audience), bundle), as: UTF8.self)
    }

    /// What the `publication-top` template shows: the title and the draft mark.
    struct Top {
        var title, titleEn: String
        var draft: Bool
    }

    /// What the `publication-bottom` template shows: the provenance, and a line when no sub-type has entries.
    struct Bottom {
        var empty: Bool
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

    /// The page down to its first section.
    static func top(_ heading: PublicationHeading) -> String {
        let yearTh = heading.years.map(String.init).joined(separator: ", ")
        let yearEn = heading.years.map { "\($0) BE (\($0 - Thai.buddhistEraOffset))" }.joined(separator: ", ")
        let draft = heading.approved ? "" : "[\(PublicResults.draftMark.th) / \(PublicResults.draftMark.en)] "
        let top = Top(
            title: draft + "ผลการตัดสินรางวัลเลิศรัฐ สาขาการบริหารราชการแบบมีส่วนร่วม" + (heading.years.isEmpty ? "" : " ประจำปี พ.ศ. \(yearTh)"),
            titleEn: "Public Sector Excellence Awards, participatory governance: results" + (heading.years.isEmpty ? "" : " \(yearEn)"),
            draft: !heading.approved)
        return HTMLTemplates.exports.render("publication-top", top) ?? ""
    }

    /// The page from its last section on; `empty` when no section was written.
    static func bottom(_ heading: PublicationHeading, audience: ExportAudience, empty: Bool) -> String {
        let bottom = Bottom(
            empty: empty, ledgerHead: heading.ledgerHead, checkpoint: heading.checkpoint,
            rubrics: heading.rubrics.map { rubric in
                RubricFile(
                    titleTh: rubric.title.th, year: rubric.year, key: rubric.key, hash: heading.rubricHashes[rubric.key] ?? "-",
                    seed: audience == .staff ? heading.seeds[rubric.key].map(String.init) : nil)
            },
            generatedAt: heading.generatedAt)
        return HTMLTemplates.exports.render("publication-bottom", bottom) ?? ""
    }

    /// One section as the page shows it.
    static func render(_ section: Section) -> String {
        HTMLTemplates.exports.render("publication-section", section) ?? ""
    }

    /// The sections of `bundle`'s scopes, in publication order (by scope first: each scope is one run of entries).
    static func sections(_ bundle: ExportBundle, audience: ExportAudience) -> [Section] {
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
        return sections
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

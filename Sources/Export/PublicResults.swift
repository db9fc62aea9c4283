import Foundation
import Model
import Ranking

/// The results as OPDC publishes them: each sub-type's winners by level (ดีเด่น, ดี), agencies in Thai collation
/// within a level, with no score, rank or tie note. Until the committee approves, every file says ร่าง / DRAFT.
package enum PublicResults {
    /// The levels published, highest first.
    package static let publishedLevels: [AwardLevel] = [.bestOfBest, .outstanding, .good]
    /// The mark of results not yet approved, in every public file.
    package static let draftMark = LocalizedText(th: "ร่าง", en: "DRAFT")
    /// The mark of approved results.
    package static let approvedMark = LocalizedText(th: "ประกาศผล", en: "final")
    /// The value of the `format` key of the public `results.json`.
    package static let formatName = "psea-public-results/1"
    /// The columns of the public `results.csv`, English keys.
    package static let columns = [
        "publication", "year", "type", "type_title", "level", "agency", "agency_en", "work_title", "judging_body", "judging_body_en",
    ]
    /// The same columns in Thai.
    package static let columnsTh = [
        "สถานะการประกาศ", "ปี", "ประเภท", "ชื่อประเภท", "ระดับรางวัล", "หน่วยงาน", "หน่วยงาน (ภาษาอังกฤษ)", "ชื่อผลงาน", "ผู้พิจารณาตัดสิน",
        "ผู้พิจารณาตัดสิน (ภาษาอังกฤษ)",
    ]

    /// One published line: an entry at its level, provisional while its site visit is pending.
    package struct Winner: Sendable {
        package var entry: RankedEntry
        package var level: AwardLevel
        package var provisional: Bool
    }

    /// The winners in publication order: sub-type, level (highest first, provisional after final), then agency in
    /// Thai collation. Entries without an award, incomplete or gate-failed are not listed.
    package static func winners(_ bundle: ExportBundle) -> [Winner] {
        var out: [Winner] = []
        let entries = bundle.entriesByAgency
        for scope in bundle.ranking.scopes {
            let inScope = entries.filter { $0.scope == scope && $0.status == .ranked }
            for provisional in [false, true] {
                for level in publishedLevels {
                    for e in inScope where e.level == level && (e.siteVisit == .pending) == provisional {
                        out.append(Winner(entry: e, level: level, provisional: provisional))
                    }
                }
            }
        }
        return out
    }

    /// The publication mark of the bundle: ร่าง / DRAFT until approved.
    package static func mark(_ bundle: ExportBundle) -> LocalizedText { mark(approved: bundle.approved) }

    /// The publication mark: ร่าง / DRAFT until approved.
    package static func mark(approved: Bool) -> LocalizedText { approved ? approvedMark : draftMark }

    /// The level as published: its Thai name, with a note while the site visit is pending.
    static func levelText(_ winner: Winner) -> String {
        winner.level.name.th + (winner.provisional ? " (เบื้องต้น รอการตรวจประเมิน ณ พื้นที่)" : "")
    }

    /// The header and rows of the public `results.csv`.
    package static func table(_ bundle: ExportBundle, header: HeaderLanguage) -> [[String]] {
        let mark = mark(bundle)
        return [header == .th ? columnsTh : columns] + winners(bundle).map { row($0, mark: mark, bundle: bundle) }
    }

    /// One winner's row of the public `results.csv`.
    static func row(_ winner: Winner, mark: LocalizedText, bundle: ExportBundle) -> [String] {
        let e = winner.entry
        let body = bundle.judgingBodies[e.scope]
        return [
            "\(mark.th) / \(mark.en)", String(e.entry.year), e.entry.type, CSVExport.safe(e.entry.rubric.title.th), levelText(winner),
            CSVExport.safe(e.entry.agency.name), CSVExport.safe(e.entry.agency.nameEn ?? ""), CSVExport.safe(e.entry.workTitle),
            CSVExport.safe(body?.th ?? ""), CSVExport.safe(body?.en ?? ""),
        ]
    }

    /// The public `results.json`: the mark, the ledger head, the last signed checkpoint, each rubric's SHA-256 and
    /// the winners with the same fields as the CSV.
    package static func json(_ bundle: ExportBundle) -> Data { PublicationWriter.data(.json, bundle) }

    /// What `results.json` says before its winners: its format, the mark, the provenance; then the winners' array opens.
    static func writeHead(_ heading: PublicationHeading, into w: JSONExport.Writer) {
        w.open("{")
        w.key("format", string: formatName)
        w.key("draft", raw: heading.approved ? "false" : "true")
        w.key("publication") { w.localized(mark(approved: heading.approved)) }
        w.provenance(heading)
        w.openKey("winners", "[")
    }

    /// One winner of `results.json`.
    static func write(_ winner: Winner, bundle: ExportBundle, into w: JSONExport.Writer) {
        w.item()
        w.object {
            let e = winner.entry
            w.key("year", raw: String(e.entry.year))
            w.key("type", string: e.entry.type)
            w.key("typeTitle") { w.localized(e.entry.rubric.title) }
            w.key("level", string: winner.level.rawValue)
            w.key("levelName") { w.localized(winner.level.name) }
            w.key("provisional", raw: winner.provisional ? "true" : "false")
            w.key("agency", string: e.entry.agency.name)
            w.key("agencyEn", optional: e.entry.agency.nameEn)
            w.key("workTitle", string: e.entry.workTitle)
            if let body = bundle.judgingBodies[e.scope] { w.key("judgingBody") { w.localized(body) } }
        }
    }

    /// Closes the winners' array and the document.
    static func writeTail(into w: JSONExport.Writer) {
        w.close("]")
        w.close("}")
        w.out.append(0x0A)
        w.out.flush()
    }
}

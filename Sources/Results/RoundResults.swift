import Export
import Foundation
import Model
import Ranking
import Round
import Store

/// The results' codes are the registry's Results entries (`ProblemCode.unknownRankingType`, module `.results`);
/// this is their name in the results' code.
package typealias ResultsCode = ProblemCode

/// The round's results as the command line asks for them: each function reads the round from the context, does
/// one job and returns what there is to print. Every event they record carries the context's actor and clock.
package enum RoundResults {
    /// The ranking of the round (only sub-type `type` when given), recording the lottery seed of every sub-type
    /// ranked for the first time (`seed`, else one derived from the ledger head). Throws a usage error for a
    /// sub-type no rubric knows.
    package static func rank(_ context: RoundContext, type: String? = nil, seed: UInt64? = nil) throws -> RankingRun {
        if let type { try checkType(type, of: context) }
        return try RankingRun.load(context, type: type, seed: seed, record: true, keep: [])
    }

    /// Throws unless some rubric of the catalogue is of sub-type `type`.
    package static func checkType(_ type: String, of context: RoundContext) throws(PSEAError) {
        let known = Set(context.catalog.all.map(\.type)).sorted()
        guard !known.contains(type) else { return }
        let list = known.isEmpty ? "-" : known.joined(separator: ", ")
        throw PSEAError(
            code: ResultsCode.unknownRankingType,
            message: LocalizedText(
                th: "ไม่รู้จักประเภท '\(type)' (ประเภทที่มีเกณฑ์: \(list))",
                en: "unknown sub-type '\(type)' (sub-types with a rubric: \(list))"),
            context: ["type": type])
    }

    /// What an export wrote.
    package struct Exported: Sendable {
        /// The names of the files written, in the folder.
        package var files: [String]
        /// Entries left out because no rubric exists for their year and type.
        package var withoutRubric: [String]
    }

    /// Ranks the round (recording new lottery seeds) and writes its export in `format` for `audience` into
    /// `folder` (created when missing), CSV headers in `header`. The public files list winners by level only; no
    /// page lists an individual score; no export prints a trail.
    package static func export(
        _ context: RoundContext, format: ExportFormat, audience: ExportAudience = .public, header: HeaderLanguage = .th,
        to folder: URL
    ) throws -> Exported {
        let needsScores = audience == .staff && format != .html
        let run = try RankingRun.load(context, record: true, keep: needsScores ? .scores : [])
        let names = try Exporter.export(run.bundle, format: format, audience: audience, header: header, to: folder)
        return Exported(files: names, withoutRubric: run.withoutRubric)
    }

    /// The feedback report of one entry, after ranking the round (recording new lottery seeds). Throws an
    /// invalid-input error when the entry is unknown or has no rubric.
    package static func feedbackReport(
        _ context: RoundContext, application: String, format: FeedbackReport.Format
    ) throws -> String {
        let run = try RankingRun.load(context, record: true)
        guard let entry = run.ranking.entry(application) else {
            guard run.withoutRubric.contains(application) else { throw unknownEntry(application) }
            throw PSEAError(
                code: RoundCode.unknownEntry,
                message: LocalizedText(
                    th: "ใบสมัคร \(application) ไม่มีเกณฑ์สำหรับปีและประเภทของตน จึงทำรายงานไม่ได้",
                    en: "entry \(application) has no rubric for its year and type, so there is no report"),
                context: ["application": application], isInvalidInput: true)
        }
        return FeedbackReport.render(entry, in: run.ranking, scores: run.bundle.scores, format: format)
    }

    /// Records the result of a site visit to `application` and returns the event's sequence number. Throws an
    /// invalid-input error when the entry is unknown.
    package static func recordSiteVisit(
        _ context: RoundContext, application: String, confirmed: Bool, reason: String
    ) throws -> Int {
        guard try context.store.entry(id: application) != nil else { throw unknownEntry(application) }
        let visit = SiteVisit(application: application, confirmed: confirmed, reason: reason)
        return try context.store.recordSiteVisit(visit, actor: context.actor, at: context.clock.now())
    }

    /// The error for an application id the database does not hold (invalid input, exit 1).
    static func unknownEntry(_ application: String) -> PSEAError {
        PSEAError(
            code: RoundCode.unknownEntry,
            message: LocalizedText(th: "ไม่พบใบสมัคร \(application) ในฐานข้อมูล", en: "no entry \(application) in the database"),
            context: ["application": application], isInvalidInput: true)
    }
}

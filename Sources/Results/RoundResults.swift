import Export
import Foundation
import Model
import Panel
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

    /// Throws unless some rubric of the catalogue, or one frozen in the ledger, is of sub-type `type`.
    package static func checkType(_ type: String, of context: RoundContext) throws {
        let known = Set(context.catalog.all.map(\.type) + (try context.store.frozenRubrics()).map(\.type)).sorted()
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
            guard run.withoutRubric.contains(application) else { throw UnknownEntry.error(application, known: try context.store.entryIDs()) }
            throw PSEAError(
                code: RoundCode.unknownEntry,
                message: LocalizedText(
                    th: "ใบสมัคร \(application) ไม่มีเกณฑ์สำหรับปีและประเภทของตน จึงทำรายงานไม่ได้",
                    en: "entry \(application) has no rubric for its year and type, so there is no report"),
                context: ["application": application], isInvalidInput: true)
        }
        return FeedbackReport.render(
            entry, in: run.ranking, scores: run.bundle.scores, format: format, rubricSHA256: run.bundle.rubricHashes[entry.entry.rubric.key])
    }

    /// Records the result of a site visit to `application` and returns the event's sequence number. Throws an
    /// invalid-input error when the entry is unknown.
    package static func recordSiteVisit(
        _ context: RoundContext, application: String, confirmed: Bool, reason: String
    ) throws -> Int {
        let known = try context.store.entryIDs()
        guard known.contains(application) else { throw UnknownEntry.error(application, known: known) }
        let visit = SiteVisit(application: application, confirmed: confirmed, reason: reason)
        return try context.store.recordSiteVisit(visit, actor: context.actor, at: context.clock.now())
    }

    /// Records the committee's approval of sub-type `type`'s results at `meeting` on `date` (`YYYY-MM-DD`), with
    /// the ledger head it approved (after the lottery seeds are recorded), and returns it. Throws a usage error for
    /// an unknown sub-type and an invalid-input error while an entry of the sub-type waits for a site visit or
    /// scores.
    package static func approve(_ context: RoundContext, type: String, meeting: String, date: String) throws -> Approval {
        try checkType(type, of: context)
        let run = try RankingRun.load(context, type: type, record: true, keep: [])
        let waiting = run.ranking.entries.filter { $0.status == .incomplete || $0.siteVisit == .pending }.map(\.application)
        guard waiting.isEmpty else {
            let list = waiting.joined(separator: ", ")
            throw PSEAError(
                code: ResultsCode.approvalBlocked,
                message: LocalizedText(
                    th: "ยังอนุมัติผลประเภท \(type) ไม่ได้: ผลงานที่รอการตรวจประเมิน ณ พื้นที่หรือรอคะแนน \(list)",
                    en: "the results of \(type) cannot be approved yet: waiting for a site visit or scores: \(list)"),
                context: ["type": type, "waiting": list], isInvalidInput: true)
        }
        let year = run.ranking.entries.first?.entry.year ?? 0
        let approval = Approval(year: year, type: type, meeting: meeting, date: date, ledgerHead: try context.store.ledgerHead() ?? "")
        try context.store.recordApproval(approval, actor: context.actor, at: context.clock.now())
        return approval
    }

    /// Where one sub-type stands, stage by stage.
    package struct Stage: Sendable, Equatable {
        /// `year/type`.
        package var scope: String
        package var entries: Int
        /// Entries still waiting for judges or scores (desk review not finished).
        package var beingJudged: Int
        /// Entries in the outstanding range and their site visits: recorded, and still pending.
        package var visited: Int
        package var visitsPending: Int
        /// The approval, when recorded.
        package var approval: Approval?

        /// What blocks the next stage, in Thai and English; nil once the sub-type is approved.
        package var blocker: LocalizedText? {
            if beingJudged > 0 {
                return LocalizedText(
                    th: "รอคะแนนการประเมินเอกสาร \(beingJudged) ผลงาน", en: "desk review: \(beingJudged) entry(ies) still being judged")
            }
            if visitsPending > 0 {
                return LocalizedText(th: "รอการตรวจประเมิน ณ พื้นที่ \(visitsPending) ผลงาน", en: "site visits: \(visitsPending) pending")
            }
            if approval == nil { return LocalizedText(th: "รอการอนุมัติผล (psea approve)", en: "waiting for approval (psea approve)") }
            return nil
        }
    }

    /// Each sub-type's stage, sorted by scope, from a ranking that records nothing.
    package static func stages(_ context: RoundContext) throws -> [Stage] {
        let run = try RankingRun.load(context, record: false, keep: [])
        let approvals = Dictionary(try context.store.approvals().map { ("\($0.year)/\($0.type)", $0) }, uniquingKeysWith: { _, last in last })
        return run.ranking.scopes.map { scope in
            let entries = run.ranking.entries.filter { $0.scope == scope }
            return Stage(
                scope: scope, entries: entries.count, beingJudged: entries.filter { $0.status == .incomplete }.count,
                visited: entries.filter { $0.siteVisit != nil && $0.siteVisit != .pending }.count,
                visitsPending: entries.filter { $0.siteVisit == .pending }.count, approval: approvals[scope])
        }
    }
}

import Export
import Foundation
import Model
import Panel
import Ranking
import Results
import Round
import Store

/// What staff see and do at `/staff`, through the same library functions as the command line: the round's
/// stages (`psea status`), progress per entry and judge, the disagreement queue (`psea panel report`), the
/// stage actions (`psea screen`, `shortlist`, `sitevisit`, `approve`, `consensus`), the ranking preview
/// (`psea rank`) and the exports (`psea export`). Every action is recorded as the staff member (`staff:NAME`).
struct StaffDesk {
    /// The round as this staff member acts on it.
    let round: RoundContext

    /// Criteria scored of criteria to score, for one entry (all its judges) or one judge (all their entries).
    struct Count: Sendable {
        var id: String
        var name: String
        var scored = 0
        var toScore = 0
    }

    /// Progress per entry and per judge: only assignments in force and free of conflict count.
    func progress() throws -> (entries: [Count], judges: [Count]) {
        let panel = try RoundSnapshot.loadPanel(store: round.store, catalog: round.catalog)
        let conflicts = panel.facts.conflictPairs
        let scores = Dictionary(grouping: try round.store.scores(), by: { JudgeEntryPair(judge: $0.judge, application: $0.application) })
        var judges = Dictionary(panel.facts.judges.map { ($0.id, Count(id: $0.id, name: $0.name)) }, uniquingKeysWith: { first, _ in first })
        var entries: [Count] = []
        for entry in panel.entries where entry.rubric != nil {
            var count = Count(id: entry.id, name: entry.profile.agency)
            for judge in entry.judges {
                let pair = JudgeEntryPair(judge: judge, application: entry.id)
                guard !conflicts.contains(pair) else { continue }
                let done = JudgeDesk.progress(entry, scores: scores[pair] ?? [])
                count.scored += done.scored
                count.toScore += done.toScore
                judges[judge, default: Count(id: judge, name: judge)].scored += done.scored
                judges[judge, default: Count(id: judge, name: judge)].toScore += done.toScore
            }
            entries.append(count)
        }
        return (entries, judges.keys.sorted().compactMap { judges[$0] })
    }

    /// The criteria whose judges' range is above the rubric's threshold and that have no consensus yet, as
    /// `psea panel report` flags them (NEEDS-CONSENSUS).
    func queue() throws -> [PanelReport.Line] {
        PanelReport(try round.snapshot()).lines.filter(\.needsConsensus)
    }

    /// The ranking as `psea rank` computes it, recording nothing (a sub-type without a recorded lottery seed
    /// uses the one `psea rank` would record now).
    func preview() throws -> RankingRun {
        try RankingRun.load(round, record: false, keep: [])
    }

    /// Runs a stage action, then signs a checkpoint as the command line does; `verified` first refuses a ledger
    /// that does not verify (as `shortlist` and `approve` do).
    func act<Result>(verified: Bool = false, _ action: (RoundContext) throws -> Result) throws -> Result {
        if verified { try round.store.requireVerified() }
        let result = try action(round)
        try round.anchor()
        return result
    }
}

extension JudgeDesk {
    /// Criteria scored of criteria to score for one judge on `entry`, from that judge's `scores` of it: the one
    /// count of progress, for the judge's list and the staff's tables.
    static func progress(_ entry: PanelEntry, scores: [Score]) -> (scored: Int, toScore: Int) {
        let criteria = Set(entry.rubric.map(PanelSettingsMapping.judgedCriteria) ?? [])
        return (Set(scores.map(\.criterion)).intersection(criteria).count, criteria.count)
    }
}

import Export
import Foundation
import Model
import Panel
import Round
import Rubric
import Scoring
import Store

/// What one judge may see and do, decided on the server for every request: the entries assigned to them in force
/// and free of conflict, and nothing else. An entry outside that set is `nil` here, which the routes answer 404,
/// and is never listed or counted.
struct JudgeDesk {
    /// The round as this judge acts on it (their actor on every event).
    let round: RoundContext
    let judge: String

    /// An entry of the judge's list with its progress.
    struct Item: Sendable {
        var id, title, agency: String
        var scored, toScore: Int
        var complete: Bool { toScore > 0 && scored >= toScore }
    }

    /// One entry the judge may open: its panel facts, the application and this judge's current scores.
    struct Opened: Sendable {
        var entry: PanelEntry
        var rubric: Rubric
        var application: Application
        var mine: [String: Score]
        var criteria: [Criterion]
        /// Every judge–entry pair in conflict, as the round holds them.
        var conflicts: Set<JudgeEntryPair>
        var complete: Bool { criteria.allSatisfy { mine[$0.id] != nil } }
    }

    /// The judge's entries, by id: assigned in force, not in conflict, with a rubric.
    func mine(_ panel: PanelRound) -> [PanelEntry] {
        let conflicts = panel.facts.conflictPairs
        return panel.entries.filter { entry in
            entry.rubric != nil && entry.judges.contains(judge) && !conflicts.contains(JudgeEntryPair(judge: judge, application: entry.id))
        }
    }

    /// The list of `/judge`: each entry with criteria scored of criteria to score.
    func items() throws -> [Item] {
        let panel = try RoundSnapshot.loadPanel(store: round.store, catalog: round.catalog)
        let scored = Dictionary(grouping: try round.store.scores(judge: judge), by: \.application)
        return try mine(panel).map { entry in
            let done = Self.progress(entry, scores: scored[entry.id] ?? [])
            let application = try round.store.entry(id: entry.id)?.application
            return Item(
                id: entry.id, title: application?.work.title ?? entry.id, agency: application?.agency.name ?? "",
                scored: done.scored, toScore: done.toScore)
        }
    }

    /// The entry `id` if the judge may open it; nil otherwise (not assigned, in conflict, unknown).
    func open(_ id: String) throws -> Opened? {
        let panel = try RoundSnapshot.loadPanel(store: round.store, catalog: round.catalog)
        guard let entry = mine(panel).first(where: { $0.id == id }), let rubric = entry.rubric,
            let stored = try round.store.entry(id: id)
        else { return nil }
        let scores = try round.store.scores(judge: judge, application: id)
        return Opened(
            entry: entry, rubric: rubric, application: stored.application,
            mine: Dictionary(scores.map { ($0.criterion, $0) }, uniquingKeysWith: { first, _ in first }),
            criteria: rubric.allCriteria.map(\.criterion).filter(\.needsAnswer), conflicts: panel.facts.conflictPairs)
    }

    /// The panel's aggregate of each criterion of an opened entry, from the other judges in force and this one,
    /// by the rubric's method (raw: normalising needs the whole round), for a judge who has scored every
    /// criterion; empty before, so that no judge is anchored by the others.
    func panel(_ opened: Opened) throws -> [String: CriterionAggregate] {
        guard opened.complete else { return [:] }
        let judges = Set(opened.entry.judges)
        let scores = try round.store.scores(application: opened.entry.id).filter {
            judges.contains($0.judge) && !opened.conflicts.contains(JudgeEntryPair(judge: $0.judge, application: $0.application))
        }
        var settings = PanelSettingsMapping.settings(opened.rubric.panel)
        settings.normalize = false
        settings.official = .raw
        return Dictionary(
            Aggregator.aggregate(scores, settings: settings).map { ($0.key.criterion, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

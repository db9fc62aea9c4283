import Foundation
import Model
import Panel
import Rubric
import Scoring
import Store

/// One current entry of the round with everything derived for it.
public struct RoundEntry: Sendable {
    /// The stored current version (application, version, sha256, source).
    public var stored: StoredEntry
    /// The rubric of the entry's year and type; nil when the catalogue has none.
    public var rubric: Rubric?
    /// SHA-256 of the rubric's file; nil without a rubric or a file.
    public var rubricSHA256: String?
    /// The automatic score sheet; nil without a rubric.
    public var sheet: ScoreSheet?
    /// Assigned judge ids, sorted.
    public var judges: [String]
    /// Current scores (latest revision), sorted by criterion then judge. Scores of a judge who has a conflict
    /// with the entry are left out, so no aggregate ever includes them.
    public var scores: [Score]
    /// Current consensus records, sorted by criterion.
    public var consensus: [Consensus]
    public var siteVisit: SiteVisit?
    /// The panel aggregate of every judged or hybrid criterion that has scores, sorted by criterion.
    public var aggregates: [CriterionAggregate]
    /// The judged and hybrid criteria of the rubric, in rubric order.
    public var judgedCriteria: [String]
    /// Whether every judged or hybrid criterion has at least the rubric's `minJudges` scores.
    public var hasEnoughJudges: Bool

    /// The application id.
    public var id: String { stored.application.id }

    /// The aggregate of one criterion, if it has scores.
    public func aggregate(_ criterion: String) -> CriterionAggregate? {
        aggregates.first { $0.key.criterion == criterion }
    }
}

/// A conflict of interest between a judge and an entry, automatic and/or declared, with every reason.
public struct RoundConflict: Sendable, Hashable, Codable {
    public var judge: String
    public var application: String
    /// Whether the conflict follows from the judge's and the entry's agency, ministry or province.
    public var automatic: Bool
    /// Whether it was declared (conflicts file).
    public var declared: Bool
    /// Every reason in Thai and English, automatic grounds first.
    public var reasons: [LocalizedText]
}

/// The inter-rater reliability of the criteria of one rubric.
public struct RubricReliability: Sendable, Codable {
    /// `<year>/<type>`.
    public var rubric: String
    public var criteria: [CriterionReliability]
}

/// The read model of a competition round: every current entry with its rubric, automatic sheet, judges, scores
/// and aggregates, plus the panel and ledger facts. Everything is sorted, so the same database gives the same
/// snapshot. Ranking and export read round data through this type only.
public struct RoundSnapshot: Sendable {
    /// Current entries sorted by id.
    public var entries: [RoundEntry]
    /// Registered judges sorted by id.
    public var judges: [Judge]
    /// Conflicts (automatic and declared) sorted by application then judge.
    public var conflicts: [RoundConflict]
    /// Assignments in force, sorted by judge then application (an assignment whose judge later declared a
    /// conflict with the entry is left out: the judge is recused).
    public var assignments: [Assignment]
    /// Lottery and assignment seeds sorted by scope.
    public var lotterySeeds: [LotterySeed]
    /// Frozen rubric hashes sorted by year then type.
    public var frozenRubrics: [RubricFreeze]
    /// Inter-rater reliability per rubric in use, sorted by rubric key.
    public var reliability: [RubricReliability]
    /// Hash of the last ledger event; nil for an empty ledger.
    public var ledgerHead: String?

    /// The entry with this id, if current.
    public func entry(_ id: String) -> RoundEntry? {
        entries.first { $0.id == id }
    }

    /// Every judge–entry pair in conflict, for the assigner and the score checks.
    public var conflictPairs: Set<JudgeEntryPair> {
        Set(conflicts.map { JudgeEntryPair(judge: $0.judge, application: $0.application) })
    }

    /// What a snapshot computes beyond the stored facts.
    public enum Detail: Sendable {
        /// Everything: automatic score sheets, panel aggregates and reliability (ranking, export, reports).
        case scores
        /// Entries, rubrics, judges, conflicts and assignments only; `sheet` is nil, `aggregates` and `reliability`
        /// are empty and `hasEnoughJudges` is false. For the panel commands (assign, score checks, listings), which
        /// need no scores and would otherwise score every entry of the round.
        case panel
    }

    /// Reads the store and computes the snapshot.
    public static func load(store: CompetitionStore, catalog: RubricCatalog?, detail: Detail = .scores) throws -> RoundSnapshot {
        let head = try store.ledgerHead()
        let stored = try store.entries()
        let judges = try store.judges()
        let storedConflicts = try store.conflicts()
        let allAssignments = try store.assignments()
        let scores = try store.scores()
        let consensus = try store.consensus()
        let visits = try store.siteVisits()
        let seeds = try store.lotterySeeds()
        let frozen = try store.frozenRubrics()

        let conflicts = RoundConflicts.all(judges: judges, entries: stored.map(\.application), stored: storedConflicts)
        let conflictPairs = Set(conflicts.map { JudgeEntryPair(judge: $0.judge, application: $0.application) })

        // A judge who declares a conflict after being assigned is recused: the assignment stays in the ledger
        // but no longer counts.
        let assignments = allAssignments.filter { !conflictPairs.contains(JudgeEntryPair(judge: $0.judge, application: $0.application)) }
        var rubricHash: [String: String?] = [:]
        var judgesOf: [String: [String]] = [:]
        for assignment in assignments { judgesOf[assignment.application, default: []].append(assignment.judge) }
        var scoresOf: [String: [Score]] = [:]
        for score in scores where !conflictPairs.contains(JudgeEntryPair(judge: score.judge, application: score.application)) {
            scoresOf[score.application, default: []].append(score)
        }
        var consensusOf: [String: [Consensus]] = [:]
        for record in consensus { consensusOf[record.application, default: []].append(record) }
        let visitOf = Dictionary(visits.map { ($0.application, $0) }, uniquingKeysWith: { _, last in last })

        var rubricOf: [String: Rubric] = [:]
        for entry in stored {
            if let rubric = catalog?.rubric(year: entry.application.awardYear, type: entry.application.type) {
                rubricOf[entry.application.id] = rubric
                if rubricHash[rubric.key] == nil { rubricHash[rubric.key] = try RubricHashes.sha256(of: rubric) }
            }
        }

        // Aggregation per rubric: normalisation pools every score given under the same rubric.
        var aggregatesOf: [String: [CriterionAggregate]] = [:]
        var reliability: [RubricReliability] = []
        let rubricKeys = detail == .scores ? Array(Set(rubricOf.values.map(\.key))).sorted() : []
        for key in rubricKeys {
            guard let rubric = rubricOf.values.first(where: { $0.key == key }) else { continue }
            let judged = Set(PanelSettingsMapping.judgedCriteria(rubric))
            let members = stored.map(\.application.id).filter { rubricOf[$0]?.key == key }
            var judgeScores: [JudgeScore] = []
            var agreed: [EntryCriterion: Double] = [:]
            for id in members {
                for score in scoresOf[id] ?? [] where judged.contains(score.criterion) {
                    judgeScores.append(JudgeScore(judge: score.judge, application: id, criterion: score.criterion, percent: score.percent))
                }
                for record in consensusOf[id] ?? [] {
                    agreed[EntryCriterion(application: id, criterion: record.criterion)] = record.percent
                }
            }
            let settings = PanelSettingsMapping.settings(rubric.panel)
            for aggregate in Aggregator.aggregate(judgeScores, settings: settings, consensus: agreed) {
                aggregatesOf[aggregate.key.application, default: []].append(aggregate)
            }
            reliability.append(RubricReliability(rubric: key, criteria: Reliability.perCriterion(judgeScores)))
        }

        let bands = catalog?.bands ?? .pmqaRanges
        let (hashOf, rubrics, aggregated) = (rubricHash, rubricOf, aggregatesOf)
        let (judgesByEntry, scoresByEntry, consensusByEntry) = (judgesOf, scoresOf, consensusOf)
        // Scoring each entry's automatic criteria is the heavy part: spread over every core, order kept.
        let entries = stored.concurrentMap { entry -> RoundEntry in
            let id = entry.application.id
            let rubric = rubrics[id]
            let judged = rubric.map(PanelSettingsMapping.judgedCriteria) ?? []
            let aggregates = (aggregated[id] ?? []).sorted { $0.key < $1.key }
            let minimum = rubric?.panel.minJudges ?? 1
            let enough = detail == .scores && rubric != nil && judged.allSatisfy { criterion in
                (aggregates.first { $0.key.criterion == criterion }?.raw.n ?? 0) >= minimum
            }
            return RoundEntry(
                stored: entry,
                rubric: rubric,
                rubricSHA256: rubric.flatMap { hashOf[$0.key] ?? nil },
                sheet: detail == .scores ? rubric.map { Scorer.score(entry.application, rubric: $0, bands: bands) } : nil,
                judges: (judgesByEntry[id] ?? []).sorted(),
                scores: (scoresByEntry[id] ?? []).sorted { ($0.criterion, $0.judge) < ($1.criterion, $1.judge) },
                consensus: (consensusByEntry[id] ?? []).sorted { $0.criterion < $1.criterion },
                siteVisit: visitOf[id],
                aggregates: aggregates,
                judgedCriteria: judged,
                hasEnoughJudges: enough
            )
        }
        return RoundSnapshot(
            entries: entries, judges: judges, conflicts: conflicts, assignments: assignments, lotterySeeds: seeds,
            frozenRubrics: frozen, reliability: reliability, ledgerHead: head
        )
    }
}

/// How a rubric's panel settings map onto Panel's aggregation settings.
public enum PanelSettingsMapping {
    /// `mean`, `median`, `trimmed-mean` (with `trim`) → the method; normalised results are always computed and
    /// reported, `normalisation: z-score` makes them official. Unknown words fall back to the mean and raw.
    public static func settings(_ panel: PanelSettings) -> AggregationSettings {
        let method: AggregationMethod
        switch panel.aggregation {
        case "median": method = .median
        case "trimmed-mean": method = .trimmedMean(fraction: panel.trim ?? 0)
        default: method = .mean
        }
        return AggregationSettings(
            method: method, normalize: true, official: panel.normalisation == "z-score" ? .normalized : .raw,
            disagreementThreshold: panel.disagreementThreshold
        )
    }

    /// The ids of the rubric's judged and hybrid criteria, in rubric order (unknown modes count as judged).
    public static func judgedCriteria(_ rubric: Rubric) -> [String] {
        rubric.allCriteria.map(\.criterion).filter { ($0.modeValue ?? .judged) != .auto }.map(\.id)
    }

    /// The Panel mode of a rubric criterion (unknown modes count as judged, as the scorer does).
    public static func mode(_ criterion: Criterion) -> CriterionMode {
        switch criterion.modeValue {
        case .auto: .auto
        case .hybrid: .hybrid
        default: .judged
        }
    }
}

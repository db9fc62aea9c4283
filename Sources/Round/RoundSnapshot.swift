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
        let stored = try store.entries()
        let facts = try Facts(store: store, catalog: catalog, entries: stored.map { EntryKey($0.application) }, detail: detail)
        // Scoring each entry's automatic criteria is the heavy part: spread over every core, order kept.
        var snapshot = facts.snapshot
        snapshot.entries = stored.concurrentMap { facts.entry($0) }
        return snapshot
    }

    /// Reads the round as `load` does with `.scores`, but hands each entry to `transform` as soon as it is complete
    /// and keeps only what `transform` returns (in entry order); the snapshot's `entries` is empty. Applications are
    /// read a chunk at a time, twice (once for the conflict rules and rubrics, once for the score sheets), and never
    /// all held at once, so memory grows with what `transform` keeps rather than with the applications.
    public static func load<Kept: Sendable>(
        store: CompetitionStore, catalog: RubricCatalog?, keeping transform: @escaping @Sendable (RoundEntry) -> Kept
    ) throws -> (snapshot: RoundSnapshot, entries: [Kept]) {
        var keys: [EntryKey] = []
        try store.forEachEntry { chunk in keys += chunk.map { EntryKey($0.application) } }
        let facts = try Facts(store: store, catalog: catalog, entries: keys, detail: .scores)
        var kept: [Kept] = []
        kept.reserveCapacity(keys.count)
        try store.forEachEntry { chunk in kept += chunk.concurrentMap { transform(facts.entry($0)) } }
        return (facts.snapshot, kept)
    }

    /// What the round's facts need of an entry: its id, what the conflict rules compare and its rubric's year and type.
    struct EntryKey: Sendable {
        var id: String
        var profile: EntryProfile
        var year: Int
        var type: String

        init(_ application: Application) {
            id = application.id
            profile = RoundConflicts.profile(application)
            year = application.awardYear
            type = application.type
        }
    }

    /// Everything a snapshot holds besides its entries, and what each entry is built from.
    struct Facts: Sendable {
        /// The snapshot without entries.
        var snapshot: RoundSnapshot
        var detail: Detail
        var bands: BandSet
        var rubricOf: [String: Rubric] = [:]
        var rubricHash: [String: String?] = [:]
        var judgesOf: [String: [String]] = [:]
        var scoresOf: [String: [Score]] = [:]
        var consensusOf: [String: [Consensus]] = [:]
        var visitOf: [String: SiteVisit] = [:]
        var aggregatesOf: [String: [CriterionAggregate]] = [:]

        init(store: CompetitionStore, catalog: RubricCatalog?, entries: [EntryKey], detail: Detail) throws {
            let head = try store.ledgerHead()
            let judges = try store.judges()
            let storedConflicts = try store.conflicts()
            let allAssignments = try store.assignments()
            let scores = try store.scores()
            let consensus = try store.consensus()
            let visits = try store.siteVisits()
            let seeds = try store.lotterySeeds()
            let frozen = try store.frozenRubrics()
            self.detail = detail
            bands = catalog?.bands ?? .pmqaRanges

            let conflicts = RoundConflicts.all(judges: judges, entries: entries.map(\.profile), stored: storedConflicts)
            let conflictPairs = Set(conflicts.map { JudgeEntryPair(judge: $0.judge, application: $0.application) })

            // A judge who declares a conflict after being assigned is recused: the assignment stays in the ledger
            // but no longer counts.
            let assignments = allAssignments.filter { !conflictPairs.contains(JudgeEntryPair(judge: $0.judge, application: $0.application)) }
            for assignment in assignments { judgesOf[assignment.application, default: []].append(assignment.judge) }
            for score in scores where !conflictPairs.contains(JudgeEntryPair(judge: score.judge, application: score.application)) {
                scoresOf[score.application, default: []].append(score)
            }
            for record in consensus { consensusOf[record.application, default: []].append(record) }
            visitOf = Dictionary(visits.map { ($0.application, $0) }, uniquingKeysWith: { _, last in last })

            for entry in entries {
                if let rubric = catalog?.rubric(year: entry.year, type: entry.type) {
                    rubricOf[entry.id] = rubric
                    if rubricHash[rubric.key] == nil { rubricHash[rubric.key] = try RubricHashes.sha256(of: rubric) }
                }
            }

            // Aggregation per rubric: normalisation pools every score given under the same rubric.
            var reliability: [RubricReliability] = []
            var members: [String: [String]] = [:]
            var rubricByKey: [String: Rubric] = [:]
            for entry in entries {
                guard let rubric = rubricOf[entry.id] else { continue }
                members[rubric.key, default: []].append(entry.id)
                rubricByKey[rubric.key] = rubricByKey[rubric.key] ?? rubric
            }
            let rubricKeys = detail == .scores ? members.keys.sorted() : []
            for key in rubricKeys {
                guard let rubric = rubricByKey[key] else { continue }
                let judged = Set(PanelSettingsMapping.judgedCriteria(rubric))
                var judgeScores: [JudgeScore] = []
                var agreed: [EntryCriterion: Double] = [:]
                for id in members[key] ?? [] {
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
            snapshot = RoundSnapshot(
                entries: [], judges: judges, conflicts: conflicts, assignments: assignments, lotterySeeds: seeds,
                frozenRubrics: frozen, reliability: reliability, ledgerHead: head)
        }

        /// One entry with everything derived for it; scoring its automatic criteria is the costly part.
        func entry(_ entry: StoredEntry) -> RoundEntry {
            let id = entry.application.id
            let rubric = rubricOf[id]
            let judged = rubric.map(PanelSettingsMapping.judgedCriteria) ?? []
            let aggregates = (aggregatesOf[id] ?? []).sorted { $0.key < $1.key }
            let minimum = rubric?.panel.minJudges ?? 1
            let enough = detail == .scores && rubric != nil && judged.allSatisfy { criterion in
                (aggregates.first { $0.key.criterion == criterion }?.raw.n ?? 0) >= minimum
            }
            return RoundEntry(
                stored: entry,
                rubric: rubric,
                rubricSHA256: rubric.flatMap { rubricHash[$0.key] ?? nil },
                sheet: detail == .scores ? rubric.map { Scorer.score(entry.application, rubric: $0, bands: bands) } : nil,
                judges: (judgesOf[id] ?? []).sorted(),
                scores: (scoresOf[id] ?? []).sorted { ($0.criterion, $0.judge) < ($1.criterion, $1.judge) },
                consensus: (consensusOf[id] ?? []).sorted { $0.criterion < $1.criterion },
                siteVisit: visitOf[id],
                aggregates: aggregates,
                judgedCriteria: judged,
                hasEnoughJudges: enough
            )
        }
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

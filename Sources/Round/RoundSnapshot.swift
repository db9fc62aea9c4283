import Foundation
import Model
import Panel
import Rubric
import Scoring
import Store

/// One current entry of the round with everything derived for it: the stored version, the automatic sheet and
/// the panel's facts, whose properties read through (`entry.judges`, `entry.aggregates`).
@dynamicMemberLookup
package struct RoundEntry: Sendable {
    /// The stored current version (application, version, sha256, source).
    package var stored: StoredEntry
    /// The automatic score sheet; nil without a rubric.
    package var sheet: ScoreSheet?
    /// The rubric, judges, scores (without those of a judge who has a conflict with the entry, so no aggregate
    /// ever includes them), consensus, site visit and aggregates of the entry.
    package var panel: EntryPanel

    package subscript<Property>(dynamicMember keyPath: KeyPath<EntryPanel, Property>) -> Property {
        panel[keyPath: keyPath]
    }

    /// The application id.
    package var id: String { stored.application.id }

    /// The aggregate of one criterion, if it has scores.
    package func aggregate(_ criterion: String) -> CriterionAggregate? {
        panel.aggregates.first { $0.key.criterion == criterion }
    }
}

/// The inter-rater reliability of the criteria of one rubric.
package struct RubricReliability: Sendable, Codable {
    /// `<year>/<type>`.
    package var rubric: String
    package var criteria: [CriterionReliability]
}

/// The read model of a competition round: every current entry with its rubric, automatic sheet, judges, scores
/// and aggregates, plus the panel and ledger facts. Everything is sorted, so the same database gives the same
/// snapshot. Ranking and export read round data through this type only.
package struct RoundSnapshot: Sendable {
    /// Current entries sorted by id.
    package var entries: [RoundEntry]
    /// Registered judges sorted by id.
    package var judges: [Judge]
    /// Conflicts (automatic and declared) sorted by application then judge.
    package var conflicts: [ConflictOfInterest]
    /// Assignments in force, sorted by judge then application (an assignment whose judge later declared a
    /// conflict with the entry is left out: the judge is recused).
    package var assignments: [Assignment]
    /// Lottery and assignment seeds sorted by scope.
    package var lotterySeeds: [LotterySeed]
    /// Frozen rubric hashes sorted by year then type.
    package var frozenRubrics: [RubricFreeze]
    /// Inter-rater reliability per rubric in use, sorted by rubric key.
    package var reliability: [RubricReliability]
    /// Hash of the last ledger event; nil for an empty ledger.
    package var ledgerHead: String?

    /// The entry with this id, if current.
    package func entry(_ id: String) -> RoundEntry? {
        entries.first { $0.id == id }
    }

    /// Every judge–entry pair in conflict, for the assigner and the score checks.
    package var conflictPairs: Set<JudgeEntryPair> { ConflictRules.pairs(conflicts) }

    /// What the round's facts cover.
    enum Detail: Sendable {
        /// Everything: scores, panel aggregates and reliability (ranking, export, reports).
        case scores
        /// Entries, rubrics, judges, conflicts and assignments only: no scores are read and nothing is aggregated.
        /// For the panel commands (assign, score checks, listings).
        case panel
    }

    /// Reads the store and computes the snapshot: every entry with its application, automatic sheet, scores and
    /// aggregates.
    package static func load(store: CompetitionStore, catalog: RubricCatalog) throws -> RoundSnapshot {
        // Every read below sees the same moment of the ledger, whatever another process writes meanwhile.
        let store = try store.snapshot()
        // Rubrics frozen at assignment are used as frozen, whatever the catalogue now holds.
        let catalog = try FrozenRubrics.catalog(catalog, store: store)
        let stored = try store.entries()
        let facts = try Facts(store: store, catalog: catalog, entries: stored.map { EntryKey($0.application) }, detail: .scores)
        // Scoring each entry's automatic criteria is the heavy part: spread over every core, order kept.
        var snapshot = facts.snapshot
        snapshot.entries = stored.concurrentMap { facts.entry($0) }
        return snapshot
    }

    /// Reads what the panel commands (assign, score and consensus checks, the assignments listing) need: the
    /// round's facts and, per current entry, its conflict profile, rubric and judges. Nothing is scored, no score
    /// is read and no application is kept (each is decoded, a chunk at a time, for its profile), so memory grows
    /// with the entries' ids and the panel's facts rather than with the applications.
    package static func loadPanel(store: CompetitionStore, catalog: RubricCatalog) throws -> PanelRound {
        let store = try store.snapshot()
        // Rubrics frozen at assignment are used as frozen, whatever the catalogue now holds.
        let catalog = try FrozenRubrics.catalog(catalog, store: store)
        var keys: [EntryKey] = []
        try store.forEachProfile { chunk in keys += chunk.map(EntryKey.init) }
        let facts = try Facts(store: store, catalog: catalog, entries: keys, detail: .panel)
        return PanelRound(
            facts: facts.snapshot,
            entries: keys.map { key in
                let rubric = facts.rubricOf[key.id]
                return PanelEntry(
                    id: key.id, profile: key.profile, rubric: rubric,
                    rubricSHA256: rubric.flatMap { facts.rubricHash[$0.key] ?? nil },
                    judges: (facts.judgesOf[key.id] ?? []).sorted(), screening: facts.screeningOf[key.id])
            })
    }

    /// SHA-256 of each rubric's file, by rubric key, as every entry's panel under it carries it (`rubricSHA256`); a
    /// rubric built in code has none.
    package static func rubricHashes(_ rubrics: [Rubric]) -> [String: String] {
        var hashes: [String: String] = [:]
        for rubric in rubrics where hashes[rubric.key] == nil { hashes[rubric.key] = RubricHashes.sha256(of: rubric) }
        return hashes
    }

    /// Reads the round as `load` does from each entry's stored facts (`entry_facts`), never holding them all and
    /// decoding no application whose facts were computed under the rubric in use (its frozen one); another entry's
    /// application is read and scored as before. The panel's facts come first (from each entry's conflict profile);
    /// then each page of entries is read: `read` gets each entry's facts with its automatic score sheet (nil without
    /// a rubric) and `keep` gets what `read` returned with the entry's panel facts, in entry order, so that memory
    /// grows with what `keep` returns rather than with the applications or their sheets. The snapshot's `entries` is
    /// empty. Sheets carry their trails only for the entries for which `explain` (given the id) says so, and none is
    /// read from the stored facts without `trails` (then `explain` must say no for every entry). With
    /// `fromDocuments`, every sheet is computed from the stored application, as before the projection existed (tests
    /// compare the two). Without `scoreTexts`, no entry's panel keeps its individual scores (ranking needs only their
    /// aggregates) and none is read with its comment, strength, opportunity or evidence.
    /// With `scope`, only the entries of that year and sub-type are read (with the panel facts they need): a sub-type
    /// of a round is ranked on its own (`RankingRun.forEachScope`).
    package static func load<Read: Sendable, Kept: Sendable>(
        store: CompetitionStore, catalog: RubricCatalog, explain: @escaping @Sendable (_ id: String) -> Bool = { _ in true },
        trails: Bool = true, fromDocuments: Bool = false, scoreTexts: Bool = true, only scope: (year: Int, type: String)? = nil,
        reading read: @escaping @Sendable (_ facts: ApplicationFacts, _ sheet: ScoreSheet?) -> Read,
        keeping keep: @escaping @Sendable (_ read: Read, _ panel: EntryPanel) -> Kept
    ) throws -> (snapshot: RoundSnapshot, entries: [Kept]) {
        let store = try store.snapshot()
        // Rubrics frozen at assignment are used as frozen, whatever the catalogue now holds.
        let catalog = try FrozenRubrics.catalog(catalog, store: store)
        let bands = catalog.bands ?? .pmqaRanges
        var keys: [EntryKey] = []
        try store.forEachProfile(of: scope) { chunk in keys += chunk.map(EntryKey.init) }
        var facts = try Facts(
            store: store, catalog: catalog, entries: keys, detail: .scores, scoreTexts: scoreTexts, keepScores: scoreTexts, scope: scope)
        var kept: [Kept] = []
        kept.reserveCapacity(keys.count)
        var hashes: [String: String?] = [:]
        try store.forEachFacts(trails: trails, of: scope) { chunk in
            // The hash of each rubric in use, computed once: stored outcomes count only under the same rubric.
            for row in chunk {
                guard let rubric = catalog.rubric(year: row.facts.year, type: row.facts.type), hashes[rubric.key] == nil else { continue }
                hashes[rubric.key] = RubricHashes.sha256(of: rubric)
            }
            let known = hashes
            let sheets = chunk.concurrentMap { row -> (ScoreSheet?, needsDocument: Bool) in
                guard let rubric = catalog.rubric(year: row.facts.year, type: row.facts.type) else { return (nil, false) }
                guard !fromDocuments, let outcomes = row.outcomes, let sha = row.rubricSHA256, known[rubric.key] == sha,
                    let sheet = Scorer.sheet(row.id, rubric: rubric, outcomes: outcomes, bands: bands, explain: explain(row.id))
                else { return (nil, true) }
                return (sheet, false)
            }
            // Entries whose facts predate the rubric in use (not frozen yet, or frozen without its text) are scored
            // from their applications, as before.
            var documents: [String: ScoreSheet] = [:]
            let missing = zip(chunk, sheets).filter(\.1.needsDocument).map(\.0.id)
            if !missing.isEmpty {
                let applications = try missing.compactMap { try store.entry(id: $0)?.application }
                let scored = applications.concurrentMap { application in
                    catalog.rubric(year: application.awardYear, type: application.type).map {
                        Scorer.score(application, rubric: $0, bands: bands, explain: explain(application.id))
                    }
                }
                for (application, sheet) in zip(applications, scored) { documents[application.id] = sheet }
            }
            let page = zip(chunk, sheets).map { row, sheet in (id: row.id, facts: row.facts, sheet: sheet.needsDocument ? documents[row.id] : sheet.0)
            }
            // Each entry's panel facts are handed over once: the round's facts let go of its aggregates and scores.
            let panels = page.map { facts.takePanel($0.id) }
            kept += Array(zip(page, panels)).concurrentMap { entry, panel in keep(read(entry.facts, entry.sheet), panel) }
        }
        return (facts.snapshot, kept)
    }

    /// The round with every entry's panel facts, in entry order, read from the entries' stored facts (the panel
    /// report, the demo's consensus step): no application is decoded for an entry whose rubric is frozen.
    package static func panels(store: CompetitionStore, catalog: RubricCatalog) throws -> (snapshot: RoundSnapshot, panels: [EntryPanel]) {
        let (snapshot, panels) = try load(
            store: store, catalog: catalog, explain: { _ in false }, trails: false, reading: { _, _ in () }, keeping: { _, panel in panel })
        return (snapshot, panels)
    }

    /// What the round's facts need of an entry: its id, what the conflict rules compare and its rubric's year and type.
    struct EntryKey: Sendable {
        var id: String
        var profile: EntryProfile
        var year: Int
        var type: String

        init(_ application: Application) {
            id = application.id
            profile = EntryProfile(application)
            year = application.awardYear
            type = application.type
        }

        init(_ stored: StoredFacts) {
            id = stored.id
            profile = stored.profile
            year = stored.facts.year
            type = stored.facts.type
        }

        init(_ stored: StoredProfile) {
            (id, profile, year, type) = (stored.id, stored.profile, stored.year, stored.type)
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
        var screeningOf: [String: Screening] = [:]
        /// Each entry's aggregates, sorted by criterion (the order `Aggregator` gives).
        var aggregatesOf: [String: [CriterionAggregate]] = [:]
        /// The judged and hybrid criteria of each rubric, by rubric key.
        var judgedOf: [String: [String]] = [:]

        /// Without `scoreTexts`, the scores carry no comment, strength, opportunity or evidence; without `keepScores`,
        /// no entry's individual scores are kept (its panel's `scores` is empty): ranking needs only the aggregates.
        /// With `scope`, `entries` are that award year and sub-type's (all of them): only their conflicts and
        /// assignments are read into the facts.
        init(
            store: CompetitionStore, catalog: RubricCatalog, entries: [EntryKey], detail: Detail, scoreTexts: Bool = true,
            keepScores: Bool = true, scope: (year: Int, type: String)? = nil
        ) throws {
            let head = try store.ledgerHead()
            let judges = try store.judges()
            let storedConflicts: [Conflict]
            if scope != nil {
                // One sub-type's facts: the conflicts of its entries, not the round's (a declared conflict names its
                // entry as the judge wrote it).
                let ids = Set(entries.map(\.id))
                storedConflicts = try store.conflicts { ids.contains($0.application.trimmingWhitespace) }
            } else {
                storedConflicts = try store.conflicts()
            }
            let allAssignments = try store.assignments(of: scope)
            let consensus = detail == .scores ? try store.consensus() : []
            let visits = detail == .scores ? try store.siteVisits() : []
            let seeds = try store.lotterySeeds()
            screeningOf = Dictionary(try store.screenings().map { ($0.application, $0) }, uniquingKeysWith: { _, last in last })
            let frozen = try store.frozenRubrics()
            self.detail = detail
            bands = catalog.bands ?? .pmqaRanges

            let conflicts = ConflictRules.all(judges: judges, entries: entries.map(\.profile), recorded: storedConflicts)
            let conflictPairs = ConflictRules.pairs(conflicts)

            // A judge who declares a conflict after being assigned is recused: the assignment stays in the ledger
            // but no longer counts.
            let assignments = allAssignments.filter { !conflictPairs.contains($0) }
            for assignment in assignments { judgesOf[assignment.application, default: []].append(assignment.judge) }
            for record in consensus { consensusOf[record.application, default: []].append(record) }
            visitOf = Dictionary(visits.map { ($0.application, $0) }, uniquingKeysWith: { _, last in last })

            for entry in entries {
                // An entry without a rubric cannot be judged, ranked or published: the command stops, naming where
                // rubrics were looked up.
                let rubric = try catalog.required(year: entry.year, type: entry.type)
                rubricOf[entry.id] = rubric
                if rubricHash[rubric.key] == nil {
                    rubricHash[rubric.key] = RubricHashes.sha256(of: rubric)
                    judgedOf[rubric.key] = PanelSettingsMapping.judgedCriteria(rubric)
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
            // Each entry's aggregates, filed here as they are made (the facts cannot be captured before they are whole).
            var filed: [String: [CriterionAggregate]] = [:]
            // Each rubric's scores are read, pooled and aggregated on their own, one rubric after another: a round's
            // millions of scores are never all held at once (each entry's own are kept only with `keepScores`).
            for key in rubricKeys {
                guard let rubric = rubricByKey[key] else { continue }
                var scores = try store.scores(year: rubric.year, type: rubric.type, texts: scoreTexts)
                scores.removeAll { conflictPairs.contains(JudgeEntryPair(judge: $0.judge, application: $0.application)) }
                // Each entry's scores are one run of the rows, which come ordered by application.
                var runs: [String: Range<Int>] = [:]
                var start = 0
                while start < scores.count {
                    var end = start + 1
                    while end < scores.count, scores[end].application == scores[start].application { end += 1 }
                    runs[scores[start].application] = start..<end
                    start = end
                }
                if keepScores {
                    for (id, run) in runs { scoresOf[id] = Array(scores[run]) }
                }
                let judged = Set(judgedOf[key] ?? [])
                var agreed: [EntryCriterion: Double] = [:]
                for id in members[key] ?? [] {
                    for record in consensusOf[id] ?? [] {
                        agreed[EntryCriterion(application: id, criterion: record.criterion)] = record.percent
                    }
                }
                let judgeScores = Self.judgeScores(scores, runs: runs, members: members[key] ?? [], judged: judged)
                scores = []
                // The rubric's reliability first, then its aggregates: one after the other (reliability is about 2 % of
                // a ranking's work), so that a criterion's table of entries by judges is let go of before the
                // aggregates are made, rather than held beside them.
                reliability.append(RubricReliability(rubric: key, criteria: Reliability.perCriterion(judgeScores)))
                let settings = PanelSettingsMapping.settings(rubric.panel)
                // An entry's aggregates come one after another (by application, then criterion): each entry's list
                // is made once its last has come, to size, rather than grown by doubling as each comes.
                var run: [CriterionAggregate] = []
                Aggregator.forEachAggregate(judgeScores, settings: settings, consensus: agreed) { aggregate in
                    if let last = run.last, last.key.application != aggregate.key.application {
                        filed[last.key.application, default: []].append(contentsOf: run)
                        run.removeAll(keepingCapacity: true)
                    }
                    run.append(aggregate)
                }
                if let last = run.last { filed[last.key.application, default: []].append(contentsOf: run) }
            }
            aggregatesOf = filed
            snapshot = RoundSnapshot(
                entries: [], judges: judges, conflicts: conflicts, assignments: assignments, lotterySeeds: seeds,
                frozenRubrics: frozen, reliability: reliability, ledgerHead: head)
        }

        /// The scores of judged and hybrid criteria (`judged`) of `members`, entry by entry in `members`' order, each
        /// entry's in `scores`' order (`runs` is where each entry's are). When that is all of `scores` in its own order,
        /// as it is when every member is scored only on such criteria, `scores` itself is returned: a sub-type's
        /// scores are not held twice.
        static func judgeScores(_ scores: [Score], runs: [String: Range<Int>], members: [String], judged: Set<String>) -> [Score] {
            var next = 0
            for id in members {
                guard let run = runs[id] else { continue }
                guard run.lowerBound == next else { break }
                next = run.upperBound
            }
            if next == scores.count, scores.allSatisfy({ judged.contains($0.criterion) }) { return scores }
            var judgeScores: [Score] = []
            judgeScores.reserveCapacity(scores.count)
            for id in members {
                guard let run = runs[id] else { continue }
                for score in scores[run] where judged.contains(score.criterion) { judgeScores.append(score) }
            }
            return judgeScores
        }

        /// One entry with everything derived for it; scoring its automatic criteria is the costly part.
        func entry(_ entry: StoredEntry) -> RoundEntry {
            let panel = panel(entry.application.id)
            return RoundEntry(
                stored: entry,
                sheet: detail == .scores ? panel.rubric.map { Scorer.score(entry.application, rubric: $0, bands: bands) } : nil,
                panel: panel)
        }

        /// The panel's facts of one entry, taken out: the facts no longer hold its aggregates or scores, so that a
        /// round read a page at a time holds them only until its entries are kept.
        mutating func takePanel(_ id: String) -> EntryPanel {
            let panel = panel(id)
            aggregatesOf[id] = nil
            scoresOf[id] = nil
            return panel
        }

        /// The panel's facts of one entry.
        func panel(_ id: String) -> EntryPanel {
            let rubric = rubricOf[id]
            let judged = rubric.flatMap { judgedOf[$0.key] } ?? []
            let aggregates = aggregatesOf[id] ?? []
            let minimum = rubric?.panel.minJudges ?? 1
            let enough =
                detail == .scores && rubric != nil
                && judged.allSatisfy { criterion in
                    (aggregates.first { $0.key.criterion == criterion }?.raw.n ?? 0) >= minimum
                }
            return EntryPanel(
                id: id,
                rubric: rubric,
                rubricSHA256: rubric.flatMap { rubricHash[$0.key] ?? nil },
                judges: (judgesOf[id] ?? []).sorted(),
                scores: (scoresOf[id] ?? []).sorted { ($0.criterion, $0.judge) < ($1.criterion, $1.judge) },
                consensus: (consensusOf[id] ?? []).sorted { $0.criterion < $1.criterion },
                siteVisit: visitOf[id],
                aggregates: aggregates,
                judgedCriteria: judged,
                hasEnoughJudges: enough,
                screening: screeningOf[id]
            )
        }
    }
}

/// The panel's facts of one entry of the round: what `RoundEntry` holds besides the application and its sheet.
package struct EntryPanel: Sendable {
    /// The application id.
    package var id: String
    /// The rubric of the entry's year and type; nil when the catalogue has none.
    package var rubric: Rubric?
    /// SHA-256 of the rubric's file; nil without a rubric or a file.
    package var rubricSHA256: String?
    /// Assigned judge ids, sorted.
    package var judges: [String]
    /// Current scores without those of conflicted judges, sorted by criterion then judge.
    package var scores: [Score]
    /// Current consensus records, sorted by criterion.
    package var consensus: [Consensus]
    package var siteVisit: SiteVisit?
    /// The panel aggregate of every judged or hybrid criterion that has scores, sorted by criterion.
    package var aggregates: [CriterionAggregate]
    /// The judged and hybrid criteria of the rubric, in rubric order.
    package var judgedCriteria: [String]
    /// Whether every judged or hybrid criterion has at least the rubric's `minJudges` scores.
    package var hasEnoughJudges: Bool
    /// The screening in force of the current version; nil until it is screened.
    package var screening: Screening?
}

/// The round as the panel commands see it (`RoundSnapshot.loadPanel`).
package struct PanelRound: Sendable {
    /// Judges, conflicts, assignments in force, seeds, frozen rubrics and the ledger head; `entries` and
    /// `reliability` are empty.
    package var facts: RoundSnapshot
    /// Current entries sorted by id.
    package var entries: [PanelEntry]

    /// The entry with this id, if current.
    package func entry(_ id: String) -> PanelEntry? {
        entries.first { $0.id == id }
    }
}

/// One current entry as the panel commands see it: what the conflict rules compare, its rubric and its judges.
package struct PanelEntry: Sendable {
    /// The application id.
    package var id: String
    /// The agency, ministry and province that automatic conflicts are found from.
    package var profile: EntryProfile
    /// The rubric of the entry's year and type; nil when the catalogue has none.
    package var rubric: Rubric?
    /// SHA-256 of the rubric's file; nil without a rubric or a file.
    package var rubricSHA256: String?
    /// Assigned judge ids in force, sorted.
    package var judges: [String]
    /// The screening in force of the current version; nil until it is screened.
    package var screening: Screening?
}

/// How a rubric's panel settings map onto Panel's aggregation settings.
package enum PanelSettingsMapping {
    /// `mean`, `median`, `trimmed-mean` (with `trim`) → the method; normalised results are always computed and
    /// reported, `normalisation: z-score` makes them official.
    package static func settings(_ panel: PanelSettings) -> AggregationSettings {
        let method: AggregationMethod
        switch panel.aggregation {
        case .mean: method = .mean
        case .median: method = .median
        case .trimmedMean: method = .trimmedMean(fraction: panel.trim ?? 0)
        }
        let official: ScoreBasis
        switch panel.normalisation {
        case .raw: official = .raw
        case .zScore: official = .normalized
        }
        return AggregationSettings(
            method: method, normalize: true, official: official,
            disagreementThreshold: panel.disagreementThreshold
        )
    }

    /// The ids of the rubric's judged and hybrid criteria, in rubric order.
    package static func judgedCriteria(_ rubric: Rubric) -> [String] {
        rubric.allCriteria.map(\.criterion).filter { $0.mode != .auto }.map(\.id)
    }
}

extension RoundContext {
    /// The round as it stands, with every score: `RoundSnapshot.load` over this context's store and catalogue.
    package func snapshot() throws -> RoundSnapshot { try RoundSnapshot.load(store: store, catalog: catalog) }

    /// The round as the panel commands see it: `RoundSnapshot.loadPanel` over this context's store and catalogue.
    package func panelRound() throws -> PanelRound { try RoundSnapshot.loadPanel(store: store, catalog: catalog) }
}

extension PanelRound {
    /// The judge–application pairs in force, sorted by judge then application, one a line: CSV with a
    /// `judge,application` header when `csv`, else tab-separated.
    package func assignmentList(csv: Bool) -> String {
        var text = csv ? "judge,application\n" : ""
        for assignment in facts.assignments {
            text += csv ? CSVText.record([assignment.judge, assignment.application]) + "\n" : "\(assignment.judge)\t\(assignment.application)\n"
        }
        return text
    }
}

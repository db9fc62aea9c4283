import Model
import Panel
import Rubric
import Scoring

/// Where the figure of one criterion comes from.
package enum CriterionSource: String, Codable, Sendable, Equatable {
    /// Computed by the scorer from the application alone (mode `auto`).
    case automatic
    /// The panel's official aggregate (mode `judged` or `hybrid`).
    case panel
    /// A value agreed in a recorded consensus step; it replaces the panel's aggregate.
    case consensus
    /// Nothing usable yet: no rule result, no judges or no scores.
    case missing
}

/// The panel's figures for one criterion of one entry: what the feedback report shows beside the official value.
@MemberwiseInit
package struct PanelFigures: Codable, Sendable, Equatable {
    /// How many judges scored.
    package var n: Int
    /// The official aggregate (percent) before any consensus.
    package var aggregate: Double
    package var median: Double
    /// Highest minus lowest score, in percentage points.
    package var spread: Double
    /// The sample standard deviation; nil when n < 2.
    package var standardDeviation: Double?
    /// Whether the spread is above the rubric's disagreement threshold.
    package var wideRange: Bool = false
}

/// The state of one criterion of one entry, as the ranking receives it.
@MemberwiseInit
package struct CriterionInput: Codable, Sendable, Equatable {
    package var criterion: String
    package var source: CriterionSource
    /// The percent (0–100) that counts; nil when `source` is `missing`.
    package var percent: Double?
    /// The PMQA band of the percent, when known (e.g. `50–65`).
    package var band: String?
    /// The panel's figures, when judges scored the criterion.
    package var panel: PanelFigures?
    /// The reason recorded with a consensus value.
    package var consensusReason: String?
    /// The automatic trail (scorer's explanation), in Thai and English.
    package var trail: [LocalizedText] = []
}

/// Everything the ranking needs about one entry; plain data, so ranking is a pure function of it. What it says of
/// the application itself is its `subject`, whose properties read through (`entry.application`, `entry.year`).
@dynamicMemberLookup
package struct RankingEntry: Sendable, Equatable {
    /// Who submitted what, when, and the tie-break facts.
    package var subject: RankingSubject
    package var rubric: Rubric
    /// One input per criterion of the rubric; a criterion of the rubric without an input counts as missing.
    package var criteria: [CriterionInput]
    /// The judges assigned to the entry (ids).
    package var assignedJudges: [String]
    package var siteVisit: SiteVisit?

    package subscript<Property>(dynamicMember keyPath: KeyPath<RankingSubject, Property>) -> Property {
        subject[keyPath: keyPath]
    }

    /// `<year>/<type>`: the scope inside which entries are ranked and a lottery seed is recorded.
    package var scope: String { "\(subject.year)/\(subject.type)" }
}

extension RankingEntry {
    /// An entry from the subject's facts one by one (tests and fixtures build entries without an application).
    package init(
        application: String, year: Int, type: String, agency: Agency, workTitle: String = "", submittedAt: Timestamp? = nil,
        rubric: Rubric, criteria: [CriterionInput], assignedJudges: [String] = [], siteVisit: SiteVisit? = nil,
        spectrumRank: Int = 0, evidenceCoverage: Double = 0
    ) {
        self.init(
            subject: RankingSubject(
                application: application, year: year, type: type, agency: agency, workTitle: workTitle, submittedAt: submittedAt,
                spectrumRank: spectrumRank, evidenceCoverage: evidenceCoverage),
            rubric: rubric, criteria: criteria, assignedJudges: assignedJudges, siteVisit: siteVisit)
    }

    /// Builds the entry from the round's records: the application, its rubric, its automatic score sheet, the
    /// panel's aggregates (consensus already applied, as `Aggregator.aggregate` gives them), the reasons recorded
    /// with consensus values (by criterion id), the assigned judges and the site visit.
    package init(
        application: Application, rubric: Rubric, sheet: ScoreSheet, aggregates: [CriterionAggregate],
        consensusReasons: [String: String] = [:], assignedJudges: [String], siteVisit: SiteVisit? = nil,
        bands: BandSet = .pmqaRanges
    ) {
        self.init(
            subject: RankingSubject(application), rubric: rubric, sheet: sheet, aggregates: aggregates,
            consensusReasons: consensusReasons, assignedJudges: assignedJudges, siteVisit: siteVisit, bands: bands)
    }

    /// Builds the entry as `init(application:…)` does, from what ranking needs of the application (`subject`),
    /// so that a caller can drop the application as soon as it is read.
    package init(
        subject: RankingSubject, rubric: Rubric, sheet: ScoreSheet, aggregates: [CriterionAggregate],
        consensusReasons: [String: String] = [:], assignedJudges: [String], siteVisit: SiteVisit? = nil,
        bands: BandSet = .pmqaRanges
    ) {
        let byCriterion = Dictionary(
            aggregates.filter { $0.key.application == subject.application }.map { ($0.key.criterion, $0) },
            uniquingKeysWith: { first, _ in first })
        let sheetRows = Dictionary(sheet.criteria.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let criteria = rubric.allCriteria
        // Exactly one input per criterion: a round holds every entry's inputs until it is ranked.
        var inputs: [CriterionInput] = []
        inputs.reserveCapacity(criteria.count)
        for (_, criterion) in criteria {
            let row = sheetRows[criterion.id]
            let mode = criterion.mode
            // A judged criterion's sheet line only says it awaits the judges: not worth carrying.
            let trail = mode == .judged ? [] : row?.trail ?? []
            if mode == .auto {
                if let percent = row?.percent {
                    inputs.append(
                        CriterionInput(
                            criterion: criterion.id, source: .automatic, percent: Double(percent), band: row?.band, trail: trail))
                } else {
                    inputs.append(CriterionInput(criterion: criterion.id, source: .missing, percent: nil, trail: trail))
                }
                continue
            }
            guard let aggregate = byCriterion[criterion.id] else {
                inputs.append(CriterionInput(criterion: criterion.id, source: .missing, percent: nil, trail: trail))
                continue
            }
            let figures = PanelFigures(
                n: aggregate.raw.n,
                aggregate: aggregate.basis == .normalized ? (aggregate.normalizedValue ?? aggregate.rawValue) : aggregate.rawValue,
                median: aggregate.raw.median, spread: aggregate.raw.range, standardDeviation: aggregate.raw.standardDeviation,
                wideRange: aggregate.wideRange)
            let official = aggregate.official
            let clamped = min(100, max(0, official.isFinite ? official : 0))
            inputs.append(
                CriterionInput(
                    criterion: criterion.id, source: aggregate.consensus == nil ? .panel : .consensus, percent: clamped,
                    band: bands.label(for: Scorer.snap(clamped)), panel: figures,
                    consensusReason: aggregate.consensus == nil ? nil : consensusReasons[criterion.id], trail: trail))
        }
        self.init(subject: subject, rubric: rubric, criteria: inputs, assignedJudges: assignedJudges.sorted(), siteVisit: siteVisit)
    }
}

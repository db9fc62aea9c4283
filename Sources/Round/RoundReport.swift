import Model
import Panel

/// The panel report of a round: per entry and criterion the aggregate with its statistics, raw and normalised,
/// the flags and consensus; and the inter-rater reliability per rubric and criterion. Encodes to stable JSON.
public struct PanelReport: Sendable, Codable {
    /// One entry/criterion line.
    public struct Line: Sendable, Codable {
        public var application: String
        public var criterion: String
        /// `mean`, `median` or `trimmed-mean`.
        public var method: String
        /// `raw` or `normalized`: the basis of `official` when there is no consensus.
        public var basis: String
        public var judges: [String]
        public var n: Int
        public var rawValue: Double
        public var median: Double
        public var standardDeviation: Double?
        public var min: Double
        public var max: Double
        public var range: Double
        public var normalizedValue: Double?
        public var consensus: Double?
        public var official: Double
        /// The judges' range is above the rubric's disagreement threshold.
        public var wideRange: Bool
        public var needsConsensus: Bool
        /// Fewer scores than the rubric's `minJudges`.
        public var tooFewJudges: Bool
    }

    public var lines: [Line]
    public var reliability: [RubricReliability]

    /// The report of a snapshot, lines sorted by application then criterion.
    public init(_ snapshot: RoundSnapshot) {
        var lines: [Line] = []
        for entry in snapshot.entries {
            guard let rubric = entry.rubric else { continue }
            for aggregate in entry.aggregates {
                lines.append(Line(
                    application: entry.id, criterion: aggregate.key.criterion, method: rubric.panel.aggregation.rawValue,
                    basis: aggregate.basis.rawValue, judges: aggregate.judges, n: aggregate.raw.n,
                    rawValue: aggregate.rawValue, median: aggregate.raw.median, standardDeviation: aggregate.raw.standardDeviation,
                    min: aggregate.raw.min, max: aggregate.raw.max, range: aggregate.raw.range,
                    normalizedValue: aggregate.normalizedValue, consensus: aggregate.consensus, official: aggregate.official,
                    wideRange: aggregate.wideRange, needsConsensus: aggregate.needsConsensus,
                    tooFewJudges: aggregate.raw.n < rubric.panel.minJudges
                ))
            }
        }
        self.lines = lines
        reliability = snapshot.reliability
    }
}

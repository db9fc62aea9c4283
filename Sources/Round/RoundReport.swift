import Model
import Panel

/// The panel report of a round: per entry and criterion the aggregate with its statistics, raw and normalised,
/// the flags and consensus; and the inter-rater reliability per rubric and criterion. Encodes to stable JSON.
package struct PanelReport: Sendable, Codable {
    /// One entry/criterion line.
    package struct Line: Sendable, Codable {
        package var application: String
        package var criterion: String
        /// `mean`, `median` or `trimmed-mean`.
        package var method: String
        /// `raw` or `normalized`: the basis of `official` when there is no consensus.
        package var basis: String
        package var judges: [String]
        package var n: Int
        package var rawValue: Double
        package var median: Double
        package var standardDeviation: Double?
        package var min: Double
        package var max: Double
        package var range: Double
        package var normalizedValue: Double?
        package var consensus: Double?
        package var official: Double
        /// The judges' range is above the rubric's disagreement threshold.
        package var wideRange: Bool
        package var needsConsensus: Bool
        /// Fewer scores than the rubric's `minJudges`.
        package var tooFewJudges: Bool
    }

    package var lines: [Line]
    package var reliability: [RubricReliability]

    /// The report of a snapshot, lines sorted by application then criterion.
    package init(_ snapshot: RoundSnapshot) {
        var lines: [Line] = []
        for entry in snapshot.entries {
            guard let rubric = entry.rubric else { continue }
            for aggregate in entry.aggregates {
                lines.append(
                    Line(
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

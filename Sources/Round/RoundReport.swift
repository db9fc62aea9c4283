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
        self.init(snapshot.entries.map(\.panel), reliability: snapshot.reliability)
    }

    /// The report of a round as its stored facts give it (`RoundSnapshot.panels`): no application is read.
    package init(context: RoundContext) throws {
        let (snapshot, panels) = try RoundSnapshot.panels(store: context.store, catalog: context.catalog)
        self.init(panels, reliability: snapshot.reliability)
    }

    /// The report of the entries' panel facts (in entry order) and the round's reliability.
    init(_ entries: [EntryPanel], reliability: [RubricReliability]) {
        var lines: [Line] = []
        for entry in entries {
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
        self.reliability = reliability
    }
}

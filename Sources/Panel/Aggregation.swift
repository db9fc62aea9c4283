import Model

/// An entry and one of its criteria: the unit of aggregation and consensus.
@MemberwiseInit
package struct EntryCriterion: Sendable, Hashable, Codable, Comparable {
    package var application: String
    package var criterion: String

    package static func < (a: EntryCriterion, b: EntryCriterion) -> Bool {
        (a.application, a.criterion) < (b.application, b.criterion)
    }
}

/// Descriptive statistics of a set of scores.
package struct Statistics: Sendable, Hashable, Codable {
    package var n: Int
    package var mean: Double
    /// The middle value, or the mean of the two middle values when n is even.
    package var median: Double
    /// The sample standard deviation (divisor n − 1); nil when n < 2.
    package var standardDeviation: Double?
    package var min: Double
    package var max: Double
    /// max − min.
    package var range: Double { max - min }

    /// The statistics of `values`; nil when there are none.
    package init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        n = sorted.count
        mean = sorted.reduce(0, +) / Double(n)
        median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        let center = mean
        standardDeviation = n < 2 ? nil : (sorted.reduce(0) { $0 + ($1 - center) * ($1 - center) } / Double(n - 1)).squareRoot()
        min = sorted[0]
        max = sorted[n - 1]
    }
}

/// How the scores of one entry/criterion are combined into one value.
package enum AggregationMethod: Sendable, Hashable, Codable {
    case mean
    case median
    /// The mean after dropping ⌊n × fraction⌋ of the lowest and as many of the highest values; at most
    /// ⌊(n − 1) / 2⌋ are dropped from each end so that at least one value remains. Fraction is clamped to 0…0.5.
    case trimmedMean(fraction: Double)

    /// The combined value of `values`; nil when there are none.
    package func value(_ values: [Double]) -> Double? {
        guard let stats = Statistics(values) else { return nil }
        switch self {
        case .mean:
            return stats.mean
        case .median:
            return stats.median
        case .trimmedMean(let fraction):
            let f = fraction.isFinite ? Swift.min(Swift.max(fraction, 0), 0.5) : 0
            let cut = Swift.min(Int((Double(values.count) * f).rounded(.down)), (values.count - 1) / 2)
            let kept = values.sorted().dropFirst(cut).dropLast(cut)
            return kept.reduce(0, +) / Double(kept.count)
        }
    }
}

/// Which result is official: the raw scores or the per-judge normalised ones.
package enum ScoreBasis: String, Sendable, Hashable, Codable {
    case raw, normalized
}

/// Per-judge z-score normalisation, criterion by criterion.
///
/// For criterion c, let M and S be the mean and sample standard deviation of all scores on c (every judge, every
/// entry), and m_j, s_j those of judge j's scores on c. A score x of judge j becomes
///
///     x' = M + S × (x − m_j) / s_j
///
/// so each judge's scores get the pooled mean and spread. When s_j is undefined (one score) or 0 (all the same),
/// the judge's scale is unknown and x' = M (the judge's z-score is taken as 0). When S is undefined (a single
/// score on c) x' = x. Normalised values may leave 0–100; they are not clamped.
package enum Normalizer {
    /// The scores with their percents normalised; the order of `scores` is kept.
    package static func zScores(_ scores: [Score]) -> [Score] {
        zip(scores, percents(scores)).map { score, percent in
            var result = score
            result.percent = percent
            return result
        }
    }

    /// The normalised percent of each score, in the order of `scores`: what `zScores` gives them, without copying
    /// the scores (a round's millions of them are held once).
    package static func percents(_ scores: [Score]) -> [Double] {
        struct JudgeOnCriterion: Hashable {
            var criterion: String
            var judge: String
        }
        var byCriterion: [String: [Double]] = [:]
        var byJudge: [JudgeOnCriterion: [Double]] = [:]
        for score in scores {
            byCriterion[score.criterion, default: []].append(score.percent)
            byJudge[JudgeOnCriterion(criterion: score.criterion, judge: score.judge), default: []].append(score.percent)
        }
        let pooled = byCriterion.mapValues { Statistics($0) }
        let judges = byJudge.mapValues { Statistics($0) }
        return scores.map { score in
            guard let all = pooled[score.criterion] ?? nil, let spread = all.standardDeviation,
                let own = judges[JudgeOnCriterion(criterion: score.criterion, judge: score.judge)] ?? nil
            else { return score.percent }
            if let ownSpread = own.standardDeviation, ownSpread > 0 {
                return all.mean + spread * (score.percent - own.mean) / ownSpread
            }
            return all.mean
        }
    }
}

/// The settings of an aggregation, fixed before judging opens.
@MemberwiseInit
package struct AggregationSettings: Sendable, Hashable, Codable {
    package var method: AggregationMethod = .mean
    /// Whether normalised results are computed and reported beside the raw ones.
    package var normalize: Bool = false
    /// Which result is official; `.normalized` implies `normalize`.
    package var official: ScoreBasis = .raw
    /// An entry/criterion whose raw range (max − min, percentage points) is strictly above this is flagged for
    /// consensus; nil never flags.
    package var disagreementThreshold: Double?
}

/// The aggregate of one criterion of one entry.
package struct CriterionAggregate: Sendable, Hashable, Codable {
    package var key: EntryCriterion
    /// The judges who scored, sorted; recused or absent judges are simply not here.
    package var judges: [String]
    package var raw: Statistics
    /// The raw scores combined by the method.
    package var rawValue: Double
    package var normalized: Statistics?
    package var normalizedValue: Double?
    /// Whether the raw range is above the disagreement threshold.
    package var wideRange: Bool
    /// The value agreed in a recorded consensus step, which replaces the aggregate.
    package var consensus: Double?
    /// Which basis `official` comes from when there is no consensus.
    package var basis: ScoreBasis

    /// Whether the entry/criterion still waits for a consensus: wide range and no recorded consensus.
    package var needsConsensus: Bool { wideRange && consensus == nil }

    /// The value that counts: the consensus when recorded, otherwise the result on the official basis.
    package var official: Double {
        if let consensus { return consensus }
        return basis == .normalized ? (normalizedValue ?? rawValue) : rawValue
    }
}

/// Combines judges' scores per entry and criterion.
package enum Aggregator {
    /// One aggregate per entry/criterion that has scores, sorted by application then criterion. Normalisation, when
    /// on, uses every score given (all entries). `consensus` values replace the aggregate of their entry/criterion.
    package static func aggregate(
        _ scores: [Score], settings: AggregationSettings, consensus: [EntryCriterion: Double] = [:]
    ) -> [CriterionAggregate] {
        var aggregates: [CriterionAggregate] = []
        forEachAggregate(scores, settings: settings, consensus: consensus) { aggregates.append($0) }
        return aggregates
    }

    /// The aggregates `aggregate` returns, handed to `body` one at a time in the same order: a caller that files
    /// them away does not hold them twice.
    package static func forEachAggregate(
        _ scores: [Score], settings: AggregationSettings, consensus: [EntryCriterion: Double] = [:], _ body: (CriterionAggregate) -> Void
    ) {
        let normalizing = settings.normalize || settings.official == .normalized
        let normalized = normalizing ? Normalizer.percents(scores) : []
        // Each entry/criterion is a run of the scores ordered by key (input order kept within a run); scores read
        // from the store come in that order already, so most calls only check it.
        let key = { (index: Int) in EntryCriterion(application: scores[index].application, criterion: scores[index].criterion) }
        var order = Array(scores.indices)
        if !order.indices.dropFirst().allSatisfy({ !(key($0) < key($0 - 1)) }) {
            order.sort { a, b in
                let (x, y) = (key(a), key(b))
                return x != y ? x < y : a < b
            }
        }
        var start = 0
        while start < order.count {
            let runKey = key(order[start])
            var end = start + 1
            while end < order.count, key(order[end]) == runKey { end += 1 }
            let run = order[start..<end]
            start = end
            let values = run.map { scores[$0].percent }
            guard let raw = Statistics(values), let rawValue = settings.method.value(values) else { continue }
            let normalizedValues = normalizing ? run.map { normalized[$0] } : []
            let wide = settings.disagreementThreshold.map { raw.range > $0 } ?? false
            body(
                CriterionAggregate(
                    key: runKey,
                    judges: run.map { scores[$0].judge }.sorted(),
                    raw: raw,
                    rawValue: rawValue,
                    normalized: normalizing ? Statistics(normalizedValues) : nil,
                    normalizedValue: normalizing ? settings.method.value(normalizedValues) : nil,
                    wideRange: wide,
                    consensus: consensus[runKey],
                    basis: normalizing ? settings.official : .raw
                ))
        }
    }
}

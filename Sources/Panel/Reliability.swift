/// A reliability coefficient with the amount of data behind it; `value` is nil when undefined.
public struct ReliabilityValue: Sendable, Hashable, Codable {
    public var value: Double?
    /// Units (entries) used.
    public var units: Int
    /// Raters (columns) in the table.
    public var raters: Int
    /// Scores used: n × k for ICC, the pairable values for alpha.
    public var values: Int
}

/// The inter-rater reliability of one criterion.
public struct CriterionReliability: Sendable, Hashable, Codable {
    public var criterion: String
    public var icc: ReliabilityValue
    public var alpha: ReliabilityValue
}

/// Inter-rater reliability. Ratings are a matrix: one row per unit (entry), one column per rater (judge),
/// nil where the rater gave no score.
public enum Reliability {
    /// ICC(2,1), Shrout & Fleiss (1979): two-way random effects, absolute agreement, single rater.
    ///
    ///     ICC(2,1) = (MSR − MSE) / (MSR + (k − 1)·MSE + k·(MSC − MSE) / n)
    ///
    /// with MSR the between-units, MSC the between-raters and MSE the residual mean squares of the two-way ANOVA.
    /// The model needs a complete table: only rows where every column has a score are used (`units` reports n).
    /// Undefined (nil) with fewer than 2 raters or 2 complete units, or when all the used scores are equal.
    /// With rotating panels few entries are scored by every judge: prefer Krippendorff's alpha there.
    public static func icc21(_ ratings: [[Double?]]) -> ReliabilityValue {
        let k = ratings.map(\.count).max() ?? 0
        let rows: [[Double]] = ratings.compactMap { row in
            guard row.count == k else { return nil }
            let values = row.compactMap { $0 }
            return values.count == k ? values : nil
        }
        let n = rows.count
        let used = n * k
        guard k >= 2, n >= 2 else { return ReliabilityValue(value: nil, units: n, raters: k, values: used) }
        let grand = rows.joined().reduce(0, +) / Double(used)
        let rowMeans = rows.map { $0.reduce(0, +) / Double(k) }
        let columnMeans = (0..<k).map { column in rows.reduce(0) { $0 + $1[column] } / Double(n) }
        let total = rows.joined().reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let ssr = Double(k) * rowMeans.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let ssc = Double(n) * columnMeans.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let sse = total - ssr - ssc
        let msr = ssr / Double(n - 1)
        let msc = ssc / Double(k - 1)
        let mse = sse / Double((n - 1) * (k - 1))
        let denominator = msr + Double(k - 1) * mse + Double(k) * (msc - mse) / Double(n)
        guard total > 0, denominator > 0 else { return ReliabilityValue(value: nil, units: n, raters: k, values: used) }
        return ReliabilityValue(value: (msr - mse) / denominator, units: n, raters: k, values: used)
    }

    /// Krippendorff's alpha with the interval metric (squared difference), missing values allowed.
    ///
    /// Only units with at least two values are pairable; n is the number of pairable values. With m_u the values
    /// of unit u:
    ///
    ///     D_o = (1/n) Σ_u [ Σ_{i≠j in u} (v_i − v_j)² / (m_u − 1) ]
    ///     D_e = (1/(n(n − 1))) Σ_{i≠j over all pairable values} (v_i − v_j)²
    ///     α   = 1 − D_o / D_e
    ///
    /// Undefined (nil) when no unit has two values or all pairable values are equal (D_e = 0).
    public static func krippendorffAlpha(_ ratings: [[Double?]]) -> ReliabilityValue {
        let units = ratings.map { $0.compactMap { $0 } }.filter { $0.count >= 2 }
        let raters = ratings.map(\.count).max() ?? 0
        let values = units.joined()
        let n = values.count
        guard n >= 2 else { return ReliabilityValue(value: nil, units: units.count, raters: raters, values: n) }
        var observed = 0.0
        for unit in units {
            var sum = 0.0
            for (i, a) in unit.enumerated() {
                for (j, b) in unit.enumerated() where i != j { sum += (a - b) * (a - b) }
            }
            observed += sum / Double(unit.count - 1)
        }
        observed /= Double(n)
        let mean = values.reduce(0, +) / Double(n)
        // Σ_{i≠j} (v_i − v_j)² = 2n Σ (v − mean)²
        let pairSum = 2 * Double(n) * values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let expected = pairSum / (Double(n) * Double(n - 1))
        guard expected > 0 else { return ReliabilityValue(value: nil, units: units.count, raters: raters, values: n) }
        return ReliabilityValue(value: 1 - observed / expected, units: units.count, raters: raters, values: n)
    }

    /// The entries × judges matrix of one criterion: rows by sorted application, columns by sorted judge.
    public static func matrix(_ scores: [Score], criterion: String) -> [[Double?]] {
        let chosen = scores.filter { $0.criterion == criterion }
        let applications = Array(Set(chosen.map(\.application))).sorted()
        let judges = Array(Set(chosen.map(\.judge))).sorted()
        let column = Dictionary(uniqueKeysWithValues: judges.enumerated().map { ($1, $0) })
        let row = Dictionary(uniqueKeysWithValues: applications.enumerated().map { ($1, $0) })
        var table = Array(repeating: Array(repeating: Double?.none, count: judges.count), count: applications.count)
        for score in chosen {
            guard let r = row[score.application], let c = column[score.judge] else { continue }
            table[r][c] = score.percent
        }
        return table
    }

    /// ICC(2,1) and alpha for every criterion that has scores, sorted by criterion.
    public static func perCriterion(_ scores: [Score]) -> [CriterionReliability] {
        Array(Set(scores.map(\.criterion))).sorted().map { criterion in
            let table = matrix(scores, criterion: criterion)
            return CriterionReliability(criterion: criterion, icc: icc21(table), alpha: krippendorffAlpha(table))
        }
    }
}

/// A reliability coefficient with its 95 % confidence interval and the amount of data behind it; `value` is nil
/// when undefined, `lower` and `upper` when the interval cannot be computed.
package struct ReliabilityValue: Sendable, Hashable, Codable {
    package var value: Double?
    /// Units (entries) used.
    package var units: Int
    /// Raters (columns) in the table.
    package var raters: Int
    /// Scores used: n × k for ICC(2,1), every score of the units with two or more for ICC(1) and alpha.
    package var values: Int
    /// The judges per entry the formula uses: k for ICC(2,1), k0 (the adjusted mean for unequal numbers of judges
    /// per entry) for ICC(1) and ICC(1,k); nil for alpha.
    package var judgesPerUnit: Double? = nil
    /// Lower end of the 95 % confidence interval.
    package var lower: Double? = nil
    /// Upper end of the 95 % confidence interval.
    package var upper: Double? = nil
}

/// Which design a criterion's scores have, and so which models fit them.
package enum ReliabilityDesign: String, Sendable, Hashable, Codable {
    /// Every judge scored every entry: the two-way model of ICC(2,1) applies as well as the one-way one.
    case crossed
    /// Judges differ per entry (a rotating panel): only the one-way model (ICC(1), ICC(1,k)) and alpha apply.
    case oneWay = "one-way"
}

/// The inter-rater reliability of one criterion.
package struct CriterionReliability: Sendable, Hashable, Codable {
    package var criterion: String
    /// Crossed when every judge who scored the criterion scored every entry, one-way otherwise.
    package var design: ReliabilityDesign
    /// ICC(1): one-way random effects, the reliability of one judge's score.
    package var icc1: ReliabilityValue
    /// ICC(1,k): one-way random effects, the reliability of the mean of the entry's k0 judges.
    package var icc1k: ReliabilityValue
    /// Krippendorff's alpha, interval metric, with an F interval from the one-way model.
    package var alpha: ReliabilityValue
    /// ICC(2,1), two-way random effects, absolute agreement; only for a crossed design, nil otherwise.
    package var icc21: ReliabilityValue?
}

/// Inter-rater reliability. Ratings are a matrix: one row per unit (entry), one column per rater (judge),
/// nil where the rater gave no score. Every interval is a two-sided 95 % one.
package enum Reliability {
    /// The two-sided confidence level of every interval.
    package static let confidence = 0.95

    /// ICC(1) and ICC(1,k), Shrout & Fleiss (1979) case 1: one-way random effects, each unit rated by its own
    /// raters. Only units with two or more scores are used; their numbers may differ. With the one-way ANOVA
    /// (N scores in n units, m_u scores in unit u):
    ///
    ///     MSB = Σ_u m_u (mean_u − mean)² / (n − 1),   MSW = Σ_u Σ_i (v_ui − mean_u)² / (N − n)
    ///     k0  = (N − Σ_u m_u² / N) / (n − 1)          (k when every unit has k scores)
    ///     ICC(1)   = (MSB − MSW) / (MSB + (k0 − 1)·MSW)
    ///     ICC(1,k) = (MSB − MSW) / MSB                (the mean of k0 raters)
    ///
    /// The 95 % interval (McGraw & Wong 1996, case 1) from F = MSB / MSW, F_L = F / F_{.975}(n − 1, N − n) and
    /// F_U = F · F_{.975}(N − n, n − 1): ICC(1) in [(F_L − 1) / (F_L + k0 − 1), (F_U − 1) / (F_U + k0 − 1)],
    /// ICC(1,k) in [1 − 1/F_L, 1 − 1/F_U]. With unequal m_u, k0 makes the formulas approximate.
    /// Undefined with fewer than 2 such units or when all their scores are equal; ICC(1,k) also when MSB = 0.
    /// No interval when MSB or MSW is 0.
    package static func oneWayICC(_ ratings: [[Double?]]) -> (single: ReliabilityValue, mean: ReliabilityValue) {
        let raters = ratings.map(\.count).max() ?? 0
        let units = pairableUnits(ratings)
        let n = units.count
        let total = units.reduce(0) { $0 + $1.count }
        var empty = ReliabilityValue(value: nil, units: n, raters: raters, values: total)
        guard n >= 2 else { return (empty, empty) }
        let grand = units.reduce(0) { $0 + $1.sum } / Double(total)
        let ssb = units.reduce(0) { $0 + Double($1.count) * ($1.mean - grand) * ($1.mean - grand) }
        let ssw = units.reduce(0) { $0 + $1.squaredDeviations }
        let betweenDF = Double(n - 1), withinDF = Double(total - n)
        let msb = ssb / betweenDF, msw = ssw / withinDF
        let k0 = (Double(total) - units.reduce(0) { $0 + Double($1.count * $1.count) } / Double(total)) / betweenDF
        empty.judgesPerUnit = k0
        guard msb + msw > 0 else { return (empty, empty) }
        var single = empty, mean = empty
        single.value = (msb - msw) / (msb + (k0 - 1) * msw)
        if msb > 0 { mean.value = (msb - msw) / msb }
        if msb > 0, msw > 0,
            let upperBetween = FDistribution.quantile(upperTail, betweenDF, withinDF),
            let upperWithin = FDistribution.quantile(upperTail, withinDF, betweenDF)
        {
            let f = msb / msw
            let fLow = f / upperBetween, fHigh = f * upperWithin
            single.lower = finite((fLow - 1) / (fLow + k0 - 1))
            single.upper = finite((fHigh - 1) / (fHigh + k0 - 1))
            mean.lower = finite(1 - 1 / fLow)
            mean.upper = finite(1 - 1 / fHigh)
        }
        return (single, mean)
    }

    /// ICC(2,1), Shrout & Fleiss (1979): two-way random effects, absolute agreement, single rater.
    ///
    ///     ICC(2,1) = (MSR − MSE) / (MSR + (k − 1)·MSE + k·(MSC − MSE) / n)
    ///
    /// with MSR the between-units, MSC the between-raters and MSE the residual mean squares of the two-way ANOVA.
    /// The model needs a complete table: only rows where every column has a score are used (`units` reports n).
    /// Undefined (nil) with fewer than 2 raters or 2 complete units, or when all the used scores are equal.
    /// The 95 % interval is McGraw & Wong's (1996, case 2A) with Satterthwaite's degrees of freedom
    ///
    ///     a = kρ / (n(1 − ρ)),  b = 1 + kρ(n − 1) / (n(1 − ρ))
    ///     v = (a·MSC + b·MSE)² / ((a·MSC)² / (k − 1) + (b·MSE)² / ((n − 1)(k − 1)))
    ///     lower = n(MSR − F*·MSE) / (F*(k·MSC + (kn − k − n)·MSE) + n·MSR),       F* = F_{.975}(n − 1, v)
    ///     upper = n(F_*·MSR − MSE) / (k·MSC + (kn − k − n)·MSE + n·F_*·MSR),     F_* = F_{.975}(v, n − 1)
    ///
    /// With rotating panels few entries are scored by every judge: use the one-way ICC and alpha there.
    package static func icc21(_ ratings: [[Double?]]) -> ReliabilityValue {
        let k = ratings.map(\.count).max() ?? 0
        let rows: [[Double]] = ratings.compactMap { row in
            guard row.count == k else { return nil }
            let values = row.compactMap { $0 }
            return values.count == k ? values : nil
        }
        let n = rows.count
        let used = n * k
        var result = ReliabilityValue(value: nil, units: n, raters: k, values: used, judgesPerUnit: Double(k))
        guard k >= 2, n >= 2 else { return result }
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
        guard total > 0, denominator > 0 else { return result }
        let rho = (msr - mse) / denominator
        result.value = rho
        let (nd, kd) = (Double(n), Double(k))
        let a = kd * rho / (nd * (1 - rho))
        let b = 1 + kd * rho * (nd - 1) / (nd * (1 - rho))
        let v =
            (a * msc + b * mse) * (a * msc + b * mse)
            / ((a * msc) * (a * msc) / (kd - 1) + (b * mse) * (b * mse) / ((nd - 1) * (kd - 1)))
        guard v.isFinite, v > 0,
            let fStar = FDistribution.quantile(upperTail, nd - 1, v),
            let fSub = FDistribution.quantile(upperTail, v, nd - 1)
        else { return result }
        let spread = kd * msc + (kd * nd - kd - nd) * mse
        result.lower = finite(nd * (msr - fStar * mse) / (fStar * spread + nd * msr))
        result.upper = finite(nd * (fSub * msr - mse) / (spread + nd * fSub * msr))
        return result
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
    /// computed from per-unit sums (Σ_{i≠j} (v_i − v_j)² = 2m Σ (v − mean)²). Undefined (nil) when no unit has two
    /// values or all pairable values are equal (D_e = 0).
    ///
    /// The 95 % interval is analytic, from the one-way model of ICC(1): with u pairable units and every unit
    /// holding the same number of values, D_o = 2·MSW and D_e = 2·SST / (n − 1), so that
    ///
    ///     α = (u − 1)(F − 1) / ((u − 1)F + n − u),   F = MSB / MSW
    ///
    /// F is solved from the observed α, divided and multiplied by F_{.975}(u − 1, n − u) and F_{.975}(n − u, u − 1)
    /// as for ICC(1), and mapped back. Exact under that model for equal numbers of values per unit, an
    /// approximation otherwise; deterministic and defined from two units on. None when α = 1.
    package static func krippendorffAlpha(_ ratings: [[Double?]]) -> ReliabilityValue {
        let units = pairableUnits(ratings)
        let raters = ratings.map(\.count).max() ?? 0
        let n = units.reduce(0) { $0 + $1.count }
        var result = ReliabilityValue(value: nil, units: units.count, raters: raters, values: n)
        guard n >= 2 else { return result }
        let grand = units.reduce(0) { $0 + $1.sum } / Double(n)
        var observed = 0.0, total = 0.0
        for unit in units {
            let m = Double(unit.count)
            observed += 2 * m * unit.squaredDeviations / (m - 1)
            total += unit.squaredDeviations + m * (unit.mean - grand) * (unit.mean - grand)
        }
        let expected = 2 * total / Double(n - 1)
        guard expected > 0 else { return result }
        let alpha = 1 - observed / Double(n) / expected
        result.value = alpha
        let between = Double(units.count - 1), within = Double(n - units.count)
        guard between >= 1, alpha < 1,
            let upperBetween = FDistribution.quantile(upperTail, between, within),
            let upperWithin = FDistribution.quantile(upperTail, within, between)
        else { return result }
        let f = (between + alpha * within) / (between * (1 - alpha))
        guard f > 0 else { return result }
        func alphaOf(_ f: Double) -> Double? { finite(between * (f - 1) / (between * f + within)) }
        result.lower = alphaOf(f / upperBetween)
        result.upper = alphaOf(f * upperWithin)
        return result
    }

    /// Whether every rater (column) scored every unit (row) of a non-empty table: the two-way crossed design.
    package static func isCrossed(_ ratings: [[Double?]]) -> Bool {
        let k = ratings.map(\.count).max() ?? 0
        return !ratings.isEmpty && ratings.allSatisfy { $0.count == k && !$0.contains(nil) }
    }

    /// The entries × judges matrix of one criterion: rows by sorted application, columns by sorted judge.
    package static func matrix(_ scores: [Score], criterion: String) -> [[Double?]] {
        // Where the criterion's scores are, not copies of them: a sub-type has hundreds of thousands.
        let chosen = scores.indices.filter { scores[$0].criterion == criterion }
        let applications = Array(Set(chosen.map { scores[$0].application })).sorted()
        let judges = Array(Set(chosen.map { scores[$0].judge })).sorted()
        let column = Dictionary(uniqueKeysWithValues: judges.enumerated().map { ($1, $0) })
        let row = Dictionary(uniqueKeysWithValues: applications.enumerated().map { ($1, $0) })
        var table = Array(repeating: Array(repeating: Double?.none, count: judges.count), count: applications.count)
        for index in chosen {
            let score = scores[index]
            guard let r = row[score.application], let c = column[score.judge] else { continue }
            table[r][c] = score.percent
        }
        return table
    }

    /// ICC(1), ICC(1,k) and alpha for every criterion that has scores, and ICC(2,1) where the design is crossed,
    /// sorted by criterion.
    package static func perCriterion(_ scores: [Score]) -> [CriterionReliability] {
        Array(Set(scores.map(\.criterion))).sorted().map { criterion in
            let table = matrix(scores, criterion: criterion)
            let oneWay = oneWayICC(table)
            let crossed = isCrossed(table)
            return CriterionReliability(
                criterion: criterion, design: crossed ? .crossed : .oneWay, icc1: oneWay.single, icc1k: oneWay.mean,
                alpha: krippendorffAlpha(table), icc21: crossed ? icc21(table) : nil)
        }
    }

    /// The upper-tail probability of the F quantiles of a two-sided `confidence` interval.
    static var upperTail: Double { 1 - (1 - confidence) / 2 }

    /// The value when finite, else nil.
    private static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    /// One unit's scores summed up: count, sum, mean and Σ (v − mean)².
    private struct UnitSummary {
        var count: Int
        var sum: Double
        var mean: Double
        var squaredDeviations: Double
    }

    /// The units (rows) with two or more scores, in order.
    private static func pairableUnits(_ ratings: [[Double?]]) -> [UnitSummary] {
        ratings.compactMap { row in
            let values = row.compactMap { $0 }
            guard values.count >= 2 else { return nil }
            let sum = values.reduce(0, +)
            let mean = sum / Double(values.count)
            return UnitSummary(
                count: values.count, sum: sum, mean: mean,
                squaredDeviations: values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) })
        }
    }
}

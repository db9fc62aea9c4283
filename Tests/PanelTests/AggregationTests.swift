import Testing

@testable import Panel

private func close(_ a: Double?, _ b: Double, within tolerance: Double = 1e-4) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

@Suite struct StatisticsTests {
    @Test func describesScores() throws {
        // 60, 70, 75, 90, 100: sum 395, mean 79, median 75.
        // Deviations −19, −9, −4, 11, 21; squares 361 + 81 + 16 + 121 + 441 = 1020; variance 1020 / 4 = 255;
        // sd √255 = 15.96872. Range 100 − 60 = 40.
        let stats = try #require(Statistics([90, 60, 100, 75, 70]))
        #expect(stats.n == 5)
        #expect(stats.mean == 79)
        #expect(stats.median == 75)
        #expect(close(stats.standardDeviation, 15.96872))
        #expect(stats.min == 60 && stats.max == 100 && stats.range == 40)
    }

    @Test func evenMedianAndSingleValue() throws {
        // 60, 70, 80, 90: median (70 + 80) / 2 = 75.
        #expect(Statistics([90, 60, 80, 70])?.median == 75)
        let one = try #require(Statistics([55]))
        #expect(one.standardDeviation == nil && one.range == 0 && one.median == 55)
        #expect(Statistics([]) == nil)
    }

    @Test func methods() {
        let values: [Double] = [60, 70, 75, 90, 100]
        #expect(AggregationMethod.mean.value(values) == 79)
        #expect(AggregationMethod.median.value(values) == 75)
        // Trim ⌊5 × 0.2⌋ = 1 from each end: (70 + 75 + 90) / 3 = 78.3333.
        #expect(close(AggregationMethod.trimmedMean(fraction: 0.2).value(values), 78.33333))
        // Trim ⌊4 × 0.5⌋ = 2 would leave nothing: capped at ⌊(4 − 1) / 2⌋ = 1, (70 + 80) / 2 = 75.
        #expect(AggregationMethod.trimmedMean(fraction: 0.5).value([60, 70, 80, 90]) == 75)
        // Fraction 0.1 of 5 trims ⌊0.5⌋ = 0: the plain mean.
        #expect(AggregationMethod.trimmedMean(fraction: 0.1).value(values) == 79)
        #expect(AggregationMethod.trimmedMean(fraction: .nan).value(values) == 79)
        #expect(AggregationMethod.mean.value([]) == nil)
    }
}

@Suite struct NormalizerTests {
    @Test func mapsEachJudgeToThePooledMeanAndSpread() {
        // Judge A: 60, 80 → mean 70, sd √((10² + 10²) / 1) = 14.14214. Judge B: 70, 90 → mean 80, same sd.
        // Pooled 60, 80, 70, 90: mean 75; squares 225 + 25 + 25 + 225 = 500; sd √(500 / 3) = 12.90994.
        // A's 60: z = −10 / 14.14214 = −0.70711 → 75 − 0.70711 × 12.90994 = 65.87129; A's 80 → 84.12871.
        let scores = [
            Score(judge: "A", application: "E1", criterion: "c", percent: 60),
            Score(judge: "A", application: "E2", criterion: "c", percent: 80),
            Score(judge: "B", application: "E1", criterion: "c", percent: 70),
            Score(judge: "B", application: "E2", criterion: "c", percent: 90),
        ]
        let normalized = Normalizer.zScores(scores).map(\.percent)
        #expect(close(normalized[0], 65.87129))
        #expect(close(normalized[1], 84.12871))
        #expect(close(normalized[2], 65.87129))
        #expect(close(normalized[3], 84.12871))
    }

    @Test func aJudgeWithoutSpreadGetsThePooledMean() {
        // Pooled 50, 50, 70, 90: mean 65. Judge A gave 50 twice (sd 0): both become 65.
        // Judge B alone on criterion d: pooled sd undefined, so the score is kept.
        let scores = [
            Score(judge: "A", application: "E1", criterion: "c", percent: 50),
            Score(judge: "A", application: "E2", criterion: "c", percent: 50),
            Score(judge: "B", application: "E1", criterion: "c", percent: 70),
            Score(judge: "B", application: "E2", criterion: "c", percent: 90),
            Score(judge: "B", application: "E1", criterion: "d", percent: 40),
        ]
        let normalized = Normalizer.zScores(scores).map(\.percent)
        #expect(normalized[0] == 65 && normalized[1] == 65)
        #expect(normalized[4] == 40)
    }
}

@Suite struct AggregatorTests {
    let scores = [
        Score(judge: "A", application: "E1", criterion: "c", percent: 60),
        Score(judge: "A", application: "E2", criterion: "c", percent: 80),
        Score(judge: "B", application: "E1", criterion: "c", percent: 70),
        Score(judge: "B", application: "E2", criterion: "c", percent: 90),
        Score(judge: "A", application: "E3", criterion: "c", percent: 50),
        Score(judge: "B", application: "E3", criterion: "c", percent: 95),
        Score(judge: "A", application: "E4", criterion: "c", percent: 70),
        Score(judge: "B", application: "E4", criterion: "c", percent: 90),
    ]

    @Test func rawOnlyByDefault() throws {
        let results = Aggregator.aggregate(scores, settings: AggregationSettings())
        #expect(results.map(\.key.application) == ["E1", "E2", "E3", "E4"])
        // E1: (60 + 70) / 2 = 65.
        #expect(results[0].rawValue == 65 && results[0].official == 65)
        #expect(results[0].normalized == nil && results[0].normalizedValue == nil)
        #expect(results[0].judges == ["A", "B"])
        #expect(!results[2].needsConsensus)
    }

    @Test func normalisedBesideRawAndOfficialAsChosen() throws {
        // Judge A: 60, 80, 50, 70 → mean 65; squares 25 + 225 + 225 + 25 = 500; sd √(500 / 3) = 12.90994.
        // Judge B: 70, 90, 95, 90 → mean 86.25; squares 264.0625 + 14.0625 + 76.5625 + 14.0625 = 368.75;
        //   sd √(368.75 / 3) = 11.08678.
        // Pooled (8 scores): sum 605, mean 75.625; squares 244.140625 + 19.140625 + 31.640625 + 206.640625
        //   + 656.640625 + 375.390625 + 31.640625 + 206.640625 = 1771.875; sd √(1771.875 / 7) = 15.90990.
        // E1: A 60 → 75.625 + 15.90990 × (−5 / 12.90994) = 69.46307;
        //     B 70 → 75.625 + 15.90990 × (−16.25 / 11.08678) = 52.30579; mean 60.88443.
        let settings = AggregationSettings(method: .mean, normalize: true, official: .raw)
        let raw = Aggregator.aggregate(scores, settings: settings)
        #expect(raw[0].rawValue == 65)
        #expect(close(raw[0].normalizedValue, 60.88443))
        #expect(raw[0].official == 65)
        let official = Aggregator.aggregate(scores, settings: AggregationSettings(official: .normalized))
        #expect(close(official[0].official, 60.88443))
        #expect(official[0].basis == .normalized)
        #expect(official[0].normalized?.n == 2)
    }

    @Test func orderOfTheScoresDoesNotMatter() {
        // The store hands scores over by entry and criterion; any other order must give the same aggregates.
        let criteria = scores.flatMap { score in
            ["c", "b"].map { Score(judge: score.judge, application: score.application, criterion: $0, percent: score.percent) }
        }
        let sorted = criteria.sorted { ($0.application, $0.criterion, $0.judge) < ($1.application, $1.criterion, $1.judge) }
        let settings = AggregationSettings(method: .trimmedMean(fraction: 0.2), normalize: true, disagreementThreshold: 20)
        let expected = Aggregator.aggregate(sorted, settings: settings)
        #expect(expected.map { "\($0.key.application)/\($0.key.criterion)" } == ["E1/b", "E1/c", "E2/b", "E2/c", "E3/b", "E3/c", "E4/b", "E4/c"])
        #expect(Aggregator.aggregate(criteria, settings: settings) == expected)
        #expect(Aggregator.aggregate(Array(sorted.reversed()), settings: settings) == expected)
    }

    @Test func flagsWideRangesUntilAConsensusIsRecorded() {
        // Ranges: E1 10, E2 10, E3 45, E4 20. Threshold 20: only E3 (45 > 20); E4 is equal, not above.
        let settings = AggregationSettings(disagreementThreshold: 20)
        let flagged = Aggregator.aggregate(scores, settings: settings)
        #expect(flagged.map(\.needsConsensus) == [false, false, true, false])
        #expect(flagged[2].official == 72.5)
        let key = EntryCriterion(application: "E3", criterion: "c")
        let agreed = Aggregator.aggregate(scores, settings: settings, consensus: [key: 80])
        #expect(agreed[2].official == 80)
        #expect(agreed[2].wideRange && !agreed[2].needsConsensus)
        #expect(agreed[2].rawValue == 72.5)
    }

    @Test func recusalsDoNotPenalise() {
        // Three judges on the panel, C recused from E1: the mean is over A and B, (80 + 90) / 2 = 85, not 170 / 3.
        let scores = [
            Score(judge: "A", application: "E1", criterion: "c", percent: 80),
            Score(judge: "B", application: "E1", criterion: "c", percent: 90),
            Score(judge: "C", application: "E2", criterion: "c", percent: 40),
        ]
        let results = Aggregator.aggregate(scores, settings: AggregationSettings())
        #expect(results[0].official == 85 && results[0].raw.n == 2)
    }

    @Test func methodAppliesPerEntryCriterion() {
        let scores = [60.0, 70, 75, 90, 100].enumerated().map { Score(judge: "J\($0.offset)", application: "E", criterion: "c", percent: $0.element) }
        let median = Aggregator.aggregate(scores, settings: AggregationSettings(method: .median))
        #expect(median[0].official == 75)
        let trimmed = Aggregator.aggregate(scores, settings: AggregationSettings(method: .trimmedMean(fraction: 0.2)))
        #expect(close(trimmed[0].official, 78.33333))
        #expect(trimmed[0].raw.mean == 79)
    }
}

@Suite struct ReliabilityTests {
    /// Shrout & Fleiss (1979), table 2: 6 targets × 4 judges.
    let shroutFleiss: [[Double?]] = [
        [9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7],
    ]

    @Test func iccOfShroutAndFleiss() {
        // Grand mean 127 / 24 = 5.29167. Row means 6, 3, 6.5, 4, 7.5, 4.75; column means 7.66667, 2.5, 4.33333, 6.66667.
        // SSR = 4 × Σ(row mean − grand)² = 4 × 14.05035 = 56.20833, MSR = 56.20833 / 5 = 11.24167.
        // SSC = 6 × Σ(column mean − grand)² = 6 × 16.24306 = 97.45833, MSC = 97.45833 / 3 = 32.48611.
        // SST = 168.95833, SSE = 168.95833 − 56.20833 − 97.45833 = 15.29167, MSE = 15.29167 / 15 = 1.01944.
        // ICC(2,1) = (11.24167 − 1.01944) / (11.24167 + 3 × 1.01944 + 4 × (32.48611 − 1.01944) / 6)
        //          = 10.22222 / 35.28056 = 0.28974 (the paper gives .29).
        let icc = Reliability.icc21(shroutFleiss)
        #expect(close(icc.value, 0.29, within: 0.01))
        #expect(close(icc.value, 0.28974))
        #expect(icc.units == 6 && icc.raters == 4 && icc.values == 24 && icc.judgesPerUnit == 4)
        // McGraw & Wong (1996) case 2A, computed independently in Python with scipy.stats.f.ppf:
        // a = kρ/(n(1−ρ)), b = 1 + kρ(n−1)/(n(1−ρ)), v = 4.785144 (Satterthwaite), F* = f.ppf(.975, 5, v),
        // F_* = f.ppf(.975, v, 5) → [0.0187865, 0.7610844].
        #expect(close(icc.lower, 0.0187865, within: 1e-6))
        #expect(close(icc.upper, 0.7610844, within: 1e-6))
    }

    @Test func oneWayICCOfShroutAndFleiss() {
        // One-way ANOVA of the same table: BMS = 11.24167 (as MSR above), WMS = (SSC + SSE) / 18 = 6.26389.
        // ICC(1,1) = (11.24167 − 6.26389) / (11.24167 + 3 × 6.26389) = 0.16574 (the paper gives .17);
        // ICC(1,4) = (11.24167 − 6.26389) / 11.24167 = 0.44280 (the paper gives .44).
        let (single, mean) = Reliability.oneWayICC(shroutFleiss)
        #expect(close(single.value, 0.17, within: 0.005) && close(mean.value, 0.44, within: 0.005))
        #expect(close(single.value, 0.1657418, within: 1e-6))
        #expect(close(mean.value, 0.4427971, within: 1e-6))
        #expect(single.units == 6 && single.raters == 4 && single.values == 24 && single.judgesPerUnit == 4)
        #expect(mean.units == 6 && mean.judgesPerUnit == 4)
        // McGraw & Wong (1996) case 1, computed independently in Python: F = BMS/WMS, F_L = F / f.ppf(.975, 5, 18),
        // F_U = F × f.ppf(.975, 18, 5) (scipy.stats.f); ICC(1) in [(F_L−1)/(F_L+3), (F_U−1)/(F_U+3)],
        // ICC(1,4) in [1 − 1/F_L, 1 − 1/F_U].
        #expect(close(single.lower, -0.1329323, within: 1e-6) && close(single.upper, 0.7225601, within: 1e-6))
        #expect(close(mean.lower, -0.8844422, within: 1e-6) && close(mean.upper, 0.9124154, within: 1e-6))
    }

    @Test func oneWayICCWithUnequalJudgesPerEntry() {
        // The table with four scores removed: 20 scores in 6 entries of 3, 3, 4, 2, 4, 4 scores.
        // k0 = (20 − (9 + 9 + 16 + 4 + 16 + 16) / 20) / 5 = (20 − 3.5) / 5 = 3.3; BMS = 7.59333, WMS = 6.04167.
        // Reference figures from the same Python computation (one-way ANOVA, k0, scipy F quantiles with 5 and 14
        // degrees of freedom).
        let gaps: [[Double?]] = [[9, 2, nil, 8], [6, 1, 3, nil], [8, 4, 6, 8], [7, nil, nil, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
        let (single, mean) = Reliability.oneWayICC(gaps)
        #expect(single.units == 6 && single.values == 20 && close(single.judgesPerUnit, 3.3, within: 1e-12))
        #expect(close(single.value, 0.0722069, within: 1e-6) && close(mean.value, 0.2043459, within: 1e-6))
        #expect(close(single.lower, -0.2485459, within: 1e-6) && close(single.upper, 0.6831069, within: 1e-6))
        #expect(close(mean.lower, -1.9148176, within: 1e-6) && close(mean.upper, 0.8767503, within: 1e-6))
        // A row with one score is left out: it has no within-entry spread.
        #expect(Reliability.oneWayICC(gaps + [[5, nil, nil, nil]]).single == single)
    }

    @Test func oneWayICCEdges() {
        #expect(Reliability.oneWayICC([[1, 2]]).single.value == nil)
        #expect(Reliability.oneWayICC([[1, nil], [nil, 2]]).single.value == nil)
        #expect(Reliability.oneWayICC([]).mean.value == nil)
        let equal = Reliability.oneWayICC([[3, 3], [3, 3]])
        #expect(equal.single.value == nil && equal.mean.value == nil)
        // Judges agree within every entry: ICC 1, no interval (F is infinite).
        let agreed = Reliability.oneWayICC([[1, 1], [5, 5]])
        #expect(agreed.single.value == 1 && agreed.mean.value == 1 && agreed.single.lower == nil && agreed.mean.upper == nil)
        // Entries have equal means (MSB = 0): ICC(1) = −MSW / ((k0 − 1)·MSW) = −1, ICC(1,k) undefined, no interval.
        let flat = Reliability.oneWayICC([[1, 3], [3, 1]])
        #expect(flat.single.value == -1 && flat.mean.value == nil && flat.mean.lower == nil && flat.single.lower == nil)
    }

    @Test func iccUsesCompleteRowsOnlyAndIsUndefinedWithoutData() {
        let withGap = shroutFleiss + [[5, nil, 5, 5]]
        #expect(Reliability.icc21(withGap) == Reliability.icc21(shroutFleiss))
        #expect(Reliability.icc21([[1], [2], [3]]).value == nil)
        #expect(Reliability.icc21([[1, 2]]).value == nil)
        #expect(Reliability.icc21([[3, 3], [3, 3]]).value == nil)
    }

    /// Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers × 12 units, missing values.
    let krippendorff: [[Double?]] = [
        [1, 1, nil, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
        [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [nil, 5, 5, 5], [nil, nil, 1, 1], [nil, 3, nil, nil],
    ]

    @Test func alphaOfKrippendorffsExample() {
        // Unit 12 has one value and is not pairable: n = 40 values in 11 units.
        // D_o: unit (2,2,3,2) → 6 ordered pairs of 1 / 3 = 2; unit (1,2,3,4) → 2 × 20 / 3 = 13.33333;
        //      unit (1,1,2,1) → 2; others 0. D_o = 17.33333 / 40 = 0.43333.
        // D_e: values 1×9, 2×13, 3×10, 4×5, 5×3; mean 100 / 40 = 2.5;
        //      Σ(v − 2.5)² = 20.25 + 3.25 + 2.5 + 11.25 + 18.75 = 56; D_e = 2 × 40 × 56 / (40 × 39) = 2.87179.
        // α = 1 − 0.43333 / 2.87179 = 0.84911 (the paper's interval alpha is 0.849).
        let alpha = Reliability.krippendorffAlpha(krippendorff)
        #expect(close(alpha.value, 0.849, within: 0.01))
        #expect(close(alpha.value, 0.84911))
        #expect(alpha.units == 11 && alpha.values == 40 && alpha.raters == 4)
        // F interval, computed independently in Python: F = (u − 1 + α(n − u)) / ((u − 1)(1 − α)) with u = 11,
        // n = 40; bounds (u − 1)(F' − 1) / ((u − 1)F' + n − u) at F' = F / f.ppf(.975, 10, 29) and
        // F × f.ppf(.975, 29, 10) (scipy.stats.f).
        #expect(close(alpha.lower, 0.6743143, within: 1e-6) && close(alpha.upper, 0.9506634, within: 1e-6))
        #expect(alpha.judgesPerUnit == nil)
    }

    @Test func alphaIntervalIsTheOneWayFIntervalWhenBalanced() throws {
        // Every entry has 4 scores: α = (u − 1)(F − 1) / ((u − 1)F + n − u) with F = BMS / WMS = 1.79468 of the
        // one-way ANOVA, so α = 5 × 0.79468 / (5 × 1.79468 + 18) = 0.14731. The Python reference computes the
        // bounds from the ANOVA's F (not from α): F / f.ppf(.975, 5, 18) and F × f.ppf(.975, 18, 5).
        let alpha = Reliability.krippendorffAlpha(shroutFleiss)
        #expect(close(alpha.value, 0.1473079, within: 1e-6))
        #expect(close(alpha.lower, -0.1136232, within: 1e-6) && close(alpha.upper, 0.6936914, within: 1e-6))
        // Perfect agreement: α = 1 and no interval.
        let perfect = Reliability.krippendorffAlpha([[1, 1], [5, 5]])
        #expect(perfect.value == 1 && perfect.lower == nil && perfect.upper == nil)
    }

    @Test func alphaIsUndefinedWithoutPairsOrVariance() {
        #expect(Reliability.krippendorffAlpha([[1, nil], [nil, 2]]).value == nil)
        #expect(Reliability.krippendorffAlpha([[4, 4], [4, 4]]).value == nil)
        #expect(Reliability.krippendorffAlpha([]).value == nil)
    }

    @Test func perCriterionBuildsTheMatrixFromScores() throws {
        let judges = ["A", "B", "C", "D"]
        var scores: [Score] = []
        for (unit, row) in krippendorff.enumerated() {
            for (column, value) in row.enumerated() {
                guard let value else { continue }
                scores.append(Score(judge: judges[column], application: "E\(unit + 10)", criterion: "c", percent: value))
            }
        }
        scores.append(Score(judge: "A", application: "E10", criterion: "other", percent: 50))
        let results = Reliability.perCriterion(scores)
        #expect(results.map(\.criterion) == ["c", "other"])
        #expect(close(results[0].alpha.value, 0.84911))
        // Not every judge scored every entry: one-way, no ICC(2,1). Its complete rows (units 2–9, 8 entries) would
        // give an ICC(2,1) over 8 × 4 that describes a subset only.
        #expect(results[0].design == .oneWay && results[0].icc21 == nil)
        #expect(Reliability.icc21(Reliability.matrix(scores, criterion: "c")).units == 8)
        #expect(results[0].icc1 == Reliability.oneWayICC(krippendorff).single)
        #expect(results[0].icc1k == Reliability.oneWayICC(krippendorff).mean)
        #expect(results[0].icc1.units == 11 && results[0].icc1.lower != nil && results[0].alpha.lower != nil)
        #expect(results[1].alpha.value == nil && results[1].icc1.value == nil && results[1].icc1k.value == nil)
        #expect(results[1].icc21?.value == nil)
    }

    @Test func perCriterionKeepsICC21ForACrossedDesign() throws {
        let judges = ["A", "B", "C", "D"]
        var scores: [Score] = []
        for (unit, row) in shroutFleiss.enumerated() {
            for (column, value) in row.enumerated() {
                scores.append(Score(judge: judges[column], application: "E\(unit)", criterion: "c", percent: try #require(value)))
            }
        }
        let result = try #require(Reliability.perCriterion(scores).first)
        #expect(result.design == .crossed)
        #expect(result.icc21 == Reliability.icc21(shroutFleiss))
        #expect(close(result.icc21?.value, 0.28974) && close(result.icc1.value, 0.1657418, within: 1e-6))
        #expect(!Reliability.isCrossed([]) && !Reliability.isCrossed([[1, nil]]) && Reliability.isCrossed([[1, 2]]))
    }
}

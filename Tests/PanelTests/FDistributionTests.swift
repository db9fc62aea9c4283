import Testing

@testable import Panel

/// Reference values from scipy 1.x (`scipy.stats.f.ppf`, `scipy.special.betainc`, `scipy.special.gammaln`),
/// printed with `repr` in Python 3.
@Suite struct FDistributionTests {
    @Test(
        "F quantiles match scipy.stats.f.ppf",
        arguments: [
            (0.975, 5.0, 24.0, 3.1548163425331124),
            (0.975, 5.0, 18.0, 3.381967805875243),
            (0.975, 18.0, 5.0, 6.361883204654352),
            (0.975, 1.0, 1.0, 647.7890114778442),
            (0.5, 3.0, 7.0, 0.870944253187285),
            (0.025, 2.0, 30.0, 0.025339186390510752),
            (0.975, 2.5, 7.3, 6.000258449760683),
            (0.999, 3.0, 4.0, 56.17718848946338),
            (0.975, 1.0, 1e6, 5.023901319007523),
            (0.975, 10_000.0, 50_000.0, 1.0306701510251657),
            (0.975, 50_000.0, 10_000.0, 1.0309913192498414),
        ])
    func quantile(_ p: Double, _ d1: Double, _ d2: Double, _ expected: Double) throws {
        let value = try #require(FDistribution.quantile(p, d1, d2))
        #expect(abs(value - expected) <= 1e-9 * expected, "\(value) vs \(expected)")
        #expect(abs(FDistribution.cdf(value, d1, d2) - p) <= 1e-10)
    }

    @Test func quantileRefusesWhatHasNone() {
        #expect(FDistribution.quantile(0, 5, 5) == nil && FDistribution.quantile(1, 5, 5) == nil)
        #expect(FDistribution.quantile(0.5, 0, 5) == nil && FDistribution.quantile(0.5, 5, -1) == nil)
        #expect(FDistribution.quantile(0.5, .infinity, 5) == nil && FDistribution.quantile(.nan, 5, 5) == nil)
        #expect(FDistribution.cdf(0, 3, 4) == 0 && FDistribution.cdf(-1, 3, 4) == 0 && FDistribution.cdf(.infinity, 3, 4) == 1)
    }

    @Test(
        "regularized incomplete beta matches scipy.special.betainc",
        arguments: [
            (0.5, 0.5, 0.3, 0.36901011956554536),
            (2.0, 3.0, 0.4, 0.5247999999999999),
            (10.0, 20.0, 0.35, 0.5923866636639051),
            (100.0, 200.0, 0.3, 0.10884306564490986),
            (1.0, 1.0, 0.7, 0.7),
            (5.0, 0.5, 0.99, 0.7571581091015623),
        ])
    func incompleteBeta(_ a: Double, _ b: Double, _ x: Double, _ expected: Double) {
        let value = FDistribution.regularizedIncompleteBeta(x, complement: 1 - x, a, b)
        #expect(abs(value - expected) <= 1e-12, "\(value) vs \(expected)")
    }

    @Test(
        "log-gamma matches scipy.special.gammaln",
        arguments: [
            (0.5, 0.5723649429247), (1.0, 0.0), (1.5, -0.12078223763524526), (2.5, 0.2846828704729192),
            (10.0, 12.801827480081469), (100.5, 361.43554046777757), (25_000.0, 228161.63322257303),
        ])
    func logGamma(_ x: Double, _ expected: Double) {
        #expect(abs(FDistribution.logGamma(x) - expected) <= 1e-12 * max(1, abs(expected)))
    }
}

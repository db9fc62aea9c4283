import Foundation

/// Snedecor's F distribution: its distribution function and quantiles, for the confidence intervals of the
/// intraclass correlations. Pure Swift (own log-gamma and incomplete beta), so the figures do not depend on the
/// platform's C library.
package enum FDistribution {
    /// P(F ≤ x) for F with `d1` and `d2` degrees of freedom (both > 0, not necessarily whole).
    ///
    ///     P(F ≤ x) = I_y(d1/2, d2/2),  y = d1·x / (d1·x + d2)
    ///
    /// 1 − y is computed as d2 / (d1·x + d2), not by subtraction, so that the upper tail keeps its precision.
    package static func cdf(_ x: Double, _ d1: Double, _ d2: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x.isFinite else { return 1 }
        let denominator = d1 * x + d2
        return regularizedIncompleteBeta(d1 * x / denominator, complement: d2 / denominator, d1 / 2, d2 / 2)
    }

    /// The p-quantile of F with `d1` and `d2` degrees of freedom; nil unless 0 < p < 1 and both degrees of
    /// freedom are positive and finite. Bisection on log x after bracketing by doubling: the same inputs always
    /// take the same steps, to about 1e-15 relative.
    package static func quantile(_ p: Double, _ d1: Double, _ d2: Double) -> Double? {
        guard p > 0, p < 1, d1 > 0, d2 > 0, d1.isFinite, d2.isFinite else { return nil }
        var low = 1.0, high = 1.0
        var steps = 0
        while cdf(high, d1, d2) < p {
            high *= 2
            steps += 1
            if steps > 1000 { return nil }
        }
        while cdf(low, d1, d2) > p {
            low /= 2
            steps += 1
            if steps > 2000 { return nil }
        }
        for _ in 0..<200 where high / low - 1 > 1e-15 {
            let middle = (low * high).squareRoot()
            if cdf(middle, d1, d2) < p { low = middle } else { high = middle }
        }
        return (low * high).squareRoot()
    }

    /// The regularized incomplete beta function I_x(a, b), with `complement` = 1 − x given separately.
    /// Continued fraction (modified Lentz), on the side of the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it
    /// converges fast (Numerical Recipes, 3rd ed., §6.4).
    package static func regularizedIncompleteBeta(_ x: Double, complement: Double, _ a: Double, _ b: Double) -> Double {
        guard x > 0 else { return 0 }
        guard complement > 0 else { return 1 }
        let logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log(complement)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(x, a, b) / a
        }
        return 1 - front * betaContinuedFraction(complement, b, a) / b
    }

    /// The continued fraction of the incomplete beta function.
    static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// ln Γ(x) for x > 0: the Lanczos approximation of Numerical Recipes (3rd ed., §6.1; γ = 671/128, 14 terms),
    /// good to about 1e-15 relative.
    package static func logGamma(_ x: Double) -> Double {
        let coefficients: [Double] = [
            57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
            0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
            -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4,
            -0.261908384015814087e-4, 0.368991826595316234e-5,
        ]
        let shifted = x + 5.24218750000000000
        let head = (x + 0.5) * log(shifted) - shifted
        var series = 0.999999999999997092
        for (j, coefficient) in coefficients.enumerated() { series += coefficient / (x + Double(j + 1)) }
        return head + log(2.5066282746310005 * series / x)
    }
}

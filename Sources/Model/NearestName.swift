/// The nearest of a list of known names to one that is not in it (Levenshtein distance over Unicode scalars), for
/// the "did you mean" hint of an unknown application or judge id.
package enum NearestName {
    /// Names compared at most: a hint is cheap help, never the cost of a large round's every id times every typo.
    package static let candidateLimit = 100_000

    /// The known name nearest to `name`, nil when none is within half of `name`'s length (at least 2 edits). Ties go
    /// to the name first in sorted order, so the hint is the same whatever order `known` is in.
    package static func nearest(to name: String, in known: [String]) -> String? {
        let target = Array(name.unicodeScalars)
        var best: (distance: Int, name: String)?
        let limit = max(2, target.count / 2)
        for candidate in known.prefix(candidateLimit) where candidate != name {
            let bound = min(best?.distance ?? limit, limit)
            guard let found = distance(target, Array(candidate.unicodeScalars), atMost: bound) else { continue }
            if let current = best, found > current.distance || (found == current.distance && candidate >= current.name) { continue }
            best = (found, candidate)
        }
        return best?.name
    }

    /// The edit distance of `a` and `b`, nil when it exceeds `bound` (the rows stop early once every cell does).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost bound: Int) -> Int? {
        guard abs(a.count - b.count) <= bound else { return nil }
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > bound { return nil }
            swap(&previous, &current)
        }
        let result = previous[b.count]
        return result <= bound ? result : nil
    }
}

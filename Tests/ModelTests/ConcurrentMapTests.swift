import Foundation
import Model
import Testing

@Suite("concurrentMap")
struct ConcurrentMapTests {
    @Test("gives map's results in the array's order, whatever finishes first")
    func keepsOrder() {
        let input = Array(0..<2_000)
        // Uneven work per element, so that later elements often finish before earlier ones.
        let output = input.concurrentMap { value -> String in
            var sum = 0
            for step in 0..<((2_000 - value) * 10) { sum &+= step }
            return "\(value):\(sum)"
        }
        let expected = input.map { value -> String in
            var sum = 0
            for step in 0..<((2_000 - value) * 10) { sum &+= step }
            return "\(value):\(sum)"
        }
        #expect(output == expected)
    }

    @Test("keeps nil results of an optional transform in place")
    func optionalResults() {
        let output = Array(0..<100).concurrentMap { $0.isMultiple(of: 3) ? nil : $0 }
        #expect(output.count == 100)
        #expect(output == Array(0..<100).map { $0.isMultiple(of: 3) ? nil : $0 })
    }

    @Test("works on empty and single-element arrays")
    func smallArrays() {
        #expect([Int]().concurrentMap { $0 + 1 } == [])
        #expect([41].concurrentMap { $0 + 1 } == [42])
    }
}

@Suite("Prefetch")
struct PrefetchTests {
    @Test("computes its value off the calling thread and hands the same value to every caller")
    func value() {
        let prefetch = Prefetch { () -> (Int, Bool) in (Array(1...1_000).reduce(0, +), Thread.isMainThread) }
        let first = prefetch.value()
        #expect(first.0 == 500_500)
        #expect(first.1 == false)
        #expect(prefetch.value() == first)
    }
}

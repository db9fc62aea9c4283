import Foundation
import Testing

@testable import Model

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

    @Test("owns each result once: all released with the array, none leaked")
    func ownsEachResultOnce() {
        var watchers: [Watcher] = []
        do {
            let boxes = Array(0..<1_000).concurrentMap { Box($0) }
            #expect(boxes.map(\.value) == Array(0..<1_000))
            watchers = boxes.map(Watcher.init)
            #expect(watchers.allSatisfy { $0.box != nil })
        }
        #expect(watchers.allSatisfy { $0.box == nil })
    }

    private final class Box: Sendable {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    private struct Watcher {
        weak var box: Box?
        init(_ box: Box) { self.box = box }
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

@Suite("Handoff")
struct HandoffTests {
    struct Failure: Error, Equatable { var at: Int }

    @Test("the consumer takes every item in the order sent, on the calling thread, and gets the producer's result")
    func order() throws {
        let caller = Thread.current
        var taken: [Int] = []
        var producerThreads: Set<Bool> = []
        let result = try Handoff.run(capacity: 2) { send in
            producerThreads.insert(Thread.current == caller)
            for item in 0..<10_000 { try send(item) }
            return "sent"
        } consume: { item in
            #expect(Thread.current == caller)
            taken.append(item)
        }
        #expect(result == "sent")
        #expect(taken == Array(0..<10_000))
        #expect(producerThreads == [false])
    }

    @Test("a consumer's throw stops the producer at its next send, and run returns only after the producer ended")
    func consumerThrows() {
        var sent = 0
        var producerEnded = false
        #expect(throws: Failure(at: 5)) {
            try Handoff.run(capacity: 2) { send in
                defer { producerEnded = true }
                for item in 0..<1_000_000 {
                    try send(item)
                    sent += 1
                }
            } consume: { item in
                if item == 5 { throw Failure(at: item) }
            }
        }
        #expect(producerEnded)
        // The producer is at most the capacity and the batch being consumed ahead.
        #expect(sent < 5 + 2 + 2 + 1)
    }

    @Test("a producer's throw reaches the caller after the consumer took what was sent before it")
    func producerThrows() {
        var taken: [Int] = []
        #expect(throws: Failure(at: 3)) {
            try Handoff.run(capacity: 8) { send in
                for item in 0..<3 { try send(item) }
                throw Failure(at: 3)
            } consume: { item in
                taken.append(item)
            }
        }
        #expect(taken == [0, 1, 2])
    }
}

@Suite("Thai character count")
struct ThaiCharacterCountTests {
    /// The alphabet the byte-level count handles, plus what sends it to the standard library.
    static let fast: [Unicode.Scalar] =
        (0x20...0x7E).map { Unicode.Scalar(UInt8($0)) } + ["\n"]
        + (0x0E01...0x0E5B).compactMap(Unicode.Scalar.init).filter { $0.properties.generalCategory != .unassigned }
    static let other: [Unicode.Scalar] = ["\r", "\t", "\u{301}", "\u{200D}", "👍", "\u{1F1F9}", "\u{1F1ED}", "é", "\u{0E3B}", "\u{1100}", "\u{1161}"]

    @Test("counts exactly as String.count on random Thai, ASCII and line feeds, marks in every position")
    func matchesTheStandardLibrary() throws {
        #expect(Thai.thaiMarks != nil, "the byte-level count is in use on this toolchain")
        var generator = SeededGenerator(seed: 2568)
        let marks = Self.fast.filter { (0x0E31...0x0E4E).contains($0.value) }
        for round in 0..<3_000 {
            let length = Int.random(in: 0...40, using: &generator)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                // Marks are drawn often so that runs of marks, marks after line feeds and at the start all occur.
                let pool = Int.random(in: 0..<3, using: &generator) == 0 ? marks : Self.fast
                scalars.append(pool.randomElement(using: &generator)!)
            }
            if round.isMultiple(of: 5) { scalars.append(Self.other.randomElement(using: &generator)!) }
            let text = String(scalars)
            #expect(Thai.characterCount(text) == text.count, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            let limit = round % 45
            #expect(Thai.characterCount(text, upTo: limit) == min(text.count, limit))
            #expect(Thai.scalarCount(text) == text.unicodeScalars.count)
        }
    }

    @Test("known counts: a syllable with its marks is one character; a mark after a line feed stands alone")
    func knownCounts() {
        #expect(Thai.characterCount("ที่") == 1)
        #expect(Thai.characterCount("กำลัง") == 3)
        #expect(Thai.characterCount("น้ำ ท่วม") == 5)
        #expect(Thai.characterCount("ก\n\u{0E48}") == 3)
        #expect(Thai.characterCount("\u{0E48}ก") == 2)
        #expect(Thai.characterCount("a\r\nb") == 3)
        #expect(Thai.characterCount("") == 0)
    }
}

/// A fixed-seed generator (SplitMix64), so that a failing random case can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

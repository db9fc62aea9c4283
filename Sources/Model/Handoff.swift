import Dispatch
import Foundation

/// Two threads working one stream: `produce` runs on another thread and sends items, which the caller's `consume`
/// takes in the order they were sent, with at most `capacity` items waiting. For a file whose rows are read and
/// checked on one core while the caller writes the rows before them on another (a scores file of millions).
///
/// A throw on either side stops both: a consumer's throw makes the producer's next `send` throw, and `run` returns
/// (or throws) only once the producer has finished, so neither closure outlives the call.
package enum Handoff {
    /// Runs `produce` on another thread and `consume` on this one; returns what `produce` returns once every item
    /// it sent was consumed. Rethrows the first error: the consumer's, else the producer's.
    package static func run<Item: Sendable, Result>(
        capacity: Int = 4, produce: (_ send: (Item) throws -> Void) throws -> Result, consume: (Item) throws -> Void
    ) throws -> Result {
        let channel = Channel<Item>(capacity: max(1, capacity))
        let finished = DispatchGroup()
        let outcome = Outcome<Result>()
        try withoutActuallyEscaping(produce) { produce in
            // The thread takes the closure out of its slot, so that nothing holds it once the thread is done
            // (libdispatch may release the block itself later than that).
            let slot = Slot(produce)
            finished.enter()
            DispatchQueue.global().async {
                if let produce = slot.take() {
                    outcome.value = Swift.Result { try produce { item in try channel.send(item) } }
                }
                channel.finish()
                finished.leave()
            }
            do {
                while let items = channel.take() {
                    for item in items { try consume(item) }
                }
            } catch {
                channel.stop()
                finished.wait()
                throw error
            }
            finished.wait()
        }
        guard let result = outcome.value else { preconditionFailure("the producer finished without a result") }
        return try result.get()
    }

    /// The producer's `send` after the consumer stopped: the producer unwinds and its result is dropped.
    struct Stopped: Error {}

    /// The items between the two threads, guarded by one condition.
    private final class Channel<Item>: @unchecked Sendable {
        private let condition = NSCondition()
        private let capacity: Int
        private var items: [Item] = []
        private var finished = false
        private var stopped = false

        init(capacity: Int) { self.capacity = capacity }

        func send(_ item: Item) throws {
            condition.lock()
            defer { condition.unlock() }
            while items.count >= capacity && !stopped { condition.wait() }
            if stopped { throw Stopped() }
            items.append(item)
            condition.broadcast()
        }

        /// Every item waiting, once there is one; nil when the producer has finished and nothing is left.
        func take() -> [Item]? {
            condition.lock()
            defer { condition.unlock() }
            while items.isEmpty && !finished { condition.wait() }
            guard !items.isEmpty else { return nil }
            defer {
                items = []
                condition.broadcast()
            }
            return items
        }

        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The producer's result, written by its thread before `finished` is left and read after it is waited for.
    private final class Outcome<Value>: @unchecked Sendable {
        var value: Swift.Result<Value, any Error>?
    }

    /// The producer closure carried to its thread while the caller waits for it; taken once, by that thread.
    private final class Slot<Value>: @unchecked Sendable {
        private var value: Value?
        init(_ value: Value) { self.value = value }

        func take() -> Value? {
            defer { value = nil }
            return value
        }
    }
}

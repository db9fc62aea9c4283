import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` spread over every core, results in the order of the array (never in the order work finished), so the
    /// output does not depend on scheduling. Worth it when each element costs far more than a lock (decoding,
    /// checking or scoring one application).
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let slots = OrderedSlots<T>(count: count)
        withoutActuallyEscaping(transform) { transform in
            let work = SendableBox(transform)
            self.withUnsafeBufferPointer { buffer in
                let elements = SendableBox(buffer)
                DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                    slots.set(index, work.value(elements.value[index]))
                }
            }
        }
        return slots.values
    }
}

/// Fixed slots filled from several threads, each slot written once; read after every writer is done.
private final class OrderedSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage.compactMap { $0 }
    }
}

/// Carries a value the compiler cannot prove Sendable into `concurrentPerform`, whose iterations only read it
/// (a buffer of Sendable elements, a Sendable closure) while the caller waits.
private struct SendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

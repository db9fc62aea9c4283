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

/// A value computed on another thread while the caller does something else; `value()` waits for it. For work
/// that overlaps, such as checking the next chunk of files while the current one is stored.
public final class Prefetch<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    /// The value, once `work` has finished.
    public func value() -> Value {
        group.wait()
        guard let result else { preconditionFailure("prefetch finished without a value") }
        return result
    }
}

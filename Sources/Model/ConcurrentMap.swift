import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` spread over every core, results in the order of the array (never in the order work finished), so the
    /// output does not depend on scheduling. Worth it when each element costs far more than handing it to a thread
    /// (decoding, checking or scoring one application).
    package func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        // Each iteration initialises its own slot of the result in place: no lock, no array of optionals to copy
        // from (at 100,000 entries those were two more large arrays, each taken fresh from the kernel).
        return withoutActuallyEscaping(transform) { transform in
            let work = SendableBox(transform)
            return self.withUnsafeBufferPointer { buffer in
                let elements = SendableBox(buffer)
                return [T](unsafeUninitializedCapacity: buffer.count) { output, initialized in
                    guard let base = output.baseAddress else { return }
                    let slots = SendableBox(base)
                    DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                        (slots.value + index).initialize(to: work.value(elements.value[index]))
                    }
                    initialized = buffer.count
                }
            }
        }
    }
}

/// Carries a value the compiler cannot prove Sendable into `concurrentPerform` while the caller waits: a buffer
/// of Sendable elements and a Sendable closure, which the iterations only read, and the result's storage, of
/// which each iteration initialises its own slot.
private struct SendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A value computed on another thread while the caller does something else; `value()` waits for it. For work
/// that overlaps, such as checking the next chunk of files while the current one is stored.
package final class Prefetch<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    package init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    /// The value, once `work` has finished.
    package func value() -> Value {
        group.wait()
        guard let result else { preconditionFailure("prefetch finished without a value") }
        return result
    }
}

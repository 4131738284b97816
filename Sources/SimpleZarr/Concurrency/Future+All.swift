// Combining many futures: `Future.all` (non-blocking, callback based) and
// `waitAll` (blocking, for plain threaded code).

import Foundation

extension Future {
    /// Returns a future that succeeds with every value, in the order of `futures`,
    /// once all of them have succeeded.
    ///
    /// It fails as soon as one input fails, with the first error in completion
    /// order (like `asyncio.gather`); the other inputs keep running. An empty
    /// list gives an already-succeeded future. Never blocks a thread, so it is
    /// the way to aggregate sub-jobs from inside a pool job.
    public static func all(_ futures: [Future<T>]) -> Future<[T]> {
        if futures.isEmpty { return .succeeded([]) }
        let combined = Future<[T]>()
        let gather = Gatherer<T>(count: futures.count)
        for (index, future) in futures.enumerated() {
            future.onComplete { result in
                switch result {
                case .success(let value):
                    if let values = gather.store(value, at: index) {
                        combined.succeed(values)
                    }
                case .failure(let error):
                    combined.fail(error)
                }
            }
        }
        return combined
    }
}

/// Blocks until every future has succeeded and returns their values in order,
/// like `[f.result() for f in futures]` in Python.
///
/// Equivalent to `try Future.all(futures).result(timeout:)`: it throws the first
/// error by completion order as soon as it happens, and `FutureError.timeout`
/// if `timeout` seconds (default: forever) pass first. Do not call it from a
/// pool job waiting on work of the same pool (see `Future.result()`).
public func waitAll<T: Sendable>(_ futures: [Future<T>], timeout: Double? = nil) throws -> [T] {
    let combined = Future.all(futures)
    if let timeout { return try combined.result(timeout: timeout) }
    return try combined.result()
}

/// Collects values by index; hands back the full array when the last one arrives.
// @unchecked Sendable: `values` and `remaining` are only accessed with `lock` held.
private final class Gatherer<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [T?]
    private var remaining: Int

    init(count: Int) {
        values = Array(repeating: nil, count: count)
        remaining = count
    }

    /// Stores one value; returns all values when it was the last missing one.
    func store(_ value: T, at index: Int) -> [T]? {
        lock.lock()
        defer { lock.unlock() }
        guard values.indices.contains(index), values[index] == nil else { return nil }
        values[index] = value
        remaining -= 1
        guard remaining == 0 else { return nil }
        let all = values.compactMap { $0 }
        values = []
        return all
    }
}

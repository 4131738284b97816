// Awaiting a future on behalf of a Swift concurrency task that owns its work: the
// async variants of the chunk and region methods wait this way, so cancelling the
// task also stops the chunks that have not started.

extension Future {
    /// `value`, and when the awaiting task is cancelled, `cancel()` too (work that has not
    /// started is skipped). A cancelled task's wait always ends with `CancellationError`,
    /// whichever of the two cancellations was seen first.
    func valueCancellingWork() async throws -> T {
        do {
            return try await withTaskCancellationHandler {
                try await value
            } onCancel: {
                cancel()
            }
        } catch FutureError.cancelled where Task.isCancelled {
            throw CancellationError()
        }
    }
}

// Continuing work on a CPU pool once a future (an I/O request) completes.

import Foundation

extension Future {
    /// Runs `body` with the result once this future is done: at once on the calling thread if
    /// it already is, else as a job of `executor` (so a completion arriving on an I/O thread
    /// hands its decoding to the CPU pool). When the executor refuses the job (shut down),
    /// `body` gets that error instead. Never blocks.
    func onComplete(on executor: ThreadPoolExecutor, _ body: @escaping @Sendable (Result<T, any Error>) -> Void) {
        if let result = peek() {
            body(result)
            return
        }
        onComplete { result in
            executor.submit { body(result) }.onComplete { submitted in
                if case .failure(let error) = submitted { body(.failure(error)) }
            }
        }
    }
}

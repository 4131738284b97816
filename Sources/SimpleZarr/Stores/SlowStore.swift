// A wrapper that delays every call, to simulate a slow (remote) store.

import Foundation

/// A store that answers like the wrapped store, but slowly.
///
/// After each call it sleeps `baseDelay` seconds; reads and writes (get,
/// getPartialValues, set, setPartialValues) also sleep for the transfer time of
/// their bytes, `bytes * 8 / bitsPerSecond`, when `bitsPerSecond > 0`.
///
/// Thread-safe if the wrapped store is; concurrent calls sleep concurrently. Like a remote store
/// it is an `AsyncReadableStore`: the array read paths run its reads (and their sleeps) on
/// `ioExecutor`, never on a CPU pool thread.
open class SlowStore: WrapperStore, AsyncReadableStore, @unchecked Sendable {
    /// The fixed delay of every call, in seconds.
    public let baseDelay: Double
    /// The simulated bandwidth of reads and writes; 0 means unlimited.
    public let bitsPerSecond: Double
    /// The executor the non-blocking reads (`getFuture`) run on.
    public let ioExecutor: IOExecutor

    /// Wraps `store`, adding `baseDelay` seconds to each call and simulating a
    /// bandwidth of `bitsPerSecond` for the bytes read or written (0: unlimited).
    /// A negative, NaN or infinite argument counts as 0. Non-blocking reads run on `ioExecutor`,
    /// by default one of this store's own: a read here blocks its slot while the wrapped store
    /// works, so sharing an executor with a remote store it wraps could use up every slot
    /// waiting for requests that need one.
    public init(_ store: BaseStore, baseDelay: Double = 1.0, bitsPerSecond: Double = 0.0, ioExecutor: IOExecutor? = nil) {
        self.baseDelay = baseDelay.isFinite && baseDelay > 0 ? baseDelay : 0
        self.bitsPerSecond = bitsPerSecond.isFinite && bitsPerSecond > 0 ? bitsPerSecond : 0
        self.ioExecutor = ioExecutor ?? IOExecutor(label: "simplezarr.slowstore")
        super.init(store)
    }

    /// Sleeps as described for the class.
    open override func hook(_ call: StoreCall) throws {
        var delay = baseDelay
        if bitsPerSecond > 0 {
            delay += Double(call.byteCount) * 8 / bitsPerSecond
        }
        Self.sleep(delay)
    }

    /// Sleeps `seconds`, in slices of at most a day, so a huge delay cannot
    /// overflow a time conversion.
    private static func sleep(_ seconds: Double) {
        var remaining = seconds
        while remaining > 0 {
            let step = min(remaining, 86_400)
            Thread.sleep(forTimeInterval: step)
            remaining -= step
        }
    }
}

// glibc's malloc gives chunk-sized buffers (hundreds of KiB) back to the kernel
// as soon as they are freed on a worker thread, so the next chunk faults every
// page in again. On this project's benchmark machine that made a gzip
// whole-array read fault 330,000 pages (0.27 GB/s); with the thresholds below
// it faults 5,500 (0.43 GB/s), and a zstd read went from 1.66 to 2.9 GB/s.

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Process-wide allocator settings for chunk-sized buffers, applied once.
enum AllocatorTuning {
    /// Keeps freed memory up to this much at the top of a heap instead of trimming it.
    static let trimThreshold: Int32 = 256 << 20
    /// Serves allocations below this size from the heaps instead of fresh mappings.
    static let mmapThreshold: Int32 = 32 << 20

    /// Applies the settings the first time it is read; set `SIMPLEZARR_KEEP_MALLOC_SETTINGS`
    /// in the environment to leave the allocator alone.
    static let applied: Bool = {
        #if canImport(Glibc)
        guard ProcessInfo.processInfo.environment["SIMPLEZARR_KEEP_MALLOC_SETTINGS"] == nil else { return false }
        // `mallopt` is in <malloc.h>, which the Glibc module does not export: look it up by name.
        // The parameter numbers are glibc's M_TRIM_THRESHOLD (-1) and M_MMAP_THRESHOLD (-3).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        return mallopt(-1, trimThreshold) == 1 && mallopt(-3, mmapThreshold) == 1
        #else
        return false
        #endif
    }()
}

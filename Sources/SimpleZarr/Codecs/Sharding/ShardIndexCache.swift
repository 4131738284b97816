// A few shard indexes already decoded and checked, keyed by their stored
// bytes. Reading the inner chunks of a shard one at a time reads its index
// every time (the shard may have been rewritten meanwhile), but decoding it
// (checksum included) and checking every entry against every other is done
// once per distinct index: a later read compares the bytes and reuses the
// result. Only checked indexes enter, so a bad index is refused every time.

import Foundation
import ZarrCompression

/// The most recently used shard indexes of one layout's partial reads.
///
/// Every lookup must decode with the same shard size and index position: the key is the
/// index bytes alone.
final class ShardIndexCache: Sendable {
    private struct Entry: Sendable {
        /// A compact copy of the index bytes.
        let bytes: [UInt8]
        let index: ShardIndex

        /// True when `other` holds the same bytes.
        func matches(_ other: Data) -> Bool {
            bytes.count == other.count && bytes.withUnsafeBytes { kept in
                other.withUnsafeBytes { given in
                    guard let a = kept.baseAddress, let b = given.baseAddress else { return true }
                    return memcmp(a, b, kept.count) == 0
                }
            }
        }
    }

    /// How many indexes are kept.
    static let capacity = 4
    /// Larger indexes are not kept (the cache holds their bytes and entries).
    static let largestCachedIndexBytes = 1 << 20

    /// Most recently used first.
    private let entries = LockedValue<[Entry]>([])

    /// The index stored as `bytes`: a kept one when those bytes were decoded before, else
    /// `decode()`, kept when it succeeds.
    func index(for bytes: Data, decode: () throws -> ShardIndex) throws -> ShardIndex {
        guard bytes.count <= Self.largestCachedIndexBytes else { return try decode() }
        let kept = entries.withLock { entries -> ShardIndex? in
            guard let position = entries.firstIndex(where: { $0.matches(bytes) }) else { return nil }
            let entry = entries.remove(at: position)
            entries.insert(entry, at: 0)
            return entry.index
        }
        if let kept { return kept }
        let index = try decode()
        entries.withLock { entries in
            // Another read may have decoded the same bytes meanwhile.
            guard !entries.contains(where: { $0.matches(bytes) }) else { return }
            entries.insert(Entry(bytes: [UInt8](bytes), index: index), at: 0)
            if entries.count > Self.capacity { entries.removeLast() }
        }
        return index
    }
}

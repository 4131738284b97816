// The byte-range reader partial decoders read a stored chunk (or shard) through.

import Foundation

/// Reads byte ranges of the value at `key` with the store's `getPartialValues`.
struct StoreRangeReader: ByteRangeReader {
    let store: any ReadableStore
    let key: String

    func read(_ ranges: [(start: Int, length: Int?)]) throws -> [Data]? {
        do {
            return try store.getPartialValues(ranges.map { (key: key, start: $0.start, length: $0.length) })
        } catch StoreError.keyNotFound {
            return nil
        }
    }
}

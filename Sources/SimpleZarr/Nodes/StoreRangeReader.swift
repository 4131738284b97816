// The byte-range reader partial decoders read a stored chunk (or shard) through.

import Foundation

/// Reads byte ranges of the value at `key` with the store's `getPartialValues`, without
/// blocking when the store is an `AsyncReadableStore`.
struct StoreRangeReader: ByteRangeReader {
    let store: any ReadableStore
    let key: String

    func read(_ ranges: [(start: Int, length: Int?)]) throws -> [Data]? {
        do {
            return try store.getPartialValues(keyRanges(ranges))
        } catch StoreError.keyNotFound {
            return nil
        }
    }

    func readFuture(_ ranges: [(start: Int, length: Int?)]) -> Future<[Data]?> {
        let read = Future<[Data]?>()
        store.getPartialValuesFuture(keyRanges(ranges)).onComplete { result in
            if case .failure(StoreError.keyNotFound) = result {
                read.succeed(nil)
            } else {
                read.complete(with: result.map { $0 })
            }
        }
        return read
    }

    private func keyRanges(_ ranges: [(start: Int, length: Int?)]) -> [KeyRange] {
        ranges.map { (key: key, start: $0.start, length: $0.length) }
    }
}

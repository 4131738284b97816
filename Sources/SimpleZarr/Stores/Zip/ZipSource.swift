// Where the bytes of a ZIP archive come from: an open file, read with `pread` so that any
// number of threads read at once without a lock, or bytes in memory.

import Foundation

/// The bytes of an archive.
enum ZipSource: Sendable {
    /// An open file descriptor (owned by the store, which closes it).
    case file(Int32)
    /// An archive held in memory.
    case memory(Data)

    /// Exactly `count` bytes from `offset`; a short read is a corrupt (truncated) archive.
    func readExactly(at offset: Int, count: Int, context: String) throws -> Data {
        let data = try read(at: offset, count: count, context: context)
        guard data.count == count else {
            throw StoreError.corrupt(
                "\(context): the archive ends early (wanted \(count) bytes at offset \(offset), got \(data.count))")
        }
        return data
    }

    /// Up to `count` bytes from `offset` (fewer at the end).
    func read(at offset: Int, count: Int, context: String) throws -> Data {
        guard offset >= 0, count >= 0 else { return Data() }
        switch self {
        case .file(let fd):
            switch FileCalls.readRange(fd, offset: offset, count: count) {
            case .success(let data): return data
            case .failure(let error):
                throw StoreError.io("\(context): cannot read \(count) bytes at offset \(offset): \(error.reason)")
            }
        case .memory(let data):
            guard offset < data.count else { return Data() }
            let end = offset + min(count, data.count - offset)
            return data.subdata(in: (data.startIndex + offset)..<(data.startIndex + end))
        }
    }
}

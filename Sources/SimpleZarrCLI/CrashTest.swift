// `simplezarr crash-writer DIR SEED` and `simplezarr crash-check DIR SEED ACKS`: the two halves
// of the kill -9 test (Scripts/crash_test.py). The writer applies a sequence of writes to an
// array in a LocalStore at DIR and prints `ack N` after write N returns; the test kills it at a
// random moment. The checker, a fresh process, replays the same sequence (from SEED) and checks
// that every acknowledged write reads back exactly, that the one write in flight at the kill is
// either wholly present or wholly absent in each chunk it touched, and that the store lists
// nothing but the hierarchy's own keys.

import Foundation
import SimpleZarr

/// The array the crash test writes: 16 chunks of 4 x 16 uint32 values.
private let crashShape = [16, 64]
private let crashChunkShape = [4, 16]

/// One write of the sequence: a region set to the values of `version`.
private struct CrashWrite {
    let version: Int
    let rows: Range<Int>
    let columns: Range<Int>
    /// Written with `setChunk` (a whole chunk) rather than a slice.
    let isChunkWrite: Bool

    /// The value the write gives the element at (`row`, `column`): its version and position,
    /// so a value written to the wrong place is caught too.
    static func value(version: Int, row: Int, column: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: version << 12 | (row * crashShape[1] + column) & 0xFFF)
    }

    func contains(_ row: Int, _ column: Int) -> Bool { rows.contains(row) && columns.contains(column) }
}

/// The deterministic sequence of writes for `seed` (a small linear congruential generator, so
/// the writer and the checker agree without sharing state).
private func crashWrites(seed: UInt64, count: Int) -> [CrashWrite] {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
    return (1...count).map { version in
        if next(3) == 0 {
            let row = next(crashShape[0] / crashChunkShape[0]) * crashChunkShape[0]
            let column = next(crashShape[1] / crashChunkShape[1]) * crashChunkShape[1]
            return CrashWrite(version: version, rows: row..<row + crashChunkShape[0],
                              columns: column..<column + crashChunkShape[1], isChunkWrite: true)
        }
        let r0 = next(crashShape[0]), c0 = next(crashShape[1])
        let r1 = r0 + 1 + next(crashShape[0] - r0), c1 = c0 + 1 + next(crashShape[1] - c0)
        return CrashWrite(version: version, rows: r0..<r1, columns: c0..<c1, isChunkWrite: false)
    }
}

private let crashWriteCount = 100_000

/// Writes the sequence for `seed` into a new hierarchy at `directory`, acknowledging each write.
func runCrashWriter(directory: String, seed: UInt64) throws {
    let store = LocalStore(directory)
    try ZarrGroup.create(store, "")
    let array = try ZarrArray.create(store, "a", shape: crashShape, dtype: .uint32, chunkShape: crashChunkShape,
                                     fillValue: 0, codecs: [["name": "bytes"], ["name": "crc32c"]])
    let output = FileHandle.standardOutput
    output.write(Data("ready\n".utf8))
    for write in crashWrites(seed: seed, count: crashWriteCount) {
        let values = write.rows.flatMap { row in
            write.columns.map { CrashWrite.value(version: write.version, row: row, column: $0) }
        }
        let block = try NDArray(values, shape: [write.rows.count, write.columns.count])
        if write.isChunkWrite {
            try array.setChunk(block, [write.rows.lowerBound / crashChunkShape[0], write.columns.lowerBound / crashChunkShape[1]])
        } else {
            try array[write.rows, write.columns].set(block)
        }
        // Unbuffered: the line reaches the pipe before the next write starts.
        output.write(Data("ack \(write.version)\n".utf8))
    }
}

/// Checks the hierarchy at `directory` against the first `acknowledged` writes of `seed`;
/// prints one JSON line and throws when anything acknowledged is lost or anything is torn.
func runCrashCheck(directory: String, seed: UInt64, acknowledged: Int) throws {
    let store = LocalStore(directory)
    let writes = crashWrites(seed: seed, count: acknowledged + 1)
    let inFlight = writes[acknowledged]
    guard let array = try openZarr(store, path: "a") as? ZarrArray else {
        throw ZarrError.invalidMetadata("crash-check: 'a' is not an array")
    }
    let stored = try array[...].get().toArray(as: UInt32.self)

    // What each element must hold after the acknowledged writes.
    var expected = [UInt32](repeating: 0, count: stored.count)
    for write in writes.prefix(acknowledged) {
        for row in write.rows {
            for column in write.columns {
                expected[row * crashShape[1] + column] = CrashWrite.value(version: write.version, row: row, column: column)
            }
        }
    }
    var lost = 0, torn = 0
    // Per chunk touched by the write in flight: did it land (true), not land (false), or both (torn)?
    var landed: [[Int]: Bool] = [:]
    for row in 0..<crashShape[0] {
        for column in 0..<crashShape[1] {
            let value = stored[row * crashShape[1] + column]
            if inFlight.contains(row, column) {
                let new = CrashWrite.value(version: inFlight.version, row: row, column: column)
                guard value == new || value == expected[row * crashShape[1] + column] else { lost += 1; continue }
                let chunk = [row / crashChunkShape[0], column / crashChunkShape[1]]
                let isNew = value == new && new != expected[row * crashShape[1] + column]
                if let previous = landed[chunk], previous != isNew { torn += 1 }
                landed[chunk] = landed[chunk] ?? isNew
            } else if value != expected[row * crashShape[1] + column] {
                lost += 1
            }
        }
    }
    // Nothing but the hierarchy's own keys may be visible.
    let allowed = Set(["zarr.json", "a/zarr.json"]).union(
        (0..<crashShape[0] / crashChunkShape[0]).flatMap { i in
            (0..<crashShape[1] / crashChunkShape[1]).map { j in "a/c/\(i)/\(j)" }
        })
    let stray = try store.list().filter { !allowed.contains($0) }
    // On disk, besides those keys, only the temporaries of the writes in flight may remain (one
    // per chunk the interrupted write touched), and sweeping them must leave nothing else.
    let touchedChunks = Set(inFlight.rows.map { $0 / crashChunkShape[0] }).count
        * Set(inFlight.columns.map { $0 / crashChunkShape[1] }).count
    let leftovers = try filesOnDisk(directory).filter { !allowed.contains($0) }
    let swept = try store.removeStaleTemporaryFiles(olderThan: 0)
    let remaining = try filesOnDisk(directory).filter { !allowed.contains($0) }
    print("{\"acknowledged\": \(acknowledged), \"lost\": \(lost), \"torn\": \(torn), \"stray\": \(stray.count), "
        + "\"temporaries\": \(leftovers.count), \"swept\": \(swept), \"remaining\": \(remaining.count)}")
    guard lost == 0, torn == 0, stray.isEmpty, leftovers.count <= touchedChunks, remaining.isEmpty else {
        throw ZarrError.invalidArgument(
            "crash-check: \(lost) elements lost, \(torn) torn, stray keys \(stray.prefix(5)), "
                + "\(leftovers.count) leftover files (at most \(touchedChunks) expected), left after sweeping: \(remaining.prefix(5))")
    }
}

/// Every regular file below `directory`, as a path relative to it.
private func filesOnDisk(_ directory: String) throws -> [String] {
    let root = URL(fileURLWithPath: directory).standardizedFileURL
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
        return []
    }
    var files: [String] = []
    for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        files.append(String(url.standardizedFileURL.path.dropFirst(root.path.count + 1)))
    }
    return files
}

import Foundation
import XCTest

import SimpleZarr

// A port of a script that reads in parallel: futures, callbacks, timeouts and asyncio.
//
// The Python original (simplezarr 1.2):
//
//     import asyncio
//     import threading
//     from concurrent.futures import TimeoutError
//     import numpy as np
//     from simplezarr import MemoryStore, SlowStore, ZarrArray, open_zarr
//
//     store = MemoryStore()
//     arr = ZarrArray.create(store, "volume", shape=(8, 64), dtype="uint16", chunk_shape=(2, 16))
//     for i in range(4):
//         for j in range(4):
//             arr.set_chunk_now((i, j), np.full((2, 16), i * 4 + j, "uint16"))
//     slow = open_zarr(SlowStore(store, base_delay=0.02), "volume")
//
//     # Futures: start every read, then wait for them.
//     futures = [slow.get_chunk_soon((i, j)) for i in range(4) for j in range(4)]
//     chunks = [f.result() for f in futures]
//     print([int(c[0, 0]) for c in chunks])
//
//     # A callback, run when the read completes.
//     finished = threading.Event()
//     seen = []
//     f = slow.get_chunk_soon((3, 3))
//     f.add_done_callback(lambda f: (seen.append(int(f.result()[0, 0])), finished.set()))
//     finished.wait()
//
//     # A timeout.
//     try:
//         slow[...].get_soon().result(timeout=0.001)
//     except TimeoutError:
//         print("timed out")
//
//     # Regions in parallel.
//     rows = [slow[i, :].get_soon() for i in range(8)]
//     sums = [int(r.result().sum()) for r in rows]
//
//     # asyncio.
//     async def main():
//         first = await asyncio.wrap_future(slow.get_chunk_soon((0, 0)))
//         column, corner = await asyncio.gather(
//             asyncio.wrap_future(slow[:, 0].get_soon()),
//             asyncio.wrap_future(slow[0:2, 0:16].get_soon()),
//         )
//         return first, column, corner
//     first, column, corner = asyncio.run(main())

final class ParallelReadsPortTests: XCTestCase {
    func testFuturesCallbacksTimeoutsAndAsync() async throws {
        let store = MemoryStore()
        let arr = try ZarrArray.create(store, "volume", shape: [8, 64], dtype: "uint16", chunkShape: [2, 16])
        for i in 0..<4 {
            for j in 0..<4 {
                try arr.setChunkNow([i, j], try NDArray(repeating: UInt16(i * 4 + j), shape: [2, 16]))
            }
        }
        let slow = try openZarr(SlowStore(store, baseDelay: 0.02), path: "volume").array

        // Futures: start every read, then wait for them.
        let futures = (0..<4).flatMap { i in (0..<4).map { j in slow.getChunkSoon([i, j]) } }
        let chunks = try waitAll(futures)
        print(try chunks.map { try $0.item(0, 0, as: Int64.self) })

        // A callback, run when the read completes.
        let finished = DispatchSemaphore(value: 0)
        let seen = LockedValue<[UInt16]>([])
        let f = slow.getChunkSoon([3, 3])
        f.onComplete { result in
            seen.withLock { $0.append((try? result.get().scalar(at: [0, 0], as: UInt16.self)) ?? 0) }
            finished.signal()
        }
        finished.wait()

        // A timeout.
        do {
            _ = try slow[...].getSoon().result(timeout: 0.001)
        } catch FutureError.timeout {
            print("timed out")
        }

        // Regions in parallel.
        let rows = try (0..<8).map { i in try slow[i, ...].getSoon() }
        let sums = try rows.map { try Int($0.result().sum(as: Int64.self)) }

        // async: `value` bridges a future; the …Async methods read the same way.
        let first = try await slow.getChunkSoon([0, 0]).value
        async let column = slow[..., 0].getAsync()
        async let corner = slow[0..<2, 0..<16].getAsync()
        let (columnValues, cornerValues) = try await (column, corner)

        XCTAssertEqual(try chunks.map { try $0.scalar(at: [0, 0], as: UInt16.self) }, (0..<16).map(UInt16.init))
        XCTAssertEqual(seen.withLock { $0 }, [15])
        XCTAssertEqual(sums, (0..<8).map { row in (0..<4).reduce(0) { $0 + 16 * ((row / 2) * 4 + $1) } })
        XCTAssertEqual(first, chunks[0])
        XCTAssertEqual(try columnValues.toArray(as: UInt16.self), [0, 0, 4, 4, 8, 8, 12, 12])
        XCTAssertEqual(cornerValues, chunks[0])
    }
}

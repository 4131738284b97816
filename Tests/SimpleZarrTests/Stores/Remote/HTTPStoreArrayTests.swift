import Foundation
import XCTest

@testable import SimpleZarr

/// Zarr hierarchies over HTTPStore (served by the fault server): opened through consolidated
/// metadata, a clear error without it, and many requests in flight through a slow link.
final class HTTPStoreArrayTests: XCTestCase {
    func testConsolidatedHierarchyOpensAndReads() throws {
        for format in [2, 3] {
            let server = try FaultHTTPServer()
            defer { server.stop() }
            _ = try ZarrGroup.create(server.store, attributes: ["title": "demo"], zarrFormat: format)
            let values = try NDArray((0..<600).map { Int16($0) }, shape: [20, 30])
            let plain = try ZarrArray.create(server.store, "plain", shape: [20, 30], dtype: .int16, chunkShape: [7, 8], zarrFormat: format)
            try plain[...].set(values)
            if format == 3 {
                _ = try ZarrGroup.create(server.store, "sub")
                let sharded = try ZarrArray.create(
                    server.store, "sub/sharded", shape: [20, 30], dtype: .int16, chunkShape: [5, 5], shardShape: [10, 15])
                try sharded[...].set(values)
            }
            _ = try consolidateMetadata(server.store)

            let http = try HTTPStore(url: server.url)
            guard let root = try openZarr(http) as? ZarrGroup else { return XCTFail("v\(format): not a group") }
            XCTAssertTrue(root.usesConsolidatedMetadata)
            XCTAssertEqual(try root.children.map(\.name).sorted(), format == 3 ? ["plain", "sub"] : ["plain"])
            let array = try root.array("plain")
            XCTAssertEqual(try array[...].get(), values, "v\(format)")
            XCTAssertEqual(try array.getChunkFuture([1, 1]).result(timeout: 10), try openZarr(server.store, path: "plain").array.getChunk([1, 1]))
            if format == 3 {
                XCTAssertEqual(try root.array("sub/sharded")[2..<19, 3..<29].get(), try values[2..<19, 3..<29])
            }
        }
    }

    func testGroupWithoutConsolidatedMetadataSaysHowToOpenIt() throws {
        let server = try FaultHTTPServer()
        defer { server.stop() }
        _ = try ZarrGroup.create(server.store)
        _ = try ZarrArray.create(server.store, "a", shape: [4], dtype: .uint8, chunkShape: [2])
        guard let root = try openZarr(HTTPStore(url: server.url)) as? ZarrGroup else { return XCTFail("not a group") }
        XCTAssertThrowsError(try root.children) { error in
            guard case .unsupported(let message)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("consolidated metadata") && message.contains("cannot list"), message)
        }
        XCTAssertEqual(try root.array("a").shape, [4], "a child opens by name all the same")
        XCTAssertThrowsError(try openZarr(HTTPStore(url: server.url), useConsolidated: true))
    }

    /// An array of `chunks` int32 chunks of 4 elements on a server adding `latency` per request.
    private func slowLinkArray(chunks: Int, latency: Double) throws -> (FaultHTTPServer, ZarrArray, NDArray) {
        let server = try FaultHTTPServer(latency: latency)
        let values = try NDArray((0..<(4 * chunks)).map { Int32($0) }, shape: [4 * chunks])
        let written = try ZarrArray.create(server.store, "a", shape: [4 * chunks], dtype: .int32, chunkShape: [4])
        try written[...].set(values)
        let http = try HTTPStore(url: server.url, ioExecutor: IOExecutor(maxInFlight: 64))
        return (server, try openZarr(http, path: "a").array, values)
    }

    func testAtLeast32RequestsReallyInFlight() throws {
        // 64 chunks, 0.3 s per request: the server sees them at the same time.
        let (server, array, values) = try slowLinkArray(chunks: 64, latency: 0.3)
        defer { server.stop() }
        let start = Date()
        XCTAssertEqual(try array[...].get(), values)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(server.peakInFlight, 32, "requests in flight at once")
        XCTAssertLessThan(elapsed, 64 * 0.3 / 8, "64 reads of 0.3 s took \(elapsed) s")
    }

    func testThousandChunkReadsThroughA20msLink() throws {
        // Serially 20 s; with 64 in flight about 0.3 s plus the per-request cost. The bound
        // asserted is loose (a loaded debug run); `simplezarr bench` measures the real figure.
        let (server, array, values) = try slowLinkArray(chunks: 1000, latency: 0.02)
        defer { server.stop() }
        let start = Date()
        XCTAssertEqual(try array[...].get(), values)
        let elapsed = Date().timeIntervalSince(start)
        // Under a sanitizer (.ci/run sets TSAN_OPTIONS / ASAN_OPTIONS) every request costs many
        // times its CPU; the bound then only says the run finished.
        let environment = ProcessInfo.processInfo.environment
        let sanitized = environment["TSAN_OPTIONS"] != nil || environment["ASAN_OPTIONS"] != nil
        XCTAssertLessThan(elapsed, sanitized ? 120 : 10, "1,000 chunk reads took \(elapsed) s")
        XCTAssertEqual(server.requestCount, 1000 + 1, "one request per chunk, one for the metadata")
    }
}

import Foundation
import XCTest

import SimpleZarr

// A port of a script with a logging and a caching WrapperStore, a custom codec, and listings.
//
// The Python original (simplezarr 1.2):
//
//     import numpy as np
//     from simplezarr import MemoryStore, WrapperStore, ZarrArray, ZarrGroup, open_zarr
//     from simplezarr.codecs import BaseCodec, register_codec
//
//     class LoggingStore(WrapperStore):
//         def __init__(self, store):
//             super().__init__(store)
//             self.log = []
//
//         def _hook(self, method, args, result):
//             key = args[0] if args and isinstance(args[0], str) else ""
//             self.log.append(f"{method} {key}")
//
//     class CachingStore(WrapperStore):
//         def __init__(self, store):
//             super().__init__(store)
//             self.cache = {}
//             self.hits = 0
//
//         def _get(self, key):
//             if key in self.cache:
//                 self.hits += 1
//                 return self.cache[key]
//             return super()._get(key)
//
//         def _hook(self, method, args, result):
//             if method == "get":
//                 self.cache[args[0]] = result
//             elif method in ("set", "erase"):
//                 self.cache.pop(args[0], None)
//
//     @register_codec
//     class XorCodec(BaseCodec):
//         name = "port.xor"
//         kind = "b->b"
//
//         def encode(self, value):
//             key = self.configuration["key"]
//             return memoryview(bytes(b ^ key for b in value))
//
//         def decode(self, value, decoded_representation_type):
//             return self.encode(value)
//
//     inner = MemoryStore()
//     cache = CachingStore(inner)
//     store = LoggingStore(cache)
//     ZarrGroup.create(store, "")
//     arr = ZarrArray.create(
//         store, "data", shape=(4, 4), dtype="uint8", chunk_shape=(2, 2),
//         codecs=[{"name": "bytes"}, {"name": "port.xor", "configuration": {"key": 90}}],
//     )
//     arr[...].set_now(np.arange(16, dtype="uint8").reshape(4, 4))
//     for _ in range(3):
//         values = arr[...].get_now()
//     print(cache.hits)
//     print(sorted(set(store.log)))
//     print(inner.list())
//     print(store.list_prefix("data/"))
//     print(store.list_dir("data/c/"))
//     root = open_zarr(store)
//     print(root.children)
//     print(root["data"].get_chunk_now((1, 1)))

final class WrapperCodecListingPortTests: XCTestCase {
    final class LoggingStore: WrapperStore, @unchecked Sendable {
        let log = LockedValue<[String]>([])

        override func hook(_ call: StoreCall) throws {
            let line = "\(call.method) \(call.key ?? "")"
            log.withLock { $0.append(line) }
        }
    }

    final class CachingStore: WrapperStore, @unchecked Sendable {
        let cache = LockedValue<[String: Data]>([:])
        let hits = LockedValue(0)

        override func uncheckedGet(_ key: String) throws -> Data {
            if let cached = cache.withLock({ $0[key] }) {
                hits.withLock { $0 += 1 }
                return cached
            }
            return try super.uncheckedGet(key)
        }

        override func hook(_ call: StoreCall) throws {
            if call.method == "get", let key = call.key {
                cache.withLock { $0[key] = call.value }
            } else if ["set", "erase"].contains(call.method), let key = call.key {
                cache.withLock { $0[key] = nil }
            }
        }
    }

    struct XorCodec: BytesToBytesCodec, Codable {
        static let name = "port.xor"
        var key: UInt8

        func encode(_ bytes: Data) throws -> Data { Data(bytes.map { $0 ^ key }) }
        func decode(_ bytes: Data) throws -> Data { try encode(bytes) }
    }

    func testLoggingAndCachingWrappersACustomCodecAndListings() throws {
        try registerCodec(XorCodec.self)

        let inner = MemoryStore()
        let cache = CachingStore(inner)
        let store = LoggingStore(cache)
        try ZarrGroup.create(store, "")
        let arr = try ZarrArray.create(
            store, "data", shape: [4, 4], dtype: "uint8", chunkShape: [2, 2],
            codecs: [["name": "bytes"], ["name": "port.xor", "configuration": ["key": 90]]])
        try arr[...].setNow(try NDArray((0..<16).map(UInt8.init), shape: [4, 4]))
        var values = try arr[...].getNow()
        for _ in 0..<2 { values = try arr[...].getNow() }
        let hits = cache.hits.withLock { $0 }
        let calls = Set(store.log.withLock { $0 }).sorted()
        print(hits)
        print(calls)
        print(try inner.list())
        print(try store.listPrefix("data/"))
        print(try store.listDir("data/c/"))
        let root = try openZarr(store)
        print(try root.group.children)
        print(try root["data"].array.getChunkNow([1, 1]))

        XCTAssertEqual(try values.toArray(as: UInt8.self), (0..<16).map(UInt8.init))
        XCTAssertEqual(hits, 8)
        XCTAssertEqual(calls, [
            "get data/c/0/0", "get data/c/0/1", "get data/c/1/0", "get data/c/1/1",
            "set data/c/0/0", "set data/c/0/1", "set data/c/1/0", "set data/c/1/1", "set data/zarr.json", "set zarr.json",
        ])
        XCTAssertEqual(try inner.get("data/c/0/0"), Data([0, 1, 4, 5].map { $0 ^ 90 }))
        XCTAssertEqual(try store.listPrefix("data/").count, 5)
        XCTAssertEqual(try store.listDir("data/c/"), ["data/c/0/", "data/c/1/"])
        XCTAssertEqual(try root.group.children.map(\.name), ["data"])
        XCTAssertEqual(try root["data"].array.getChunkNow([1, 1]).toArray(as: UInt8.self), [10, 11, 14, 15])
    }
}

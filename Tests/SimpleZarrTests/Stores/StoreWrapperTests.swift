import Foundation
import XCTest
@testable import SimpleZarr

/// Records every call its hook sees.
final class RecordingStore: WrapperStore, @unchecked Sendable {
    let calls = ConcurrencyLocked<[StoreCall]>([])

    override func hook(_ call: StoreCall) throws {
        calls.withLock { $0.append(call) }
    }

    var methods: [String] { calls.withLock { $0.map(\.method) } }
    var last: StoreCall? { calls.withLock { $0.last } }
}

final class StoreWrapperTests: XCTestCase {
    func testHookSeesEveryCallWithArgumentsAndResult() throws {
        let inner = MemoryStore()
        let store = RecordingStore(inner)
        XCTAssertTrue(store.sub === inner)

        try store.set("a/b", bytes("hello"))
        guard case .set(let key, let value)? = store.last else { return XCTFail("\(String(describing: store.last))") }
        XCTAssertEqual(key, "a/b")
        XCTAssertEqual(value, bytes("hello"))

        XCTAssertEqual(try store.get("a/b"), bytes("hello"))
        guard case .get("a/b", let got)? = store.last else { return XCTFail() }
        XCTAssertEqual(got, bytes("hello"))

        XCTAssertEqual(try store.getPartialValues([("a/b", 1, 2)]), [bytes("el")])
        guard case .getPartialValues(let ranges, let parts)? = store.last else { return XCTFail() }
        XCTAssertEqual(ranges.map(\.key), ["a/b"])
        XCTAssertEqual(ranges.first?.start, 1)
        XCTAssertEqual(ranges.first?.length, 2)
        XCTAssertEqual(parts, [bytes("el")])

        try store.setPartialValues([("a/b", 0, bytes("J"))])
        guard case .setPartialValues(let writes)? = store.last else { return XCTFail() }
        XCTAssertEqual(writes.map(\.value), [bytes("J")])
        XCTAssertEqual(try inner.get("a/b"), bytes("Jello"))

        try store.set("a/c", Data())
        try store.set("x", Data())
        XCTAssertEqual(try store.list(), ["a/b", "a/c", "x"])
        guard case .list(let all)? = store.last else { return XCTFail() }
        XCTAssertEqual(all, ["a/b", "a/c", "x"])
        XCTAssertEqual(try store.listPrefix("a/"), ["a/b", "a/c"])
        guard case .listPrefix("a/", let listed)? = store.last else { return XCTFail() }
        XCTAssertEqual(listed, ["a/b", "a/c"])
        XCTAssertEqual(try store.listDir("/"), ["a/", "x"])
        guard case .listDir("/", let entries)? = store.last else { return XCTFail() }
        XCTAssertEqual(entries, ["a/", "x"])

        try store.erase("x")
        guard case .erase("x")? = store.last else { return XCTFail() }
        try store.eraseValues(["a/c"])
        guard case .eraseValues(let erased)? = store.last else { return XCTFail() }
        XCTAssertEqual(erased, ["a/c"])
        try store.erasePrefix("a/")
        guard case .erasePrefix("a/")? = store.last else { return XCTFail() }
        XCTAssertEqual(try inner.list(), [])

        XCTAssertEqual(store.methods, ["set", "get", "get_partial_values", "set_partial_values", "set", "set",
                                       "list", "list_prefix", "list_dir", "erase", "erase_values", "erase_prefix"])
    }

    func testFailedCallsAndValidationDoNotReachTheHook() throws {
        let store = RecordingStore(MemoryStore())
        assertStoreError(try store.get("missing")) {
            $0 == .keyNotFound(key: "missing", method: "MemoryStore.get")
        }
        assertStoreError(try store.get("/bad")) {
            if case .invalidKey(let m) = $0 { return m.hasPrefix("RecordingStore.get(): ") }
            return false
        }
        XCTAssertEqual(store.methods, [])
    }

    func testMissingCapabilityIsUnsupported() throws {
        let store = WrapperStore(WriteOnlyStore())
        try store.set("a", Data())
        assertStoreError(try store.get("a")) {
            $0 == .unsupported("WrapperStore.get(): the wrapped WriteOnlyStore is not readable")
        }
        assertStoreError(try store.list()) {
            $0 == .unsupported("WrapperStore.list(): the wrapped WriteOnlyStore is not listable")
        }
        let readOnly = WrapperStore(WrapperStore(BaseStore()))
        assertStoreError(try readOnly.set("a", Data())) { if case .unsupported = $0 { return true }; return false }
        XCTAssertEqual(readOnly.description, "<WrapperStore around <WrapperStore around <BaseStore>>>")
    }

    func testThrowingHookPropagates() {
        struct Injected: Error {}
        final class FailingStore: WrapperStore, @unchecked Sendable {
            override func hook(_ call: StoreCall) throws {
                if call.method == "get" { throw Injected() }
            }
        }
        let store = FailingStore(MemoryStore())
        XCTAssertNoThrow(try store.set("a", Data()))
        XCTAssertThrowsError(try store.get("a")) { XCTAssertTrue($0 is Injected) }
    }

    func testSlowStoreBaseDelay() throws {
        let store = SlowStore(try MemoryStore(fields: ["a": bytes("x")]), baseDelay: 0.05)
        let start = Date()
        XCTAssertEqual(try store.get("a"), bytes("x"))
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.05)
        let listStart = Date()
        _ = try store.listDir("/")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(listStart), 0.05)
    }

    func testSlowStoreBandwidth() throws {
        let store = SlowStore(MemoryStore(), baseDelay: 0, bitsPerSecond: 8_000)
        let start = Date()
        try store.set("a", Data(count: 100))  // 800 bits at 8000 bit/s: 0.1 s
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.1)
        let listStart = Date()
        _ = try store.list()  // no bytes, no base delay
        XCTAssertLessThan(Date().timeIntervalSince(listStart), 0.1)
    }

    func testSlowStoreClampsBadArguments() {
        let store = SlowStore(MemoryStore(), baseDelay: -1, bitsPerSecond: .nan)
        XCTAssertEqual(store.baseDelay, 0)
        XCTAssertEqual(store.bitsPerSecond, 0)
        XCTAssertEqual(SlowStore(MemoryStore(), baseDelay: .nan).baseDelay, 0)
        XCTAssertEqual(SlowStore(MemoryStore(), bitsPerSecond: -5).bitsPerSecond, 0)
        XCTAssertEqual(SlowStore(MemoryStore()).baseDelay, 1.0)
    }
}

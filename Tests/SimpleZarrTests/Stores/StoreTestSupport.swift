import Foundation
import XCTest
@testable import SimpleZarr

/// A store with all three capabilities, as the contract tests need.
typealias FullStore = ReadableStore & WritableStore & ListableStore

/// A fresh temporary directory, removed by `removeTemporaryDirectory(_:)`.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("simplezarr-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func removeTemporaryDirectory(_ url: URL) {
    try? FileManager.default.removeItem(at: url)
}

/// Runs `body` once with a fresh MemoryStore, once with a fresh LocalStore in a temporary
/// directory, once with a fresh ZipStore in a temporary file (removed afterwards; it is then
/// closed and reopened for reading, which must give the same keys and values) and, when the
/// moto S3 server runs (see `TestServers`), once with an S3Store in a fresh bucket.
func withEachStore(file: StaticString = #filePath, line: UInt = #line,
                   _ body: (any FullStore) throws -> Void) {
    defer { withZipStore(file: file, line: line, body) }
    do {
        try body(MemoryStore())
    } catch {
        XCTFail("MemoryStore: unexpected error \(error)", file: file, line: line)
    }
    do {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        try body(LocalStore(dir.path))
    } catch {
        XCTFail("LocalStore: unexpected error \(error)", file: file, line: line)
    }
    guard let endpoint = TestServers.optional({ try TestServers.s3Endpoint() }, file: file, line: line) else { return }
    do {
        try body(TestServers.freshS3Store(endpoint))
    } catch {
        XCTFail("S3Store: unexpected error \(error)", file: file, line: line)
    }
}

/// Runs `body` with a MemoryStore, a LocalStore and (when nginx runs, see `TestServers`) an
/// HTTPStore, each holding exactly `values`: the read-only part of the store contract.
func withEachReadableStore(_ values: [String: Data], file: StaticString = #filePath, line: UInt = #line,
                           _ body: (any ReadableStore) throws -> Void) {
    withEachStore(file: file, line: line) { store in
        for (key, value) in values { try store.set(key, value) }
        try body(store)
    }
    guard TestServers.optional({ try TestServers.httpURL() }, file: file, line: line) != nil else { return }
    do {
        try body(TestServers.seededHTTPStore(values))
    } catch {
        XCTFail("HTTPStore: unexpected error \(error)", file: file, line: line)
    }
}

/// Runs `body` on a new ZipStore, then checks that the archive `close()` wrote reads back
/// with the same keys and values, in ZipStore and as a plain archive.
private func withZipStore(file: StaticString, line: UInt, _ body: (any FullStore) throws -> Void) {
    do {
        let dir = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(dir) }
        let path = dir.appendingPathComponent("store.zip").path
        let store = try ZipStore(path, mode: .write)
        try body(store)
        let keys = try store.list()
        let values = try keys.map { try store.get($0) }
        try store.close()
        let reopened = try ZipStore(path)
        XCTAssertEqual(try reopened.list(), keys, "ZipStore: reopened keys", file: file, line: line)
        XCTAssertEqual(try keys.map { try reopened.get($0) }, values, "ZipStore: reopened values", file: file, line: line)
    } catch {
        XCTFail("ZipStore: unexpected error \(error)", file: file, line: line)
    }
}

/// Asserts that `expression` throws a `StoreError` accepted by `check`.
func assertStoreError<T>(_ expression: @autoclosure () throws -> T,
                         file: StaticString = #filePath, line: UInt = #line,
                         _ check: (StoreError) -> Bool) {
    do {
        _ = try expression()
        XCTFail("expected a StoreError, got no error", file: file, line: line)
    } catch let error as StoreError {
        XCTAssertTrue(check(error), "unexpected StoreError: \(error)", file: file, line: line)
    } catch {
        XCTFail("expected a StoreError, got \(error)", file: file, line: line)
    }
}

func bytes(_ s: String) -> Data { Data(s.utf8) }

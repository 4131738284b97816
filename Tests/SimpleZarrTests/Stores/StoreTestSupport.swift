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

/// Runs `body` once with a fresh MemoryStore and once with a fresh LocalStore in a
/// temporary directory (removed afterwards).
func withEachStore(file: StaticString = #filePath, line: UInt = #line,
                   _ body: (any FullStore) throws -> Void) {
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

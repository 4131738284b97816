import Foundation
import XCTest

@testable import SimpleZarr

/// The chunk methods under simplezarr 1.2's names behave as 1.2's do.
final class PythonNamesTests: XCTestCase {
    func testGetChunkNowReturnsTheChunkAndNoneOnlyWhenAsked() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [4], dtype: .int16, chunkShape: [2], fillValue: 9)
        // get_chunk_now(index) -> ndarray: the fill value for a chunk never written, not an optional.
        let missing: NDArray = try array.getChunkNow([1])
        XCTAssertEqual(try missing.toArray(as: Int16.self), [9, 9])
        // get_chunk_now(index, none_if_missing=True) -> ndarray | None.
        XCTAssertNil(try array.getChunkNow([1], noneIfMissing: true))
        XCTAssertEqual(try array.getChunkNow([1], noneIfMissing: false), missing)

        // set_chunk_now(index, data) / set_chunk_soon(index, data): the index comes first.
        try array.setChunkNow([1], try NDArray([3, 4] as [Int16]))
        try array.setChunkSoon([0], try NDArray([1, 2] as [Int16])).result()
        XCTAssertEqual(try array.getChunkSoon([1]).result(), try NDArray([3, 4] as [Int16]))
        XCTAssertEqual(try array.getChunkNow([0], noneIfMissing: true), try NDArray([1, 2] as [Int16]))
        // check_empty: a chunk of only the fill value is erased.
        try array.setChunkNow([1], try NDArray([9, 9] as [Int16]))
        XCTAssertNil(try array.getChunkNow([1], noneIfMissing: true))
        try array.setChunkNow([1], try NDArray([9, 9] as [Int16]), checkEmpty: false)
        XCTAssertNotNil(try array.getChunkNow([1], noneIfMissing: true))
    }

    func testErrorsNameTheOneTwoMethod() throws {
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [4], dtype: .int16, chunkShape: [2])
        XCTAssertThrowsError(try array.getChunkNow([2])) { error in
            guard case ZarrError.indexOutOfRange(let details) = error else { return XCTFail("\(error)") }
            let message = details.message
            XCTAssertTrue(message.hasPrefix("ZarrArray.getChunkNow() index [2]"), message)
        }
        XCTAssertThrowsError(try array.getChunkNow([0, 0], noneIfMissing: true)) { error in
            guard case ZarrError.indexOutOfRange = error else { return XCTFail("\(error)") }
        }
    }
}

import Foundation
import XCTest

@testable import SimpleZarr

final class AllocatorTuningTests: XCTestCase {
    func testOpeningAnArrayTunesGlibcMallocUnlessOptedOut() throws {
        _ = try ZarrArray.create(MemoryStore(), "a", shape: [1], dtype: .uint8)
        #if canImport(Glibc)
        let optedOut = ProcessInfo.processInfo.environment["SIMPLEZARR_KEEP_MALLOC_SETTINGS"] != nil
        XCTAssertEqual(AllocatorTuning.applied, !optedOut)
        #else
        XCTAssertFalse(AllocatorTuning.applied)
        #endif
    }
}

import Foundation
import XCTest

@testable import SimpleZarr

final class AllocatorTuningTests: XCTestCase {
    func testOpeningAnArrayTunesGlibcMallocUnlessOptedOut() throws {
        _ = try ZarrArray.create(MemoryStore(), "a", shape: [1], dtype: .uint8)
        #if canImport(Glibc)
        let optedOut = ProcessInfo.processInfo.environment["SIMPLEZARR_KEEP_MALLOC_SETTINGS"] != nil
        // Under AddressSanitizer malloc is the sanitizer's, whose mallopt changes nothing and says so.
        let sanitizerMalloc = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
        XCTAssertEqual(AllocatorTuning.applied, !optedOut && !sanitizerMalloc)
        #else
        XCTAssertFalse(AllocatorTuning.applied)
        #endif
    }
}

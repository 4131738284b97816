// Fuzz target: a ZIP archive from bytes through `ZipStore(data:)`: its end records and central
// directory, then every listed key read whole (local header check, decoding, CRC-32), in
// ranges, and listed by directory. An archive may be refused and a value may fail with an
// error; nothing may crash, hang or allocate past what the archive's own bytes justify.

import Foundation
@testable import SimpleZarr

/// Values larger than this are refused before reading, as the library's chunk reads do.
private let fuzzValueLimit = 1 << 22

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    guard let store = try? ZipStore(data: Data(bytes: data, count: size)) else { return 0 }
    let keys = (try? store.list()) ?? []
    for key in keys.prefix(64) {
        // Ranges only of values within the limit (a compressed one is decoded whole).
        guard let whole = try? store.get(key, maximumSize: fuzzValueLimit) else { continue }
        if let parts = try? store.getPartialValues([(key, 1, 7), (key, -4, nil)]) {
            // A stored entry's ranges are read from the archive; they must match the whole value.
            precondition(parts[0] == StoreKeys.slice(whole, start: 1, length: 7), "zip: a range differs from the value")
            precondition(parts[1] == StoreKeys.slice(whole, start: -4, length: nil), "zip: a suffix differs from the value")
        }
    }
    _ = try? store.listDir("/")
    try? store.close()
    return 0
}

// Fuzz target: the numpy selection syntax (`SelectionExpression.parse`) on any
// bytes as text. A parsed selection is applied to a small in-memory array of a
// shape taken from the input, and must give a result of the shape it says, or
// a thrown error; nothing may crash, hang or allocate without bound.

import Foundation
@testable import SimpleZarr

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSelectionText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    // The first byte picks the shape (up to 4 axes of 0...6), the rest is the text.
    let ndim = Int(bytes[0] % 5)
    let shape = (0..<ndim).map { Int(bytes[0] / 5 + UInt8($0)) % 7 }
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    guard let items = try? SelectionExpression.parse(text) else { return 0 }
    precondition(items.filter { $0 == .ellipsis }.count <= 1, "selection_text: two ellipses parsed from \(text.debugDescription)")
    guard let array = try? NDArray(dtype: .uint8, shape: shape) else { return 0 }
    if let region = try? array.select(text) {
        precondition(region.count == region.shape.reduce(1, *), "selection_text: region count does not match its shape")
        precondition(region.ndim <= array.ndim, "selection_text: a selection added axes")
    }
    return 0
}

// Fuzz target: the JSON parser, and the writer on what it parsed. Any bytes may be refused
// with an error; nothing may crash or run away. A parsed document must survive being written
// and read again unchanged.

import Foundation
@testable import SimpleZarr

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONValue.parse(bytes) else { return 0 }
    for text in [value.description, value.prettyPrinted()] {
        guard let again = try? JSONValue.parse(text) else {
            preconditionFailure("json: the writer produced text the parser refuses: \(text.prefix(200))")
        }
        // NaN never equals itself; compare the written forms instead of the values.
        precondition(again.description == value.description, "json: a write/parse round trip changed the document")
    }
    return 0
}

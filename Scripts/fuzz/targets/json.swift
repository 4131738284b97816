// Fuzz target: the JSON parser, and the writers on what it parsed. Any bytes may be refused
// with an error; nothing may crash or run away. A parsed document must survive being written
// and read again unchanged, and its Python repr (`description`) must be written without trapping.

import Foundation
@testable import SimpleZarr

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONValue.parse(bytes) else { return 0 }
    _ = value.description
    for text in [value.jsonText, value.prettyPrinted()] {
        guard let again = try? JSONValue.parse(text) else {
            preconditionFailure("json: the writer produced text the parser refuses: \(text.prefix(200))")
        }
        // NaN never equals itself; compare the written forms instead of the values.
        precondition(again.jsonText == value.jsonText, "json: a write/parse round trip changed the document")
    }
    return 0
}

import Foundation
import XCTest

@testable import SimpleZarr

/// `StoreCall`'s accessors give a hook its arguments and results without a switch.
final class StoreCallAccessorTests: XCTestCase {
    func testEveryCallKind() {
        let a = bytes("abc"), b = bytes("de")
        struct Expected {
            let call: StoreCall
            let key: String?, keys: [String], prefix: String?, value: Data?, values: [Data], listed: [String]?
            let isRead: Bool, isWrite: Bool
        }
        let table: [Expected] = [
            .init(call: .get(key: "k", result: a), key: "k", keys: ["k"], prefix: nil, value: a, values: [a], listed: nil,
                  isRead: true, isWrite: false),
            .init(call: .getPartialValues(keyRanges: [("k", 0, 1), ("j", -2, nil)], result: [a, b]), key: nil,
                  keys: ["k", "j"], prefix: nil, value: nil, values: [a, b], listed: nil, isRead: true, isWrite: false),
            .init(call: .set(key: "k", value: b), key: "k", keys: ["k"], prefix: nil, value: b, values: [b], listed: nil,
                  isRead: false, isWrite: true),
            .init(call: .setPartialValues(values: [("k", 1, a), ("k", 4, b)]), key: nil, keys: ["k", "k"], prefix: nil,
                  value: nil, values: [a, b], listed: nil, isRead: false, isWrite: true),
            .init(call: .erase(key: "k"), key: "k", keys: ["k"], prefix: nil, value: nil, values: [], listed: nil,
                  isRead: false, isWrite: true),
            .init(call: .eraseValues(keys: ["x", "y"]), key: nil, keys: ["x", "y"], prefix: nil, value: nil, values: [],
                  listed: nil, isRead: false, isWrite: true),
            .init(call: .erasePrefix(prefix: "p/"), key: nil, keys: [], prefix: "p/", value: nil, values: [], listed: nil,
                  isRead: false, isWrite: true),
            .init(call: .list(result: ["x"]), key: nil, keys: [], prefix: nil, value: nil, values: [], listed: ["x"],
                  isRead: false, isWrite: false),
            .init(call: .listPrefix(prefix: "p/", result: ["p/x"]), key: nil, keys: [], prefix: "p/", value: nil,
                  values: [], listed: ["p/x"], isRead: false, isWrite: false),
            .init(call: .listDir(prefix: "/", result: ["p/", "x"]), key: nil, keys: [], prefix: "/", value: nil,
                  values: [], listed: ["p/", "x"], isRead: false, isWrite: false),
        ]
        for row in table {
            let call = row.call
            XCTAssertEqual(call.key, row.key, call.method)
            XCTAssertEqual(call.keys, row.keys, call.method)
            XCTAssertEqual(call.prefix, row.prefix, call.method)
            XCTAssertEqual(call.value, row.value, call.method)
            XCTAssertEqual(call.values, row.values, call.method)
            XCTAssertEqual(call.byteCount, row.values.reduce(0) { $0 + $1.count }, call.method)
            XCTAssertEqual(call.listed, row.listed, call.method)
            XCTAssertEqual(call.isRead, row.isRead, call.method)
            XCTAssertEqual(call.isWrite, row.isWrite, call.method)
        }
        XCTAssertEqual(table.map(\.call.method), [
            "get", "get_partial_values", "set", "set_partial_values", "erase", "erase_values", "erase_prefix", "list",
            "list_prefix", "list_dir",
        ])
    }
}

// Internal helpers shared by the stores: key and prefix validation, Python-like
// quoting for messages, byte-exact prefix tests and ordering, and the slicing and
// splicing used by the partial-value methods.
//
// Keys are compared and ordered by their UTF-8 bytes (which is code-point order,
// as in Python), never by `Character` or `String` equality: "caf\u{E9}" and
// "cafe\u{301}" are two keys (as they are two file names), and a combining mark
// after a "/" cannot hide the separator.
//
// The rules follow Python simplezarr's `check_key` / `check_prefix` (no leading
// "/", no trailing "/" on a key, no empty or period-only part) and add one: no NUL
// character, which no file system, C API or URL path can hold faithfully.

import Foundation

enum StoreKeys {
    static let slash = UInt8(ascii: "/")
    static let period = UInt8(ascii: ".")
    static let nul: UInt8 = 0

    // MARK: Messages

    /// The dynamic class name of a store, for messages.
    static func className(_ store: AnyObject) -> String {
        String(describing: type(of: store))
    }

    /// Quotes a string the way Python's `repr()` does for simple strings.
    static func repr(_ s: String) -> String {
        let quote: Character = (s.contains("'") && !s.contains("\"")) ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    // MARK: Validation

    /// True if some "/"-separated part of `bytes` is empty or made only of periods.
    static func hasPeriodOnlyPart<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var allPeriods = true
        for b in bytes {
            if b == slash {
                if allPeriods { return true }
                allPeriods = true
            } else if b != period {
                allPeriods = false
            }
        }
        return allPeriods
    }

    /// Throws `ZarrError.limitExceeded` when a value of `size` bytes is longer than `maximumSize`.
    static func checkValueSize(_ size: Int, maximumSize: Int, key: String, _ store: AnyObject, _ method: String) throws {
        guard size > maximumSize else { return }
        throw ZarrError.limitExceeded(
            "\(className(store)).\(method)(): the value of \(repr(key)) is larger than \(maximumSize) bytes")
    }

    /// Throws `StoreError.invalidKey` unless `key` is a valid key.
    static func checkKey(_ key: String, _ store: AnyObject, _ method: String) throws {
        let u = key.utf8
        let problem: String
        if u.first == slash {
            problem = "key must not start with '/'"
        } else if u.isEmpty {
            problem = "key must not be empty"
        } else if u.last == slash {
            problem = "key must not end with '/'"
        } else if hasPeriodOnlyPart(u) {
            problem = "key parts must not be empty or consist only of periods"
        } else if u.contains(nul) {
            problem = "key must not contain NUL characters"
        } else {
            return
        }
        throw StoreError.invalidKey("\(className(store)).\(method)(): \(problem), got \(repr(key))")
    }

    /// Throws `StoreError.invalidKey` unless `prefix` is a valid prefix ("/" is the root).
    static func checkPrefix(_ prefix: String, _ store: AnyObject, _ method: String) throws {
        let u = prefix.utf8
        if isRoot(prefix) { return }
        let problem: String
        if u.first == slash {
            problem = "prefix must not start with '/'"
        } else if u.last != slash {
            problem = "prefix must end with '/'"
        } else if hasPeriodOnlyPart(u.dropLast()) {
            problem = "prefix parts must not be empty or consist only of periods"
        } else if u.contains(nul) {
            problem = "prefix must not contain NUL characters"
        } else {
            return
        }
        throw StoreError.invalidKey("\(className(store)).\(method)(): \(problem), got \(repr(prefix))")
    }

    /// True for the root prefix "/".
    static func isRoot(_ prefix: String) -> Bool {
        prefix.utf8.count == 1 && prefix.utf8.first == slash
    }

    // MARK: Prefixes and ordering

    /// Byte-exact `hasPrefix`.
    static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        s.utf8.starts(with: prefix.utf8)
    }

    /// Byte-exact equality (`==` on `String` is canonical equivalence).
    static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }

    /// Sorts by UTF-8 bytes (code-point order, like Python's `sorted`).
    static func sorted<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The directories that hold `key`, each with its trailing "/": "a/b/c" gives
    /// ["a/", "a/b/"].
    static func parentDirs(_ key: String) -> [String] {
        var dirs: [String] = []
        let u = key.utf8
        var i = u.startIndex
        while i != u.endIndex {
            let next = u.index(after: i)
            if u[i] == slash {
                dirs.append(String(decoding: u[u.startIndex..<next], as: UTF8.self))
            }
            i = next
        }
        return dirs
    }

    /// The keys of `keys` below `prefix` ("/" or "" is everything), sorted.
    static func keys<S: Sequence>(_ keys: S, withPrefix prefix: String) -> [String] where S.Element == String {
        let p = isRoot(prefix) ? "" : prefix
        return sorted(keys.filter { hasPrefix($0, p) })
    }

    /// The direct entries of directory `prefix` ("/" is the root) among `keys`:
    /// keys right in it, and "sub/" prefixes for deeper keys; sorted, no duplicates.
    static func dirEntries<S: Sequence>(_ keys: S, in prefix: String) -> [String] where S.Element == String {
        let p = isRoot(prefix) ? "" : prefix
        let n = p.utf8.count
        var entries = Set<StoreKey>()
        for key in keys where hasPrefix(key, p) {
            let u = key.utf8
            let rest = u.dropFirst(n)
            if let s = rest.firstIndex(of: slash) {
                entries.insert(StoreKey(String(decoding: u[u.startIndex...s], as: UTF8.self)))
            } else {
                entries.insert(StoreKey(key))
            }
        }
        return sorted(entries.map(\.string))
    }

    // MARK: Partial values

    /// Throws `StoreError.invalidKey` for a negative length (a negative start counts from the end).
    static func checkRange(_ range: KeyRange, _ store: AnyObject, _ method: String) throws {
        if let length = range.length, length < 0 {
            throw StoreError.invalidKey(
                "\(className(store)).\(method)(): range length must not be negative, got \(length) for key \(repr(range.key))")
        }
    }

    /// Where a range starting at `start` begins in a value of `count` bytes: a negative start
    /// counts back from the end (Python's `value[-n:]`), clipped to the beginning.
    static func resolvedStart(_ start: Int, count: Int) -> Int {
        start >= 0 ? start : max(0, count + start)  // count >= 0, so the sum cannot overflow
    }

    /// The bytes `start ..< start + length` of `value`, clipped to its end; a negative start
    /// counts from the end; a start at or past the end gives empty data. The result is a
    /// fresh, zero-based `Data`.
    static func slice(_ value: Data, start: Int, length: Int?) -> Data {
        let count = value.count
        let start = resolvedStart(start, count: count)
        guard start < count else { return Data() }
        let available = count - start
        var n = available
        if let length { n = max(0, min(length, available)) }
        let lo = value.startIndex + start
        return Data(value[lo..<(lo + n)])
    }

    /// Overwrites the bytes of `value` from `start` on with `newBytes`, growing it
    /// when `newBytes` runs past the end. A start past the end would leave a gap
    /// and is refused.
    static func splice(_ value: inout Data, start: Int, with newBytes: Data,
                       key: String, _ store: AnyObject, _ method: String) throws {
        let count = value.count
        guard start >= 0, start <= count else {
            throw StoreError.invalidKey(
                "\(className(store)).\(method)(): start \(start) lies beyond the end of key \(repr(key)) (\(count) bytes)")
        }
        let end = newBytes.count >= count - start ? count : start + newBytes.count
        let lo = value.startIndex + start
        value.replaceSubrange(lo..<(value.startIndex + end), with: newBytes)
    }

    /// Throws `StoreError.invalidKey` for a negative start.
    static func checkStart(_ item: KeyStartValue, _ store: AnyObject, _ method: String) throws {
        if item.start < 0 {
            throw StoreError.invalidKey(
                "\(className(store)).\(method)(): start must not be negative, got \(item.start) for key \(repr(item.key))")
        }
    }
}

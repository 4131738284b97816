// A store key as a dictionary or set element that is compared by its UTF-8 bytes.
//
// `String`'s own `==` and `hashValue` follow Unicode canonical equivalence, so a
// `[String: Data]` treats "caf\u{E9}" and "cafe\u{301}" as one key although a file
// system (and Python) stores two. Wrapping the string fixes the comparison without
// copying its bytes out.

/// A key compared, hashed and ordered by its UTF-8 bytes.
struct StoreKey: Hashable, Comparable, Sendable {
    /// The key as given.
    let string: String

    init(_ string: String) {
        var s = string
        s.makeContiguousUTF8()  // so hashing always takes the contiguous path below
        self.string = s
    }

    static func == (a: StoreKey, b: StoreKey) -> Bool {
        a.string.utf8.elementsEqual(b.string.utf8)
    }

    static func < (a: StoreKey, b: StoreKey) -> Bool {
        a.string.utf8.lexicographicallyPrecedes(b.string.utf8)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        if hashed == nil {
            // Not reached for native strings; hashes the same bytes the same way.
            Array(string.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}

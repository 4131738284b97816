// The element encodings of numpy's fixed-length text and byte strings:
// `fixed_length_utf32` (numpy `U<n>`) holds n 32-bit code units, the text's
// Unicode scalars followed by zeros; `null_terminated_bytes` (numpy `S<n>`)
// holds n bytes, the value followed by zero bytes. numpy drops the trailing
// zeros when it reads an element, and so do we.

/// Converting elements of the fixed-length text and byte-string types.
enum FixedLengthText {
    /// The text of a `fixed_length_utf32` element (code units in native byte order), trailing
    /// zeros dropped; `nil` when a code unit is not a Unicode scalar (a surrogate, or above U+10FFFF).
    static func string(fromUTF32 element: UnsafeRawBufferPointer) -> String? {
        var length = element.count / 4
        while length > 0, element.loadUnaligned(fromByteOffset: (length - 1) * 4, as: UInt32.self) == 0 { length -= 1 }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(length)
        for i in 0..<length {
            guard let scalar = Unicode.Scalar(element.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) else { return nil }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// The `fixed_length_utf32` element of `characters` code units holding `text`; `nil` when the
    /// text has more Unicode scalars than that.
    static func utf32Element(_ text: String, characters: Int) -> [UInt8]? {
        var units = text.unicodeScalars.map(\.value)
        guard units.count <= characters else { return nil }
        units += [UInt32](repeating: 0, count: characters - units.count)
        return units.withUnsafeBytes { Array($0) }
    }

    /// The length of a `null_terminated_bytes` element without its trailing zero bytes.
    static func trimmedLength(_ element: UnsafeRawBufferPointer) -> Int {
        var length = element.count
        while length > 0, element[length - 1] == 0 { length -= 1 }
        return length
    }
}

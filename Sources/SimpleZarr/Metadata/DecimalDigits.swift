// The shortest decimal digits that read back as a float. Swift's `description`,
// Python's `repr` and numpy's Dragon4 all print these same digits and differ only
// in layout (`1e-05` or `0.00001`, `12345.0`), so the digits and the position of
// the decimal point are taken from the description and laid out by each printer.

/// A float's digits `0.d1d2...dn x 10^exponent`, read from its description.
struct DecimalDigits {
    /// ASCII digits, without leading or trailing zeros; empty for zero.
    let digits: [UInt8]
    /// The power of ten of the point before the first digit.
    let exponent: Int

    /// Reads the digits of a finite float's description (`"1.5"`, `"-1e-05"`, `"12345.0"`,
    /// `"1.2345e+16"`); the sign is ignored.
    init(_ description: String) {
        var text = Substring(description)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        var digits: [UInt8] = []
        var point: Int?
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                point = digits.count
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits.append(byte)
            }
        }
        exponent += point ?? digits.count
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        digits.removeFirst(leadingZeros)
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        self.digits = digits
        self.exponent = exponent - leadingZeros
    }

    /// The digits as text.
    var text: String { String(decoding: digits, as: UTF8.self) }
}

// How numpy prints the floats of an array (its default print options: precision 8,
// floatmode "maxprec", no suppression), so that every element of a column lines up:
// - each value has its shortest round-trip digits, cut to 8 after the point (rounding
//   the exact value);
// - scientific notation for the whole array when a finite non-zero magnitude reaches
//   10^min(8, decimal precision of the type) (1e3 for float16, 1e6 for float32, 1e8
//   for float64), or one lies below 1e-4, or the largest is over 1000 times the
//   smallest;
// - positional form: the integer parts right-aligned, the fractions left-aligned and
//   padded with spaces (`1.5 `, `2.25`); scientific form: every mantissa with the same
//   number of digits, zero-padded (`1.00e-05`), exponents of at least two digits;
// - nan and inf right-aligned in the same width; "-0." for negative zero.
// Swift's `description` gives the same shortest digits as numpy's Dragon4
// (DecimalDigits); the cut to 8 digits uses C's correctly rounded `%.8f` / `%.8e` on
// the exact value.

import Foundation

/// A float element to print: its exact value and shortest digits.
struct FloatText {
    /// The value (exact: every float16 and float32 is a double).
    let value: Double
    /// The shortest digits that read back as the element in its own type, `0.d1d2...dn x 10^exponent`.
    let digits: [UInt8]
    /// The power of ten of the digits' point (see `digits`).
    let exponent: Int

    /// An element whose own type prints it as `shortest` (`Float.description` and the like;
    /// not read for NaN and the infinities).
    init(_ value: Double, shortest: String) {
        self.value = value
        let decimal = value.isFinite ? DecimalDigits(shortest) : DecimalDigits("0")
        digits = decimal.digits
        exponent = digits.isEmpty ? 1 : decimal.exponent
    }

    /// The largest number of digits printed after the point.
    static let precision = 8

    /// The value in positional form, without its sign: integer and fraction digits, the
    /// fraction cut to `precision` digits and its trailing zeros dropped.
    var positional: (integer: String, fraction: String) {
        let count = digits.count
        if count - exponent > FloatText.precision {
            let text = String(format: "%.\(FloatText.precision)f", value.magnitude)
            let parts = text.split(separator: ".", maxSplits: 1)
            return (String(parts.first ?? "0"), String(parts.dropFirst().first?.trimmingTrailingZeros ?? ""))
        }
        let ascii = String(decoding: digits, as: UTF8.self)
        if exponent <= 0 { return ("0", String(repeating: "0", count: -exponent) + ascii) }
        if exponent >= count { return (ascii + String(repeating: "0", count: exponent - count), "") }
        return (String(ascii.prefix(exponent)), String(ascii.dropFirst(exponent)))
    }

    /// The value in scientific form, without its sign: the mantissa's first digit, its other
    /// digits (cut to `precision`, trailing zeros dropped) and the power of ten.
    var scientific: (integer: String, fraction: String, exponent: Int) {
        guard let first = digits.first else { return ("0", "", 0) }
        if digits.count - 1 > FloatText.precision {
            let text = String(format: "%.\(FloatText.precision)e", value.magnitude)
            let parts = text.split(separator: "e", maxSplits: 1)
            let mantissa = (parts.first ?? "0").split(separator: ".", maxSplits: 1)
            return (String(mantissa.first ?? "0"), String(mantissa.dropFirst().first?.trimmingTrailingZeros ?? ""),
                    Int(parts.dropFirst().first ?? "0") ?? 0)
        }
        return (String(UnicodeScalar(first)), String(decoding: digits.dropFirst(), as: UTF8.self), exponent - 1)
    }
}

extension Substring {
    fileprivate var trimmingTrailingZeros: Substring {
        var text = self
        while text.last == "0" { text = text.dropLast() }
        return text
    }
}

/// numpy's `FloatingFormat` for one array of floats: the layout chosen from all of them,
/// then each element's text.
struct NumpyFloatFormat {
    /// Scientific rather than positional form.
    private let scientific: Bool
    /// Whether non-negative values get a `+` (the imaginary parts of complex numbers).
    private let plusSign: Bool
    /// The width of the part before the point, sign included.
    private let padLeft: Int
    /// The width of the part after the point (in scientific form, of the mantissa digits,
    /// `e`, the sign and the exponent digits).
    private let padRight: Int
    /// Scientific form: the mantissa digits after the point, and the exponent's digits.
    private let mantissaDigits: Int
    private let exponentDigits: Int

    /// The format of `elements`, whose type prints magnitudes from `scientificThreshold` on
    /// in scientific form.
    init(_ elements: [FloatText], scientificThreshold: Double, plusSign: Bool = false) {
        self.plusSign = plusSign
        let finite = elements.filter { $0.value.isFinite }
        let magnitudes = finite.map(\.value.magnitude).filter { $0 != 0 }
        var scientific = false
        if let largest = magnitudes.max(), let smallest = magnitudes.min() {
            scientific = largest >= scientificThreshold || smallest < 0.0001 || largest / smallest > 1000
        }
        func signed(_ element: FloatText, _ integer: String) -> Int {
            integer.count + (element.value.sign == .minus || plusSign ? 1 : 0)
        }
        var padLeft = 0
        var padRight = 0
        var mantissaDigits = 0
        var exponentDigits = 0
        if scientific {
            for element in finite {
                let form = element.scientific
                padLeft = Swift.max(padLeft, signed(element, form.integer))
                mantissaDigits = Swift.max(mantissaDigits, form.fraction.count)
                exponentDigits = Swift.max(exponentDigits, NumpyFloatFormat.digitCount(form.exponent))
            }
            padRight = exponentDigits + 2 + mantissaDigits
        } else {
            for element in finite {
                let form = element.positional
                padLeft = Swift.max(padLeft, signed(element, form.integer))
                padRight = Swift.max(padRight, form.fraction.count)
            }
        }
        if finite.count < elements.count {
            // Room for "nan", "inf" and "-inf" (or "+inf" with a plus sign) in the same width.
            let hasNegativeInfinity = plusSign || elements.contains { $0.value == -.infinity }
            padLeft = Swift.max(padLeft, 3 - (padRight + 1), 3 + (hasNegativeInfinity ? 1 : 0) - (padRight + 1))
        }
        (self.scientific, self.padLeft, self.padRight) = (scientific, padLeft, padRight)
        (self.mantissaDigits, self.exponentDigits) = (mantissaDigits, exponentDigits)
    }

    /// The text of one element of the array this format was made for.
    func text(_ element: FloatText) -> String {
        guard element.value.isFinite else {
            let name = element.value.isNaN ? "nan" : element.value < 0 ? "-inf" : "inf"
            return NumpyFloatFormat.leftPadded((plusSign && name != "-inf" ? "+" : "") + name, padLeft + padRight + 1)
        }
        let sign = element.value.sign == .minus ? "-" : plusSign ? "+" : ""
        if scientific {
            let form = element.scientific
            let exponent = String(form.exponent.magnitude)
            return NumpyFloatFormat.leftPadded(sign + form.integer, padLeft) + "." + form.fraction
                + String(repeating: "0", count: mantissaDigits - form.fraction.count) + "e" + (form.exponent < 0 ? "-" : "+")
                + String(repeating: "0", count: Swift.max(0, exponentDigits - exponent.count)) + exponent
        }
        let form = element.positional
        return NumpyFloatFormat.leftPadded(sign + form.integer, padLeft) + "." + form.fraction
            + String(repeating: " ", count: Swift.max(0, padRight - form.fraction.count))
    }

    /// The digits of a power of ten as numpy prints it: at least two.
    private static func digitCount(_ exponent: Int) -> Int { Swift.max(2, String(exponent.magnitude).count) }

    private static func leftPadded(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }
}

// Entry names of a ZIP archive (APPNOTE section 4.4.17 and appendix D): UTF-8 when flag
// bit 11 is set, otherwise code page 437, which is what Python's zipfile assumes too. Names
// that are valid UTF-8 without the flag are taken as UTF-8 (Info-ZIP on Unix writes them so).

import Foundation

enum ZipNames {
    /// The characters of bytes 0x80 to 0xFF in code page 437 (the lower half is ASCII).
    private static let cp437High = Array(
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}"
            .unicodeScalars)

    /// The name spelled by `bytes`.
    static func decode(_ bytes: [UInt8], utf8: Bool) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        if utf8 { return String(decoding: bytes, as: UTF8.self) }  // invalid UTF-8: replacement characters
        var s = String.UnicodeScalarView()
        for b in bytes {
            let high = Int(b) - 0x80
            s.append(high >= 0 && high < cp437High.count ? cp437High[high] : Unicode.Scalar(b))
        }
        return String(s)
    }

    /// True when a name needs flag bit 11 (it is not plain ASCII).
    static func needsUTF8Flag(_ name: String) -> Bool {
        name.utf8.contains { $0 >= 0x80 }
    }
}

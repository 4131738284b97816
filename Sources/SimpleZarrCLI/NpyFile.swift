// numpy's `.npy` format (version 1.0, 2.0 for headers of 64 KiB and more, 3.0
// when a structured field name is not Latin-1): the magic string, the version,
// the header length, a Python dict literal with `descr`, `fortran_order` and
// `shape` padded with spaces to a multiple of 64 bytes, then the elements in C
// order, little-endian.

import Foundation
import SimpleZarr

enum NpyFile {
    /// The bytes of a `.npy` file holding `array`.
    ///
    /// - Throws: `CommandFailure` for variable-length strings or bytes, which numpy stores as
    ///   pickled Python objects (not written here: use `.csv`, or print them).
    static func encode(_ array: NDArray, path: String) throws -> Data {
        guard !array.dtype.isVariableLength else {
            throw CommandFailure(path, "\(array.dtype) elements are Python objects in numpy; .npy files of them need pickle, which is not written (use .csv)")
        }
        let descr = descriptor(array.dtype)
        let shape = array.shape.count == 1 ? "(\(array.shape[0]),)" : "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        let dict = "{'descr': \(descr), 'fortran_order': False, 'shape': \(shape), }"
        let needsUTF8 = dict.unicodeScalars.contains { $0.value > 0xFF }
        var headerBytes = needsUTF8 ? Array(dict.utf8) : dict.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        // magic (6) + version (2) + length (2 or 4) + header + "\n", padded to a multiple of 64.
        let longHeader = needsUTF8 || headerBytes.count + 1 + 10 >= 65536
        let prefixSize = longHeader ? 12 : 10
        let padding = (64 - (prefixSize + headerBytes.count + 1) % 64) % 64
        headerBytes += [UInt8](repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
        var data = Data([0x93] + Array("NUMPY".utf8))
        data.append(contentsOf: [needsUTF8 ? 3 : (longHeader ? 2 : 1), 0])
        let length = headerBytes.count
        if longHeader {
            data.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) })
        } else {
            data.append(contentsOf: [UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8)])
        }
        data.append(contentsOf: headerBytes)
        array.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// numpy's `descr`: `'<u2'`, or for a structured type the list of `(name, descr)` tuples.
    static func descriptor(_ dtype: DataType) -> String {
        if case .structured(let fields) = dtype {
            var packedOffset = 0
            let packed = fields.allSatisfy { field in
                defer { packedOffset += field.dataType.itemSize }
                return field.offset == packedOffset
            } && packedOffset == dtype.itemSize
            if packed {
                return "[" + fields.map { "(" + quoted($0.name) + ", " + descriptor($0.dataType) + ")" }.joined(separator: ", ") + "]"
            }
            // Fields with gaps: numpy's dict form, which keeps the offsets.
            return "{'names': [" + fields.map { quoted($0.name) }.joined(separator: ", ") + "], 'formats': ["
                + fields.map { descriptor($0.dataType) }.joined(separator: ", ") + "], 'offsets': ["
                + fields.map { String($0.offset) }.joined(separator: ", ") + "], 'itemsize': \(dtype.itemSize)}"
        }
        return quoted(NumpyTypeString(dataType: dtype, endian: .little).text)
    }

    /// A Python string literal in single quotes.
    private static func quoted(_ text: String) -> String {
        var result = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "'": result += "\\'"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += String(format: "\\x%02x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "'"
    }
}

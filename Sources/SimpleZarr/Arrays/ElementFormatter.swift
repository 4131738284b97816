// Turns one element of a native-order buffer into text, for `NDArray.description`.

enum ElementFormatter {
    /// The element at `index` of `bytes`, printed like numpy would show it.
    static func format(_ bytes: UnsafeRawBufferPointer, index: Int, dtype: DataType) -> String {
        let offset = index * dtype.itemSize
        func load<T>(_ type: T.Type, _ extra: Int = 0) -> T {
            bytes.loadUnaligned(fromByteOffset: offset + extra, as: T.self)
        }
        switch dtype {
        case .bool: return load(UInt8.self) != 0 ? "true" : "false"
        case .int8: return String(load(Int8.self))
        case .int16: return String(load(Int16.self))
        case .int32: return String(load(Int32.self))
        case .int64: return String(load(Int64.self))
        case .uint8: return String(load(UInt8.self))
        case .uint16: return String(load(UInt16.self))
        case .uint32: return String(load(UInt32.self))
        case .uint64: return String(load(UInt64.self))
        case .float16: return String(float16Value(load(UInt16.self)))
        case .float32: return String(load(Float.self))
        case .float64: return String(load(Double.self))
        case .complex64: return Complex(load(Float.self), load(Float.self, 4)).description
        case .complex128: return Complex(load(Double.self), load(Double.self, 8)).description
        case .raw(let bits):
            let hex = (0..<bits / 8).map { i -> String in
                let byte = bytes[offset + i]
                return (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
            return "0x" + hex.joined()
        }
    }
}

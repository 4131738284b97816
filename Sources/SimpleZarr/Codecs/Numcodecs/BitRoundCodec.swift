// The `numcodecs.bitround` codec (array -> array), numcodecs' BitRound as zarr-python 3
// writes it (v2 id "bitround"): floats keep `keepbits` bits of their mantissa (of 10, 23 or
// 52 for float16, 32, 64), rounded to nearest with ties to even, the rest zeroed, which
// leaves the compressor after it long runs of zero bits (Klöwer et al. 2021). numcodecs
// computes on the elements' bit patterns as integers: it adds half a step less one, plus
// the lowest kept bit, then masks, so a carry may run into the exponent (and a NaN's
// payload may round into infinity, or the sign bit wrap); that is done here the same way.
// Decoding passes the bits through: the rounding is the loss.

/// Rounds the mantissa of floats to `keepbits` bits (numcodecs' BitRound).
public struct BitRoundCodec: ArrayToArrayCodec {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.bitround"
    /// numcodecs' id, as Zarr v2 filters name it.
    public static let aliases = ["bitround"]

    /// The mantissa bits kept: 0 up to the type's (10, 23, 52), where rounding changes nothing.
    public let keepbits: Int

    /// A codec keeping `keepbits` mantissa bits.
    ///
    /// - Throws: `ZarrError.invalidArgument` for `keepbits` outside 0...52.
    public init(keepbits: Int) throws {
        guard (0...52).contains(keepbits) else {
            throw ZarrError.invalidArgument("codec '\(Self.name)': keepbits must be 0...52, got \(keepbits)")
        }
        self.keepbits = keepbits
    }

    /// Reads `{"keepbits": 10}`.
    public init(configuration: JSONObject) throws {
        try configuration.checkMembers(of: Self.name, known: ["keepbits"])
        guard configuration["keepbits"] != nil else {
            throw ZarrError.invalidMetadata("codec '\(Self.name)': configuration needs 'keepbits'")
        }
        keepbits = try configuration.integer("keepbits", of: Self.name, in: 0...52, default: 0)
    }

    /// The configuration written to `zarr.json`.
    public var configuration: JSONObject { ["keepbits": JSONValue(keepbits)] }

    /// The mantissa bits of `dataType`, checked to be a float type with at least `keepbits` of them.
    private func mantissaBits(of dataType: DataType) throws -> Int {
        let bits: Int
        switch dataType {
        case .float16: bits = 10
        case .float32: bits = 23
        case .float64: bits = 52
        default: throw ZarrError.codec("codec '\(Self.name)': only float16, float32 and float64 arrays can be rounded, not \(dataType)")
        }
        guard keepbits <= bits else {
            throw ZarrError.codec("codec '\(Self.name)': keepbits \(keepbits) is more than the \(bits) mantissa bits of \(dataType)")
        }
        return bits
    }

    /// The same representation, the fill value rounded like the elements.
    public func encodedRepresentation(of decoded: ArrayRepresentation) throws -> ArrayRepresentation {
        _ = try mantissaBits(of: decoded.dataType)
        return try elementwiseRepresentation(of: decoded, as: decoded.dataType, encode)
    }

    /// Rounding always builds a new array (a copy when `keepbits` is all the mantissa).
    public var encodeReturnsNewStorage: Bool { true }

    /// Rounds one chunk.
    public func encode(_ array: NDArray) throws -> NDArray {
        let dropped = try mantissaBits(of: array.dtype) - keepbits
        switch array.dtype.itemSize {
        case 2: return try rounded(array, as: UInt16.self, dropping: dropped)
        case 4: return try rounded(array, as: UInt32.self, dropping: dropped)
        default: return try rounded(array, as: UInt64.self, dropping: dropped)
        }
    }

    /// Passes one chunk through (checked to be one chunk of the float type).
    public func decode(_ array: NDArray, to decoded: ArrayRepresentation) throws -> NDArray {
        _ = try mantissaBits(of: decoded.dataType)
        try checkEncoded(array, codec: Self.name, dataType: decoded.dataType, count: decoded.elementCount)
        return try array.reshaped(decoded.shape)
    }

    /// `array` with the lowest `dropped` bits of each element's pattern (`U`) rounded away.
    private func rounded<U: FixedWidthInteger & UnsignedInteger>(
        _ array: NDArray, as pattern: U.Type, dropping dropped: Int
    ) throws -> NDArray {
        let result = try NDArray(uninitialized: array.dtype, shape: array.shape)
        let output = result.unsafeMutableBytesOfNewArray
        array.withUnsafeBytes { input in
            guard dropped > 0, let source = input.baseAddress, let target = output.baseAddress else {
                output.copyMemory(from: input)
                return
            }
            assert(dropped < U.bitWidth && input.count == output.count && input.count % MemoryLayout<U>.size == 0)
            let mask = U.max << dropped
            let halfStepLessOne = (U(1) << (dropped - 1)) - 1
            let bits = UnsafeBufferPointer(start: source.assumingMemoryBound(to: U.self), count: array.count)
            let rounded = target.assumingMemoryBound(to: U.self)
            for i in bits.indices {
                let value = bits[i]
                rounded[i] = (value &+ ((value >> dropped) & 1) &+ halfStepLessOne) & mask
            }
        }
        return result
    }
}

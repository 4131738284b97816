// Resolves a codec list against a chunk's representation and runs it.
// Follows "Determination of encoded representations" in the v3 core spec:
// array -> array codecs first, each producing the representation the next
// one receives; then the single array -> bytes codec; then bytes -> bytes.
// Decoding runs the same steps backwards.

import Foundation

/// A validated chain of codecs for chunks of one representation.
public struct CodecPipeline: Sendable {
    /// The array -> array codecs in encoding order, each with the representation it receives.
    let arrayToArray: [(codec: any ArrayToArrayCodec, input: ArrayRepresentation)]
    /// The array -> bytes codec and the representation it receives.
    let arrayToBytes: (codec: any ArrayToBytesCodec, input: ArrayRepresentation)
    /// The bytes -> bytes codecs in encoding order.
    let bytesToBytes: [any BytesToBytesCodec]
    /// The size of each bytes -> bytes codec's decoded output, where it is known in advance.
    let bytesToBytesDecodedSizes: [Int?]
    /// The representation of a decoded chunk.
    public let chunk: ArrayRepresentation

    /// Every codec in encoding order.
    public var codecs: [any Codec] {
        arrayToArray.map { $0.codec as any Codec } + [arrayToBytes.codec] + bytesToBytes.map { $0 as any Codec }
    }

    /// Validates `codecs` (in encoding order) for chunks of `chunk`.
    ///
    /// - Throws: `ZarrError.codec` naming the codec and its position when the
    ///   kinds are out of order, the array -> bytes codec is missing or doubled,
    ///   or a codec refuses its input representation; `ZarrError.invalidMetadata`
    ///   ("codecs: ...") when a size along the chain does not fit in `Int`.
    public init(codecs: [any Codec], chunk: ArrayRepresentation) throws {
        var arrayToArray: [(codec: any ArrayToArrayCodec, input: ArrayRepresentation)] = []
        var arrayToBytes: (codec: any ArrayToBytesCodec, input: ArrayRepresentation)?
        var bytesToBytes: [any BytesToBytesCodec] = []
        var current = chunk
        for (position, unbound) in codecs.enumerated() {
            let label = "codec '\(unbound.name)' (position \(position))"
            let codec = try unbound.bound(to: arrayToBytes?.input ?? current)
            if let a2a = codec as? any ArrayToArrayCodec {
                guard arrayToBytes == nil else {
                    throw ZarrError.codec("\(label) is array -> array but comes after the array -> bytes codec")
                }
                let next = try a2a.encodedRepresentation(of: current)
                arrayToArray.append((a2a, current))
                current = next
            } else if let a2b = codec as? any ArrayToBytesCodec {
                if let existing = arrayToBytes {
                    throw ZarrError.codec("\(label) is a second array -> bytes codec after '\(existing.codec.name)'")
                }
                try a2b.validate(current)
                arrayToBytes = (a2b, current)
            } else if let b2b = codec as? any BytesToBytesCodec {
                guard arrayToBytes != nil else {
                    throw ZarrError.codec("\(label) is bytes -> bytes but comes before any array -> bytes codec")
                }
                bytesToBytes.append(b2b)
            } else {
                throw ZarrError.codec("\(label) is of no known codec kind")
            }
        }
        guard let arrayToBytes else {
            throw ZarrError.codec("the codec list \(codecs.map(\.name)) has no array -> bytes codec (such as 'bytes')")
        }
        // Every size the chain works with must fit in Int, checked once here.
        for (position, representation) in ([chunk] + arrayToArray.map { $0.input } + [arrayToBytes.input]).enumerated()
        where representation.checkedByteCount == nil {
            throw ZarrError.invalidMetadata(
                "codecs: the chunk representation at step \(position) (shape \(ArrayMetadata.brief(representation.shape)) "
                    + "of \(representation.dataType)) has more bytes than fit in a 64-bit integer")
        }
        self.arrayToArray = arrayToArray
        self.arrayToBytes = arrayToBytes
        self.bytesToBytes = bytesToBytes
        self.chunk = chunk
        // The array -> bytes codec may declare the size of its output; each later codec knows
        // its input size only if the codecs before it do.
        var size: Int? = arrayToBytes.codec.encodedByteCount(of: arrayToBytes.input)
        var sizes: [Int?] = []
        for (offset, codec) in bytesToBytes.enumerated() {
            sizes.append(size)
            if let known = size {
                // A codec that cannot size its output leaves the next size unknown; one whose
                // size overflows (a checksum added to a chunk of nearly Int.max bytes) is refused.
                size = codec.encodedSize(ofDecodedSize: known)
                if size == nil, codec.encodedSize(ofDecodedSize: 0) != nil {
                    throw ZarrError.invalidMetadata(
                        "codecs: codec '\(codec.name)' (position \(arrayToArray.count + 1 + offset)) "
                            + "would make a chunk of \(known) bytes larger than fits in a 64-bit integer")
                }
            }
        }
        bytesToBytesDecodedSizes = sizes
    }

    /// Builds and validates the pipeline from the `codecs` list of a `zarr.json`.
    public init(json: JSONValue, chunk: ArrayRepresentation) throws {
        guard let entries = json.arrayValue, !entries.isEmpty else {
            throw ZarrError.invalidMetadata("codecs must be a non-empty array, got \(json.jsonText)")
        }
        try self.init(codecs: entries.map(CodecRegistry.makeCodec(from:)), chunk: chunk)
    }

    /// The codec that can decode parts of a chunk from byte ranges, when the chain allows it: an
    /// array -> bytes codec offering partial decoding with no other codec before or after it.
    public var partialDecoder: (any PartialDecodingCodec)? {
        guard arrayToArray.isEmpty, bytesToBytes.isEmpty else { return nil }
        return arrayToBytes.codec as? any PartialDecodingCodec
    }

    /// The size of every encoded chunk when the codecs fix it (the array -> bytes codec declares
    /// its output size and each bytes -> bytes codec adds a fixed amount, as checksums do); `nil`
    /// otherwise (a compressor in the chain).
    var fixedEncodedByteCount: Int? {
        guard let last = bytesToBytes.last else { return arrayToBytes.codec.encodedByteCount(of: arrayToBytes.input) }
        return bytesToBytesDecodedSizes.last.flatMap { $0 }.flatMap(last.encodedSize(ofDecodedSize:))
    }

    /// Whether the bytes -> bytes decoders leave exactly the chunk's elements as an `NDArray`
    /// holds them (no array -> array codec, an array -> bytes codec that keeps the memory
    /// layout), so readers can copy from those bytes without building a decoded chunk. Booleans
    /// are excluded: stored bytes other than 0 and 1 must be normalised.
    var yieldsNativeElementBytes: Bool {
        arrayToArray.isEmpty && chunk.dataType != .bool && arrayToBytesKeepsMemoryLayout
    }

    private var arrayToBytesKeepsMemoryLayout: Bool {
        // Variable-length elements have no bytes in the array's buffer, whatever a codec says.
        !arrayToBytes.input.dataType.isVariableLength && arrayToBytes.codec.keepsMemoryLayout(of: arrayToBytes.input)
    }

    /// Whether `encode` may pass the chunk's own buffer on instead of the array -> bytes codec's copy.
    ///
    /// Only when that codec keeps the memory layout, and either the caller says nobody else holds
    /// the chunk (`bufferIsExclusive`, e.g. a chunk built by a slice write), the array -> array
    /// codecs built a new array, or the next codec only reads its input. Otherwise the stored
    /// value could share a caller's array buffer and be changed in place later, so it gets a copy.
    private func mayShareChunkBuffer(bufferIsExclusive: Bool) -> Bool {
        guard arrayToBytesKeepsMemoryLayout else { return false }
        let arrayIsNew = !arrayToArray.isEmpty && arrayToArray.allSatisfy { $0.codec.encodeReturnsNewStorage }
        if bufferIsExclusive || arrayIsNew { return true }
        return bytesToBytes.first?.encodeReturnsNewStorage ?? false
    }

    /// Runs the bytes -> bytes decoders (for a pipeline that `yieldsNativeElementBytes`) and checks
    /// that the result holds exactly one chunk of elements.
    func decodeElementBytes(_ data: Data) throws -> Data {
        let bytes = try decodeBytesToBytes(data)
        guard bytes.count == chunk.byteCount else {
            throw ZarrError.codec(ErrorDetails(
                "codec 'bytes': stored chunk has \(bytes.count) bytes, but shape \(chunk.shape) of \(chunk.dataType) needs \(chunk.byteCount)",
                codec: arrayToBytes.codec.name))
        }
        return bytes
    }

    /// Runs the bytes -> bytes decoders from the last down to (not including) the first
    /// `keepingFirst` of them.
    private func decodeBytesToBytes(_ data: Data, keepingFirst: Int = 0) throws -> Data {
        var bytes = data
        for (codec, size) in zip(bytesToBytes, bytesToBytesDecodedSizes).dropFirst(keepingFirst).reversed() {
            bytes = try running(codec) { try codec.decode(bytes, decodedSize: size) }
        }
        return bytes
    }

    /// Runs one codec step, naming the codec in a `ZarrError` that does not name one yet (the
    /// innermost codec of a sharded chunk has named itself already).
    @inline(__always)
    private func running<T>(_ codec: any Codec, _ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch let error as ZarrError {
            throw error.with(codec: codec.name)
        }
    }

    /// Encodes one chunk (of the pipeline's representation) to the bytes to store.
    public func encode(_ array: NDArray) throws -> Data {
        try encode(array, bufferIsExclusive: false)
    }

    /// Encodes one chunk; `bufferIsExclusive` promises that nothing else holds `array`'s buffer,
    /// so the stored bytes may share it instead of copying it.
    func encode(_ array: NDArray, bufferIsExclusive: Bool) throws -> Data {
        guard array.dtype == chunk.dataType, array.shape == chunk.shape else {
            throw ZarrError.invalidArgument(
                "chunk must have shape \(chunk.shape) and dtype \(chunk.dataType), got \(array.shape) and \(array.dtype)")
        }
        var value = array
        for step in arrayToArray { value = try running(step.codec) { try step.codec.encode(value) } }
        var bytes: Data
        if mayShareChunkBuffer(bufferIsExclusive: bufferIsExclusive) {
            bytes = value.bytesSharingStorage
        } else {
            bytes = try running(arrayToBytes.codec) { try arrayToBytes.codec.encode(value) }
        }
        for codec in bytesToBytes { bytes = try running(codec) { try codec.encode(bytes) } }
        return bytes
    }

    /// Decodes one stored chunk and copies the block of `counts` elements at `source` in it to
    /// `destination` at `target`: straight from the decompressed bytes when they are the elements
    /// (`yieldsNativeElementBytes`, no decoded chunk is built), else from the decoded chunk.
    func decode(
        _ data: Data, copying counts: [Int], from source: BlockSide, to destination: ElementBuffer, _ target: BlockSide
    ) throws {
        if yieldsNativeElementBytes {
            try decodeElementBytes(data).withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                copyBlock(counts: counts, itemSize: chunk.dataType.itemSize, from: base, source, to: destination.bytes, target)
            }
        } else {
            try decode(data).withElementBuffer { copyBlock(counts: counts, from: $0, source, to: destination, target) }
        }
    }

    /// Decodes stored bytes to one chunk of the pipeline's representation.
    public func decode(_ data: Data) throws -> NDArray {
        if yieldsNativeElementBytes, let first = bytesToBytes.first as? any DecodesIntoBuffer {
            return try decodeInPlace(data, lastStep: first)
        }
        let bytes = try decodeBytesToBytes(data)
        var value = try running(arrayToBytes.codec) { try arrayToBytes.codec.decode(bytes, to: arrayToBytes.input) }
        for step in arrayToArray.reversed() { value = try running(step.codec) { try step.codec.decode(value, to: step.input) } }
        guard value.dtype == chunk.dataType, value.shape == chunk.shape else {
            throw ZarrError.codec("decoded chunk has shape \(value.shape) and dtype \(value.dtype), expected \(chunk.shape) and \(chunk.dataType)")
        }
        return value
    }

    /// Decodes a chunk whose decoded bytes are its elements (`yieldsNativeElementBytes`) with
    /// the last decoding step, `lastStep`, writing straight into the returned array.
    private func decodeInPlace(_ data: Data, lastStep: any DecodesIntoBuffer) throws -> NDArray {
        let bytes = try decodeBytesToBytes(data, keepingFirst: 1)
        // Read once: a user's codec could answer differently the second time.
        let slack = lastStep.decodeSlack
        let array = try NDArray(uninitialized: chunk.dataType, shape: chunk.shape, slack: slack)
        let output = UnsafeMutableRawBufferPointer(start: array.unsafeMutableBaseAddressOfNewArray, count: chunk.byteCount + slack)
        try running(lastStep) {
            try decompressChunk(codec: lastStep.name, decodedSize: chunk.byteCount, into: output) {
                try lastStep.decode(bytes, into: $0)
            }
        }
        return array
    }
}

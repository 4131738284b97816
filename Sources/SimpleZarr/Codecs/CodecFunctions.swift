// simplezarr's module functions `encode_array(array, codec_dicts)` and
// `decode_bytes(encoded_bytes, codec_dicts, array_type)`: one chunk through a codec
// list given as `zarr.json` entries, without an array or a store around it.

import Foundation

/// Encodes `array` with `codecs` (`zarr.json` entries, in encoding order), as one chunk of
/// its own shape and data type with a zero fill value (Python's `encode_array`).
///
/// - Throws: `ZarrError.codec` / `.unsupported` / `.invalidMetadata` for a bad codec list,
///   the codecs' errors.
public func encodeArray(_ array: NDArray, codecs: [JSONValue]) throws -> Data {
    try CodecPipeline(json: .array(codecs), chunk: zeroFilledChunk(shape: array.shape, dtype: array.dtype)).encode(array)
}

/// Decodes `bytes` with `codecs` (`zarr.json` entries, in encoding order) to one chunk of
/// `shape` and `dtype` with a zero fill value (Python's `decode_bytes` with
/// `ArrayType.create(shape, dtype)`).
///
/// - Throws: as `encodeArray(_:codecs:)`; `ZarrError.codec` for bytes that do not decode.
public func decodeBytes(_ bytes: Data, codecs: [JSONValue], shape: [Int], dtype: DataType) throws -> NDArray {
    try CodecPipeline(json: .array(codecs), chunk: zeroFilledChunk(shape: shape, dtype: dtype)).decode(bytes)
}

private func zeroFilledChunk(shape: [Int], dtype: DataType) -> ArrayRepresentation {
    ArrayRepresentation(shape: shape, dataType: dtype, fillValue: .zero(dtype))
}

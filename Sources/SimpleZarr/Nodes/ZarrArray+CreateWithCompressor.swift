// Creating an array the way zarr-python's `create_array(..., zarr_format=,
// compressors=, filters=, order=)` does, in either format. For v2 this writes
// the `.zarray` (numcodecs ids for the filters and the compressor, the data type
// as a little-endian numpy type string) and `.zattrs`; for v3 the filters and the
// compressor become the `codecs` list around a little-endian `bytes` codec.

import Foundation

extension ZarrArray {
    /// Writes a new array at `path` in Zarr format `zarrFormat` and opens it.
    ///
    /// - Parameters:
    ///   - zarrFormat: 2 (`.zarray` + `.zattrs`) or 3 (`zarr.json`).
    ///   - compressor: the bytes -> bytes codec compressing each chunk, `nil` for none;
    ///     zstd level 0 by default, as zarr-python.
    ///   - filters: codecs applied before the compressor, in order: array -> array ones
    ///     (numcodecs' delta, fixedscaleoffset, ...) and bytes -> bytes ones (shuffle). In v2
    ///     each must have a numcodecs id.
    ///   - order: how elements are laid out in stored v2 chunks; `.f` (column-major) is v2 only.
    ///   - dimensionSeparator: `"."` or `"/"` between chunk indices in keys; `"."` for v2 and
    ///     `"/"` for v3 when `nil`.
    ///   - Other parameters as in `create(_:_:shape:dtype:...)`.
    /// - Throws: `ZarrError.invalidArgument` for arguments that do not fit together or a codec
    ///   without a v2 form, `ZarrError.codec` / `.unsupported` for a bad codec chain, store errors.
    @discardableResult
    public static func create(
        _ store: any WritableStore,
        _ path: String,
        shape: [Int],
        dtype: DataType,
        chunkShape: [Int]? = nil,
        fillValue: JSONValue? = nil,
        zarrFormat: Int,
        compressor: (any BytesToBytesCodec)? = ZstdCodec.standard,
        filters: [any Codec] = [],
        order: ChunkOrder = .c,
        dimensionSeparator: String? = nil,
        attributes: JSONObject? = nil
    ) throws -> ZarrArray {
        let method = "ZarrArray.create()"
        switch zarrFormat {
        case 3:
            guard order == .c else {
                throw ZarrError.invalidArgument(
                    "\(method): order \"F\" is a Zarr v2 chunk layout; in v3 put a TransposeCodec in the filters")
            }
            let arrayFilters = filters.filter { $0 is any ArrayToArrayCodec }
            let bytesFilters = filters.filter { !($0 is any ArrayToArrayCodec) }
            return try create(
                store, path, shape: shape, dtype: dtype, chunkShape: chunkShape, fillValue: fillValue,
                chunkPathSeparator: dimensionSeparator ?? "/",
                codecs: arrayFilters + [serialiser(for: dtype)] + bytesFilters + (compressor.map { [$0] } ?? []),
                attributes: attributes)
        case 2:
            if case .rawBytes(let length) = dtype {
                // v2 spells both as numpy's "|V<n>", which reads back as the raw type.
                throw ZarrError.invalidArgument(
                    "\(method): in Zarr v2 opaque bytes are the raw type: use dtype .raw(bits: \(length * 8)), not \(dtype)")
            }
            let (path, chunkShape, fill) = try checkedCreateArguments(
                path, shape: shape, dtype: dtype, chunkShape: chunkShape, fillValue: fillValue, method: method)
            let separator = try ChunkKeyEncoding.checkedSeparator(dimensionSeparator ?? ".", method: method)
            func document(filters: [any Codec], compressor: (any Codec)?) throws -> JSONObject {
                V2Metadata.arrayDocument(
                    shape: shape, numpyType: NumpyTypeString(dataType: dtype, endian: .little), chunkShape: chunkShape,
                    fillValue: fill, order: order, filters: try filters.map { try $0.v2Entry(method: method) },
                    compressor: try compressor?.v2Entry(method: method), separator: separator)
            }
            // Object arrays name their serialiser first among the filters (vlen-utf8, vlen-bytes).
            let serialisingFilters: [any Codec] = dtype.isVariableLength ? [serialiser(for: dtype)] : []
            // Opening the document checks it whole, the codec chain included, before anything is
            // written; the filters and the compressor are then written as the pipeline bound them
            // (shuffle with the element size of the data type), since numcodecs' defaults differ.
            let array: ZarrArray
            var metadata = try document(filters: serialisingFilters + filters, compressor: compressor)
            do {
                let pipeline = try ZarrArray(store: store, path: path, metadata: metadata, attributes: attributes ?? [:])
                    .codecPipeline()
                let transposes = order == .f && shape.count > 1 ? 1 : 0
                var bound = pipeline.arrayToArray.dropFirst(transposes).map { $0.codec as any Codec }
                    + serialisingFilters + pipeline.bytesToBytes.map { $0 as any Codec }
                let boundCompressor = compressor == nil ? nil : bound.popLast()
                metadata = try document(filters: bound, compressor: boundCompressor)
                array = try ZarrArray(store: store, path: path, metadata: metadata, attributes: attributes ?? [:])
            } catch ZarrError.invalidMetadata(let message) {
                throw ZarrError.invalidArgument("\(method): \(message)")
            }
            try MetadataWriting.writeV2(
                metadata, named: V2Metadata.arrayDocumentName, attributes: attributes ?? [:], at: path, to: store)
            return array
        default:
            throw ZarrError.invalidArgument("\(method): zarrFormat must be 2 or 3, got \(zarrFormat)")
        }
    }

    /// Like `create(_:_:shape:dtype:chunkShape:fillValue:zarrFormat:...)`, with the data type by its Zarr name.
    @discardableResult
    public static func create(
        _ store: any WritableStore,
        _ path: String,
        shape: [Int],
        dtype: String,
        chunkShape: [Int]? = nil,
        fillValue: JSONValue? = nil,
        zarrFormat: Int,
        compressor: (any BytesToBytesCodec)? = ZstdCodec.standard,
        filters: [any Codec] = [],
        order: ChunkOrder = .c,
        dimensionSeparator: String? = nil,
        attributes: JSONObject? = nil
    ) throws -> ZarrArray {
        try create(
            store, path, shape: shape, dtype: dataType(named: dtype), chunkShape: chunkShape, fillValue: fillValue,
            zarrFormat: zarrFormat, compressor: compressor, filters: filters, order: order,
            dimensionSeparator: dimensionSeparator, attributes: attributes)
    }
}

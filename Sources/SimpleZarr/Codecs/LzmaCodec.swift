// The `numcodecs.lzma` codec (bytes -> bytes), numcodecs' LZMA as zarr-python 3 writes it
// (simplezarr and v2 call it `lzma`): each chunk is what Python's lzma.compress makes of
// it with the codec's `format` (1: an .xz file, the default; 2: a .lzma "FORMAT_ALONE"
// file), `check` (-1: the format's default, CRC-64 for .xz; 0 none, 1 CRC-32, 4 CRC-64,
// 10 SHA-256), `preset` (null: 6) or `filters` (a delta filter and LZMA2, as
// [{"id": 3, "dist": n}, {"id": 33, "preset": p}]). Compression is ZarrCompression's
// pure-Swift xz / LZMA.

import Foundation
import ZarrCompression

/// Compresses chunks with LZMA (xz or .lzma files), in numcodecs' layout.
public struct LzmaCodec: BytesToBytesCodec {
    /// The name zarr-python 3 writes.
    public static let name = "numcodecs.lzma"
    /// simplezarr's (and v2's) name for it.
    public static let aliases = ["lzma"]

    /// numcodecs' (Python lzma's) format numbers.
    public static let formatXZ = 1, formatAlone = 2, formatRaw = 3
    /// The extreme flag of xz presets (accepted; this encoder compresses as the plain preset).
    public static let presetExtreme = 0x8000_0000

    /// 1 (.xz) or 2 (.lzma).
    public let format: Int
    /// The check number as configured (-1 is the format's default).
    public let check: Int
    /// The preset as configured (nil: 6, or the LZMA2 filter's).
    public let preset: Int?
    /// The configured filter chain, as written (nil: none).
    public let filters: [JSONValue]?

    private let xzCheck: XZCheck
    private let effectivePreset: Int
    private let deltaDistance: Int?

    /// A codec writing `format` files with `check` at `preset` (0...9, optionally with
    /// `presetExtreme`), or with `filters` instead of a preset.
    public init(format: Int = 1, check: Int = -1, preset: Int? = nil, filters: [JSONValue]? = nil) throws {
        let codec = Self.name
        switch format {
        case Self.formatXZ, Self.formatAlone: break
        case Self.formatRaw:
            throw ZarrError.invalidArgument("codec '\(codec)': format 3 (raw LZMA, without a container) is not supported")
        default:
            throw ZarrError.invalidArgument("codec '\(codec)': format must be 1 (xz) or 2 (alone), got \(format)")
        }
        if format == Self.formatAlone {
            guard check == -1 || check == 0 else {
                throw ZarrError.invalidArgument("codec '\(codec)': format 2 (alone) has no check, got check \(check)")
            }
            guard filters == nil else {
                throw ZarrError.invalidArgument("codec '\(codec)': filters are supported with format 1 (xz) only")
            }
            xzCheck = .none
        } else if check == -1 {
            xzCheck = .crc64
        } else if let known = XZCheck(rawValue: check) {
            xzCheck = known
        } else {
            throw ZarrError.invalidArgument("codec '\(codec)': check must be -1, 0, 1, 4 or 10, got \(check)")
        }
        if let preset {
            guard filters == nil else {
                throw ZarrError.invalidArgument("codec '\(codec)': give a preset or filters, not both")
            }
            effectivePreset = try Self.checkedPreset(preset)
            deltaDistance = nil
        } else if let filters {
            (effectivePreset, deltaDistance) = try Self.parseFilters(filters)
        } else {
            effectivePreset = 6
            deltaDistance = nil
        }
        self.format = format
        self.check = check
        self.preset = preset
        self.filters = filters
    }

    /// Reads `{"format": Int, "check": Int, "preset": Int or null, "filters": [...] or null}`;
    /// missing members mean format 1, check -1, preset null and no filters.
    public init(configuration: JSONObject) throws {
        let codec = Self.name
        try configuration.checkMembers(of: codec, known: ["format", "check", "preset", "filters"])
        let filters: [JSONValue]?
        switch configuration["filters"] {
        case nil, .null?: filters = nil
        case .array(let list)?: filters = list
        case let other?:
            throw ZarrError.invalidMetadata("codec '\(codec)': filters must be a list or null, got \(other.jsonText)")
        }
        try self.init(format: try configuration.integer("format", of: codec, in: 0...3, default: 1),
                      check: try configuration.integer("check", of: codec, in: -1...15, default: -1),
                      preset: try configuration.optionalInteger("preset", of: codec, in: 0...0xFFFF_FFFF),
                      filters: filters)
    }

    /// The configuration written to `zarr.json`.
    public var configuration: JSONObject {
        ["format": JSONValue(format), "check": JSONValue(check), "preset": preset.map { JSONValue($0) } ?? .null,
         "filters": filters.map { JSONValue.array($0) } ?? .null]
    }

    /// The file is a new buffer.
    public var encodeReturnsNewStorage: Bool { true }

    /// Encodes one chunk's bytes.
    public func encode(_ bytes: Data) throws -> Data {
        let packed = bytes.withUnsafeBytes { raw in
            format == Self.formatAlone
                ? LZMA.compressAlone(raw, preset: effectivePreset)
                : XZ.compress(raw, preset: effectivePreset, check: xzCheck, deltaDistance: deltaDistance)
        }
        return Data(packed)
    }

    /// Decodes one chunk's bytes.
    public func decode(_ bytes: Data) throws -> Data {
        try decode(bytes, decodedSize: nil)
    }

    /// Decodes one chunk's bytes, bounded by the decoded size when the pipeline knows it.
    public func decode(_ bytes: Data, decodedSize: Int?) throws -> Data {
        try decompressChunk(codec: Self.name, decodedSize: decodedSize) { limit in
            try bytes.withUnsafeBytes { raw in
                format == Self.formatAlone
                    ? try LZMA.decompressAlone(raw, maxOutputSize: limit)
                    : try XZ.decompress(raw, maxOutputSize: limit)
            }
        }
    }

    // MARK: - Configuration

    private static func checkedPreset(_ preset: Int) throws -> Int {
        let level = preset & ~presetExtreme
        guard (0...9).contains(level) else {
            throw ZarrError.invalidArgument("codec '\(name)': preset must be 0...9 (optionally with the extreme flag), got \(preset)")
        }
        return level
    }

    /// The preset of the LZMA2 filter and the delta distance of a chain of at most one delta
    /// filter followed by LZMA2.
    private static func parseFilters(_ filters: [JSONValue]) throws -> (Int, Int?) {
        var delta: Int?
        for (index, entry) in filters.enumerated() {
            guard let filter = entry.objectValue, let id = filter["id"]?.intValue else {
                throw ZarrError.invalidArgument("codec '\(name)': filter \(entry.jsonText) has no integer 'id'")
            }
            let last = index == filters.count - 1
            switch id {
            case 3 where !last && delta == nil:
                try filter.checkMembers(of: name, known: ["id", "dist"])
                delta = try filter.integer("dist", of: name, in: 1...256, default: 1)
            case 33 where last:
                try filter.checkMembers(of: name, known: ["id", "preset"])
                let preset = try checkedPreset(try filter.integer("preset", of: name, in: 0...0xFFFF_FFFF, default: 6))
                return (preset, delta)
            default:
                throw ZarrError.invalidArgument("codec '\(name)': filter chain \(filters) is not supported "
                    + "(at most one delta filter (id 3), then LZMA2 (id 33) with a preset)")
            }
        }
        throw ZarrError.invalidArgument("codec '\(name)': the filter chain must end with LZMA2 (id 33)")
    }
}

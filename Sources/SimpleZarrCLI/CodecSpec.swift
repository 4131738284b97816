// The `--codecs` argument of `cp`: a short form (`zstd:5`, `gzip:6`,
// `blosc:lz4:5`, `none`, several joined with `+` such as `shuffle+zstd:3`) for
// the compressor after the array's serialiser, or a JSON list written as in
// zarr.json's `codecs`.

import Foundation
import SimpleZarr

enum CodecSpec {
    /// The `codecs` entries for `text`; `serialiser` is put before short-form compressors.
    static func entries(_ text: String, serialiser: JSONValue) throws -> [JSONValue] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("[") {
            guard let list = (try? JSONValue.parse(Data(trimmed.utf8)))?.arrayValue else {
                throw UsageError(message: "--codecs: '\(text)' is not a JSON list of codec entries", usage: copySpec.usageLine)
            }
            return list
        }
        if trimmed == "none" { return [serialiser] }
        return try [serialiser] + trimmed.split(separator: "+").map { try entry(String($0)) }
    }

    /// One short-form codec: `name[:level]`, or `blosc[:cname[:clevel]]`.
    private static func entry(_ text: String) throws -> JSONValue {
        let parts = text.split(separator: ":").map(String.init)
        func level(_ index: Int, default value: Int, in range: ClosedRange<Int>) throws -> JSONValue {
            guard index < parts.count else { return .int(Int64(value)) }
            guard let level = Int(parts[index]), range.contains(level) else {
                throw UsageError(
                    message: "--codecs: level '\(parts[index])' of \(parts[0]) must be from \(range.lowerBound) to \(range.upperBound)",
                    usage: copySpec.usageLine)
            }
            return .int(Int64(level))
        }
        switch parts.first ?? "" {
        case "zstd" where parts.count <= 2:
            return ["name": "zstd", "configuration": ["level": try level(1, default: 3, in: -131072...22), "checksum": false]]
        case "gzip" where parts.count <= 2:
            return ["name": "gzip", "configuration": ["level": try level(1, default: 5, in: 0...9)]]
        case "blosc" where parts.count <= 3:
            let cname = parts.count > 1 ? parts[1] : "zstd"
            return ["name": "blosc", "configuration": [
                "cname": .string(cname), "clevel": try level(2, default: 5, in: 0...9), "shuffle": "shuffle", "blocksize": 0,
            ]]
        case "crc32c" where parts.count == 1:
            return ["name": "crc32c"]
        default:
            throw UsageError(
                message: "--codecs: '\(text)' is not one of zstd[:LEVEL], gzip[:LEVEL], blosc[:CNAME[:LEVEL]], crc32c, none or a JSON list",
                usage: copySpec.usageLine)
        }
    }
}

import Foundation
import XCTest

@testable import SimpleZarr

/// Chunks that numcodecs encoded (Fixtures/numcodecs-encodings.json, written by
/// Scripts/make_numcodecs_encodings.py): each with the zarr.json codec entry, the chunk's
/// bytes and what numcodecs stored for them.
struct NumcodecsEncoding {
    let codec: JSONValue
    let decoded: Data
    let encoded: Data

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/numcodecs-encodings.json")

    /// The entries whose codec is `name`.
    static func load(codec name: String) throws -> [NumcodecsEncoding] {
        let json = try JSONValue.parse(Data(contentsOf: file))
        let entries = try (json.arrayValue ?? []).map { entry in
            NumcodecsEncoding(
                codec: try XCTUnwrap(entry["codec"]),
                decoded: try XCTUnwrap(Data(hex: entry["decoded"]?.stringValue ?? "?")),
                encoded: try XCTUnwrap(Data(hex: entry["encoded"]?.stringValue ?? "?")))
        }
        return entries.filter { $0.codec["name"]?.stringValue == name }
    }

    /// The codec built from the entry, as a bytes -> bytes codec.
    func makeCodec() throws -> any BytesToBytesCodec {
        try XCTUnwrap(try CodecRegistry.makeCodec(from: codec) as? any BytesToBytesCodec)
    }
}

extension Data {
    /// Bytes from hexadecimal digits; nil for an odd count or a non-digit.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.init(bytes)
    }
}

/// Runs `decode` on `rounds` seeded corruptions of the `encoded` chunks (a few bytes changed,
/// cut short, grown, or both), given with the index of the chunk they come from; each must throw
/// or give at most `limit` bytes. Returns how many threw.
func hostileRounds(_ encoded: [Data], rounds: Int, seed: UInt64, limit: Int,
                   _ decode: (_ corrupted: Data, _ source: Int) throws -> Data) -> Int {
    var rng = SplitMix64(state: seed)
    var thrown = 0
    for round in 0..<rounds {
        var bytes = [UInt8](encoded[round % encoded.count])
        switch rng.next() % 4 {
        case 0:  // flip a few bits
            for _ in 0...(rng.next() % 4) where !bytes.isEmpty {
                bytes[Int(rng.next() % UInt64(bytes.count))] ^= UInt8(1 << (rng.next() % 8))
            }
        case 1:  // truncate
            bytes.removeLast(Int(rng.next() % UInt64(bytes.count + 1)))
        case 2:  // overwrite a run with random bytes
            if !bytes.isEmpty {
                let start = Int(rng.next() % UInt64(bytes.count))
                for i in start..<min(bytes.count, start + 1 + Int(rng.next() % 8)) { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
            }
        default:  // append junk, sometimes after a truncation
            if rng.next() % 2 == 0 { bytes.removeLast(Int(rng.next() % UInt64(bytes.count + 1))) }
            bytes += (0..<(1 + rng.next() % 16)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        }
        do {
            let output = try decode(Data(bytes), round % encoded.count)
            XCTAssertLessThanOrEqual(output.count, limit, "round \(round)")
        } catch {
            thrown += 1
        }
    }
    return thrown
}

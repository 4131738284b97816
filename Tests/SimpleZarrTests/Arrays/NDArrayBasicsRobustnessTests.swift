import Foundation
import XCTest

@testable import SimpleZarr

/// The NDArray basics on seeded random arrays of every dtype (random bits: NaNs, infinities,
/// extreme integers, NaT), random shapes (empty ones included) and random arguments: every
/// call returns or throws, none traps.
final class NDArrayBasicsRobustnessTests: XCTestCase {
    private let types: [DataType] = DataType.namedTypes + [
        .string, .bytes, .fixedLengthUTF32(characters: 2), .nullTerminatedBytes(length: 3), .rawBytes(length: 2),
        .raw(bits: 24), .datetime64(unit: .seconds, scaleFactor: 1), .timedelta64(unit: .days, scaleFactor: 7),
        .structured(fields: try! StructField.packed([("a", .int16), ("b", .float32)])),
    ]

    func testRandomArraysAndArgumentsNeverTrap() throws {
        var random = SplitMix64(state: 2024)
        var outcomes = (returned: 0, thrown: 0)
        func attempt(_ body: () throws -> Void) {
            do {
                try body()
                outcomes.returned += 1
            } catch {
                outcomes.thrown += 1
            }
        }
        for _ in 0..<600 {
            let array = try randomArray(&random)
            let other = types[Int(random.next() % UInt64(types.count))]
            attempt { _ = try array.astype(other) }
            attempt { _ = array.description }
            attempt { _ = try array.sum() }
            attempt { _ = try array.min(as: Int64.self) }
            attempt { _ = try array.max() }
            attempt { _ = try array.mean(as: Complex<Double>.self) }
            let axis = Int(random.next() % 9) - 4
            attempt { _ = try array.sum(axis: axis) }
            attempt { _ = try array.min(axis: axis) }
            attempt { _ = try array.mean(axis: axis) }
            attempt { _ = try array.select((0..<Int(random.next() % 4)).map { _ in randomItem(&random) }) }
            attempt { _ = try array.reshape((0..<Int(random.next() % 4)).map { _ in Int(random.next() % 10) - 2 }) }
            attempt { _ = try array.item(Int(random.next() % 20) - 10, as: Double.self) }
            attempt { _ = try array.item(as: String.self) }
        }
        XCTAssertGreaterThan(outcomes.returned, 2_000)
        XCTAssertGreaterThan(outcomes.thrown, 1_000)
    }

    private func randomArray(_ random: inout SplitMix64) throws -> NDArray {
        let dtype = types[Int(random.next() % UInt64(types.count))]
        let shape = (0..<Int(random.next() % 4)).map { _ in Int(random.next() % 6) }
        let count = shape.reduce(1, *)
        switch dtype {
        case .string:
            return try NDArray((0..<count).map { _ in String(random.next() % 1000) + (random.next() % 2 == 0 ? "'\n" : "é") }, shape: shape)
        case .bytes:
            return try NDArray((0..<count).map { _ in Data((0..<Int(random.next() % 4)).map { _ in UInt8(truncatingIfNeeded: random.next()) }) },
                               dtype: .bytes, shape: shape)
        default:
            var bytes = (0..<(count * dtype.itemSize)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if case .fixedLengthUTF32 = dtype {
                // Code units that are Unicode scalars, most of the time.
                for i in stride(from: 0, to: bytes.count, by: 4) where random.next() % 8 != 0 { bytes[i + 2] = 0; bytes[i + 3] = 0 }
            }
            return try NDArray(dtype: dtype, shape: shape, bytes: bytes)
        }
    }

    private func randomItem(_ random: inout SplitMix64) -> AxisSelection {
        func bound() -> Int? { random.next() % 3 == 0 ? nil : Int(random.next() % 17) - 8 }
        switch random.next() % 4 {
        case 0: return .index(Int(random.next() % 13) - 6)
        case 1: return .ellipsis
        default: return .slice(start: bound(), stop: bound(), step: Int(random.next() % 5) - 1)
        }
    }
}

import Foundation
import XCTest

@testable import SimpleZarr

final class NDArrayCastingTests: XCTestCase {
    /// Every cast of the vectors (all pairs of numeric types, numpy's results where numpy does
    /// not leave them to the platform) gives numpy's bytes.
    func testCastsMatchNumpy() throws {
        let casts = try NDArrayVectors.casts()
        XCTAssertEqual(casts.count, 14 * 13)
        var checked = 0
        for (source, expected) in casts {
            let cast = try source.astype(expected.dtype)
            XCTAssertEqual(cast.dtype, expected.dtype)
            guard cast != expected else {
                checked += source.count
                continue
            }
            // NaNs of a float target may differ in payload only; compare them as NaN.
            let mismatches = try (0..<source.count).filter { i in
                try !sameElement(cast, expected, i)
            }
            XCTAssertEqual(mismatches, [], "\(source.dtype) -> \(expected.dtype): \(source) gave \(cast), numpy \(expected)")
            checked += source.count
        }
        XCTAssertGreaterThan(checked, 4_000)
    }

    private func sameElement(_ a: NDArray, _ b: NDArray, _ i: Int) throws -> Bool {
        if a.dtype.isComplex {
            let (x, y) = (try a.item(i, as: Complex<Double>.self), try b.item(i, as: Complex<Double>.self))
            return same(x.real, y.real) && same(x.imaginary, y.imaginary)
        }
        if a.dtype.isFloatingPoint { return same(try a.item(i, as: Double.self), try b.item(i, as: Double.self)) }
        return false
    }

    private func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }

    /// Where numpy leaves the result to the platform, casts saturate and NaN becomes 0.
    func testOutOfRangeFloatsSaturate() throws {
        let floats = try NDArray([Double.nan, .infinity, -.infinity, 1e20, -1e20, 300.7, -300.7, -1.0, 2.9])
        XCTAssertEqual(try floats.astype(.int8).toArray(as: Int8.self), [0, 127, -128, 127, -128, 127, -128, -1, 2])
        XCTAssertEqual(try floats.astype(.uint8).toArray(as: UInt8.self), [0, 255, 0, 255, 0, 255, 0, 0, 2])
        XCTAssertEqual(try floats.astype(.int64).toArray(as: Int64.self),
                       [0, .max, .min, .max, .min, 300, -300, -1, 2])
        XCTAssertEqual(try floats.astype(.uint64).toArray(as: UInt64.self), [0, .max, 0, .max, 0, 300, 0, 0, 2])
        let edges = try NDArray([9.223372036854775e18, 9.223372036854776e18, 1.8446744073709550e19] as [Double])
        XCTAssertEqual(try edges.astype(.int64).toArray(as: Int64.self), [9_223_372_036_854_774_784, .max, .max])
        XCTAssertEqual(try edges.astype(.uint64).toArray(as: UInt64.self), [9_223_372_036_854_774_784, 1 << 63, 18_446_744_073_709_549_568])
    }

    func testNumpyRulesByHand() throws {
        XCTAssertEqual(try NDArray([300, -1, 65_535] as [Int32]).astype(.uint8).toArray(as: UInt8.self), [44, 255, 255])
        XCTAssertEqual(try NDArray([0, 2, -1] as [Int16]).astype(.bool).toArray(as: Bool.self), [false, true, true])
        XCTAssertEqual(try NDArray([0.0, -0.0, .nan, 0.1]).astype(.bool).toArray(as: Bool.self), [false, false, true, true])
        XCTAssertEqual(try NDArray([-1.9, 1.9, -0.5] as [Float]).astype(.int32).toArray(as: Int32.self), [-1, 1, 0])
        XCTAssertEqual(try NDArray([true, false]).astype(.float32).toArray(as: Float.self), [1, 0])
        let complex = try NDArray([Complex<Double>(1.5, -2), Complex(0, 1), Complex(0, 0)])
        XCTAssertEqual(try complex.astype(.float32).toArray(as: Float.self), [1.5, 0, 0])
        XCTAssertEqual(try complex.astype(.bool).toArray(as: Bool.self), [true, true, false])
        XCTAssertEqual(try complex.astype(.complex64).toArray(as: Complex<Float>.self), [Complex(1.5, -2), Complex(0, 1), Complex(0, 0)])
        XCTAssertEqual(try NDArray([7] as [UInt64]).astype(.complex128).toArray(as: Complex<Double>.self), [Complex(7, 0)])
        XCTAssertEqual(try NDArray([16_777_217] as [Int64]).astype(.float32).toArray(as: Float.self), [16_777_216])
        XCTAssertEqual(try NDArray([70_000, 2049] as [UInt32]).astype(.float16).astype(.float64).toArray(as: Double.self), [.infinity, 2048])
        XCTAssertEqual(try NDArray([1e300]).astype(.float32).toArray(as: Float.self), [.infinity])
    }

    func testIdentityKeepsTheArrayAndItsNaNPayloads() throws {
        let nan = try NDArray(dtype: .float32, shape: [1], bytes: [0x01, 0x00, 0xC0, 0x7F])
        XCTAssertEqual(try nan.astype(.float32), nan)
        let strings = try NDArray(["a", "b"])
        XCTAssertEqual(try strings.astype(.string), strings)
    }

    func testTextBytesRawAndStructsRefuseOtherTypes() throws {
        let record = DataType.structured(fields: try StructField.packed([("a", .int32)]))
        for (array, target) in [
            (try NDArray(["1"]), DataType.int32), (try NDArray([1] as [Int32]), .string), (try NDArray([Data([1])]), .uint8),
            (try NDArray(dtype: .raw(bits: 8), shape: [1]), .uint8), (try NDArray(dtype: record, shape: [1]), .int32),
            (try NDArray(["a"], dtype: .fixedLengthUTF32(characters: 1)), .string),
        ] {
            XCTAssertThrowsError(try array.astype(target)) { error in
                guard case .invalidArgument(let details) = error as? ZarrError else { return XCTFail("\(error)") }
                XCTAssertTrue(details.message.contains("astype"), details.message)
            }
        }
    }

    func testTemporalCountsCastAsInt64() throws {
        let dates = try NDArray([18_262, DataType.notATime, -1], dtype: .datetime64(unit: .days, scaleFactor: 1))
        XCTAssertEqual(try dates.astype(.int64).toArray(as: Int64.self), [18_262, .min, -1])
        XCTAssertEqual(try dates.astype(.float64).toArray(as: Double.self), [18_262, -9.223372036854775808e18, -1])
        let back = try NDArray([1.7, -1.7]).astype(.timedelta64(unit: .seconds, scaleFactor: 1))
        XCTAssertEqual(try back.toArray(as: Int64.self), [1, -1])
        XCTAssertThrowsError(try dates.astype(.timedelta64(unit: .days, scaleFactor: 1)))
    }

    /// Datetimes and timedeltas convert between units as numpy's `astype` does (the temporal
    /// vectors of Scripts/make_temporal_vectors.py).
    func testTemporalUnitsConvertAsNumpy() throws {
        var checked = 0
        for cast in try TemporalVectors.casts() {
            let counts = try NDArray(cast.counts, dtype: cast.from)
            XCTAssertEqual(try counts.astype(cast.to).toArray(as: Int64.self), cast.results, "\(cast.from) -> \(cast.to)")
            checked += cast.counts.count
        }
        XCTAssertGreaterThan(checked, 3_000)
        let far = try NDArray([Int64.max / 2], dtype: .datetime64(unit: .days, scaleFactor: 1))
        XCTAssertThrowsError(try far.astype(.datetime64(unit: .nanoseconds, scaleFactor: 1)))
        XCTAssertEqual(try NDArray([DataType.notATime], dtype: .timedelta64(unit: .hours, scaleFactor: 1))
            .astype(.timedelta64(unit: .seconds, scaleFactor: 1)).toArray(as: Int64.self), [DataType.notATime])
    }
}

import Foundation
import XCTest

@testable import SimpleZarr

/// A deterministic random source for reproducible randomised tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An in-memory model of an array: its bytes in C order, indexed the plain way.
struct ArrayModel {
    var shape: [Int]
    var itemSize: Int
    var bytes: [UInt8]

    /// Python's positions for one selection component on an axis of `length` (nil = invalid).
    static func positions(_ item: AxisSelection, length: Int) -> (positions: [Int], dropped: Bool)? {
        switch item {
        case .index(let i):
            let p = i < 0 ? i + length : i
            return p >= 0 && p < length ? ([p], true) : nil
        case .slice(let start, let stop, let step):
            guard step > 0 else { return nil }
            func bound(_ b: Int?, _ defaultValue: Int) -> Int {
                guard let b else { return defaultValue }
                return b < 0 ? max(0, b + length) : min(b, length)
            }
            return (Array(stride(from: bound(start, 0), to: bound(stop, length), by: step)), false)
        case .ellipsis:
            return nil
        }
    }

    /// The element offsets selected by `items` (no ellipsis), in C order, and the collapsed shape.
    func select(_ items: [AxisSelection]) -> (offsets: [Int], shape: [Int])? {
        guard items.count == shape.count else { return nil }
        var lists: [[Int]] = []
        var resultShape: [Int] = []
        for (item, length) in zip(items, shape) {
            guard let (positions, dropped) = ArrayModel.positions(item, length: length) else { return nil }
            lists.append(positions)
            if !dropped { resultShape.append(positions.count) }
        }
        var offsets = [0]
        for (axis, positions) in lists.enumerated() {
            offsets = offsets.flatMap { base in positions.map { base * shape[axis] + $0 } }
        }
        return (offsets, resultShape)
    }

    func read(_ offsets: [Int]) -> [UInt8] {
        offsets.flatMap { bytes[$0 * itemSize..<($0 + 1) * itemSize] }
    }

    mutating func write(_ offsets: [Int], _ values: [UInt8]) {
        for (i, offset) in offsets.enumerated() {
            bytes.replaceSubrange(offset * itemSize..<(offset + 1) * itemSize, with: values[i * itemSize..<(i + 1) * itemSize])
        }
    }
}

final class SliceModelTests: XCTestCase {
    let types: [DataType] = [.uint8, .int16, .float32, .float64, .complex64, .bool, .int64]

    func randomBytes(_ count: Int, _ type: DataType, _ rng: inout SplitMix64) -> [UInt8] {
        (0..<count * type.itemSize).map { _ in type == .bool ? UInt8.random(in: 0...1, using: &rng) : UInt8.random(in: 0...255, using: &rng) }
    }

    func randomSelection(_ shape: [Int], _ rng: inout SplitMix64) -> [AxisSelection] {
        var items: [AxisSelection] = shape.map { length in
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: return .index(Int.random(in: -length..<length, using: &rng))
            case 1: return .slice(start: nil, stop: nil, step: 1)
            default:
                let start: Int? = Bool.random(using: &rng) ? Int.random(in: -length - 2...length + 2, using: &rng) : nil
                let stop: Int? = Bool.random(using: &rng) ? Int.random(in: -length - 2...length + 2, using: &rng) : nil
                return .slice(start: start, stop: stop, step: Int.random(in: 1...4, using: &rng))
            }
        }
        // Sometimes replace a run of whole axes at the front by an ellipsis.
        if !items.isEmpty, Int.random(in: 0..<4, using: &rng) == 0 {
            let n = Int.random(in: 0...items.count, using: &rng)
            items = [.ellipsis] + items.dropFirst(n)
        }
        return items
    }

    func expand(_ items: [AxisSelection], ndim: Int) -> [AxisSelection] {
        guard let position = items.firstIndex(of: .ellipsis) else { return items }
        let whole = Array(repeating: AxisSelection.slice(start: nil, stop: nil, step: 1), count: ndim - items.count + 1)
        return Array(items[..<position]) + whole + Array(items[(position + 1)...])
    }

    func testRandomSelectionsAgainstModel() throws {
        try runModelTrials(150, seed: 20_261_125, sharded: false, executor: ThreadPoolExecutor(maxWorkers: 3))
    }

    /// The same with the chunk grid made of shards (random inner chunk shapes, index at either
    /// end), read through partial decoding, on a pool of one worker.
    func testRandomSelectionsAgainstModelSharded() throws {
        try runModelTrials(100, seed: 20_261_201, sharded: true, executor: ThreadPoolExecutor(maxWorkers: 1))
    }

    private func runModelTrials(_ trials: Int, seed: UInt64, sharded: Bool, executor: ThreadPoolExecutor) throws {
        var rng = SplitMix64(state: seed)
        for trial in 0..<trials {
            let type = types[trial % types.count]
            let ndim = Int.random(in: 1...3, using: &rng)
            let shape = (0..<ndim).map { _ in Int.random(in: 1...11, using: &rng) }
            let innerShape = shape.map { _ in Int.random(in: 1...5, using: &rng) }
            let chunkShape = sharded ? innerShape.map { $0 * Int.random(in: 1...3, using: &rng) } : innerShape
            var codecs: [JSONValue] = [["name": "bytes", "configuration": ["endian": Bool.random(using: &rng) ? "little" : "big"]]]
            if ndim > 1, Bool.random(using: &rng) {
                codecs.insert(["name": "transpose", "configuration": ["order": JSONValue(Array((0..<ndim).reversed()))]], at: 0)
            }
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: codecs.append(["name": "zstd", "configuration": ["level": 1, "checksum": true]])
            case 1: codecs.append(["name": "gzip", "configuration": ["level": 1]])
            default: break
            }
            if Bool.random(using: &rng) { codecs.append(["name": "crc32c"]) }
            if sharded {
                codecs = [["name": "sharding_indexed", "configuration": [
                    "chunk_shape": JSONValue(innerShape), "codecs": .array(codecs),
                    "index_location": Bool.random(using: &rng) ? "start" : "end",
                ]]]
            }
            let store = MemoryStore()
            let array = try ZarrArray.create(store, "a", shape: shape, dtype: type, chunkShape: chunkShape, codecs: codecs)
            var model = ArrayModel(shape: shape, itemSize: type.itemSize, bytes: [UInt8](repeating: 0, count: shape.reduce(1, *) * type.itemSize))

            // Whole write, then random reads and writes, each checked against the model.
            let initial = randomBytes(shape.reduce(1, *), type, &rng)
            try array[...].set(try NDArray(dtype: type, shape: shape, bytes: initial), executor: executor)
            model.bytes = initial
            for _ in 0..<12 {
                let items = randomSelection(shape, &rng)
                let expanded = expand(items, ndim: ndim)
                let label = "trial \(trial) \(type) shape \(shape) chunks \(chunkShape) codecs \(codecs) selection \(items)"
                guard let (offsets, resultShape) = model.select(expanded) else {
                    XCTAssertThrowsError(try array.select(items), label)
                    continue
                }
                let slice = try array.select(items)
                XCTAssertEqual(slice.shape, resultShape, label)
                if Bool.random(using: &rng) {
                    let got = try slice.get(executor: executor)
                    XCTAssertEqual(got.shape, resultShape, label)
                    XCTAssertEqual(got.withUnsafeBytes { Array($0) }, model.read(offsets), label)
                } else {
                    let values = randomBytes(offsets.count, type, &rng)
                    try slice.set(try NDArray(dtype: type, shape: resultShape, bytes: values), executor: executor)
                    model.write(offsets, values)
                    let whole = try array[...].get(executor: executor)
                    XCTAssertEqual(whole.withUnsafeBytes { Array($0) }, model.bytes, label)
                }
            }
        }
    }

    func testScalarBroadcastAndFillErasure() throws {
        let store = MemoryStore()
        let array = try ZarrArray.create(store, "a", shape: [10, 10], dtype: .float32, chunkShape: [4, 4], fillValue: "NaN")
        try array[...].set(1.5)
        XCTAssertEqual(store.dict.keys.filter { $0.contains("/c/") }.count, 9)
        try array[2..<6, Slice(nil, nil, 3)].set(Float(-1))
        let got = try array[...].get()
        XCTAssertEqual(try got.scalar(at: [2, 0], as: Float.self), -1)
        XCTAssertEqual(try got.scalar(at: [2, 1], as: Float.self), 1.5)
        XCTAssertEqual(try got.scalar(at: [5, 9], as: Float.self), -1)
        XCTAssertEqual(try got.scalar(at: [6, 9], as: Float.self), 1.5)
        // Writing the fill value everywhere erases every chunk.
        try array[...].set(Double.nan)
        XCTAssertEqual(store.dict.keys.filter { $0.contains("/c/") }.count, 0)
        XCTAssertThrowsError(try array[...].set(Int16(1)))
        XCTAssertThrowsError(try array[...].set(try NDArray(dtype: .float32, shape: [10, 9])))
        let ints = try ZarrArray.create(store, "i", shape: [4], dtype: .uint8)
        XCTAssertThrowsError(try ints[...].set(300)) { XCTAssertTrue("\($0)".contains("out of range"), "\($0)") }
        XCTAssertThrowsError(try ints[...].set(1.5))
        try ints[1...2].set(7)
        XCTAssertEqual(try ints[...].get().toArray(as: UInt8.self), [0, 7, 7, 0])
    }

    func testSelectionSpellingsShapesAndDescriptions() throws {
        let array = try ZarrArray.create(MemoryStore(), "a", shape: [20, 30], dtype: .int32, chunkShape: [8, 8])
        XCTAssertEqual(try array[5, ..<100].description, "<ZarrArraySlice a[5,:]>")
        XCTAssertEqual(try array[5, ..<10].description, "<ZarrArraySlice a[5,:10]>")
        XCTAssertEqual(try array[5, ..<10].shape, [10])
        XCTAssertEqual(array[...].description, "<ZarrArraySlice a[:,:]>")
        XCTAssertEqual(try array[..., 3].shape, [20])
        XCTAssertEqual(try array[Ellipsis(), 3].description, "<ZarrArraySlice a[:,3]>")
        XCTAssertEqual(try array[(-5)..., stride(from: 0, to: 30, by: 7)].description, "<ZarrArraySlice a[15:,::7]>")
        XCTAssertEqual(try array[(-5)..., stride(from: 0, to: 30, by: 7)].shape, [5, 5])
        XCTAssertEqual(try array[2...4, stride(from: 1, through: 7, by: 3)].shape, [3, 3])
        XCTAssertEqual(try array[(-3)...(-1), 0].shape, [3])
        XCTAssertEqual(try array[3, 4].shape, [])
        XCTAssertEqual(try array[100..., 0].shape, [0])
        XCTAssertEqual(try array.chunks[1, 2..<4].shape, [8, 14])
        XCTAssertEqual(try array.chunks[2, ...].description, "<ZarrArraySlice a[16:,:]>")
        XCTAssertThrowsError(try array[20, 0]) { XCTAssertTrue("\($0)".contains("index 20 is out of range for axis 0 with size 20"), "\($0)") }
        XCTAssertThrowsError(try array[0])
        XCTAssertThrowsError(try array[0, 0, 0])
        XCTAssertThrowsError(try array[Ellipsis(), 0, Ellipsis()])
        XCTAssertThrowsError(try array[Slice(0, 10, 0), 0]) { XCTAssertTrue("\($0)".contains("step must be 1 or more"), "\($0)") }
        XCTAssertThrowsError(try array[stride(from: 10, to: 0, by: -1), 0])
        XCTAssertThrowsError(try array.chunks[Slice(0, 2, 2), 0])
        // An empty selection reads an empty array and writes nothing.
        XCTAssertEqual(try array[5..<5, ...].get().shape, [0, 30])
    }

    func testZeroDimensionalSlices() throws {
        let array = try ZarrArray.create(MemoryStore(), "s", shape: [], dtype: .float64, fillValue: 2.5)
        XCTAssertEqual(try array[...].get().scalar(at: [], as: Double.self), 2.5)
        try array[...].set(4.0)
        XCTAssertEqual(try array[...].get(), try NDArray(repeating: 4.0, shape: []))
    }
}

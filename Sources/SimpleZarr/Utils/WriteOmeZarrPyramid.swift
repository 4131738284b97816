// Writing an OME-Zarr (NGFF 0.5) image pyramid (Python's
// `simplezarr.utils.write_multiscale.write_ome_zarr_pyramid`): checking the arguments,
// laying out the levels (each halves the spatial axes of the one below, with scale and
// half-pixel translation in the metadata), creating their arrays, filling them
// (PyramidLevelWriting.swift), then writing the group whose `ome` attribute describes them.

/// One step of the pyramid algorithm, for diagnosis (Python's `steps` entries).
public struct PyramidStep: Sendable, Hashable, CustomStringConvertible {
    /// The level the step reads from.
    public var level: Int
    /// How many levels the step makes.
    public var nlevels: Int
    /// Whether the step's top level was kept in memory to make the rest.
    public var keptInMemory: Bool

    /// A step with every field given.
    public init(level: Int, nlevels: Int, keptInMemory: Bool) {
        self.level = level
        self.nlevels = nlevels
        self.keptInMemory = keptInMemory
    }

    /// `level 0 +2 (kept in memory)`.
    public var description: String { "level \(level) +\(nlevels)\(keptInMemory ? " (kept in memory)" : "")" }
}

/// The axes orders the writer accepts (t, c, then the spatial z, y, x).
public let omePyramidAxes = ["yx", "zyx", "cyx", "czyx", "tyx", "tzyx", "tcyx", "tczyx"]

/// Writes one or more images as an OME-Zarr 0.5 pyramid in a group at `path` and returns the group.
///
/// Each level halves the spatial axes of the one below (`method`), keeping the time and
/// channel axes; the levels are `level0`, `level1`, ... (below `pyramid0/`, `pyramid1/` ...
/// when there are several images, which then share shape, scales and chunks). Large sources
/// are built depth-first in steps whose memory stays near `maxMemory`, with chunk writes in
/// parallel on `executor`.
///
/// - Parameters:
///   - axes: the axes of the sources, one of `omePyramidAxes` (`"zyx"`, `"czyx"` ...).
///   - pyramids: the images, all of the same shape.
///   - nlevels: the number of levels; 0 stops at the first level that fits one chunk (or
///     when an axis cannot be halved).
///   - spaceUnit: the unit of the spatial axes (a key of `spaceUnits`), empty for none.
///   - baseScale: the pixel size of level 0: one value for every spatial axis (time and
///     channel get 1), or one value per axis.
///   - chunkShape: one length for every spatial axis (time and channel axes are whole), or
///     one length per axis.
///   - maxMemory: roughly how many bytes of intermediate data to hold; 0 or less reads the
///     whole source and makes every level in memory.
///   - onStep: called (on this thread) with each step the algorithm takes.
/// - Throws: `ZarrError.invalidArgument` for arguments that do not fit; store and codec errors.
///   On an error, the arrays written so far stay in the store.
@discardableResult
public func writeOmeZarrPyramid(
    _ store: any WritableStore, _ path: String, axes: String, pyramids: [PyramidData], nlevels: Int = 0,
    spaceUnit: String = "", baseScale: [Double] = [1.0], chunkShape: [Int] = [64], chunkPathSeparator: String = ".",
    pyramidPathPrefix: String = "pyramid", maxMemory: Int = 1 << 30, method: DownsampleMethod = .localMean,
    executor: ThreadPoolExecutor? = nil, onStep: ((PyramidStep) -> Void)? = nil
) throws -> ZarrGroup {
    let layout = try PyramidLayout(
        axes: axes, pyramids: pyramids, nlevels: nlevels, spaceUnit: spaceUnit, baseScale: baseScale,
        chunkShape: chunkShape, method: method)
    var multiscales: [JSONValue] = []
    for (number, pyramid) in pyramids.enumerated() {
        let prefix = pyramids.count > 1 ? "\(pyramidPathPrefix)\(number)/" : ""
        var arrays: [ZarrArray] = []
        for level in layout.levels.indices {
            arrays.append(try ZarrArray.create(
                store, NodePath.join(path, prefix + "level\(level)"), shape: layout.levels[level].shape,
                dtype: pyramid.dtype, chunkShape: layout.chunkShape, fillValue: pyramid.fillValue,
                chunkPathSeparator: chunkPathSeparator, codecs: pyramid.codecs, dimensionNames: axes.map { String($0) }))
        }
        let writer = PyramidLevelWriter(
            source: pyramid.source, arrays: arrays, spatialDims: layout.spatialDims, chunkShape: layout.chunkShape,
            method: method, executor: executor, onStep: onStep)
        if maxMemory <= 0 {
            onStep?(PyramidStep(level: 0, nlevels: arrays.count - 1, keptInMemory: true))
            try writer.writeInMemory()
        } else {
            try writer.writeDepthFirst(maxMemory: maxMemory)
        }
        multiscales.append(layout.multiscale(name: pyramid.name, pathPrefix: prefix))
    }
    if pyramids.count > 1 {
        for number in pyramids.indices { try ZarrGroup.create(store, NodePath.join(path, "\(pyramidPathPrefix)\(number)")) }
    }
    let ome: JSONValue = ["version": "0.5", "multiscales": .array(multiscales)]
    return try ZarrGroup.create(store, path, attributes: ["ome": ome])
}

/// Like `writeOmeZarrPyramid(_:_:axes:pyramids:...)` for a single image.
@discardableResult
public func writeOmeZarrPyramid(
    _ store: any WritableStore, _ path: String, axes: String, pyramid: PyramidData, nlevels: Int = 0,
    spaceUnit: String = "", baseScale: [Double] = [1.0], chunkShape: [Int] = [64], chunkPathSeparator: String = ".",
    pyramidPathPrefix: String = "pyramid", maxMemory: Int = 1 << 30, method: DownsampleMethod = .localMean,
    executor: ThreadPoolExecutor? = nil, onStep: ((PyramidStep) -> Void)? = nil
) throws -> ZarrGroup {
    try writeOmeZarrPyramid(
        store, path, axes: axes, pyramids: [pyramid], nlevels: nlevels, spaceUnit: spaceUnit, baseScale: baseScale,
        chunkShape: chunkShape, chunkPathSeparator: chunkPathSeparator, pyramidPathPrefix: pyramidPathPrefix,
        maxMemory: maxMemory, method: method, executor: executor, onStep: onStep)
}

/// The checked arguments and the levels of a pyramid: shapes, scales, translations, metadata.
struct PyramidLayout {
    struct Level {
        var shape: [Int]
        var scale: [Double]
        var translation: [JSONValue]
    }

    let axes: String
    let spatialDims: Int
    let chunkShape: [Int]
    let axesMetadata: [JSONValue]
    let method: DownsampleMethod
    private(set) var levels: [Level] = []

    private static let method = "writeOmeZarrPyramid()"

    private static func invalid(_ message: String) -> ZarrError { .invalidArgument("\(method): \(message)") }

    init(
        axes: String, pyramids: [PyramidData], nlevels: Int, spaceUnit: String, baseScale: [Double], chunkShape: [Int],
        method: DownsampleMethod
    ) throws {
        guard let first = pyramids.first else { throw Self.invalid("pyramids must hold at least one PyramidData") }
        let shape = first.source.shape
        let ndim = shape.count
        guard pyramids.allSatisfy({ $0.source.shape == shape }) else {
            throw Self.invalid("every source must have the same shape, got \(pyramids.map(\.source.shape))")
        }
        for pyramid in pyramids {
            try Downsampling.checkNumeric(pyramid.source.dtype, "read")
            try Downsampling.checkNumeric(pyramid.dtype, "write")
        }
        guard axes.count == ndim else { throw Self.invalid("axes '\(axes)' must have one letter per dimension of \(shape)") }
        guard omePyramidAxes.contains(axes) else {
            throw Self.invalid("unexpected axes '\(axes)', expected one of \(omePyramidAxes.joined(separator: ", "))")
        }
        if !spaceUnit.isEmpty, spaceUnits[spaceUnit] == nil {
            throw Self.invalid("unit '\(spaceUnit)' is not a valid space unit")
        }
        let spatialDims = axes.filter { "zyx".contains($0) }.count
        let leading = ndim - spatialDims
        let fullScale: [Double]
        switch baseScale.count {
        case 1: fullScale = axes.map { "tc".contains($0) ? 1.0 : baseScale[0] }
        case ndim: fullScale = baseScale
        default: throw Self.invalid("baseScale must have 1 or \(ndim) values, got \(baseScale)")
        }
        guard fullScale.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw Self.invalid("baseScale values must be finite and positive, got \(baseScale)")
        }
        switch chunkShape.count {
        case 1: self.chunkShape = Array(shape.prefix(leading)) + Array(repeating: chunkShape[0], count: spatialDims)
        case ndim: self.chunkShape = chunkShape
        default: throw Self.invalid("chunkShape must have 1 or \(ndim) lengths, got \(chunkShape)")
        }
        guard self.chunkShape.allSatisfy({ $0 >= 1 }) else {
            throw Self.invalid("chunk lengths must be at least 1, got \(self.chunkShape)")
        }
        self.axes = axes
        self.spatialDims = spatialDims
        self.method = method
        axesMetadata = axes.map { letter in
            let type = letter == "t" ? "time" : letter == "c" ? "channel" : "space"
            var axis: JSONObject = ["name": .string(String(letter)), "type": .string(type)]
            if type == "space", !spaceUnit.isEmpty { axis["unit"] = .string(spaceUnit) }
            return .object(axis)
        }

        // The levels: each halves the spatial lengths and doubles the spatial scale. With
        // `nlevels` 0, stop once the level below fits one chunk or an axis reaches 0.
        let spatialChunk = Array(self.chunkShape.suffix(spatialDims))
        var spatialShape = Array(shape.suffix(spatialDims))
        var spatialScale = Array(fullScale.suffix(spatialDims))
        let baseSpatialScale = spatialScale
        for level in 0..<100 {
            if level > 0 {
                let previous = spatialShape
                spatialShape = spatialShape.map { $0 / 2 }
                spatialScale = spatialScale.map { $0 * 2 }
                if nlevels <= 0 {
                    if zip(previous, spatialChunk).allSatisfy({ $0 <= $1 }) || spatialShape.contains(0) { break }
                } else if level >= nlevels {
                    break
                }
            }
            let translation = zip(spatialScale, baseSpatialScale).map { JSONValue.double($0 / 2 - $1 / 2) }
            levels.append(Level(
                shape: Array(shape.prefix(leading)) + spatialShape, scale: Array(fullScale.prefix(leading)) + spatialScale,
                translation: Array(repeating: .int(0), count: leading) + translation))
        }
    }

    /// The `multiscales` entry of one image whose levels are below `pathPrefix`.
    func multiscale(name: String, pathPrefix: String) -> JSONValue {
        let datasets: [JSONValue] = levels.enumerated().map { number, level in
            [
                "path": .string(pathPrefix + "level\(number)"),
                "coordinateTransformations": [
                    ["type": "scale", "scale": .array(level.scale.map(JSONValue.double))],
                    ["type": "translation", "translation": .array(level.translation)],
                ],
            ]
        }
        return [
            "name": .string(name), "axes": .array(axesMetadata), "datasets": .array(datasets),
            "type": .string(method.rawValue),
            "metadata": ["description": .string("Pyramid build with simplezarr.utils.pyramid using the '\(method.rawValue)' method")],
        ]
    }
}

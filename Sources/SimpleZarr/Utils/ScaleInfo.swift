// One resolution level of a multiscale image (Python's `simplezarr.utils.multiscale.ScaleInfo`):
// the array that holds it and where its spatial axes sit in world space.

/// One level of a multiscale image: its array and its spatial placement.
///
/// The spatial fields cover only the trailing space axes (z, y, x). Following the pixel-center
/// convention of `MultiscaleInfo`, a consumer scales the image by `spatialScale`, puts the
/// center of its first pixel at the origin, then moves it by `spatialOffset`.
public struct ScaleInfo: Sendable {
    /// The array holding this level.
    public var array: ZarrArray
    /// The level in the pyramid, 0 for the highest resolution.
    public var level: Int
    /// The mean of `spatialScale`: the size of one pixel of this level in world units.
    public var meanScale: Double
    /// The lengths of the spatial axes.
    public var spatialShape: [Int]
    /// The world size of one pixel along each spatial axis.
    public var spatialScale: [Double]
    /// The world position of the center of the first pixel along each spatial axis.
    public var spatialOffset: [Double]
    /// The chunk lengths of the spatial axes.
    public var spatialChunkShape: [Int]
    /// The length of the channel axis, 0 when there is none.
    public var nchannels: Int
    /// The length of the time axis, 0 when there is none.
    public var ntimes: Int

    /// A level with every field given.
    public init(
        array: ZarrArray, level: Int, meanScale: Double, spatialShape: [Int], spatialScale: [Double],
        spatialOffset: [Double], spatialChunkShape: [Int], nchannels: Int, ntimes: Int
    ) {
        self.array = array
        self.level = level
        self.meanScale = meanScale
        self.spatialShape = spatialShape
        self.spatialScale = spatialScale
        self.spatialOffset = spatialOffset
        self.spatialChunkShape = spatialChunkShape
        self.nchannels = nchannels
        self.ntimes = ntimes
    }

    /// The level of `array` with the full-length scale and translation (one value per axis)
    /// cut to the last `spaceDims` axes; `channelAxis` and `timeAxis` give `nchannels` and `ntimes`.
    init(
        array: ZarrArray, level: Int, fullScale: [Double], fullTranslation: [Double], spaceDims: Int,
        channelAxis: Int?, timeAxis: Int?
    ) {
        let spatialScale = Array(fullScale.suffix(spaceDims))
        self.init(
            array: array, level: level, meanScale: spatialScale.reduce(0, +) / Double(spatialScale.count),
            spatialShape: Array(array.shape.suffix(spaceDims)), spatialScale: spatialScale,
            spatialOffset: Array(fullTranslation.suffix(spaceDims)),
            spatialChunkShape: Array(array.chunkShape.suffix(spaceDims)),
            nchannels: channelAxis.map { array.shape[$0] } ?? 0, ntimes: timeAxis.map { array.shape[$0] } ?? 0)
    }
}

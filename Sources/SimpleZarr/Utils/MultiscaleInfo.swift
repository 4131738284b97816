// A multiscale image (Python's `simplezarr.utils.multiscale.MultiscaleInfo`): the levels
// of one OME-Zarr `multiscales` entry, or a single plain array dressed up as one.
//
// Coordinate convention (the one the Python module documents): the center of an array's
// first pixel is the origin of its data frame and, without a translation, of world space.
// Levels made by merging 2 pixels into one line up only when shifted by
// `scale / 2 - scale0 / 2`; when a file gives no translation for a level, that shift is
// assumed (see https://github.com/ome/ngff/issues/89), so a file whose writer meant
// pixel corners at the origin reads the same as one that meant aligned levels.

/// A multiscale image: its name, axes, spatial unit and levels (highest resolution first).
public struct MultiscaleInfo: Sendable {
    /// The image's name (the `name` of its `multiscales` entry; empty when it has none).
    public var name: String
    /// The names of the axes, one per dimension (empty names for a plain array).
    public var axesNames: [String]
    /// The unit of the spatial axes (a key of `spaceUnits`; empty when unknown).
    public var unit: String
    /// The length of `unit` in meters (1 when there is no unit).
    public var unitFactor: Double
    /// The levels, sorted from the highest resolution (smallest `meanScale`) down.
    public var scales: [ScaleInfo]

    /// An image with every field given.
    public init(name: String, axesNames: [String], unit: String, unitFactor: Double, scales: [ScaleInfo]) {
        self.name = name
        self.axesNames = axesNames
        self.unit = unit
        self.unitFactor = unitFactor
        self.scales = scales
    }

    /// The multiscale images of `node`: one per `multiscales` entry of an OME-Zarr group
    /// (`createScaleInfosFromOmeZarrGroup`), or the single level of a plain array
    /// (`createScaleInfosFromZarrArray`).
    ///
    /// - Throws: `ZarrError.invalidArgument` for a group without OME-Zarr metadata;
    ///   `ZarrError.invalidMetadata` naming the field for bad OME metadata.
    public static func fromZarrNode(_ node: ZarrNode) throws -> [MultiscaleInfo] {
        if let group = node as? ZarrGroup {
            guard OmeMultiscales.isOmeZarr(group) else {
                throw ZarrError.invalidArgument(ErrorDetails(
                    "MultiscaleInfo.fromZarrNode(): group '\(group.path)' has no OME-Zarr 'multiscales' metadata",
                    path: group.path))
            }
            return try createScaleInfosFromOmeZarrGroup(group)
        }
        guard let array = node as? ZarrArray else {
            throw ZarrError.invalidArgument(ErrorDetails(
                "MultiscaleInfo.fromZarrNode(): cannot get scale infos from \(node.oneLineDescription)", path: node.path))
        }
        return try createScaleInfosFromZarrArray(array)
    }
}

/// A multiscale image of one level made from a plain array (Python's
/// `create_scale_infos_from_zarr_array`): without metadata the axes are guessed from the
/// number of dimensions: 1 to 3 are all space; 4 are channel, z, y, x; 5 are time, channel,
/// z, y, x. Scales are 1, offsets 0, names and unit empty.
///
/// - Throws: `ZarrError.invalidArgument` for an array of 0 or more than 5 dimensions.
public func createScaleInfosFromZarrArray(_ array: ZarrArray) throws -> [MultiscaleInfo] {
    let ndim = array.ndim
    let (spaceDims, channelAxis, timeAxis): (Int, Int?, Int?)
    switch ndim {
    case 1...3: (spaceDims, channelAxis, timeAxis) = (ndim, nil, nil)
    case 4: (spaceDims, channelAxis, timeAxis) = (3, 0, nil)
    case 5: (spaceDims, channelAxis, timeAxis) = (3, 1, 0)
    default:
        throw ZarrError.invalidArgument(ErrorDetails(
            "createScaleInfosFromZarrArray(): arrays of 1 to 5 dimensions are supported, '\(array.path)' has \(ndim)",
            path: array.path))
    }
    let scale = ScaleInfo(
        array: array, level: 0, fullScale: Array(repeating: 1, count: ndim),
        fullTranslation: Array(repeating: 0, count: ndim), spaceDims: spaceDims, channelAxis: channelAxis,
        timeAxis: timeAxis)
    return [MultiscaleInfo(name: "", axesNames: Array(repeating: "", count: ndim), unit: "", unitFactor: 1, scales: [scale])]
}

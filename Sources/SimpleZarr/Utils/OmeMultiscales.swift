// Reading the "multiscales" metadata of OME-Zarr (NGFF): version 0.5 (Zarr v3, the
// metadata under the `ome` attribute) and 0.4 (Zarr v2, `multiscales` among the group's
// `.zattrs`). Each entry lists its axes (name, type, unit), its datasets (one array per
// resolution, highest first, each with a scale and an optional translation) and optional
// transformations for the whole image, applied after the dataset's own. The
// "bioformats2raw.layout", "omero", "labels", "plate" and "well" metadata are ignored,
// as in Python's `simplezarr.utils.multiscale`.

/// The multiscale images of an OME-Zarr group (Python's `create_scale_infos_from_ome_zarr_group`),
/// one per `multiscales` entry, each with its levels sorted from the highest resolution down.
///
/// What the reading assumes where a file leaves things out (as the Python module does):
/// - a dataset without a translation is shifted by `scale / 2 - scale0 / 2` on its space axes
///   (`scale0` the first dataset's scale), which lines up levels made by merging pixels;
/// - a dataset without a scale has scale 1;
/// - the spatial unit is the last unit given on a space axis; space axes with different units
///   use that one too; without any, `unit` is empty and `unitFactor` 1;
/// - datasets listed out of resolution order are sorted by mean scale and renumbered;
/// - an axis without a `type` takes it from its name (`t` time, `c` channel, `z`/`y`/`x` space).
///
/// - Throws: `ZarrError.invalidMetadata` naming the field (`multiscales[0].axes[1].unit`,
///   `multiscales[0].datasets[2].coordinateTransformations`) for: a missing or malformed
///   required field, an OME version before 0.4 (0.5 under `ome`), axis names other than
///   t, c, z, y, x, space axes that are not the last axes, an unknown space unit, transforms
///   whose length differs from the number of axes, a dataset whose array has another number of
///   dimensions, or a level whose spatial shape is larger than the level before it;
///   `ZarrError.nodeNotFound` for a dataset path without an array.
public func createScaleInfosFromOmeZarrGroup(_ group: ZarrGroup) throws -> [MultiscaleInfo] {
    let reader = OmeMultiscales(group: group)
    return try reader.entries().enumerated().map { try reader.readImage($1, field: "multiscales[\($0)]") }
}

/// The parts of reading `multiscales` metadata, with errors that name the field.
struct OmeMultiscales {
    let group: ZarrGroup

    private static let method = "createScaleInfosFromOmeZarrGroup()"

    /// Whether the group carries OME-Zarr multiscales metadata (0.5 `ome` or 0.4 `multiscales`).
    static func isOmeZarr(_ group: ZarrGroup) -> Bool {
        group.attributes["ome"] != nil || group.attributes["multiscales"] != nil
    }

    // MARK: Errors

    func invalid(_ field: String, _ problem: String) -> ZarrError {
        .invalidMetadata(ErrorDetails("\(Self.method): group '\(group.path)' \(field): \(problem)", path: group.path))
    }

    func object(_ value: JSONValue?, _ field: String) throws -> JSONObject {
        guard let value else { throw invalid(field, "is missing") }
        guard let object = value.objectValue else { throw invalid(field, "must be an object, got \(value.kindName)") }
        return object
    }

    func array(_ value: JSONValue?, _ field: String) throws -> [JSONValue] {
        guard let value else { throw invalid(field, "is missing") }
        guard let array = value.arrayValue else { throw invalid(field, "must be a list, got \(value.kindName)") }
        return array
    }

    func string(_ value: JSONValue?, _ field: String) throws -> String {
        guard let value else { throw invalid(field, "is missing") }
        guard let string = value.stringValue else { throw invalid(field, "must be a string, got \(value.kindName)") }
        return string
    }

    func numbers(_ value: JSONValue?, _ field: String, count: Int) throws -> [Double] {
        let items = try array(value, field)
        guard items.count == count else {
            throw invalid(field, "has \(items.count) values, the image has \(count) axes")
        }
        return try items.enumerated().map { i, item in
            guard let number = item.doubleValue, number.isFinite else {
                throw invalid("\(field)[\(i)]", "must be a finite number, got \(item)")
            }
            return number
        }
    }

    // MARK: Entries and version

    /// The `multiscales` entries, after checking the OME version.
    func entries() throws -> [JSONValue] {
        if let ome = group.attributes["ome"] {
            let omeObject = try object(ome, "ome")
            try checkVersion(omeObject["version"], "ome.version", minimum: [0, 5])
            return try array(omeObject["multiscales"], "ome.multiscales")
        }
        let entries = try array(group.attributes["multiscales"], "multiscales")
        for (i, entry) in entries.enumerated() {
            try checkVersion(try object(entry, "multiscales[\(i)]")["version"], "multiscales[\(i)].version", minimum: [0, 4])
        }
        return entries
    }

    private func checkVersion(_ value: JSONValue?, _ field: String, minimum: [Int]) throws {
        let text = try string(value, field)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Int($0) }.filter { $0 >= 0 }
        guard !parts.isEmpty, numbers.count == parts.count else {
            throw invalid(field, "'\(text)' is not a version number such as '0.5'")
        }
        guard !numbers.lexicographicallyPrecedes(minimum) else {
            throw invalid(field, "version \(text) is not supported, \(minimum.map(String.init).joined(separator: ".")) or later is")
        }
    }

    // MARK: One image

    /// The axes of an entry: names, and the position of the space, channel and time axes.
    struct Axes {
        var names: [String]
        var spaceDims: Int
        var channelAxis: Int?
        var timeAxis: Int?
        var unit: String
    }

    func readAxes(_ value: JSONValue?, _ field: String) throws -> Axes {
        let items = try array(value, field)
        guard !items.isEmpty else { throw invalid(field, "is empty") }
        var names: [String] = []
        var types: [String] = []
        var units: [String] = []
        for (i, item) in items.enumerated() {
            let itemField = "\(field)[\(i)]"
            // NGFF 0.3 listed the axes as bare names.
            let axis: JSONObject
            if let bareName = item.stringValue {
                axis = ["name": .string(bareName)]
            } else {
                axis = try object(item, itemField)
            }
            let name = try string(axis["name"], "\(itemField).name")
            guard ["t", "c", "z", "y", "x"].contains(name) else {
                throw invalid("\(itemField).name", "unexpected axis '\(name)', expected one of t, c, z, y, x")
            }
            names.append(name)
            let inferred = name == "t" ? "time" : name == "c" ? "channel" : "space"
            types.append(axis["type"] == nil ? inferred : try string(axis["type"], "\(itemField).type"))
            units.append(axis["unit"] == nil ? "" : try string(axis["unit"], "\(itemField).unit").lowercased())
        }
        let spaceDims = types.filter { $0 == "space" }.count
        guard spaceDims > 0 else { throw invalid(field, "has no axis of type 'space'") }
        guard types.suffix(spaceDims).allSatisfy({ $0 == "space" }) else {
            throw invalid(field, "the space axes must be the last axes, got types \(types)")
        }
        let spatialUnits = units.suffix(spaceDims).filter { !$0.isEmpty }
        let unit = spatialUnits.last ?? ""
        if !unit.isEmpty, spaceUnits[unit] == nil {
            let axisIndex = (units.lastIndex(of: unit) ?? 0)
            throw invalid("\(field)[\(axisIndex)].unit", "unknown space unit '\(unit)'")
        }
        let channelAxis = types[0] == "channel" ? 0 : (types.count > 1 && types[1] == "channel" ? 1 : nil)
        return Axes(
            names: names, spaceDims: spaceDims, channelAxis: channelAxis, timeAxis: types[0] == "time" ? 0 : nil,
            unit: unit)
    }

    /// The scale and translation of a `coordinateTransformations` list, in the order of their
    /// first appearance (a later entry of the same type replaces the value); other types are ignored.
    func readTransforms(_ value: JSONValue?, _ field: String, count: Int) throws -> [(type: String, values: [Double])] {
        var result: [(type: String, values: [Double])] = []
        for (i, item) in try array(value, field).enumerated() {
            let transform = try object(item, "\(field)[\(i)]")
            let type = try string(transform["type"], "\(field)[\(i)].type")
            guard type == "scale" || type == "translation" else { continue }
            let values = try numbers(transform[type], "\(field)[\(i)].\(type)", count: count)
            if let existing = result.firstIndex(where: { $0.type == type }) {
                result[existing].values = values
            } else {
                result.append((type, values))
            }
        }
        return result
    }

    func readImage(_ value: JSONValue, field: String) throws -> MultiscaleInfo {
        let entry = try object(value, field)
        let name = entry["name"] == nil ? "" : try string(entry["name"], "\(field).name")
        let axes = try readAxes(entry["axes"], "\(field).axes")
        let naxes = axes.names.count
        let global = entry["coordinateTransformations"] == nil
            ? [] : try readTransforms(entry["coordinateTransformations"], "\(field).coordinateTransformations", count: naxes)

        let datasets = try array(entry["datasets"], "\(field).datasets")
        guard !datasets.isEmpty else { throw invalid("\(field).datasets", "is empty") }
        var scales: [ScaleInfo] = []
        var scaleZero = Array(repeating: 1.0, count: naxes)
        for (level, item) in datasets.enumerated() {
            let datasetField = "\(field).datasets[\(level)]"
            let dataset = try object(item, datasetField)
            let path = try string(dataset["path"], "\(datasetField).path")
            let transformField = "\(datasetField).coordinateTransformations"
            let local = try readTransforms(dataset["coordinateTransformations"], transformField, count: naxes)
            let scale = local.first { $0.type == "scale" }?.values ?? Array(repeating: 1.0, count: naxes)
            if level == 0 { scaleZero = scale }
            var translation = Array(repeating: 0.0, count: naxes)
            for i in (naxes - axes.spaceDims)..<naxes { translation[i] = scale[i] / 2 - scaleZero[i] / 2 }
            translation = local.first { $0.type == "translation" }?.values ?? translation
            let (fullScale, fullTranslation) = Self.compose(scale, translation, with: global)

            guard let array = try group[path] as? ZarrArray else {
                throw invalid("\(datasetField).path", "'\(path)' is a group, not an array")
            }
            guard array.ndim == naxes else {
                throw invalid("\(datasetField).path", "array '\(path)' has \(array.ndim) dimensions, the image has \(naxes) axes")
            }
            scales.append(ScaleInfo(
                array: array, level: level, fullScale: fullScale, fullTranslation: fullTranslation,
                spaceDims: axes.spaceDims, channelAxis: axes.channelAxis, timeAxis: axes.timeAxis))
        }
        // The spec wants the highest resolution first; a file that breaks that is sorted (a
        // stable sort, as Python's) and its levels renumbered.
        scales = scales.enumerated().sorted { ($0.element.meanScale, $0.offset) < ($1.element.meanScale, $1.offset) }
            .map(\.element)
        for i in scales.indices { scales[i].level = i }
        for i in scales.indices.dropFirst() {
            let (previous, current) = (scales[i - 1], scales[i])
            guard zip(current.spatialShape, previous.spatialShape).allSatisfy({ $0 <= $1 }) else {
                throw invalid(
                    "\(field).datasets",
                    "level \(i) ('\(current.array.path)', spatial shape \(current.spatialShape)) is larger than level "
                        + "\(i - 1) ('\(previous.array.path)', \(previous.spatialShape)): the levels do not shrink")
            }
        }
        return MultiscaleInfo(
            name: name, axesNames: axes.names, unit: axes.unit, unitFactor: spaceUnits[axes.unit] ?? 1, scales: scales)
    }

    /// Applies the image-level transforms after a dataset's: a scale multiplies scale and
    /// translation, a translation adds to the translation (lengths are checked when read).
    static func compose(
        _ scale: [Double], _ translation: [Double], with transforms: [(type: String, values: [Double])]
    ) -> ([Double], [Double]) {
        var (scale, translation) = (scale, translation)
        for transform in transforms {
            if transform.type == "scale" {
                scale = zip(scale, transform.values).map { $0 * $1 }
                translation = zip(translation, transform.values).map { $0 * $1 }
            } else {
                translation = zip(translation, transform.values).map { $0 + $1 }
            }
        }
        return (scale, translation)
    }
}

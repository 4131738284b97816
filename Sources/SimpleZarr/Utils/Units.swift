// The units OME-Zarr (NGFF) allows on axes, from UDUNITS-2: the spatial and
// temporal unit names with the factor that maps each to the SI base unit
// (meters, seconds), as Python's `simplezarr.utils.units` lists them.

/// One SI prefix: its name (`"micro"`), the factor it stands for (`1e-6`) and its symbol (`"µ"`).
public struct SIPrefix: Sendable, Hashable {
    /// The prefix as spelled in unit names (`"kilo"`).
    public let name: String
    /// The power of ten the prefix multiplies by.
    public let factor: Double
    /// The one-letter symbol (`"k"`).
    public let symbol: String
}

/// The SI prefixes from yotta down to yocto (Python's `SI_PREFIX_TUPLES`, in its order; like
/// the Python list, deka and atto share the symbol `"a"`).
public let siPrefixes: [SIPrefix] = [
    ("yotta", 1e24, "Y"), ("zetta", 1e21, "Z"), ("exa", 1e18, "E"), ("peta", 1e15, "P"),
    ("tera", 1e12, "T"), ("giga", 1e9, "G"), ("mega", 1e6, "M"), ("kilo", 1e3, "k"),
    ("hecto", 100, "h"), ("deka", 10, "a"), ("deci", 0.1, "d"), ("centi", 0.01, "c"),
    ("milli", 1e-3, "m"), ("micro", 1e-6, "µ"), ("nano", 1e-9, "n"), ("pico", 1e-12, "p"),
    ("femto", 1e-15, "f"), ("atto", 1e-18, "a"), ("zepto", 1e-21, "z"), ("yocto", 1e-24, "y"),
].map { SIPrefix(name: $0.0, factor: $0.1, symbol: $0.2) }

/// The space units an OME-Zarr axis may name, each with its length in meters
/// (Python's `SPACE_UNITS`): `meter` with every SI prefix, and the imperial and
/// astronomical units the spec lists.
public let spaceUnits: [String: Double] = prefixedUnits("meter").merging([
    "angstrom": 1e-10, "foot": 0.3048, "inch": 0.0254, "mile": 1609.344, "parsec": 3.085677581e16, "yard": 0.9144,
]) { first, _ in first }

/// The time units an OME-Zarr axis may name, each with its length in seconds
/// (Python's `TIME_UNITS`): `second` with every SI prefix, and day, hour, minute.
public let timeUnits: [String: Double] = prefixedUnits("second").merging([
    "day": 86400, "hour": 3600, "minute": 60,
]) { first, _ in first }

/// `base` (factor 1) and `base` with each SI prefix (`"kilometer"`: 1e3).
private func prefixedUnits(_ base: String) -> [String: Double] {
    var units = [base: 1.0]
    for prefix in siPrefixes { units[prefix.name + base] = prefix.factor }
    return units
}

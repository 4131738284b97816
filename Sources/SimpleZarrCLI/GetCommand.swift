// `simplezarr get PATH/array ['SLICE'] [--out FILE]`: read a selection written
// in numpy's syntax and print it as numpy does (summarised above 1000
// elements), or write it to a .npy (readable by numpy), .raw (the elements,
// C order, little-endian) or .csv (1-D or 2-D) file.

import Foundation
import SimpleZarr

let getSpec = CommandSpec(
    name: "get", positionals: ["PATH", "SLICE"], requiredPositionals: 1,
    summary: "Read SLICE (numpy syntax, default '...') of the array at PATH and print it, or write it to a file.",
    options: [.init(name: "out", value: "FILE", help: "write to FILE instead: .npy (numpy), .raw (C order, little-endian) or .csv (1-D/2-D)")],
    details: """
        examples:
          simplezarr get data.zarr/temperature '0, :10, ::2'
          simplezarr get data.zarr/temperature '-1, ...' --out last.npy
        """,
    brief: "print or save a selection (numpy slice syntax)")

func runGet(_ arguments: ParsedArguments) throws {
    let location = try openNodeLocation(arguments.positionals[0])
    let array = try location.openArray()
    let values = try readSelection(array, arguments.positional(1) ?? "...", location: location)
    guard let out = arguments.value("out") else {
        print(values.description)
        return
    }
    let data: Data
    switch URL(fileURLWithPath: out).pathExtension.lowercased() {
    case "npy": data = try NpyFile.encode(values, path: out)
    case "raw":
        guard !values.dtype.isVariableLength else { throw CommandFailure(out, "\(values.dtype) elements have no fixed-size form for .raw (use .csv)") }
        data = values.withUnsafeBytes { Data($0) }
    case "csv": data = Data(try CSVText.text(of: values, path: out).utf8)
    default: throw arguments.usageError("--out must end in .npy, .raw or .csv, got '\(out)'")
    }
    do {
        try data.write(to: URL(fileURLWithPath: out), options: .atomic)
    } catch {
        throw CommandFailure(out, error)
    }
}

/// Reads the selection `expression` of `array`; a selection that does not parse or does not
/// fit the shape is a failure naming the array and the cause.
func readSelection(_ array: ZarrArray, _ expression: String, location: NodeLocation) throws -> NDArray {
    let slice: ZarrArraySlice
    do {
        slice = try array.select(expression)
    } catch let error as ZarrError {
        throw CommandFailure(location.argument, "bad selection '\(expression)' for shape \(NodeSummary.shape(array.shape)): \(error.message)")
    }
    do {
        return try slice.get()
    } catch {
        throw CommandFailure(location.argument, error)
    }
}

// `simplezarr preview PATH/array ['SLICE'] --out f.png`: a 2-D selection as a
// PNG picture: values mapped linearly from the window's low end (black) to
// its high end (white, or the colour map's last colour), the window given or
// taken at the 0.5th and 99.5th percentiles; NaN is black; shrunk by block
// averaging to fit --max-size; 8-bit grey or RGB, or 16-bit grey.

import Foundation
import SimpleZarr

let previewSpec = CommandSpec(
    name: "preview", positionals: ["PATH", "SLICE"], requiredPositionals: 1,
    summary: "Write a 2-D selection (numpy syntax, default '...') of the array at PATH as a PNG picture.",
    options: [
        .init(name: "out", value: "FILE.png", help: "the PNG file to write (required)"),
        .init(name: "window", value: "LO,HI", help: "values shown from black to white (default: the 0.5th and 99.5th percentiles)"),
        .init(name: "colormap", value: "NAME", help: "\(Colormap.allCases.map(\.rawValue).joined(separator: ", ")) (default gray)"),
        .init(name: "max-size", value: "N", help: "shrink (averaging blocks) so that no side exceeds N pixels (default 1024)"),
        .init(name: "bits", value: "8|16", help: "bits per sample: 16 for grey only (default 8)"),
    ],
    details: """
        Selections with more than two axes are accepted when all but two have length 1.
        example:
          simplezarr preview data.zarr/volume '40, ...' --out slice.png --colormap viridis
        """,
    brief: "write a 2-D selection as a PNG picture")

func runPreview(_ arguments: ParsedArguments) throws {
    guard let out = arguments.value("out") else { throw arguments.usageError("--out FILE.png is required") }
    guard let colormap = Colormap(rawValue: arguments.value("colormap") ?? "gray") else {
        throw arguments.usageError("--colormap must be one of \(Colormap.allCases.map(\.rawValue).joined(separator: ", ")), got '\(arguments.value("colormap") ?? "")'")
    }
    let bits = try arguments.integer("bits", default: 8, in: 8...16)
    guard bits == 8 || bits == 16 else { throw arguments.usageError("--bits must be 8 or 16, got \(bits)") }
    guard bits == 8 || !colormap.isColour else { throw arguments.usageError("--bits 16 is for grey pictures; colour maps are 8-bit") }
    let maxSize = try arguments.integer("max-size", default: 1024, in: 1...65_536)
    let window = try arguments.value("window").map { text -> (Double, Double) in
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low.isFinite, high.isFinite, low < high else {
            throw arguments.usageError("--window must be LO,HI with LO < HI, got '\(text)'")
        }
        return (low, high)
    }

    let location = try openNodeLocation(arguments.positionals[0])
    let array = try location.openArray()
    let values = try readSelection(array, arguments.positional(1) ?? "...", location: location)
    let image = try greyImage(values, location: location).downsampled(maxSize: maxSize)
    let (low, high) = window ?? image.percentiles(0.5, 99.5) ?? (0, 1)
    let scale = high > low ? 1 / (high - low) : 0
    var samples: [UInt8] = []
    samples.reserveCapacity(image.values.count * (colormap.isColour ? 3 : bits / 8))
    for value in image.values {
        let t = value.isFinite ? min(max((value - low) * scale, 0), 1) : 0
        if colormap.isColour {
            let (r, g, b) = colormap.rgb(t)
            samples += [r, g, b]
        } else if bits == 16 {
            let level = UInt16((t * 65535).rounded())
            samples += [UInt8(level >> 8), UInt8(level & 0xFF)]
        } else {
            samples.append(UInt8((t * 255).rounded()))
        }
    }
    do {
        let png = try PNGEncoder.encode(
            width: image.width, height: image.height, colour: colormap.isColour ? .rgb : .grey, bitDepth: bits, samples: samples)
        try png.write(to: URL(fileURLWithPath: out), options: .atomic)
    } catch {
        throw CommandFailure(out, error)
    }
}

/// The selection as an image: two axes after dropping those of length 1, as doubles.
private func greyImage(_ values: NDArray, location: NodeLocation) throws -> GreyImage {
    let axes = values.ndim <= 2 ? values.shape : values.shape.filter { $0 != 1 }
    guard axes.count == 2, axes[0] > 0, axes[1] > 0 else {
        throw CommandFailure(location.argument, "a preview needs a 2-D selection; this one has shape \(NodeSummary.shape(values.shape)) (select one position of the other axes, like '0, ...')")
    }
    let doubles: [Double]
    do {
        doubles = try values.astype(.float64).toArray(as: Double.self)
    } catch {
        throw CommandFailure(location.argument, "\(values.dtype) values have no brightness to show: \(CommandFailure.cause(of: error))")
    }
    return GreyImage(width: axes[1], height: axes[0], values: doubles)
}

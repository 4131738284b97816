// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SimpleZarr",
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "SimpleZarr", targets: ["SimpleZarr"]),
        .library(name: "ZarrCompression", targets: ["ZarrCompression"]),
        .executable(name: "simplezarr", targets: ["SimpleZarrCLI"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "ZarrCompression"),
        .target(name: "SimpleZarr", dependencies: ["ZarrCompression"]),
        .executableTarget(name: "SimpleZarrCLI", dependencies: ["SimpleZarr", "ZarrCompression"]),
        .testTarget(name: "ZarrCompressionTests", dependencies: ["ZarrCompression"], exclude: ["Vectors"]),
        .testTarget(
            name: "SimpleZarrTests",
            dependencies: ["SimpleZarr"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SimpleZarrCLITests",
            dependencies: ["SimpleZarrCLI", "SimpleZarr", "ZarrCompression"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

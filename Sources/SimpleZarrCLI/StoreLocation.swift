// Where a path argument points: the store that holds it and the node inside.
// Every subcommand resolves its paths here, so that zip files and URLs plug in
// at this one place. A local path `PATH/node/inside` is split at the root of
// the hierarchy: walking up from the deepest existing directory, the last one
// that still holds Zarr metadata (zarr.json, .zgroup, .zarray) is the store.

import Foundation
import SimpleZarr

/// A store and the path of a node inside it, from a command-line argument.
struct StoreLocation {
    /// The argument as typed, for messages.
    let argument: String
    let store: LocalStore
    /// The node's path inside `store` ("" for the root).
    let nodePath: String

    /// Opens the node the argument names.
    func open() throws -> ZarrNode {
        do {
            return try openZarr(store, path: nodePath)
        } catch ZarrError.nodeNotFound {
            throw CommandFailure(argument, "not a Zarr store or node (no zarr.json, .zgroup or .zarray at '\(nodePath.isEmpty ? store.path : store.path + "/" + nodePath)')")
        } catch {
            throw CommandFailure(argument, error)
        }
    }

    /// Opens the node the argument names, which must be an array.
    func openArray() throws -> ZarrArray {
        guard let array = try open() as? ZarrArray else { throw CommandFailure(argument, "is a group, not an array") }
        return array
    }
}

/// The files that mark a directory as a Zarr node.
private let metadataNames = ["zarr.json", ".zgroup", ".zarray"]

/// Resolves a path argument to a store and the node inside it.
///
/// - Throws: `CommandFailure` for what cannot be opened (yet): URLs, zip files, a path with no
///   existing directory.
func openStoreLocation(_ argument: String) throws -> StoreLocation {
    if let scheme = argument.range(of: "://") {
        throw CommandFailure(argument, "\(argument[..<scheme.lowerBound]) URLs are not supported yet; give a local directory")
    }
    let components = URL(fileURLWithPath: argument).standardizedFileURL.pathComponents
    if let zip = components.firstIndex(where: { $0.lowercased().hasSuffix(".zip") }),
        isFile(components[...zip]) {
        throw CommandFailure(argument, "zip files are not supported yet; unzip it and give the directory")
    }
    // The deepest existing directory...
    var rootCount = components.count
    while rootCount > 1, !isDirectory(components[..<rootCount]) { rootCount -= 1 }
    guard rootCount > 1 || isDirectory(components[..<1]) else { throw CommandFailure(argument, "no such directory") }
    if rootCount < components.count, isFile(components[..<(rootCount + 1)]) {
        throw CommandFailure(argument, "not a Zarr store or node ('\(join(components[..<(rootCount + 1)]))' is a file)")
    }
    // ...then up while the parent is part of the same hierarchy.
    if holdsMetadata(components[..<rootCount]) {
        while rootCount > 2, holdsMetadata(components[..<(rootCount - 1)]) { rootCount -= 1 }
    }
    return StoreLocation(
        argument: argument, store: LocalStore(join(components[..<rootCount])),
        nodePath: components[rootCount...].joined(separator: "/"))
}

/// Resolves a destination argument: inside an existing hierarchy when its parent is one (the new
/// node goes there), else a new store at the path itself.
func openDestinationLocation(_ argument: String) throws -> StoreLocation {
    let url = URL(fileURLWithPath: argument).standardizedFileURL
    let parent = url.deletingLastPathComponent().pathComponents
    if holdsMetadata(parent[...]) {
        let location = try openStoreLocation(url.deletingLastPathComponent().path)
        return StoreLocation(
            argument: argument, store: location.store,
            nodePath: location.nodePath.isEmpty ? url.lastPathComponent : location.nodePath + "/" + url.lastPathComponent)
    }
    if argument.contains("://") { return try openStoreLocation(argument) }
    return StoreLocation(argument: argument, store: LocalStore(url.path), nodePath: "")
}

// MARK: File system helpers

private func join(_ components: ArraySlice<String>) -> String {
    guard let first = components.first else { return "/" }
    return first == "/" ? "/" + components.dropFirst().joined(separator: "/") : components.joined(separator: "/")
}

private func isDirectory(_ components: ArraySlice<String>) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: join(components), isDirectory: &directory) && directory.boolValue
}

private func isFile(_ components: ArraySlice<String>) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: join(components), isDirectory: &directory) && !directory.boolValue
}

private func holdsMetadata(_ components: ArraySlice<String>) -> Bool {
    metadataNames.contains { FileManager.default.fileExists(atPath: join(components) + "/" + $0) }
}

// Where a path argument points: the store that holds it and the node inside.
// Every subcommand resolves its paths here. An argument with "://" is a URL
// (`zip://`, `http(s)://`, `s3://`, `file://`) naming the node itself. A local
// path through a `.zip` file opens that archive, the rest of the path naming
// the node inside it. Any other local path `PATH/node/inside` is split at the
// root of the hierarchy: walking up from the deepest existing directory, the
// last one that still holds Zarr metadata (zarr.json, .zgroup, .zarray) is the store.

import Foundation
import SimpleZarr

/// A store and the path of a node inside it, from a command-line argument.
struct NodeLocation {
    /// The argument as typed, for messages.
    let argument: String
    let store: any ReadableStore
    /// The node's path inside `store` ("" for the root).
    let nodePath: String

    /// Opens the node the argument names.
    func open() throws -> ZarrNode {
        do {
            return try openZarr(store, path: nodePath)
        } catch ZarrError.nodeNotFound {
            throw CommandFailure(argument, "not a Zarr store or node (no zarr.json, .zgroup or .zarray at '\(displayPath)')")
        } catch {
            throw CommandFailure(argument, error)
        }
    }

    /// Opens the node the argument names, which must be an array.
    func openArray() throws -> ZarrArray {
        guard let array = try open() as? ZarrArray else { throw CommandFailure(argument, "is a group, not an array") }
        return array
    }

    /// The store, which must take writes.
    func writableStore() throws -> any ReadableStore & WritableStore {
        guard let writable = store as? any ReadableStore & WritableStore else { throw CommandFailure(argument, "\(store) does not take writes") }
        return writable
    }

    /// The store, which must list its keys.
    func listableStore() throws -> any ListableStore {
        guard let listable = store as? any ListableStore else { throw CommandFailure(argument, "\(store) cannot list its keys") }
        return listable
    }

    /// Finishes what was written: a zip archive gets its central directory (a no-op otherwise).
    func close() throws {
        guard let zip = store as? ZipStore else { return }
        do {
            try zip.close()
        } catch {
            throw CommandFailure(argument, error)
        }
    }

    /// Where the node is, for messages: the directory of a local node, else the argument.
    private var displayPath: String {
        guard let local = store as? LocalStore else { return argument }
        return nodePath.isEmpty ? local.path : local.path + "/" + nodePath
    }
}

/// The files that mark a directory as a Zarr node.
private let metadataNames = ["zarr.json", ".zgroup", ".zarray"]

/// Resolves a path argument to a store and the node inside it.
///
/// - Throws: `CommandFailure` for what cannot be opened: a bad URL, a broken zip file, a path
///   with no existing directory.
func openNodeLocation(_ argument: String) throws -> NodeLocation {
    if argument.contains("://") {
        return NodeLocation(argument: argument, store: try opening(argument) { try openStore(argument) }, nodePath: "")
    }
    let components = URL(fileURLWithPath: argument).standardizedFileURL.pathComponents
    if let zip = zipComponent(components), isFile(components[...zip]) {
        let path = join(components[...zip])
        return NodeLocation(
            argument: argument, store: try opening(argument) { try ZipStore(path, mode: .read) },
            nodePath: components[(zip + 1)...].joined(separator: "/"))
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
    return NodeLocation(
        argument: argument, store: LocalStore(join(components[..<rootCount])),
        nodePath: components[rootCount...].joined(separator: "/"))
}

/// Resolves a destination argument to a store that takes writes. A `.zip` path or `zip://` URL
/// opens the archive for appending (creating it if missing; `close()` the location when done),
/// `s3://` a bucket; HTTP is refused. A local directory: inside an existing hierarchy when its
/// parent is one (the new node goes there), else a new store at the path itself.
func openDestinationLocation(_ argument: String) throws -> NodeLocation {
    if argument.contains("://") {
        if case .http? = try? StoreLocation(parsing: argument) {
            throw CommandFailure(argument, "HTTP stores are read-only; copy to a directory, a .zip file or an s3:// URL")
        }
        return NodeLocation(argument: argument, store: try opening(argument) { try openStore(argument, writable: true) }, nodePath: "")
    }
    let url = URL(fileURLWithPath: argument).standardizedFileURL
    let components = url.pathComponents
    if let zip = zipComponent(components), !isDirectory(components[...zip]) {
        let path = join(components[...zip])
        return NodeLocation(
            argument: argument, store: try opening(argument) { try openStore(path, writable: true) },
            nodePath: components[(zip + 1)...].joined(separator: "/"))
    }
    let parent = url.deletingLastPathComponent().pathComponents
    if holdsMetadata(parent[...]) {
        let location = try openNodeLocation(url.deletingLastPathComponent().path)
        return NodeLocation(
            argument: argument, store: location.store,
            nodePath: location.nodePath.isEmpty ? url.lastPathComponent : location.nodePath + "/" + url.lastPathComponent)
    }
    return NodeLocation(argument: argument, store: LocalStore(url.path), nodePath: "")
}

/// Runs `open`, naming `argument` in what it throws.
private func opening(_ argument: String, _ open: () throws -> any ReadableStore) throws -> any ReadableStore {
    do {
        return try open()
    } catch {
        throw CommandFailure(argument, error)
    }
}

// MARK: File system helpers

/// The index of the first path component that names a zip archive (ends in `.zip`, any case).
private func zipComponent(_ components: [String]) -> Int? {
    components.firstIndex { $0.lowercased().hasSuffix(".zip") }
}

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

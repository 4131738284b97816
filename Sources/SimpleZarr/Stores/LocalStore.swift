// A store on the local file system: key "a/b/c" is the file <root>/a/b/c.
//
// Writes are atomic: a value is first written to a hidden temporary file next to
// its target (".<name>.tmp-<UUID>") and then renamed over it, so readers see the
// old value or the new one, never a torn mix, and a failed or interrupted write
// leaves the old value in place. Listing skips such temporary files.

import Foundation

/// A readable, writable and listable store on the local file system, rooted at a
/// directory.
///
/// Each key is a file below the root; "/" in a key separates directories, which
/// are created as needed. `set` replaces a file atomically (write a temporary
/// file, then rename). Listing follows symbolic links to files but does not
/// descend into symbolic links to directories, so a link cycle cannot make it
/// loop.
///
/// Thread-safe: the store holds no mutable state; concurrent writes of one key
/// end with one of the written values.
open class LocalStore: BaseStore, ReadableStore, WritableStore, ListableStore, @unchecked Sendable {
    /// The root directory of the store, without a trailing "/" (unless it is "/").
    public let path: String

    /// The root directory of the store as a file URL.
    public var url: URL {
        URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Creates a store rooted at the directory `path`, which need not exist yet
    /// (it is created by the first `set`). An empty path means the current directory.
    public init(_ path: String) {
        var p = path.isEmpty ? "." : path
        while p.utf8.count > 1, p.utf8.last == StoreKeys.slash {
            p.removeLast()
        }
        self.path = p
        super.init()
    }

    /// Creates a store rooted at the directory of the file URL `url`.
    public convenience init(_ url: URL) {
        self.init(url.standardizedFileURL.path)
    }

    /// `<LocalStore '/the/path'>`, like Python's `repr()`.
    open override var description: String {
        "<\(StoreKeys.className(self)) \(StoreKeys.repr(path))>"
    }

    // MARK: ReadableStore

    /// Reads the whole file of `key`.
    open func uncheckedGet(_ key: String) throws -> Data {
        let file = filePath(key)
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw failure(error, file: file, key: key, method: "get", doing: "read")
        }
    }

    /// Reads only the requested byte ranges, with seek and read.
    open func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        var result: [Data] = []
        result.reserveCapacity(keyRanges.count)
        for range in keyRanges {
            let file = filePath(range.key)
            guard kind(file) == .file else {
                throw StoreError.keyNotFound(key: range.key, method: qualified("getPartialValues"))
            }
            do {
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
                defer { try? handle.close() }
                let size = try handle.seekToEnd()
                let start = UInt64(max(0, range.start))
                guard start < size else {
                    result.append(Data())
                    continue
                }
                var count = size - start
                if let length = range.length {
                    count = min(count, UInt64(max(0, length)))
                }
                guard count > 0 else {
                    result.append(Data())
                    continue
                }
                try handle.seek(toOffset: start)
                result.append(try handle.read(upToCount: Int(clamping: count)) ?? Data())
            } catch {
                throw failure(error, file: file, key: range.key, method: "getPartialValues", doing: "read")
            }
        }
        return result
    }

    // MARK: WritableStore

    /// Writes a temporary file next to the target and renames it over the target.
    open func uncheckedSet(_ key: String, _ value: Data) throws {
        let target = filePath(key)
        let dir: String
        let name: String
        let u = key.utf8
        if let lastSlash = u.lastIndex(of: StoreKeys.slash) {
            dir = base + String(decoding: u[u.startIndex..<lastSlash], as: UTF8.self)
            name = String(decoding: u[u.index(after: lastSlash)...], as: UTF8.self)
        } else {
            dir = path
            name = key
        }
        try ensureDirectory(dir, forKey: key)

        let temp = Self.join(dir, "." + String(name.prefix(64)) + Self.tempMarker + UUID().uuidString)
        if let code = Self.writeNewFile(temp, value) {
            unlink(temp)
            throw StoreError.io("\(qualified("set"))(): cannot write \(StoreKeys.repr(temp)): \(Self.reason(errno: code))")
        }
        if rename(temp, target) != 0 {
            let code = errno
            try? FileManager.default.removeItem(atPath: temp)
            if kind(target) == .directory {
                throw StoreError.conflict(
                    "\(qualified("set"))(): cannot set \(StoreKeys.repr(key)) because it is a directory")
            }
            throw StoreError.io(
                "\(qualified("set"))(): cannot rename \(StoreKeys.repr(temp)) to \(StoreKeys.repr(target)): \(Self.reason(errno: code))")
        }
    }

    /// Seeks and writes into the existing file (in place, so not atomic).
    open func uncheckedSetPartialValues(_ values: [KeyStartValue]) throws {
        for item in values {
            let file = filePath(item.key)
            guard kind(file) == .file else {
                throw StoreError.keyNotFound(key: item.key, method: qualified("setPartialValues"))
            }
            do {
                let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file))
                defer { try? handle.close() }
                let size = try handle.seekToEnd()
                let start = UInt64(max(0, item.start))
                guard start <= size else {
                    throw StoreError.invalidKey(
                        "\(qualified("setPartialValues"))(): start \(item.start) lies beyond the end of key \(StoreKeys.repr(item.key)) (\(size) bytes)")
                }
                try handle.seek(toOffset: start)
                try handle.write(contentsOf: item.value)
            } catch {
                throw failure(error, file: file, key: item.key, method: "setPartialValues", doing: "write")
            }
        }
    }

    /// Deletes the file of `key`.
    open func uncheckedErase(_ key: String) throws {
        let file = filePath(key)
        guard kind(file) == .file else {
            throw StoreError.keyNotFound(key: key, method: qualified("erase"))
        }
        do {
            try FileManager.default.removeItem(atPath: file)
        } catch {
            throw failure(error, file: file, key: key, method: "erase", doing: "remove")
        }
    }

    /// Deletes the files one by one; stops at the first missing key.
    open func uncheckedEraseValues(_ keys: [String]) throws {
        for key in keys {
            try uncheckedErase(key)
        }
    }

    /// Removes the prefix's directory tree; "/" empties the root but keeps it.
    open func uncheckedErasePrefix(_ prefix: String) throws {
        let fm = FileManager.default
        var doomed: [String] = []
        if StoreKeys.isRoot(prefix) {
            guard kind(path) == .directory else { return }
            do {
                doomed = try fm.contentsOfDirectory(atPath: path).map { Self.join(path, $0) }
            } catch {
                throw StoreError.io("\(qualified("erasePrefix"))(): cannot list \(StoreKeys.repr(path)): \(Self.reason(error))")
            }
        } else {
            let dir = directoryPath(prefix)
            guard kind(dir) == .directory else { return }
            doomed = [dir]
        }
        for item in doomed {
            do {
                try fm.removeItem(atPath: item)
            } catch {
                if kind(item) == .none { continue }
                throw StoreError.io("\(qualified("erasePrefix"))(): cannot remove \(StoreKeys.repr(item)): \(Self.reason(error))")
            }
        }
    }

    // MARK: ListableStore

    /// Walks the whole tree below the root.
    open func uncheckedList() throws -> [String] {
        var keys: [String] = []
        try walk(path, relative: "", into: &keys)
        return StoreKeys.sorted(keys)
    }

    /// Walks only the prefix's directory.
    open func uncheckedListPrefix(_ prefix: String) throws -> [String] {
        if StoreKeys.isRoot(prefix) { return try uncheckedList() }
        var keys: [String] = []
        try walk(directoryPath(prefix), relative: prefix, into: &keys)
        return StoreKeys.sorted(keys)
    }

    /// Reads just the one directory; subdirectories get a trailing "/".
    open func uncheckedListDir(_ prefix: String) throws -> [String] {
        let root = StoreKeys.isRoot(prefix)
        let dir = root ? path : directoryPath(prefix)
        let relative = root ? "" : prefix
        var entries: [String] = []
        for name in try contents(of: dir) {
            switch kind(Self.join(dir, name)) {
            case .file: entries.append(relative + name)
            case .directory: entries.append(relative + name + "/")
            case .none: continue
            }
        }
        return StoreKeys.sorted(entries)
    }

    // MARK: Paths

    private enum Kind { case file, directory, none }

    /// The root with a trailing "/".
    private var base: String {
        path.utf8.last == StoreKeys.slash ? path : path + "/"
    }

    /// The file of a (valid) key.
    private func filePath(_ key: String) -> String {
        base + key
    }

    /// The directory of a (valid, non-root) prefix.
    private func directoryPath(_ prefix: String) -> String {
        base + String(decoding: prefix.utf8.dropLast(), as: UTF8.self)
    }

    private static func join(_ dir: String, _ name: String) -> String {
        dir.utf8.last == StoreKeys.slash ? dir + name : dir + "/" + name
    }

    private func kind(_ file: String) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { return .none }
        return isDirectory.boolValue ? .directory : .file
    }

    // MARK: Temporary files

    /// Marks the temporary files of atomic writes: ".<name>.tmp-<UUID>".
    static let tempMarker = ".tmp-"

    /// Creates `file` (which must not exist) holding `value`; returns the errno of a failure.
    ///
    /// Plain POSIX calls without fsync: Foundation's `Data.write(to:)` syncs every file on Linux,
    /// which made chunk writes several times slower. The rename that follows is what keeps a
    /// reader (or a crashed writer) from ever seeing a partial value.
    static func writeNewFile(_ file: String, _ value: Data) -> Int32? {
        // A NUL byte would silently cut the C path short and write a different file.
        guard !file.utf8.contains(0) else { return EINVAL }
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return errno }
        var failure: Int32?
        value.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == nil { failure = errno }
        return failure
    }

    /// True for the name of a temporary file written by `uncheckedSet`.
    static func isTempName(_ name: String) -> Bool {
        let u = name.utf8
        let tailLength = tempMarker.utf8.count + 36
        guard u.first == StoreKeys.period, u.count > tailLength else { return false }
        let tail = u.suffix(tailLength)
        guard tail.starts(with: tempMarker.utf8) else { return false }
        return UUID(uuidString: String(decoding: tail.dropFirst(tempMarker.utf8.count), as: UTF8.self)) != nil
    }

    // MARK: Helpers

    private func qualified(_ method: String) -> String {
        "\(StoreKeys.className(self)).\(method)"
    }

    /// Creates `dir` and its parents; a file in the way is a conflict.
    private func ensureDirectory(_ dir: String, forKey key: String) throws {
        if kind(dir) == .directory { return }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            if kind(dir) == .directory { return }  // another thread made it meanwhile
            for parent in StoreKeys.parentDirs(key) {
                let asKey = String(decoding: parent.utf8.dropLast(), as: UTF8.self)
                if kind(filePath(asKey)) == .file {
                    throw StoreError.conflict(
                        "\(qualified("set"))(): cannot set \(StoreKeys.repr(key)) because \(StoreKeys.repr(asKey)) exists")
                }
            }
            throw StoreError.io(
                "\(qualified("set"))(): cannot create directory \(StoreKeys.repr(dir)): \(Self.reason(error))")
        }
    }

    /// The names in `dir` without temporary files; none when `dir` is not a directory.
    private func contents(of dir: String) throws -> [String] {
        guard kind(dir) == .directory else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: dir).filter { !Self.isTempName($0) }
        } catch {
            if kind(dir) != .directory { return [] }  // removed meanwhile
            throw StoreError.io("\(StoreKeys.className(self)).list(): cannot list \(StoreKeys.repr(dir)): \(Self.reason(error))")
        }
    }

    /// Collects the files below `dir` as keys starting with `relative`.
    private func walk(_ dir: String, relative: String, into keys: inout [String]) throws {
        for name in try contents(of: dir) {
            let full = Self.join(dir, name)
            switch kind(full) {
            case .file:
                keys.append(relative + name)
            case .directory:
                // Do not follow a link to a directory: a cycle would never end.
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) != nil { continue }
                try walk(full, relative: relative + name + "/", into: &keys)
            case .none:
                continue
            }
        }
    }

    /// Maps a Foundation error: a missing file is `keyNotFound`, the rest is `io`.
    private func failure(_ error: Error, file: String, key: String, method: String, doing: String) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        if kind(file) != .file {
            return .keyNotFound(key: key, method: qualified(method))
        }
        return .io("\(qualified(method))(): cannot \(doing) \(StoreKeys.repr(file)): \(Self.reason(error))")
    }

    /// The operating system's reason behind a Foundation error.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(truncatingIfNeeded: ns.code))
        }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(truncatingIfNeeded: underlying.code))
        }
        return ns.localizedDescription
    }

    /// The text for an `errno` value.
    static func reason(errno code: Int32) -> String {
        String(cString: strerror(code))
    }
}

// A store on the local file system: key "a/b/c" is the file <root>/a/b/c.
//
// Writes are atomic: a value goes to a temporary file first and is then renamed
// over its target, so readers see the old value or the new one, never a torn mix,
// and a failed or interrupted write leaves the old value in place. A temporary
// file sits next to its target under a name of 3 to 255 periods: the key rules
// refuse a part made only of periods, so no key can ever have such a name, and
// listing skips them without hiding anything a user stored. Keeping the temporary
// in the target's directory makes the rename a same-directory one (cheap, and
// never across file systems).
//
// Writes and erases walk from the root one directory at a time with O_NOFOLLOW and
// act relative to the directory descriptor they reach, so a symbolic link on the
// way (or one swapped in meanwhile) cannot send them outside the root.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A readable, writable and listable store on the local file system, rooted at a
/// directory.
///
/// Each key is a file below the root; "/" in a key separates directories, which
/// are created as needed. Keys are file names byte for byte, so besides the rules
/// of every store a key part may be at most 255 bytes and the whole path at most
/// the system's path limit (4095 bytes on Linux); longer keys throw
/// `StoreError.invalidKey`. On a file system that folds case or Unicode
/// normalization (macOS by default), keys that differ only so share one file.
///
/// **Writes.** `set` writes a temporary file and renames it over the target, so a
/// value is replaced whole or not at all, even if the process dies. A temporary is
/// named by 3 to 255 periods (`...`, `....`, …), which no key part can be, so
/// listing skips exactly these names and never hides a key. A writer that is
/// killed leaves its temporary behind; it is never listed, a later write into the
/// same directory that needs its name takes it over once it is older than
/// `staleTemporaryAge` (an active writer keeps its file's time fresh), and
/// `removeStaleTemporaryFiles(olderThan:)` and `erasePrefix` delete such files.
/// `setPartialValues` reads the value, patches it and writes it back the same
/// way, so it costs a rewrite of the whole value but is just as safe.
///
/// **Durability.** With `durable: true`, every write flushes the temporary file
/// before the rename and the directory after it (and erases flush the directory),
/// so a completed call survives a power loss. That costs a disk flush per call;
/// without it, a power loss may lose recent writes, but never tears a value.
///
/// **Symbolic links.** Reads follow links: `get`, `getPartialValues`, `listDir`
/// and the starting directory of `listPrefix` see through them, so data can be
/// linked in deliberately (`list()` and `listPrefix` do not descend into linked
/// directories below their start, so a link cycle cannot make them loop). Writes
/// and erases never act outside the root: every directory between the root and
/// the key must be a real directory, and a link there (even one into the root,
/// which would make two keys one file) makes `set`, `setPartialValues`, `erase`,
/// `eraseValues` and `erasePrefix` throw `StoreError.conflict`. A key that is itself a link is replaced by `set` and
/// `setPartialValues` and removed by `erase`; `erasePrefix` removes a linked
/// directory's link, never what it points to. The root itself may be a link.
///
/// **Concurrency.** Thread-safe. Within one process, each `setPartialValues` call
/// is atomic per key with respect to `set`, `erase` and other partial writes of
/// that key (a lock per key), and a `get` racing a write or erase returns a whole
/// value or throws `keyNotFound`. Across processes, `set` is still atomic (the
/// last rename wins), but two processes patching one key may lose one's bytes,
/// and `erasePrefix` is not atomic anywhere: keys written into the prefix while it
/// runs may survive.
open class LocalStore: BaseStore, ReadableStore, WritableStore, ListableStore, @unchecked Sendable {
    // `@unchecked Sendable`: all stored state is immutable; the only shared mutable
    // state is `keyLocks`, a table of mutexes that guards itself.

    /// The root directory of the store, without a trailing "/" (unless it is "/").
    public let path: String

    /// Whether writes and erases flush to stable storage before they return.
    public let durable: Bool

    /// The age in seconds (one hour) after which a temporary file counts as left
    /// behind by a writer that died.
    public static let staleTemporaryAge: TimeInterval = 3600

    /// The root directory of the store as a file URL.
    public var url: URL {
        URL(fileURLWithPath: path, isDirectory: true)
    }

    /// The root with a trailing "/".
    private let base: String
    /// Why the root path cannot be used, if it cannot (it holds a NUL).
    private let rootProblem: String?
    /// Serialises read-modify-write of one key against other writes of that key,
    /// for every LocalStore of the process (so two stores on one root agree).
    private static let keyLocks = KeyLocks(count: 256)
    private var keyLocks: KeyLocks { Self.keyLocks }

    /// Creates a store rooted at the directory `path`, which need not exist yet
    /// (it is created by the first `set`). An empty path means the current
    /// directory. With `durable`, writes and erases are flushed to stable storage
    /// before they return (see the class description).
    public init(_ path: String, durable: Bool = false) {
        var p = path.isEmpty ? "." : path
        while p.utf8.count > 1, p.utf8.last == StoreKeys.slash {
            p.removeLast()
        }
        self.path = p
        self.durable = durable
        self.base = p.utf8.last == StoreKeys.slash ? p : p + "/"
        self.rootProblem = p.utf8.contains(StoreKeys.nul)
            ? "the root path \(StoreKeys.repr(p)) contains a NUL character" : nil
        super.init()
    }

    /// Creates a store rooted at the directory of the file URL `url`.
    public convenience init(_ url: URL, durable: Bool = false) {
        self.init(url.standardizedFileURL.path, durable: durable)
    }

    /// `<LocalStore '/the/path'>`, like Python's `repr()`.
    open override var description: String {
        "<\(StoreKeys.className(self)) \(StoreKeys.repr(path))>"
    }

    // MARK: ReadableStore

    /// Reads the whole file of `key` (following symbolic links).
    open func uncheckedGet(_ key: String) throws -> Data {
        try uncheckedGet(key, maximumSize: Int.max)
    }

    /// Reads the whole file of `key`, refusing one longer than `maximumSize` from its size
    /// before reading (and, for a file that grows meanwhile, after at most one byte more).
    open func uncheckedGet(_ key: String, maximumSize: Int) throws -> Data {
        try checkName(key, "get")
        let (fd, size) = try openForReading(key, method: "get")
        defer { FileCalls.close(fd) }
        try StoreKeys.checkValueSize(size, maximumSize: maximumSize, key: key, self, "get")
        switch FileCalls.readAll(fd, expected: size, limit: maximumSize) {
        case .success(let data):
            try StoreKeys.checkValueSize(data.count, maximumSize: maximumSize, key: key, self, "get")
            return data
        case .failure(let error): throw ioError("get", "read", base + key, error)
        }
    }

    /// Reads only the requested byte ranges (one `pread` each; a negative start is resolved
    /// against the file's size, so the tail of a file costs no more than its head);
    /// consecutive ranges of one key share one open file.
    open func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        for range in keyRanges {
            try checkName(range.key, "getPartialValues")
        }
        var result: [Data] = []
        result.reserveCapacity(keyRanges.count)
        var current: (key: String, fd: Int32, size: Int)?
        defer { if let current { FileCalls.close(current.fd) } }
        for range in keyRanges {
            if current.map({ !StoreKeys.same($0.key, range.key) }) ?? true {
                if let open = current {
                    FileCalls.close(open.fd)
                    current = nil
                }
                let (fd, size) = try openForReading(range.key, method: "getPartialValues")
                current = (range.key, fd, size)
            }
            guard let open = current else { continue }
            let start = StoreKeys.resolvedStart(range.start, count: open.size)
            guard start < open.size else {
                result.append(Data())
                continue
            }
            var count = open.size - start
            if let length = range.length { count = min(count, max(0, length)) }
            switch FileCalls.readRange(open.fd, offset: start, count: count) {
            case .success(let data): result.append(data)
            case .failure(let error): throw ioError("getPartialValues", "read", base + range.key, error)
            }
        }
        return result
    }

    // MARK: WritableStore

    /// Writes a temporary file and renames it over the target, creating the
    /// directories on the way (never through a symbolic link).
    open func uncheckedSet(_ key: String, _ value: Data) throws {
        try checkName(key, "set")
        let parts = Self.parts(key)
        guard let name = parts.last else { return }
        for _ in 0..<Self.attempts {
            switch try openDirectory(parts.dropLast(), create: true, subject: key, method: "set") {
            case .missing, .vanished:
                continue
            case .blocked(let asKey):
                throw StoreError.conflict(
                    "\(qualified("set"))(): cannot set \(StoreKeys.repr(key)) because \(StoreKeys.repr(asKey)) exists")
            case .opened(let dir):
                defer { FileCalls.close(dir) }
                if case .success(let st) = FileCalls.status(at: dir, name, follow: true), FileCalls.isDirectory(st) {
                    throw isDirectoryConflict(key, "set")
                }
                if try replace(in: dir, name: name, with: value, key: key, method: "set", locked: false) {
                    return
                }
            }
        }
        throw vanishing(key, "set")
    }

    /// Reads, patches and rewrites each value (temporary file and rename), holding
    /// the key's lock; consecutive items of one key become one rewrite.
    open func uncheckedSetPartialValues(_ values: [KeyStartValue]) throws {
        for item in values {
            try checkName(item.key, "setPartialValues")
        }
        var i = values.startIndex
        while i < values.endIndex {
            var j = i + 1
            while j < values.endIndex, StoreKeys.same(values[j].key, values[i].key) { j += 1 }
            try patch(values[i..<j])
            i = j
        }
    }

    /// Deletes the file (or the link) of `key`.
    open func uncheckedErase(_ key: String) throws {
        try checkName(key, "erase")
        let parts = Self.parts(key)
        guard let name = parts.last else { return }
        let notFound = StoreError.keyNotFound(key: key, method: qualified("erase"))
        guard case .opened(let dir) = try openDirectory(parts.dropLast(), create: false, subject: key, method: "erase") else {
            throw notFound
        }
        defer { FileCalls.close(dir) }
        let failure: FileCallError? = keyLocks.withLock(key) {
            switch FileCalls.status(at: dir, name, follow: true) {
            case .failure(let error): return error
            case .success(let st) where !FileCalls.isFile(st): return FileCallError(code: ENOENT)
            case .success: break
            }
            return unlinkat(dir, name, 0) == 0 ? nil : .last
        }
        if let failure {
            // EISDIR/EPERM: replaced by a directory meanwhile, which is no key either.
            if failure.isNotFound || failure.code == EISDIR || failure.code == EPERM { throw notFound }
            throw ioError("erase", "remove", base + key, failure)
        }
        try syncIfDurable(dir, "erase", parent: key)
    }

    /// Deletes the files one by one; stops at the first missing key.
    open func uncheckedEraseValues(_ keys: [String]) throws {
        for key in keys {
            try uncheckedErase(key)
        }
    }

    /// Removes the prefix's directory tree without following any link in it ("/"
    /// empties the root but keeps it); a link as the prefix's directory is removed
    /// itself.
    open func uncheckedErasePrefix(_ prefix: String) throws {
        if StoreKeys.isRoot(prefix) {
            try checkRoot("erasePrefix")
            guard let root = try openRoot("erasePrefix") else { return }
            defer { FileCalls.close(root) }
            let entries = try listEntries(root, display: path, "erasePrefix")
            for entry in entries {
                try removeTree(in: root, entry.name, display: base + entry.display)
            }
            try syncIfDurable(root, "erasePrefix", parent: "")
            return
        }
        try checkName(prefix, "erasePrefix")
        let parts = Self.parts(String(decoding: prefix.utf8.dropLast(), as: UTF8.self))
        guard let name = parts.last else { return }
        guard case .opened(let dir) = try openDirectory(parts.dropLast(), create: false, subject: prefix,
                                                          method: "erasePrefix") else { return }
        defer { FileCalls.close(dir) }
        let display = base + String(decoding: prefix.utf8.dropLast(), as: UTF8.self)
        switch FileCalls.status(at: dir, name, follow: false) {
        case .failure(let error):
            if error.isNotFound { return }
            throw ioError("erasePrefix", "inspect", display, error)
        case .success(let st) where FileCalls.isDirectory(st):
            try removeTree(in: dir, Array(name.utf8CString), display: display)
        case .success(let st) where FileCalls.isLink(st):
            // A link to a directory stands for that directory: remove the link only.
            guard case .success(let target) = FileCalls.status(at: dir, name, follow: true),
                  FileCalls.isDirectory(target) else { return }
            if unlinkat(dir, name, 0) != 0, errno != ENOENT {
                throw ioError("erasePrefix", "remove", display, .last)
            }
        case .success:
            return  // a key of that name: not below the prefix
        }
        try syncIfDurable(dir, "erasePrefix", parent: prefix)
    }

    // MARK: ListableStore

    /// Walks the whole tree below the root.
    open func uncheckedList() throws -> [String] {
        try checkRoot("list")
        guard let root = try openRoot("list") else { return [] }
        defer { FileCalls.close(root) }
        var keys: [String] = []
        try walk(root, relative: "", method: "list", into: &keys)
        return StoreKeys.sorted(keys)
    }

    /// Walks only the prefix's directory.
    open func uncheckedListPrefix(_ prefix: String) throws -> [String] {
        if StoreKeys.isRoot(prefix) { return try uncheckedList() }
        try checkName(prefix, "listPrefix")
        guard let dir = try openForListing(prefix, "listPrefix") else { return [] }
        defer { FileCalls.close(dir) }
        var keys: [String] = []
        try walk(dir, relative: prefix, method: "listPrefix", into: &keys)
        return StoreKeys.sorted(keys)
    }

    /// Reads just the one directory; subdirectories (and links to them) get a
    /// trailing "/".
    open func uncheckedListDir(_ prefix: String) throws -> [String] {
        let root = StoreKeys.isRoot(prefix)
        if root { try checkRoot("listDir") } else { try checkName(prefix, "listDir") }
        guard let dir = root ? try openRoot("listDir") : try openForListing(prefix, "listDir") else { return [] }
        defer { FileCalls.close(dir) }
        let relative = root ? "" : prefix
        var entries: [String] = []
        for entry in try listEntries(dir, display: base + relative, "listDir") {
            guard let name = Self.keyPart(entry) else { continue }
            switch resolvedType(entry, in: dir) {
            case FileCalls.typeFile: entries.append(relative + name)
            case FileCalls.typeDirectory: entries.append(relative + name + "/")
            default: continue
            }
        }
        return StoreKeys.sorted(entries)
    }

    // MARK: Temporary files

    /// Deletes the temporary files below the root that are older than `age`
    /// seconds, left behind by writers that were killed mid-write, and returns how
    /// many it deleted. Only files named by periods alone are touched, never a key;
    /// linked directories are not entered. An active writer refreshes its file's
    /// time as it writes, so the default age of an hour is safe while other
    /// processes write; a smaller age is safe only when no one writes (a writer
    /// whose temporary vanishes starts over, so even then no value is torn).
    @discardableResult
    public func removeStaleTemporaryFiles(olderThan age: TimeInterval = LocalStore.staleTemporaryAge) throws -> Int {
        try checkRoot("removeStaleTemporaryFiles")
        guard let root = try openRoot("removeStaleTemporaryFiles") else { return 0 }
        defer { FileCalls.close(root) }
        return try sweepTree(root, display: path, age: age)
    }

    // MARK: Writing helpers

    /// How often a write restarts when its directory vanishes under it (a
    /// concurrent `erasePrefix`) before it gives up.
    private static let attempts = 16

    /// Reads, patches and rewrites one key under its lock; starts over when its
    /// temporary file vanished under it (then the key may be gone, too).
    private func patch(_ items: ArraySlice<KeyStartValue>) throws {
        guard let key = items.first?.key else { return }
        let parts = Self.parts(key)
        guard let name = parts.last else { return }
        let notFound = StoreError.keyNotFound(key: key, method: qualified("setPartialValues"))
        for _ in 0..<Self.attempts {
            guard case .opened(let dir) = try openDirectory(parts.dropLast(), create: false, subject: key,
                                                              method: "setPartialValues") else { throw notFound }
            defer { FileCalls.close(dir) }
            let done: Bool = try keyLocks.withLock(key) {
                var value: Data
                switch FileCalls.open(at: dir, name, O_RDONLY | O_NONBLOCK) {
                case .failure(let error):
                    if error.isNotFound { throw notFound }
                    throw ioError("setPartialValues", "open", base + key, error)
                case .success(let fd):
                    defer { FileCalls.close(fd) }
                    guard case .success(let st) = FileCalls.status(of: fd), FileCalls.isFile(st) else { throw notFound }
                    switch FileCalls.readAll(fd, expected: Int(st.st_size)) {
                    case .success(let data): value = data
                    case .failure(let error): throw ioError("setPartialValues", "read", base + key, error)
                    }
                }
                var failure: Error?
                var applied = 0
                for item in items {
                    do {
                        try StoreKeys.splice(&value, start: item.start, with: item.value,
                                             key: item.key, self, "setPartialValues")
                        applied += 1
                    } catch {
                        failure = error
                        break
                    }
                }
                // Items before a failing one stay applied, as in the other stores.
                if applied > 0, !(try replace(in: dir, name: name, with: value, key: key,
                                              method: "setPartialValues", locked: true)) {
                    return false
                }
                if let failure { throw failure }
                return true
            }
            if done { return }
        }
        throw vanishing(key, "setPartialValues")
    }

    /// Writes `value` to a new temporary file in `dir` and renames it to `name`,
    /// under the key's lock unless the caller holds it. Returns false when `dir` or
    /// the temporary vanished meanwhile (a concurrent `erasePrefix`, or a sweep that
    /// took it for abandoned); nothing is left behind then.
    private func replace(in dir: Int32, name: String, with value: Data, key: String, method: String,
                         locked: Bool) throws -> Bool {
        let display = base + key
        guard let temp = try createTemporary(in: dir, display: display, method: method) else { return false }
        var closed = false
        defer { if !closed { FileCalls.close(temp.fd) } }
        /// Removes the temporary by name, but only while the name is still ours.
        func discard() {
            if isOurs(temp, in: dir) { unlinkat(dir, temp.name, 0) }
        }
        var written = FileCalls.writeAll(temp.fd, value)
        if durable, case .success = written { written = FileCalls.sync(temp.fd) }
        if case .failure(let error) = written {
            discard()
            throw ioError(method, "write", display, error)
        }
        // The descriptor stays open until after the rename, so `isOurs` can tell
        // whether the name still belongs to this file.
        let rename = { [self] () -> FileCallError? in
            guard isOurs(temp, in: dir) else { return FileCallError(code: ENOENT) }
            return renameat(dir, temp.name, dir, name) == 0 ? nil : .last
        }
        let renameError = locked ? rename() : keyLocks.withLock(key, rename)
        if let error = renameError {
            discard()
            switch error.code {
            case ENOENT: return false
            case EISDIR, ENOTEMPTY, EEXIST: throw isDirectoryConflict(key, method)
            default: throw ioError(method, "rename a temporary file to", display, error)
            }
        }
        closed = true
        if case .failure(let error) = FileCalls.close(temp.fd) {
            throw ioError(method, "write", display, error)
        }
        try syncIfDurable(dir, method, parent: key)
        return true
    }

    /// An open temporary file: its name in its directory, its descriptor and identity.
    private struct Temporary {
        let name: String
        let fd: Int32
        let device: UInt64
        let inode: UInt64
    }

    /// Creates a temporary file in `dir` under a free name of periods only; returns
    /// nil when `dir` no longer exists. A name held by a file older than
    /// `staleTemporaryAge` is taken over (its writer died).
    private func createTemporary(in dir: Int32, display: String, method: String) throws -> Temporary? {
        // From a random start, try every name in turn (one random draw: each costs a system call).
        let names = Self.temporaryLengths
        let start = Int.random(in: 0..<names.count)
        var reclaimed = false
        var step = 0
        while step < names.count {
            let tempName = String(repeating: ".", count: names.lowerBound + (start + step) % names.count)
            step += 1
            switch FileCalls.open(at: dir, tempName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o666) {
            case .success(let fd):
                switch FileCalls.status(of: fd) {
                case .success(let st):
                    return Temporary(name: tempName, fd: fd, device: UInt64(truncatingIfNeeded: st.st_dev),
                                     inode: UInt64(truncatingIfNeeded: st.st_ino))
                case .failure(let error):
                    FileCalls.close(fd)
                    unlinkat(dir, tempName, 0)
                    throw ioError(method, "create a temporary file for", display, error)
                }
            case .failure(let error) where error.code == EEXIST:
                // Busy, unless its writer died long ago: then take it over (once per call).
                if !reclaimed, removeIfStale(tempName, in: dir, age: Self.staleTemporaryAge) {
                    reclaimed = true
                    step -= 1  // the same name again
                }
                continue
            case .failure(let error) where error.code == ENOENT:
                return nil
            case .failure(let error):
                throw ioError(method, "create a temporary file for", display, error)
            }
        }
        throw StoreError.io(
            "\(qualified(method))(): cannot create a temporary file for \(StoreKeys.repr(display)): "
                + "all \(Self.temporaryLengths.count) temporary names of its directory are in use")
    }

    /// True while `temp.name` in `dir` is still the file that `temp.fd` refers to.
    private func isOurs(_ temp: Temporary, in dir: Int32) -> Bool {
        guard case .success(let st) = FileCalls.status(at: dir, temp.name, follow: false) else { return false }
        return UInt64(truncatingIfNeeded: st.st_dev) == temp.device
            && UInt64(truncatingIfNeeded: st.st_ino) == temp.inode
    }

    /// Deletes the temporary file `name` of `dir` if it is older than `age` seconds.
    private func removeIfStale(_ name: UnsafePointer<CChar>, in dir: Int32, age: TimeInterval) -> Bool {
        guard case .success(let st) = FileCalls.status(at: dir, name, follow: false), FileCalls.isFile(st),
              FileCalls.modificationTime(st) <= Date().timeIntervalSince1970 - max(0, age) else { return false }
        return unlinkat(dir, name, 0) == 0
    }

    /// Deletes the stale temporary files in `dir` and below (links not followed).
    private func sweepTree(_ dir: Int32, display: String, age: TimeInterval) throws -> Int {
        let entries = try listEntries(dir, display: display, "removeStaleTemporaryFiles")
        var removed = 0
        for entry in entries {
            switch resolvedType(entry, in: dir, follow: false) {
            case FileCalls.typeFile:
                if Self.isTemporaryName(entry.bytes), removeIfStale(entry.name, in: dir, age: age) { removed += 1 }
            case FileCalls.typeDirectory:
                guard case .success(let sub) = FileCalls.openDirectory(at: dir, entry.name, noFollow: true) else { continue }
                defer { FileCalls.close(sub) }
                removed += try sweepTree(sub, display: display + "/" + entry.display, age: age)
            default:
                continue
            }
        }
        return removed
    }

    /// The lengths of the temporary names: runs of 3 to 255 periods. ("." and ".."
    /// are taken; no key part consists of periods only.)
    private static let temporaryLengths = 3...FileCalls.nameMax

    /// True for a name that `createTemporary` may use.
    static func isTemporaryName<C: Collection>(_ name: C) -> Bool where C.Element == UInt8 {
        temporaryLengths.contains(name.count) && name.allSatisfy { $0 == StoreKeys.period }
    }

    /// Removes the directory `name` of `parent` and everything in it, never
    /// following a link (a link is deleted itself). Entries that vanish meanwhile
    /// are fine; entries that a concurrent writer adds may survive.
    private func removeTree(in parent: Int32, _ name: [CChar], display: String) throws {
        for _ in 0..<3 {
            let dir: Int32
            switch FileCalls.openDirectory(at: parent, name, noFollow: true) {
            case .success(let d):
                dir = d
            case .failure(let error) where error.code == ENOENT:
                return
            case .failure(let error) where error.code == ENOTDIR || error.code == ELOOP || error.code == EMLINK:
                // A file or a link: delete the entry itself.
                if unlinkat(parent, name, 0) != 0, errno != ENOENT {
                    throw ioError("erasePrefix", "remove", display, .last)
                }
                return
            case .failure(let error):
                throw ioError("erasePrefix", "open", display, error)
            }
            do {
                defer { FileCalls.close(dir) }
                let entries = try listEntries(dir, display: display, "erasePrefix")
                for entry in entries {
                    let child = display + "/" + entry.display
                    if entry.type == FileCalls.typeDirectory {
                        try removeTree(in: dir, entry.name, display: child)
                    } else if unlinkat(dir, entry.name, 0) != 0 {
                        let error = FileCallError.last
                        if error.code == ENOENT { continue }
                        // Linux says EISDIR and macOS EPERM for a directory of unknown type.
                        guard error.code == EISDIR || error.code == EPERM else {
                            throw ioError("erasePrefix", "remove", child, error)
                        }
                        try removeTree(in: dir, entry.name, display: child)
                    }
                }
            }
            if unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno == ENOENT { return }
            let error = FileCallError.last
            guard error.code == ENOTEMPTY || error.code == EEXIST else {
                throw ioError("erasePrefix", "remove", display, error)
            }
            // Something arrived meanwhile: another pass.
        }
    }

    /// Flushes a directory after a change, when the store is durable.
    private func syncIfDurable(_ dir: Int32, _ method: String, parent key: String) throws {
        guard durable else { return }
        if case .failure(let error) = FileCalls.sync(dir) {
            throw ioError(method, "flush the directory of", base + key, error)
        }
    }

    // MARK: Walking

    /// Where a walk to a directory ended.
    private enum Walk {
        /// The directory, open (the caller closes it).
        case opened(Int32)
        /// A directory on the way does not exist.
        case missing
        /// Something that is no directory (a file) is in the way; its key path.
        case blocked(String)
        /// A directory vanished while the walk created the next one.
        case vanished
    }

    /// Opens the directory `parts` below the root, one component at a time without
    /// following links, creating missing ones when `create`. A link on the way
    /// throws `StoreError.conflict` naming `subject`.
    private func openDirectory(_ parts: ArraySlice<String>, create: Bool, subject: String,
                               method: String) throws -> Walk {
        var fd: Int32
        switch FileCalls.openDirectory(at: AT_FDCWD, path, noFollow: false) {
        case .success(let d):
            fd = d
        case .failure(let error) where error.isNotFound && create:
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw StoreError.io(
                    "\(qualified(method))(): cannot create the store directory \(StoreKeys.repr(path)): \(Self.reason(error))")
            }
            return .missing  // the caller starts over
        case .failure(let error) where error.isNotFound:
            return .missing
        case .failure(let error):
            throw ioError(method, "open the store directory", path, error)
        }
        var walked = ""
        for part in parts {
            walked += walked.isEmpty ? part : "/" + part
            var tries = 0
            while true {
                tries += 1
                if tries > Self.attempts {
                    FileCalls.close(fd)
                    throw vanishing(subject, method)
                }
                let next = FileCalls.openDirectory(at: fd, part, noFollow: true)
                if case .success(let d) = next {
                    FileCalls.close(fd)
                    fd = d
                    break
                }
                guard case .failure(let error) = next else { continue }
                if error.code == ENOENT {
                    guard create else {
                        FileCalls.close(fd)
                        return .missing
                    }
                    if mkdirat(fd, part, 0o777) == 0 {
                        if durable, case .failure(let e) = FileCalls.sync(fd) {
                            FileCalls.close(fd)
                            throw ioError(method, "flush the directory of", base + walked, e)
                        }
                        continue
                    }
                    let mkdirError = FileCallError.last
                    if mkdirError.code == EEXIST { continue }  // made meanwhile: open it
                    FileCalls.close(fd)
                    if mkdirError.code == ENOENT { return .vanished }
                    throw ioError(method, "create directory", base + walked, mkdirError)
                }
                if error.code == ENOTDIR || error.code == ELOOP || error.code == EMLINK {
                    switch FileCalls.status(at: fd, part, follow: false) {
                    case .success(let st) where FileCalls.isLink(st):
                        FileCalls.close(fd)
                        throw StoreError.conflict(
                            "\(qualified(method))(): cannot write or erase \(StoreKeys.repr(subject)) through "
                                + "\(StoreKeys.repr(walked)), which is a symbolic link "
                                + "(writes and erases stay inside the store's root)")
                    case .success:
                        FileCalls.close(fd)
                        return .blocked(walked)
                    case .failure:
                        continue  // it changed meanwhile: look again
                    }
                }
                FileCalls.close(fd)
                throw ioError(method, "open directory", base + walked, error)
            }
        }
        return .opened(fd)
    }

    /// Opens the root directory (following a link) or returns nil when it is missing.
    private func openRoot(_ method: String) throws -> Int32? {
        switch FileCalls.openDirectory(at: AT_FDCWD, path, noFollow: false) {
        case .success(let fd): return fd
        case .failure(let error) where error.isNotFound: return nil
        case .failure(let error): throw ioError(method, "open the store directory", path, error)
        }
    }

    /// Opens a prefix's directory for reading (following links) or returns nil
    /// when there is none.
    private func openForListing(_ prefix: String, _ method: String) throws -> Int32? {
        let dir = base + String(decoding: prefix.utf8.dropLast(), as: UTF8.self)
        switch FileCalls.openDirectory(at: AT_FDCWD, dir, noFollow: false) {
        case .success(let fd): return fd
        case .failure(let error) where error.isNotFound: return nil
        case .failure(let error): throw ioError(method, "open", dir, error)
        }
    }

    /// Opens the file of `key` for reading, following links; returns it with its size.
    private func openForReading(_ key: String, method: String) throws -> (Int32, Int) {
        let file = base + key
        let fd: Int32
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is no key anyway).
        switch FileCalls.open(at: AT_FDCWD, file, O_RDONLY | O_NONBLOCK) {
        case .success(let d): fd = d
        case .failure(let error) where error.isNotFound:
            throw StoreError.keyNotFound(key: key, method: qualified(method))
        case .failure(let error):
            throw ioError(method, "open", file, error)
        }
        switch FileCalls.status(of: fd) {
        case .success(let st) where FileCalls.isFile(st):
            return (fd, Int(st.st_size))
        case .success:
            FileCalls.close(fd)
            throw StoreError.keyNotFound(key: key, method: qualified(method))
        case .failure(let error):
            FileCalls.close(fd)
            throw ioError(method, "inspect", file, error)
        }
    }

    /// Collects the files below `dir` as keys starting with `relative`; linked
    /// directories are not entered, entries that vanish meanwhile are skipped.
    private func walk(_ dir: Int32, relative: String, method: String, into keys: inout [String]) throws {
        for entry in try listEntries(dir, display: base + relative, method) {
            guard let name = Self.keyPart(entry) else { continue }
            let type = entry.type == FileCalls.typeUnknown || entry.type == FileCalls.typeLink
                ? resolvedType(entry, in: dir, follow: false) : entry.type
            switch type {
            case FileCalls.typeFile:
                keys.append(relative + name)
            case FileCalls.typeLink:
                if resolvedType(entry, in: dir) == FileCalls.typeFile { keys.append(relative + name) }
            case FileCalls.typeDirectory:
                switch FileCalls.openDirectory(at: dir, entry.name, noFollow: true) {
                case .success(let sub):
                    defer { FileCalls.close(sub) }
                    try walk(sub, relative: relative + name + "/", method: method, into: &keys)
                case .failure(let error) where error.isNotFound || error.code == EMLINK:
                    continue  // removed or replaced meanwhile
                case .failure(let error):
                    throw ioError(method, "open", base + relative + name, error)
                }
            default:
                continue
            }
        }
    }

    /// The entries of an open directory (none if it vanished meanwhile); `display` names it in errors.
    private func listEntries(_ dir: Int32, display: String, _ method: String) throws -> [DirectoryEntry] {
        switch FileCalls.entries(of: dir) {
        case .success(let entries): return entries
        case .failure(let error) where error.isNotFound: return []
        case .failure(let error): throw ioError(method, "list", display, error)
        }
    }

    /// The type of an entry as file, directory, link (only when not following) or
    /// unknown (gone, or something else); asks the file system when the listing
    /// did not say, or when following a link.
    private func resolvedType(_ entry: DirectoryEntry, in dir: Int32, follow: Bool = true) -> UInt8 {
        if entry.type == FileCalls.typeFile || entry.type == FileCalls.typeDirectory { return entry.type }
        if !follow, entry.type == FileCalls.typeLink { return entry.type }
        guard case .success(let st) = FileCalls.status(at: dir, entry.name, follow: follow) else {
            return FileCalls.typeUnknown
        }
        if FileCalls.isFile(st) { return FileCalls.typeFile }
        if FileCalls.isDirectory(st) { return FileCalls.typeDirectory }
        if FileCalls.isLink(st) { return FileCalls.typeLink }
        return FileCalls.typeUnknown
    }

    /// The name of an entry as a key part, or nil when no key can have it: not
    /// UTF-8, or only periods (such as the temporary files).
    private static func keyPart(_ entry: DirectoryEntry) -> String? {
        let bytes = entry.bytes
        guard !bytes.allSatisfy({ $0 == StoreKeys.period }) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    // MARK: Names

    /// The "/"-separated parts of a valid key (or of a prefix without its final "/").
    private static func parts(_ key: String) -> [String] {
        key.utf8.split(separator: StoreKeys.slash, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Throws unless the root path is usable.
    private func checkRoot(_ method: String) throws {
        if let rootProblem {
            throw StoreError.io("\(qualified(method))(): \(rootProblem)")
        }
    }

    /// Throws `StoreError.invalidKey` for a (valid) key or prefix that no file can
    /// have here: a NUL, a part longer than 255 bytes, or a path over the system limit.
    private func checkName(_ name: String, _ method: String) throws {
        try checkRoot(method)
        let what = name.utf8.last == StoreKeys.slash ? "prefix" : "key"
        // Checked by the public methods already; again here, as a C path would end at the NUL.
        if name.utf8.contains(StoreKeys.nul) {
            throw StoreError.invalidKey(
                "\(qualified(method))(): \(what) must not contain NUL characters, got \(StoreKeys.repr(name))")
        }
        for part in name.utf8.split(separator: StoreKeys.slash) where part.count > FileCalls.nameMax {
            throw StoreError.invalidKey(
                "\(qualified(method))(): \(what) parts must be at most \(FileCalls.nameMax) bytes (the file name limit), "
                    + "got \(StoreKeys.repr(name))")
        }
        let length = base.utf8.count + name.utf8.count
        if length >= FileCalls.pathMax {
            throw StoreError.invalidKey(
                "\(qualified(method))(): the path of \(what) \(StoreKeys.repr(name)) would be \(length) bytes, "
                    + "over the system limit of \(FileCalls.pathMax - 1)")
        }
    }

    // MARK: Errors

    private func qualified(_ method: String) -> String {
        "\(StoreKeys.className(self)).\(method)"
    }

    private func ioError(_ method: String, _ doing: String, _ file: String, _ error: FileCallError) -> StoreError {
        .io("\(qualified(method))(): cannot \(doing) \(StoreKeys.repr(file)): \(error.reason)")
    }

    private func isDirectoryConflict(_ key: String, _ method: String) -> StoreError {
        .conflict("\(qualified(method))(): cannot set \(StoreKeys.repr(key)) because it is a directory")
    }

    private func vanishing(_ key: String, _ method: String) -> StoreError {
        .io("\(qualified(method))(): the directory of \(StoreKeys.repr(key)) kept disappearing (removed concurrently)")
    }

    /// The operating system's reason behind a Foundation error.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain {
            return FileCallError(code: Int32(truncatingIfNeeded: ns.code)).reason
        }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return FileCallError(code: Int32(truncatingIfNeeded: underlying.code)).reason
        }
        return ns.localizedDescription
    }
}

// A store in a ZIP archive, as zarr-python's `zarr.storage.ZipStore` keeps one, but complete:
// keys are entry names; reading finds entries through the central directory and reads them
// with `pread` from any number of threads; writing appends each value as a new entry and
// writes the central directory of the live entries on `close()`. The format parts live in
// Stores/Zip/.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A readable, writable and listable store in a ZIP file (zarr-python's `ZipStore`).
///
/// ```swift
/// let store = try ZipStore("data.zip", mode: .write)
/// try store.set("zarr.json", metadata)
/// try store.close()            // writes the central directory
/// let group = try openZarr(ZipStore("data.zip"))
/// ```
///
/// - Reading takes archives written by zarr-python, Python's `zipfile` and Info-ZIP's `zip`:
///   stored, deflated, bzip2 and zstd entries, zip64 archives, data descriptors, an archive
///   comment. Each value is checked against its CRC-32 (a partial read of a stored entry reads
///   only its bytes and is not checked). Directory entries and names that are not valid keys
///   are not listed.
/// - Writing appends each value as an entry (`compression`: stored, or deflated when that makes
///   it smaller). Setting a key again appends a new entry and erasing drops one; the central
///   directory written by `close()` lists only the live entry of each key, so the result opens
///   in any zip reader without duplicate names. The bytes of replaced entries stay in the file.
/// - **Call `close()`** after writing: until then the file has no central directory and no zip
///   reader can open it. A store that is never closed closes itself when it is released
///   (as Python's `zipfile` does), but an error at that point cannot be reported.
///
/// Thread-safe: reads run in parallel (one `pread` per read, no lock held); writes are
/// serialised by a lock; the state sits behind a `LockedValue`, which is what makes the
/// `@unchecked Sendable` conformance true.
public final class ZipStore: BaseStore, ReadableStore, WritableStore, ListableStore, @unchecked Sendable {
    /// How the archive is opened, as in Python's `zipfile` (`"r"`, `"w"`, `"a"`, `"x"`).
    public enum Mode: String, Sendable {
        /// Read an existing archive; writes throw.
        case read = "r"
        /// Create a new archive, replacing any file at the path.
        case write = "w"
        /// Add to an existing archive (created when missing).
        case append = "a"
        /// Create a new archive; fails when the file exists.
        case exclusive = "x"
    }

    /// How new entries are compressed.
    public enum Compression: Sendable, Equatable {
        /// Entries hold the value as is (zarr-python's default, `ZIP_STORED`).
        case stored
        /// Entries are deflated at `level` (0...9), kept stored when that is not smaller.
        case deflated(level: Int)
    }

    private struct State {
        /// The live entry of each key.
        var entries: [StoreKey: ZipEntry] = [:]
        /// Where the next entry goes.
        var end = 0
        /// True once anything was written or erased.
        var dirty = false
        var closed = false
        /// Reads in flight; the file is closed when the last one ends after `close()`.
        var readers = 0
        var descriptorClosed = false
    }

    /// The path of the archive (`"<memory>"` for one read from bytes).
    public let path: String
    /// The mode the archive was opened in.
    public let mode: Mode
    /// How new entries are compressed.
    public let compression: Compression

    private let source: ZipSource
    private let state: LockedValue<State>
    /// Held for the whole of every write, so writes land one after the other. A plain lock:
    /// a `LockedValue<Void>` hands out `inout` access to a zero-sized value, which
    /// ThreadSanitizer reports as a race between the writers it serialises.
    private let writeLock = NSLock()

    // MARK: Opening

    /// Opens the archive at `path` in `mode`.
    ///
    /// - Throws: `StoreError.io` when the file cannot be opened (or, in mode `.exclusive`, exists);
    ///   `StoreError.corrupt` when it is not a well-formed zip archive (modes `.read`, `.append`);
    ///   `StoreError.unsupported` for a multi-disk archive.
    public init(_ path: String, mode: Mode = .read, compression: Compression = .stored) throws {
        self.path = path
        self.mode = mode
        self.compression = compression
        let name = "ZipStore(): \(path)"
        let flags: Int32
        switch mode {
        case .read: flags = O_RDONLY
        case .write: flags = O_RDWR | O_CREAT | O_TRUNC
        case .append: flags = O_RDWR | O_CREAT
        case .exclusive: flags = O_RDWR | O_CREAT | O_EXCL
        }
        let fd: Int32
        switch FileCalls.open(at: AT_FDCWD, path, flags, mode: 0o644) {
        case .success(let d): fd = d
        case .failure(let error):
            throw StoreError.io("\(name): cannot open in mode '\(mode.rawValue)': \(error.reason)")
        }
        var initial = State()
        do {
            let size: Int
            switch FileCalls.status(of: fd) {
            case .success(let st): size = Int(st.st_size)
            case .failure(let error): throw StoreError.io("\(name): cannot read its size: \(error.reason)")
            }
            if mode == .read || (mode == .append && size > 0) {
                initial.entries = try Self.liveEntries(from: .file(fd), size: size, context: name)
            }
            initial.end = size
        } catch {
            FileCalls.close(fd)
            throw error
        }
        source = .file(fd)
        state = LockedValue(initial)
        super.init()
    }

    /// Opens the archive at `url` (a file URL) in `mode`.
    public convenience init(_ url: URL, mode: Mode = .read, compression: Compression = .stored) throws {
        try self.init(url.path, mode: mode, compression: compression)
    }

    /// Opens the archive at `path` with a Python mode string: `"r"`, `"w"`, `"a"` or `"x"`.
    ///
    /// - Throws: `ZarrError.invalidArgument` for another mode; otherwise as `init(_:mode:compression:)`.
    public convenience init(_ path: String, mode: String, compression: Compression = .stored) throws {
        guard let parsed = Mode(rawValue: mode) else {
            throw ZarrError.invalidArgument("ZipStore(): mode must be 'r', 'w', 'a' or 'x', got \(StoreKeys.repr(mode))")
        }
        try self.init(path, mode: parsed, compression: compression)
    }

    /// Opens an archive held in memory, read-only.
    ///
    /// - Throws: `StoreError.corrupt` when the bytes are not a well-formed zip archive.
    public init(data: Data) throws {
        path = "<memory>"
        mode = .read
        compression = .stored
        let data = data.startIndex == 0 ? data : Data(data)
        var initial = State()
        initial.entries = try Self.liveEntries(from: .memory(data), size: data.count, context: "ZipStore(data:)")
        initial.end = data.count
        initial.descriptorClosed = true
        source = .memory(data)
        state = LockedValue(initial)
        super.init()
    }

    /// The entries of an archive that hold values, by key; of duplicate names the last wins
    /// (as in Python's zipfile).
    private static func liveEntries(from source: ZipSource, size: Int, context: String) throws -> [StoreKey: ZipEntry] {
        let directory = try ZipCentralDirectory.read(from: source, size: size, context: context)
        var entries: [StoreKey: ZipEntry] = [:]
        entries.reserveCapacity(directory.entries.count)
        for entry in directory.entries where !entry.isDirectory && isValidKey(entry.name) {
            entries[StoreKey(entry.name)] = entry
        }
        return entries
    }

    private static func isValidKey(_ name: String) -> Bool {
        let u = name.utf8
        return !u.isEmpty && u.first != StoreKeys.slash && u.last != StoreKeys.slash
            && !StoreKeys.hasPeriodOnlyPart(u) && !u.contains(StoreKeys.nul)
    }

    deinit {
        try? close()
        if case .file(let fd) = source, !state.withLock({ $0.descriptorClosed }) {
            FileCalls.close(fd)
        }
    }

    /// `<ZipStore 'path' mode 'r'>`.
    public override var description: String {
        "<ZipStore \(StoreKeys.repr(path)) mode '\(mode.rawValue)'>"
    }

    /// True once `close()` has run.
    public var isClosed: Bool { state.withLock { $0.closed } }

    // MARK: Closing

    /// Finishes the archive: in modes "w" and "x", and in mode "a" after a change, writes the
    /// central directory of the live entries and its end record; then closes the file. Later
    /// calls do nothing; any other method then throws `StoreError.unsupported`.
    ///
    /// - Throws: `StoreError.io` when the central directory cannot be written; the store then
    ///   stays open, so `close()` may be tried again.
    public func close() throws {
        try writeLock.withLock {
            let snapshot = state.withLock { st in (st.closed, st.dirty, st.end, Array(st.entries.values)) }
            let (closed, dirty, end, entries) = snapshot
            if closed { return }
            if mode != .read && (dirty || mode != .append), case .file(let fd) = source {
                let ordered = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
                let directory = ZipEntryWriter.centralDirectory(ordered, offset: end)
                let written = directory.withUnsafeBytes { FileCalls.writeAll(fd, $0, at: end) }
                    .flatMap { FileCalls.truncate(fd, to: end + directory.count) }
                if case .failure(let error) = written {
                    _ = FileCalls.truncate(fd, to: end)
                    throw StoreError.io("ZipStore.close(): cannot write the central directory of \(path): \(error.reason)")
                }
            }
            let closeNow = state.withLock { st -> Bool in
                st.closed = true
                guard st.readers == 0, !st.descriptorClosed else { return false }
                st.descriptorClosed = true
                return true
            }
            if closeNow, case .file(let fd) = source { FileCalls.close(fd) }
        }
    }

    // MARK: ReadableStore

    /// Reads, decodes and checks the entry of `key`.
    public func uncheckedGet(_ key: String) throws -> Data {
        try uncheckedGet(key, maximumSize: Int.max)
    }

    /// Refuses an entry whose declared size is over `maximumSize` before reading it.
    public func uncheckedGet(_ key: String, maximumSize: Int) throws -> Data {
        try reading(key, "get") { entry, dataOffset, context in
            try StoreKeys.checkValueSize(entry.uncompressedSize, maximumSize: maximumSize, key: key, self, "get")
            return try ZipEntryReader.value(of: entry, dataOffset: dataOffset, source: source, context: context)
        }
    }

    /// The length of the value of `key` (its entry's uncompressed size), from the central
    /// directory, without reading the entry.
    ///
    /// - Throws: `StoreError.keyNotFound` for a missing key, `.invalidKey`, `.unsupported` once closed.
    public func size(of key: String) throws -> Int {
        try StoreKeys.checkKey(key, self, "size")
        let found: Result<Int, StoreError> = state.withLock { st in
            if st.closed { return .failure(.unsupported("ZipStore.size(): \(path): the store is closed")) }
            guard let entry = st.entries[StoreKey(key)] else { return .failure(.keyNotFound(key: key, method: "ZipStore.size")) }
            return .success(entry.uncompressedSize)
        }
        return try found.get()
    }

    /// Stored entries: reads only the requested bytes. Compressed entries: decodes each value
    /// once for a run of ranges of the same key.
    public func uncheckedGetPartialValues(_ keyRanges: [KeyRange]) throws -> [Data] {
        var result: [Data] = []
        result.reserveCapacity(keyRanges.count)
        var lastKey: String?
        var lastValue = Data()
        for range in keyRanges {
            if let lastKey, StoreKeys.same(lastKey, range.key) {
                result.append(StoreKeys.slice(lastValue, start: range.start, length: range.length))
                continue
            }
            let part = try reading(range.key, "getPartialValues") { entry, dataOffset, context -> Data? in
                guard entry.method == ZipMethod.stored else {
                    return nil
                }
                let count = entry.uncompressedSize
                let start = StoreKeys.resolvedStart(range.start, count: count)
                guard start < count else { return Data() }
                let n = min(range.length ?? Int.max, count - start)
                return try source.readExactly(at: dataOffset + start, count: n, context: context)
            }
            if let part {
                result.append(part)
            } else {
                lastValue = try uncheckedGet(range.key)
                lastKey = range.key
                result.append(StoreKeys.slice(lastValue, start: range.start, length: range.length))
            }
        }
        return result
    }

    /// Runs `body` with the live entry of `key` and where its data starts, while the file is
    /// held open.
    private func reading<T>(_ key: String, _ method: String,
                            _ body: (ZipEntry, Int, String) throws -> T) throws -> T {
        let context = "ZipStore.\(method)(): \(path)"
        let storeKey = StoreKey(key)
        let found: Result<ZipEntry, StoreError> = state.withLock { st in
            if st.closed { return .failure(.unsupported("\(context): the store is closed")) }
            guard let entry = st.entries[storeKey] else {
                return .failure(.keyNotFound(key: key, method: "ZipStore.\(method)"))
            }
            st.readers += 1
            return .success(entry)
        }
        let entry = try found.get()
        defer { endRead() }
        try ZipEntryReader.checkSupported(entry, context: context)
        let dataOffset: Int
        if let known = entry.dataOffset {
            dataOffset = known
        } else {
            dataOffset = try ZipEntryReader.dataOffset(of: entry, source: source, context: context)
            state.withLock { st in
                if st.entries[storeKey]?.localHeaderOffset == entry.localHeaderOffset {
                    st.entries[storeKey]?.dataOffset = dataOffset
                }
            }
        }
        return try body(entry, dataOffset, context)
    }

    private func endRead() {
        let closeNow = state.withLock { st -> Bool in
            st.readers -= 1
            guard st.closed, st.readers == 0, !st.descriptorClosed else { return false }
            st.descriptorClosed = true
            return true
        }
        if closeNow, case .file(let fd) = source { FileCalls.close(fd) }
    }

    // MARK: WritableStore

    /// Appends an entry for `key`; an older entry of the key is dropped from the directory.
    public func uncheckedSet(_ key: String, _ value: Data) throws {
        try writing("set") { fd, context in try append(key, value, fd: fd, context: context) }
    }

    /// Splices each value and appends it as a new entry, all under the write lock.
    public func uncheckedSetPartialValues(_ values: [KeyStartValue]) throws {
        try writing("setPartialValues") { fd, context in
            for item in values {
                var full = try uncheckedGet(item.key)
                try StoreKeys.splice(&full, start: item.start, with: item.value, key: item.key, self, "setPartialValues")
                try append(item.key, full, fd: fd, context: context)
            }
        }
    }

    /// Drops the entry of `key` from the directory (its bytes stay in the file).
    public func uncheckedErase(_ key: String) throws {
        try writing("erase") { _, _ in
            let removed = state.withLock { st -> Bool in
                guard st.entries.removeValue(forKey: StoreKey(key)) != nil else { return false }
                st.dirty = true
                return true
            }
            if !removed { throw StoreError.keyNotFound(key: key, method: "ZipStore.erase") }
        }
    }

    /// Drops every entry below `prefix` under one lock.
    public func uncheckedErasePrefix(_ prefix: String) throws {
        let p = StoreKeys.isRoot(prefix) ? "" : prefix
        try writing("erasePrefix") { _, _ in
            state.withLock { st in
                let doomed = st.entries.keys.filter { StoreKeys.hasPrefix($0.string, p) }
                for key in doomed { st.entries.removeValue(forKey: key) }
                if !doomed.isEmpty { st.dirty = true }
            }
        }
    }

    /// Runs a write under the write lock, after checking that the store is open for writing.
    private func writing(_ method: String, _ body: (Int32, String) throws -> Void) throws {
        let context = "ZipStore.\(method)(): \(path)"
        try writeLock.withLock {
            guard mode != .read, case .file(let fd) = source else {
                throw StoreError.unsupported("\(context): the archive was opened read-only (mode 'r')")
            }
            if state.withLock({ $0.closed }) { throw StoreError.unsupported("\(context): the store is closed") }
            try body(fd, context)
        }
    }

    /// Writes a new entry at the end of the file (the caller holds the write lock). A failed
    /// write is cut off again and leaves no entry.
    private func append(_ key: String, _ value: Data, fd: Int32, context: String) throws {
        let start = state.withLock { $0.end }
        let level: Int?
        switch compression {
        case .stored: level = nil
        case .deflated(let l): level = l
        }
        let encoded = ZipEntryWriter.encode(name: key, value: value, offset: start, deflateLevel: level)
        let written = encoded.header.withUnsafeBytes { FileCalls.writeAll(fd, $0, at: start) }.flatMap {
            encoded.data.withUnsafeBytes { FileCalls.writeAll(fd, $0, at: start + encoded.header.count) }
        }
        if case .failure(let error) = written {
            _ = FileCalls.truncate(fd, to: start)
            throw StoreError.io("\(context): cannot write the entry \(StoreKeys.repr(key)): \(error.reason)")
        }
        state.withLock { st in
            st.entries[StoreKey(key)] = encoded.entry
            st.end = encoded.entry.limit
            st.dirty = true
        }
    }

    // MARK: ListableStore

    /// All keys, sorted.
    public func uncheckedList() throws -> [String] {
        try StoreKeys.sorted(liveKeys("list"))
    }

    /// The keys below `prefix`, sorted.
    public func uncheckedListPrefix(_ prefix: String) throws -> [String] {
        StoreKeys.keys(try liveKeys("listPrefix"), withPrefix: prefix)
    }

    /// The direct entries of `prefix`.
    public func uncheckedListDir(_ prefix: String) throws -> [String] {
        StoreKeys.dirEntries(try liveKeys("listDir"), in: prefix)
    }

    private func liveKeys(_ method: String) throws -> [String] {
        let keys: [String]? = state.withLock { st in st.closed ? nil : st.entries.keys.map(\.string) }
        guard let keys else { throw StoreError.unsupported("ZipStore.\(method)(): \(path): the store is closed") }
        return keys
    }
}

// The POSIX calls behind LocalStore, in one fenced place: opening relative to a
// directory descriptor (so a walk below the store root can refuse symbolic links
// without a check-then-use race), whole-file and ranged reads, writes, syncs and
// directory listings. Every function reports failure as the `errno` it got, and
// retries EINTR itself; none of them throws anything else or traps.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: its `errno`.
struct FileCallError: Error, Equatable {
    let code: Int32

    /// The operating system's text for the code.
    var reason: String { String(cString: strerror(code)) }

    /// True when the code means "no such entry (any more)": a missing file or
    /// directory on the way, something else than a directory on the way, or a
    /// symbolic link loop.
    var isNotFound: Bool { code == ENOENT || code == ENOTDIR || code == ELOOP }

    /// The `errno` of the last failed call.
    static var last: FileCallError { FileCallError(code: errno) }
}

/// One entry of a directory: its name as NUL-terminated bytes (file names need not
/// be UTF-8) and its `d_type` (`DT_UNKNOWN` when the file system does not say).
struct DirectoryEntry {
    let name: [CChar]
    let type: UInt8

    /// The name without its terminating NUL.
    var bytes: [UInt8] { name.dropLast().map { UInt8(bitPattern: $0) } }

    /// The name for messages (invalid UTF-8 replaced).
    var display: String { String(decoding: bytes, as: UTF8.self) }
}

enum FileCalls {
    /// The longest file name the common file systems take (`NAME_MAX`).
    static let nameMax = 255

    /// The longest path a single call takes, including its terminating NUL (`PATH_MAX`).
    #if os(Linux)
    static let pathMax = 4096
    #else
    static let pathMax = 1024
    #endif

    static let typeUnknown = UInt8(truncatingIfNeeded: DT_UNKNOWN)
    static let typeFile = UInt8(truncatingIfNeeded: DT_REG)
    static let typeDirectory = UInt8(truncatingIfNeeded: DT_DIR)
    static let typeLink = UInt8(truncatingIfNeeded: DT_LNK)

    // MARK: Opening

    /// `openat(dir, name, flags | O_CLOEXEC, mode)`, retrying EINTR. `dir` may be `AT_FDCWD`.
    static func open(at dir: Int32, _ name: UnsafePointer<CChar>, _ flags: Int32,
                     mode: mode_t = 0) -> Result<Int32, FileCallError> {
        while true {
            let fd = openat(dir, name, flags | O_CLOEXEC, mode)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(.last) }
        }
    }

    /// Opens a directory for reading its entries or for calls relative to it. With
    /// `noFollow`, a symbolic link as the last component fails (ELOOP or ENOTDIR).
    static func openDirectory(at dir: Int32, _ name: UnsafePointer<CChar>,
                              noFollow: Bool) -> Result<Int32, FileCallError> {
        open(at: dir, name, O_RDONLY | O_DIRECTORY | (noFollow ? O_NOFOLLOW : 0))
    }

    // MARK: Status

    /// `fstatat`; `follow: false` describes a symbolic link itself.
    static func status(at dir: Int32, _ name: UnsafePointer<CChar>,
                       follow: Bool) -> Result<stat, FileCallError> {
        var st = stat()
        if fstatat(dir, name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0 { return .success(st) }
        return .failure(.last)
    }

    /// `fstat` of an open descriptor.
    static func status(of fd: Int32) -> Result<stat, FileCallError> {
        var st = stat()
        if fstat(fd, &st) == 0 { return .success(st) }
        return .failure(.last)
    }

    static func isFile(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFREG }
    static func isDirectory(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFDIR }
    static func isLink(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFLNK }

    /// The modification time in seconds since 1970, with the file system's sub-second part.
    static func modificationTime(_ st: stat) -> Double {
        #if canImport(Darwin)
        return Double(st.st_mtimespec.tv_sec) + Double(st.st_mtimespec.tv_nsec) / 1e9
        #else
        return Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
        #endif
    }

    // MARK: Reading and writing

    /// Reads from the current offset to the end of the file; `expected` (the size
    /// from `fstat`) sizes the buffer, and a file that grew meanwhile is read on, but
    /// never past `limit + 1` bytes (so a caller can tell that the file is over its limit).
    /// The bytes land in a `ChunkBufferPool` buffer.
    static func readAll(_ fd: Int32, expected: Int, limit: Int = Int.max) -> Result<Data, FileCallError> {
        let cap = limit == Int.max ? limit : limit + 1
        let expectedCount = min(max(0, expected), cap)
        let data: Data
        switch fill(count: expectedCount, { base, filled, rest in read(fd, base + filled, rest) }) {
        case .failure(let error): return .failure(error)
        case .success(let read): data = read
        }
        if data.count < expectedCount || data.count >= cap { return .success(data) }
        // At the expected size: usually the end, which a one-byte probe confirms
        // without a buffer; a file that grew is read on in blocks, into a buffer of its own.
        var probe: UInt8 = 0
        while true {
            let n = withUnsafeMutableBytes(of: &probe) { read(fd, $0.baseAddress, 1) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.last)
            }
            if n == 0 { return .success(data) }
            break
        }
        var grown = Data(capacity: data.count + 65_537)
        grown.append(data)
        grown.append(probe)
        var block = [UInt8](repeating: 0, count: 65_536)
        while grown.count < cap {
            let wanted = min(block.count, cap - grown.count)
            let n = block.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(fd, base, wanted)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.last)
            }
            if n == 0 { return .success(grown) }
            grown.append(contentsOf: block[0..<n])
        }
        return .success(grown)
    }

    /// Reads up to `count` bytes at `offset` (fewer at the end of the file), into a
    /// `ChunkBufferPool` buffer.
    static func readRange(_ fd: Int32, offset: Int, count: Int) -> Result<Data, FileCallError> {
        fill(count: max(0, count)) { base, filled, wanted in pread(fd, base + filled, wanted, off_t(offset + filled)) }
    }

    /// Up to `count` bytes from repeated calls of `call(base, filled, wanted)` (a `read` or
    /// `pread` into `base + filled` of at most `wanted` bytes) until `count` or the end of the
    /// file, in a buffer of the shared pool.
    private static func fill(
        count: Int, _ call: (UnsafeMutableRawPointer, Int, Int) -> Int
    ) -> Result<Data, FileCallError> {
        let pool = ChunkBufferPool.shared
        guard let buffer = try? pool.acquire(byteCount: count) else { return .failure(FileCallError(code: ENOMEM)) }
        var filled = 0
        while filled < count {
            let n = call(buffer.pointer, filled, count - filled)
            if n < 0 {
                if errno == EINTR { continue }
                let error = FileCallError.last
                pool.release(buffer)
                return .failure(error)
            }
            if n == 0 { break }
            filled += n
        }
        return .success(pool.data(owning: buffer, count: filled))
    }

    /// Writes all of `value`, at most 64 MiB per call, so that the file's
    /// modification time keeps up with a long write (it tells a live temporary
    /// file from an abandoned one).
    static func writeAll(_ fd: Int32, _ value: Data) -> Result<Void, FileCallError> {
        value.withUnsafeBytes { bytes -> Result<Void, FileCallError> in
            guard let base = bytes.baseAddress else { return .success(()) }
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, base + offset, min(bytes.count - offset, 64 << 20))
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failure(.last)
                }
                offset += n
            }
            return .success(())
        }
    }

    /// Writes all of `value` at `offset` (`pwrite`, which leaves the file offset alone).
    static func writeAll(_ fd: Int32, _ value: UnsafeRawBufferPointer, at offset: Int) -> Result<Void, FileCallError> {
        guard let base = value.baseAddress else { return .success(()) }
        var done = 0
        while done < value.count {
            let n = pwrite(fd, base + done, min(value.count - done, 64 << 20), off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.last)
            }
            done += n
        }
        return .success(())
    }

    /// Cuts the file to `size` bytes.
    static func truncate(_ fd: Int32, to size: Int) -> Result<Void, FileCallError> {
        while ftruncate(fd, off_t(size)) != 0 {
            if errno != EINTR { return .failure(.last) }
        }
        return .success(())
    }

    /// Flushes a file or directory to stable storage (`F_FULLFSYNC` where it exists,
    /// since a plain `fsync` there may stop at the drive's cache).
    static func sync(_ fd: Int32) -> Result<Void, FileCallError> {
        #if canImport(Darwin)
        if fcntl(fd, F_FULLFSYNC) == 0 { return .success(()) }
        #endif
        while fsync(fd) != 0 {
            if errno != EINTR { return .failure(.last) }
        }
        return .success(())
    }

    /// Closes a descriptor; a failure of `close` after a write means the data may be lost.
    @discardableResult
    static func close(_ fd: Int32) -> Result<Void, FileCallError> {
        #if canImport(Darwin)
        return Darwin.close(fd) == 0 ? .success(()) : .failure(.last)
        #elseif canImport(Musl)
        return Musl.close(fd) == 0 ? .success(()) : .failure(.last)
        #else
        return Glibc.close(fd) == 0 ? .success(()) : .failure(.last)
        #endif
    }

    // MARK: Directories

    /// The entries of the open directory `dir`, without "." and "..". The listing
    /// uses its own descriptor, so `dir` stays open and its offset untouched.
    static func entries(of dir: Int32) -> Result<[DirectoryEntry], FileCallError> {
        let fd: Int32
        switch openDirectory(at: dir, ".", noFollow: false) {
        case .success(let d): fd = d
        case .failure(let error): return .failure(error)
        }
        guard let stream = fdopendir(fd) else {
            let error = FileCallError.last
            close(fd)
            return .failure(error)
        }
        defer { closedir(stream) }
        guard let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else {
            return .failure(FileCallError(code: EINVAL))
        }
        var result: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { return .failure(.last) }
                return .success(result)
            }
            // The name is NUL-terminated inside the record (at most NAME_MAX bytes).
            let namePointer = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            let length = strlen(namePointer)
            let name = Array(UnsafeBufferPointer(start: namePointer, count: length + 1))
            if (length == 1 && name[0] == 0x2E) || (length == 2 && name[0] == 0x2E && name[1] == 0x2E) {
                continue
            }
            result.append(DirectoryEntry(name: name, type: entry.pointee.d_type))
        }
    }
}

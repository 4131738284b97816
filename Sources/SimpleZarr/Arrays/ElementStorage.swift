#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The heap buffer behind an `NDArray` of a variable-length type: one `Data` per element
/// (UTF-8 text for `string`, the bytes for `bytes`), allocated with a failure check.
///
/// `@unchecked Sendable` for the same reason as `ByteStorage`: elements are written only while
/// a new array is being built (each task of a slice read writes its own disjoint elements) or
/// through `NDArray`'s mutating methods after a uniqueness check.
final class ElementStorage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Data>
    let count: Int

    /// Allocates `count` elements, each set to `value`.
    init(repeating value: Data, count: Int) throws {
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Data>.stride)
        guard !overflow, let raw = malloc(max(byteCount, 1)) else {
            throw ZarrError.invalidArgument("cannot allocate \(count) elements for an array")
        }
        pointer = raw.bindMemory(to: Data.self, capacity: count)
        pointer.initialize(repeating: value, count: count)
        self.count = count
    }

    deinit {
        pointer.deinitialize(count: count)
        free(pointer)
    }

    /// A new buffer holding the same elements.
    func copy() throws -> ElementStorage {
        let other = try ElementStorage(repeating: Data(), count: count)
        other.pointer.update(from: pointer, count: count)
        return other
    }

    var elements: UnsafeBufferPointer<Data> { UnsafeBufferPointer(start: pointer, count: count) }
    var mutableElements: UnsafeMutableBufferPointer<Data> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}

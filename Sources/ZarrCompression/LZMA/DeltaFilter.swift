// The delta filter (xz-file-format.txt 5.3.3): each byte is stored as its
// difference (mod 256) from the byte `distance` positions before it, bytes
// before the start counting as zero. Its one property byte is distance - 1.

/// The delta filter over a buffer.
enum DeltaFilter {
    /// Distances the filter allows.
    static let distances = 1...256

    /// Undoes the filter in place over `count` bytes at `bytes`.
    static func decode(_ bytes: UnsafeMutablePointer<UInt8>, count: Int, distance: Int) {
        assert(distances.contains(distance))
        var i = distance
        while i < count {
            bytes[i] &+= bytes[i &- distance]
            i &+= 1
        }
    }

    /// Applies the filter to `input`, returning the differences.
    static func encode(_ input: UnsafeRawBufferPointer, distance: Int) -> [UInt8] {
        assert(distances.contains(distance))
        let source = input.assumingMemoryBound(to: UInt8.self)
        return [UInt8](unsafeUninitializedCapacity: source.count) { out, initialized in
            for i in 0..<source.count {
                out[i] = i < distance ? source[i] : source[i] &- source[i &- distance]
            }
            initialized = source.count
        }
    }
}

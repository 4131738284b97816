// The `order` member of a v2 `.zarray`: how the elements of a stored chunk are laid out.

/// The order of elements inside a stored v2 chunk.
public enum ChunkOrder: String, Sendable {
    /// Row-major: the last index varies fastest (numpy's and this library's order).
    case c = "C"
    /// Column-major: the first index varies fastest.
    case f = "F"
}

// Division rounded toward negative infinity for the 128-bit intermediates of
// datetime arithmetic: numpy splits a count into calendar fields and casts it
// to a coarser unit this way, so 1 second before 1970 lies in day -1, not 0.

extension Int128 {
    /// `self` divided by a positive `divisor`, rounded toward negative infinity, and the
    /// remainder that goes with it (in `0..<divisor`).
    ///
    /// The divisor is a unit length or a scale factor that the caller has checked to be positive.
    @inline(__always)
    func floorDivided(by divisor: Int128) -> (quotient: Int128, remainder: Int128) {
        assert(divisor > 0, "floorDivided(by:) needs a positive divisor")
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}

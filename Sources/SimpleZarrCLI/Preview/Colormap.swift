// The colour maps of `preview`: grey, and matplotlib's perceptually uniform
// viridis, magma and inferno, each given by nine colours at equal steps
// between which the colour is interpolated linearly.

enum Colormap: String, CaseIterable {
    case gray, viridis, magma, inferno

    /// The anchor colours from 0 to 1 (`nil` for grey, written as a grey image).
    private var anchors: [(UInt8, UInt8, UInt8)]? {
        switch self {
        case .gray: return nil
        case .viridis:
            return [(68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
                    (31, 158, 137), (53, 183, 121), (109, 205, 89), (253, 231, 37)]
        case .magma:
            return [(0, 0, 4), (28, 16, 68), (79, 18, 123), (129, 37, 129), (181, 54, 122),
                    (229, 80, 100), (251, 135, 97), (254, 194, 135), (252, 253, 191)]
        case .inferno:
            return [(0, 0, 4), (31, 12, 72), (85, 15, 109), (136, 34, 106), (186, 54, 85),
                    (227, 89, 51), (249, 140, 10), (249, 201, 50), (252, 255, 164)]
        }
    }

    /// Whether the image is written in colour (RGB) rather than grey.
    var isColour: Bool { anchors != nil }

    /// The colour of `t` in 0...1 (grey maps are not asked).
    func rgb(_ t: Double) -> (UInt8, UInt8, UInt8) {
        guard let anchors else {
            let grey = UInt8((min(max(t, 0), 1) * 255).rounded())
            return (grey, grey, grey)
        }
        let position = min(max(t, 0), 1) * Double(anchors.count - 1)
        let lower = min(Int(position), anchors.count - 2)
        let f = position - Double(lower)
        let (a, b) = (anchors[lower], anchors[lower + 1])
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) * (1 - f) + Double(y) * f).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}

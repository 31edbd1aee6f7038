/// How the edges of a GEOGRAPHY column are interpolated between vertices.
///
/// A struct rather than a Swift enum so that values from newer writers survive decoding and re-encoding;
/// code that must understand a value checks `isKnown` (or matches the constants) and rejects the rest.
///
/// Spec: parquet.thrift `enum EdgeInterpolationAlgorithm`.
public struct EdgeInterpolationAlgorithm: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `SPHERICAL`
    public static let spherical = EdgeInterpolationAlgorithm(rawValue: 0)
    /// `VINCENTY`
    public static let vincenty = EdgeInterpolationAlgorithm(rawValue: 1)
    /// `THOMAS`
    public static let thomas = EdgeInterpolationAlgorithm(rawValue: 2)
    /// `ANDOYER`
    public static let andoyer = EdgeInterpolationAlgorithm(rawValue: 3)
    /// `KARNEY`
    public static let karney = EdgeInterpolationAlgorithm(rawValue: 4)

    /// The values this implementation knows by name.
    public static let knownValues: [EdgeInterpolationAlgorithm] = [
        spherical, vincenty, thomas, andoyer, karney,
    ]

    /// Whether this value is one of `knownValues`.
    public var isKnown: Bool { EdgeInterpolationAlgorithm.knownValues.contains(self) }

    /// The parquet.thrift name, or the number for a value unknown to this implementation.
    public var description: String {
        switch rawValue {
        case 0: "SPHERICAL"
        case 1: "VINCENTY"
        case 2: "THOMAS"
        case 3: "ANDOYER"
        case 4: "KARNEY"
        default: "EdgeInterpolationAlgorithm(\(rawValue))"
        }
    }
}

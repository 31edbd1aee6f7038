/// Whether the per-page bounds of a column index are sorted, and in which direction.
///
/// A struct rather than a Swift enum so that values from newer writers survive decoding and re-encoding;
/// code that must understand a value checks `isKnown` (or matches the constants) and rejects the rest.
///
/// Spec: parquet.thrift `enum BoundaryOrder`.
public struct BoundaryOrder: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `UNORDERED`
    public static let unordered = BoundaryOrder(rawValue: 0)
    /// `ASCENDING`
    public static let ascending = BoundaryOrder(rawValue: 1)
    /// `DESCENDING`
    public static let descending = BoundaryOrder(rawValue: 2)

    /// The values this implementation knows by name.
    public static let knownValues: [BoundaryOrder] = [
        unordered, ascending, descending,
    ]

    /// Whether this value is one of `knownValues`.
    public var isKnown: Bool { BoundaryOrder.knownValues.contains(self) }

    /// The parquet.thrift name, or the number for a value unknown to this implementation.
    public var description: String {
        switch rawValue {
        case 0: "UNORDERED"
        case 1: "ASCENDING"
        case 2: "DESCENDING"
        default: "BoundaryOrder(\(rawValue))"
        }
    }
}

/// Whether a schema field is required, optional or repeated.
///
/// A struct rather than a Swift enum so that values from newer writers survive decoding and re-encoding;
/// code that must understand a value checks `isKnown` (or matches the constants) and rejects the rest.
///
/// Spec: parquet.thrift `enum FieldRepetitionType`.
public struct FieldRepetitionType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `REQUIRED`
    public static let required = FieldRepetitionType(rawValue: 0)
    /// `OPTIONAL`
    public static let optional = FieldRepetitionType(rawValue: 1)
    /// `REPEATED`
    public static let repeated = FieldRepetitionType(rawValue: 2)

    /// The values this implementation knows by name.
    public static let knownValues: [FieldRepetitionType] = [
        required, optional, repeated,
    ]

    /// Whether this value is one of `knownValues`.
    public var isKnown: Bool { FieldRepetitionType.knownValues.contains(self) }

    /// The parquet.thrift name, or the number for a value unknown to this implementation.
    public var description: String {
        switch rawValue {
        case 0: "REQUIRED"
        case 1: "OPTIONAL"
        case 2: "REPEATED"
        default: "FieldRepetitionType(\(rawValue))"
        }
    }
}

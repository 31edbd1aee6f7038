/// The physical (storage) type of a leaf column.
///
/// A struct rather than a Swift enum so that values from newer writers survive decoding and re-encoding;
/// code that must understand a value checks `isKnown` (or matches the constants) and rejects the rest.
///
/// Spec: parquet.thrift `enum Type`.
public struct PhysicalType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `BOOLEAN`
    public static let boolean = PhysicalType(rawValue: 0)
    /// `INT32`
    public static let int32 = PhysicalType(rawValue: 1)
    /// `INT64`
    public static let int64 = PhysicalType(rawValue: 2)
    /// `INT96`
    public static let int96 = PhysicalType(rawValue: 3)
    /// `FLOAT`
    public static let float = PhysicalType(rawValue: 4)
    /// `DOUBLE`
    public static let double = PhysicalType(rawValue: 5)
    /// `BYTE_ARRAY`
    public static let byteArray = PhysicalType(rawValue: 6)
    /// `FIXED_LEN_BYTE_ARRAY`
    public static let fixedLenByteArray = PhysicalType(rawValue: 7)

    /// The values this implementation knows by name.
    public static let knownValues: [PhysicalType] = [
        boolean, int32, int64, int96, float, double, byteArray, fixedLenByteArray,
    ]

    /// Whether this value is one of `knownValues`.
    public var isKnown: Bool { PhysicalType.knownValues.contains(self) }

    /// The parquet.thrift name, or the number for a value unknown to this implementation.
    public var description: String {
        switch rawValue {
        case 0: "BOOLEAN"
        case 1: "INT32"
        case 2: "INT64"
        case 3: "INT96"
        case 4: "FLOAT"
        case 5: "DOUBLE"
        case 6: "BYTE_ARRAY"
        case 7: "FIXED_LEN_BYTE_ARRAY"
        default: "Type(\(rawValue))"
        }
    }
}

/// The encoding of the values or levels of a page.
///
/// A struct rather than a Swift enum so that values from newer writers survive decoding and re-encoding;
/// code that must understand a value checks `isKnown` (or matches the constants) and rejects the rest.
///
/// Spec: parquet.thrift `enum Encoding`.
public struct Encoding: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `PLAIN`
    public static let plain = Encoding(rawValue: 0)
    /// `PLAIN_DICTIONARY`
    public static let plainDictionary = Encoding(rawValue: 2)
    /// `RLE`
    public static let rle = Encoding(rawValue: 3)
    /// `BIT_PACKED`
    public static let bitPacked = Encoding(rawValue: 4)
    /// `DELTA_BINARY_PACKED`
    public static let deltaBinaryPacked = Encoding(rawValue: 5)
    /// `DELTA_LENGTH_BYTE_ARRAY`
    public static let deltaLengthByteArray = Encoding(rawValue: 6)
    /// `DELTA_BYTE_ARRAY`
    public static let deltaByteArray = Encoding(rawValue: 7)
    /// `RLE_DICTIONARY`
    public static let rleDictionary = Encoding(rawValue: 8)
    /// `BYTE_STREAM_SPLIT`
    public static let byteStreamSplit = Encoding(rawValue: 9)

    /// The values this implementation knows by name.
    public static let knownValues: [Encoding] = [
        plain, plainDictionary, rle, bitPacked, deltaBinaryPacked, deltaLengthByteArray, deltaByteArray, rleDictionary,
        byteStreamSplit,
    ]

    /// Whether this value is one of `knownValues`.
    public var isKnown: Bool { Encoding.knownValues.contains(self) }

    /// The parquet.thrift name, or the number for a value unknown to this implementation.
    public var description: String {
        switch rawValue {
        case 0: "PLAIN"
        case 2: "PLAIN_DICTIONARY"
        case 3: "RLE"
        case 4: "BIT_PACKED"
        case 5: "DELTA_BINARY_PACKED"
        case 6: "DELTA_LENGTH_BYTE_ARRAY"
        case 7: "DELTA_BYTE_ARRAY"
        case 8: "RLE_DICTIONARY"
        case 9: "BYTE_STREAM_SPLIT"
        default: "Encoding(\(rawValue))"
        }
    }
}

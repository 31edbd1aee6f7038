/// The kind of a page, which says which of the page header's sub-headers is set.
///
/// A struct rather than a Swift enum so that values from newer writers survive decoding and re-encoding;
/// code that must understand a value checks `isKnown` (or matches the constants) and rejects the rest.
///
/// Spec: parquet.thrift `enum PageType`.
public struct PageType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `DATA_PAGE`
    public static let dataPage = PageType(rawValue: 0)
    /// `INDEX_PAGE`
    public static let indexPage = PageType(rawValue: 1)
    /// `DICTIONARY_PAGE`
    public static let dictionaryPage = PageType(rawValue: 2)
    /// `DATA_PAGE_V2`
    public static let dataPageV2 = PageType(rawValue: 3)

    /// The values this implementation knows by name.
    public static let knownValues: [PageType] = [
        dataPage, indexPage, dictionaryPage, dataPageV2,
    ]

    /// Whether this value is one of `knownValues`.
    public var isKnown: Bool { PageType.knownValues.contains(self) }

    /// The parquet.thrift name, or the number for a value unknown to this implementation.
    public var description: String {
        switch rawValue {
        case 0: "DATA_PAGE"
        case 1: "INDEX_PAGE"
        case 2: "DICTIONARY_PAGE"
        case 3: "DATA_PAGE_V2"
        default: "PageType(\(rawValue))"
        }
    }
}

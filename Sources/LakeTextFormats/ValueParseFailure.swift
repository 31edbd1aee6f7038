/// Why one text value could not become a value of its column's type. Readers add the location (line, column,
/// field name, the value itself) when they turn it into a `TextFormatError`.
enum ValueParseFailure: Error, Sendable, Equatable {
    /// The text does not have the syntax of the column's type at all.
    case malformed
    /// The text has the right shape but is not acceptable; the reason completes "value "x" ...", for example
    /// "has more than 2 digits after the decimal point".
    case invalid(String)
    /// A null (empty field, null marker, JSON `null` or a missing key) in a column that is not nullable.
    case nullInRequiredColumn
    /// The bytes are not UTF-8; the offset is the first bad byte's, counted from the start of the value.
    case invalidUTF8(offset: Int)
}

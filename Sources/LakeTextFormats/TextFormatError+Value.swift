import LakeColumnar

extension TextFormatError {
    /// The error for one value that does not fit its column, with the value quoted and, for an inferred column, a
    /// suggestion to declare the type.
    /// - Parameters:
    ///   - inferenceRows: the sample size when the column's type was inferred, nil when it was given.
    ///   - line, column: where the value starts, or for invalid UTF-8 where the bad byte is.
    static func value(
        _ failure: ValueParseFailure, text: UnsafeBufferPointer<UInt8>, field: Field, inferenceRows: Int?,
        source: String, line: Int, column: Int
    ) -> TextFormatError {
        let shown = displayed(text)
        let reason: String
        switch failure {
        case .malformed:
            reason = "column '\(field.name)': value \(shown) does not parse as \(field.type)"
        case .invalid(let why):
            reason = "column '\(field.name)': value \(shown) \(why)"
        case .nullInRequiredColumn:
            reason = "column '\(field.name)': null value in a column declared not null"
        case .invalidUTF8(let offset):
            reason = "column '\(field.name)': value is not valid UTF-8 (byte \(offset + 1) of the value)"
        }
        var suggestion = ""
        if let inferenceRows, failure != .nullInRequiredColumn {
            let suggested = suggestedType(inferred: field.type, text: text)
            suggestion =
                "; the type \(field.type) was inferred from the first \(inferenceRows) rows: declare the column's"
                + " type, e.g. --schema '\(field.name):\(suggested)'"
        }
        return TextFormatError(
            source: source, line: line, column: column, field: field.name, reason: reason + suggestion)
    }

    /// The value as a quoted, escaped string of at most 64 bytes of the original text.
    static func displayed(_ text: UnsafeBufferPointer<UInt8>) -> String {
        let limit = 64
        let prefix = text.count > limit ? UnsafeBufferPointer(rebasing: text[..<limit]) : text
        return String(decoding: prefix, as: UTF8.self).debugDescription + (text.count > limit ? "..." : "")
    }

    /// A type that holds both the inferred type's values and `text`: float64 for an integer column meeting a
    /// fraction, a timestamp for a date column meeting a time, utf8 otherwise.
    static func suggestedType(inferred: DataType, text: UnsafeBufferPointer<UInt8>) -> DataType {
        var guess = TextTypeGuess()
        guess.observe(text)
        switch (inferred, guess.type) {
        case (.int64, .float64): return .float64
        case (.date32, .timestamp(let unit, let utc)): return .timestamp(unit, utc: utc)
        case (.timestamp(.microseconds, let utc), .timestamp(.nanoseconds, let otherUTC)) where utc == otherUTC:
            return .timestamp(.nanoseconds, utc: utc)
        default: return .utf8
        }
    }
}

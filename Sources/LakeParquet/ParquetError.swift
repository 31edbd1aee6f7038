/// Every failure of the Parquet reader and writer.
///
/// Low layers (Thrift, encodings, pages) throw with a `kind` and a `reason`; the file reader and writer then add
/// the `file`, the `column` and the byte `offset` they were working on with `adding(file:column:offset:)`, so
/// the message a user sees names all three.
public struct ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Fewer bytes than a structure needs.
        case truncated
        /// The file does not start or end with `PAR1`.
        case badMagic
        /// The footer length or metadata is impossible or inconsistent with the file.
        case invalidMetadata
        /// A page header is malformed or inconsistent with its column chunk.
        case invalidPageHeader
        /// A compressed page failed to decompress or decompressed to the wrong size.
        case decompressionFailed
        /// Encoded values are malformed or overrun their page.
        case invalidData
        /// A valid Parquet feature that this implementation does not support.
        case unsupported
        /// The caller asked for something impossible (unknown column, bad option).
        case invalidArgument
        /// The underlying object store failed.
        case io
    }

    public var kind: Kind
    public var reason: String
    public var file: String?
    public var column: String?
    public var offset: Int64?

    public init(_ kind: Kind, _ reason: String, file: String? = nil, column: String? = nil, offset: Int64? = nil) {
        self.kind = kind
        self.reason = reason
        self.file = file
        self.column = column
        self.offset = offset
    }

    /// Fewer bytes than needed at `offset` (relative to the structure being decoded).
    public static func truncated(at offset: Int, needed: Int, what: String) -> ParquetError {
        ParquetError(.truncated, "\(what): needed \(needed) more bytes at offset \(offset)")
    }

    public static func invalidData(_ reason: String) -> ParquetError { ParquetError(.invalidData, reason) }

    /// Returns a copy with missing context filled in; context already present is kept.
    public func adding(file: String? = nil, column: String? = nil, offset: Int64? = nil) -> ParquetError {
        var copy = self
        copy.file = copy.file ?? file
        copy.column = copy.column ?? column
        copy.offset = copy.offset ?? offset
        return copy
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let column { parts.append("column '\(column)'") }
        if let offset { parts.append("offset \(offset)") }
        let place = parts.isEmpty ? "" : parts.joined(separator: ", ") + ": "
        return "\(place)\(kind.rawValue): \(reason)"
    }
}

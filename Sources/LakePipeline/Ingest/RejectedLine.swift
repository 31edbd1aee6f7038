import LakeCore

/// One input line that `StreamIngestor` did not append, and why.
///
/// Spec: spec/pipeline.md#rejected-lines
public struct RejectedLine: Sendable, Hashable {
    /// The input's name (`IngestInput.name`).
    public var source: String
    /// 1-based line number in the input.
    public var line: Int
    /// 1-based byte column of the problem within the line, when known.
    public var column: Int?
    /// Byte offset of the line's first byte in the input.
    public var offset: Int64
    /// Why the line was refused, without the location.
    public var reason: String
    /// The line as text (invalid UTF-8 replaced), cut to `textBytesMax` bytes.
    public var text: String

    /// Longest line text kept in a record, in bytes.
    public static let textBytesMax = 64 << 10

    public init(source: String, line: Int, column: Int? = nil, offset: Int64, reason: String, text: String) {
        self.source = source
        self.line = line
        self.column = column
        self.offset = offset
        self.reason = reason
        self.text = text
    }

    /// Builds a record from the raw line, cutting it to `textBytesMax` bytes.
    public init(
        source: String, line: Int, column: Int? = nil, offset: Int64, reason: String, bytes: some Collection<UInt8>
    ) {
        let kept = bytes.prefix(Self.textBytesMax)
        let suffix = bytes.count > Self.textBytesMax ? "..." : ""
        self.init(
            source: source, line: line, column: column, offset: offset, reason: reason,
            text: String(decoding: kept, as: UTF8.self) + suffix)
    }

    /// `source:line[:column]: reason`, the form compilers use, for terminals and logs.
    public var message: String {
        "\(source):\(line)" + (column.map { ":\($0)" } ?? "") + ": \(reason)"
    }

    /// The record as one JSON object: `source`, `line`, `column` (when known), `offset`, `reason`, `text`, plus
    /// the ingest's application id and the time of rejection.
    public func json(appId: String, rejectedAtMillis: Int64) -> JSONObject {
        var object: JSONObject = [
            "source": .string(source), "line": .number(.int64(Int64(line))), "offset": .number(.int64(offset)),
        ]
        if let column { object["column"] = .number(.int64(Int64(column))) }
        object["reason"] = .string(reason)
        object["text"] = .string(text)
        object["appId"] = .string(appId)
        object["rejectedAtMillis"] = .number(.int64(rejectedAtMillis))
        return object
    }
}

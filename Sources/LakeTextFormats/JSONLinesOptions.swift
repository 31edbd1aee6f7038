/// What `JSONLinesReader` does with a key that is not a column.
public enum JSONUnknownKeyPolicy: String, Sendable, Hashable, CaseIterable {
    /// Stop with an error naming the key and the line.
    case error
    /// Drop the key's value (it is still validated as JSON).
    case ignore
}

/// How `JSONLinesReader` reads newline-delimited JSON. Limits have their units in their names.
public struct JSONLinesOptions: Sendable, Hashable {
    /// Most rows per batch. A batch also ends early after about 1 GiB of input bytes, so variable-width columns
    /// stay within their 32-bit offsets.
    public var batchRowsMax: Int
    /// Rows read to find the columns and infer their types.
    public var inferenceRowsMax: Int
    /// Deepest nesting of objects and arrays accepted; the row object itself is level 1.
    public var nestingDepthMax: Int
    /// Bytes read from the file at a time.
    public var readChunkBytes: Int
    /// Longest line accepted, in bytes (at most 1 GiB).
    public var lineBytesMax: Int
    /// Keys that are not columns: keys outside the schema when it is complete, else keys that appeared neither
    /// in the schema nor in the sample.
    public var unknownKeys: JSONUnknownKeyPolicy
    /// When a schema is given: true makes its fields all the columns (no sample is read); false (the default)
    /// adds the other keys of the sample as inferred columns after the schema's fields.
    public var schemaIsComplete: Bool
    /// Encoding of strings in `binary` and `fixed_size_binary` columns.
    public var binaryEncoding: BinaryTextEncoding

    public init(
        batchRowsMax: Int = 65_536, inferenceRowsMax: Int = 10_000, nestingDepthMax: Int = 64,
        readChunkBytes: Int = 1 << 20, lineBytesMax: Int = 64 << 20, unknownKeys: JSONUnknownKeyPolicy = .error,
        schemaIsComplete: Bool = false, binaryEncoding: BinaryTextEncoding = .hex
    ) {
        self.batchRowsMax = batchRowsMax
        self.inferenceRowsMax = inferenceRowsMax
        self.nestingDepthMax = nestingDepthMax
        self.readChunkBytes = readChunkBytes
        self.lineBytesMax = lineBytesMax
        self.unknownKeys = unknownKeys
        self.schemaIsComplete = schemaIsComplete
        self.binaryEncoding = binaryEncoding
    }

    /// The nesting limit is capped so that validating nested values cannot exhaust the stack.
    public static let nestingDepthLimit = 1_000

    /// Nil when the options are usable, else what is wrong with them.
    var problem: String? {
        if batchRowsMax < 1 { return "batchRowsMax must be at least 1" }
        if inferenceRowsMax < 1 { return "inferenceRowsMax must be at least 1" }
        if nestingDepthMax < 1 || nestingDepthMax > Self.nestingDepthLimit {
            return "nestingDepthMax must be in 1...\(Self.nestingDepthLimit)"
        }
        if readChunkBytes < 1 { return "readChunkBytes must be at least 1" }
        if lineBytesMax < 1 || lineBytesMax > 1 << 30 { return "lineBytesMax must be in 1...1 GiB" }
        return nil
    }
}

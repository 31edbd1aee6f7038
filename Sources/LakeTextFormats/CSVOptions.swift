/// How `CSVReader` splits and interprets a CSV file.
///
/// Defaults follow RFC 4180 with the common relaxations: LF or CRLF line ends, a header row, empty unquoted fields
/// as nulls. Limits have their units in their names.
public struct CSVOptions: Sendable, Hashable {
    /// Whether the first record holds the column names. Without a header, columns are named `column1`,
    /// `column2`, ... (1-based), and a given schema applies to the columns by position.
    public var hasHeader: Bool
    /// The field separator, one ASCII byte other than the quote, CR and LF (`,` by default, `\t` for TSV).
    public var delimiter: UInt8
    /// The quote byte, ASCII (`"` by default). Inside a quoted field, two quotes stand for one.
    public var quote: UInt8
    /// Unquoted field texts that mean null besides the empty field, such as `NULL` or `\N`. A quoted field is
    /// never null by this rule (`"NULL"` is the string NULL).
    public var nullStrings: [String]
    /// Most rows per batch. A batch also ends early after about 1 GiB of input bytes, so variable-width columns
    /// stay within their 32-bit offsets.
    public var batchRowsMax: Int
    /// Rows read to infer the types of columns the schema does not give.
    public var inferenceRowsMax: Int
    /// Bytes read from the file at a time.
    public var readChunkBytes: Int
    /// Longest record accepted, in bytes (at most 1 GiB); guards memory against a stray quote that never closes.
    public var recordBytesMax: Int
    /// Encoding of `binary` and `fixed_size_binary` columns.
    public var binaryEncoding: BinaryTextEncoding

    public init(
        hasHeader: Bool = true, delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""),
        nullStrings: [String] = [], batchRowsMax: Int = 65_536, inferenceRowsMax: Int = 10_000,
        readChunkBytes: Int = 1 << 20, recordBytesMax: Int = 64 << 20, binaryEncoding: BinaryTextEncoding = .hex
    ) {
        self.hasHeader = hasHeader
        self.delimiter = delimiter
        self.quote = quote
        self.nullStrings = nullStrings
        self.batchRowsMax = batchRowsMax
        self.inferenceRowsMax = inferenceRowsMax
        self.readChunkBytes = readChunkBytes
        self.recordBytesMax = recordBytesMax
        self.binaryEncoding = binaryEncoding
    }

    /// Nil when the options are usable, else what is wrong with them.
    var problem: String? {
        let reserved: Set<UInt8> = [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        if delimiter >= 0x80 || quote >= 0x80 { return "the delimiter and the quote must be ASCII" }
        if delimiter == quote { return "the delimiter and the quote must differ" }
        if reserved.contains(delimiter) || reserved.contains(quote) {
            return "the delimiter and the quote cannot be CR or LF"
        }
        if batchRowsMax < 1 { return "batchRowsMax must be at least 1" }
        if inferenceRowsMax < 1 { return "inferenceRowsMax must be at least 1" }
        if readChunkBytes < 1 { return "readChunkBytes must be at least 1" }
        if recordBytesMax < 1 || recordBytesMax > 1 << 30 { return "recordBytesMax must be in 1...1 GiB" }
        return nil
    }
}

import LakeColumnar

extension CanonicalDump {
    /// The canonical dump of `batches` read in order, in exactly the format `parquet_dump.py` prints, so that
    /// this engine's output compares string for string with pyarrow's and DuckDB's.
    ///
    /// `schema` names the columns when `batches` is empty (a file without row groups); otherwise every batch
    /// must have `schema`'s fields.
    public init(batches: [Batch], schema: Schema) {
        var columns = schema.fields.map { field in
            Column(name: field.name, type: Self.typeString(field.type), nullable: field.isNullable, values: [])
        }
        var rows = 0
        for batch in batches {
            precondition(batch.schema.fields == schema.fields, "batch schema differs from the dump's schema")
            for (index, column) in batch.columns.enumerated() {
                columns[index].values.append(contentsOf: Self.valueStrings(column))
            }
            rows += batch.rowCount
        }
        self.init(numRows: rows, columns: columns)
    }

    /// The canonical type string of `type`: `bool`, `int8`...`uint64`, `float32`, `float64`, `decimal(P,S)`,
    /// `utf8`, `binary`, `fixed_size_binary(W)`, `date32`, `time(ms|us|ns)`, `timestamp(ms|us|ns)` or
    /// `timestamp(ms|us|ns,UTC)`.
    public static func typeString(_ type: DataType) -> String {
        type.description  // DataType's description is the canonical spelling by design
    }

    /// The canonical value strings of every row of `column` (nil for a null row).
    public static func valueStrings(_ column: LakeColumnar.Column) -> [String?] {
        (0..<column.count).map { row in column.isNull(row) ? nil : valueString(column, row: row) }
    }

    /// The canonical string of the value at `row`, which must not be null.
    public static func valueString(_ column: LakeColumnar.Column, row: Int) -> String {
        switch column.values {
        case .bool(let values): return values[row] ? "true" : "false"
        case .int8(let values): return String(values[row])
        case .int16(let values): return String(values[row])
        case .int32(let values): return String(values[row])
        case .int64(let values): return String(values[row])
        case .uint8(let values): return String(values[row])
        case .uint16(let values): return String(values[row])
        case .uint32(let values): return String(values[row])
        case .uint64(let values): return String(values[row])
        case .float32(let values): return hexDigits(UInt64(values[row].bitPattern), count: 8)
        case .float64(let values): return hexDigits(values[row].bitPattern, count: 16)
        case .int128(let values): return String(values[row])
        case .bytes(let offsets, let data):
            let bytes = data[Int(offsets[row])..<Int(offsets[row + 1])]
            return column.type == .utf8 ? String(decoding: bytes, as: UTF8.self) : hex(bytes)
        case .fixedBytes(let width, let data):
            return hex(data[(row * width)..<((row + 1) * width)])
        case .list(let offsets, let elements):
            return "[" + entryStrings(elements, Int(offsets[row])..<Int(offsets[row + 1])).joined(separator: ",") + "]"
        case .struct(let children, _):
            return "{" + children.map { nestedString($0, row: row) }.joined(separator: ",") + "}"
        case .map(let offsets, let keys, let values):
            let entries = Int(offsets[row])..<Int(offsets[row + 1])
            let pairs = zip(entryStrings(keys, entries), entryStrings(values, entries)).map { "\($0)=\($1)" }
            return "{" + pairs.joined(separator: ",") + "}"
        }
    }

    /// Canonical strings of the child entries `range`, `null` for null entries (as `parquet_dump.py` prints them).
    private static func entryStrings(_ column: LakeColumnar.Column, _ range: Range<Int>) -> [String] {
        range.map { nestedString(column, row: $0) }
    }

    private static func nestedString(_ column: LakeColumnar.Column, row: Int) -> String {
        column.isNull(row) ? "null" : valueString(column, row: row)
    }

    /// The canonical string of a float's bit pattern (as `parquet_dump.py` prints it).
    public static func floatString(_ value: Float) -> String { hexDigits(UInt64(value.bitPattern), count: 8) }

    /// The canonical string of a double's bit pattern (as `parquet_dump.py` prints it).
    public static func floatString(_ value: Double) -> String { hexDigits(value.bitPattern, count: 16) }

    /// Lowercase hex of `bytes`, two digits per byte.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    private static func hexDigits(_ value: UInt64, count: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, count - digits.count)) + digits
    }
}

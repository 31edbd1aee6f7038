import LakeColumnar

/// Decodes PostgreSQL binary COPY data (`COPY ... TO STDOUT (FORMAT binary)`) into a batch of a given schema:
/// the inverse of `BinaryCopyEncoder` for the default type mapping. Used to read loaded tables back exactly
/// (tests, exports) and to extract tables into bronze (`WarehouseExtractor`).
///
/// Two ways to use it: append the whole stream and call `finish()`, or decode while the stream arrives with
/// `nextBatch(rowsMax:)`, which keeps only an incomplete tuple buffered between calls.
///
/// The bytes are untrusted: every length is bounds-checked and a value that does not fit its column type
/// (a bigint read into an int8 column, a numeric with digits below the scale) throws `malformedCopyData`.
///
/// Spec: spec/warehouse.md §2; PostgreSQL documentation, COPY, "Binary Format".
public struct BinaryCopyDecoder {
    public let schema: Schema
    /// Received bytes not yet decoded (decoded tuples are dropped by `nextBatch`).
    private var bytes: [UInt8] = []
    private var headerRead = false
    /// Whether the end-of-data trailer (field count -1) has been read.
    public private(set) var isFinished = false

    /// - Throws: `unsupportedType` for nested fields.
    public init(schema: Schema) throws(WarehouseError) {
        for field in schema.fields where PostgresType.defaultMapping(for: field.type) == nil {
            throw .unsupportedType(column: field.name, type: "\(field.type)")
        }
        self.schema = schema
    }

    /// Appends a chunk of the stream as received.
    public mutating func append(_ chunk: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: chunk)
    }

    /// Bytes received and not yet decoded.
    public var bufferedByteCount: Int { bytes.count }

    /// Decodes the whole tuples received so far, at most `rowsMax`, and drops their bytes, so a stream can be
    /// decoded while it arrives with memory bounded by the batch size. Returns nil when no whole tuple is buffered
    /// (more bytes are needed, or the trailer was reached: see `isFinished`).
    /// - Throws: `malformedCopyData` for a wrong signature, a wrong field count, a negative length or a value that
    ///   does not fit its column.
    /// - Precondition: `rowsMax > 0`.
    public mutating func nextBatch(rowsMax: Int) throws(WarehouseError) -> Batch? {
        precondition(rowsMax > 0, "a batch holds at least one row")
        let batch = try decodeTuples(rowsMax: rowsMax)
        return batch.rowCount > 0 ? batch : nil
    }

    /// The rows not yet taken by `nextBatch`, which must end the stream (header, tuples, trailer): an empty batch
    /// of `schema` when there are none.
    /// - Throws: `malformedCopyData` when the stream is cut short or malformed.
    public func finish() throws(WarehouseError) -> Batch {
        var decoder = self
        let batch = try decoder.decodeTuples(rowsMax: Int.max)
        guard decoder.isFinished else {
            throw .malformedCopyData(
                decoder.headerRead
                    ? "stream ends inside a tuple or without the trailer (\(decoder.bytes.count) bytes left)"
                    : "stream ends inside the header (\(decoder.bytes.count) bytes)")
        }
        return batch
    }

    /// Reads the header if needed, then up to `rowsMax` whole tuples; leaves an incomplete tuple buffered.
    private mutating func decodeTuples(rowsMax: Int) throws(WarehouseError) -> Batch {
        if !headerRead {
            guard let headerBytes = try headerLength() else { return try emptyBatch() }
            headerRead = true
            bytes.removeSubrange(0..<headerBytes)
        }
        let scan = try scanTuples(rowsMax: rowsMax)
        if scan.reachedTrailer { isFinished = true }
        var columns: [Column] = []
        for (field, ranges) in zip(schema.fields, scan.fields) {
            columns.append(try decodeColumn(field, ranges))
        }
        // The scan's reader is gone, so the buffer is uniquely referenced and shifts in place.
        if scan.consumedBytes > 0 { bytes.removeSubrange(0..<scan.consumedBytes) }
        if columns.isEmpty { return Batch(rowCount: scan.rowCount) }
        return Batch(schema: schema, columns: columns)
    }

    /// The header's length in bytes; nil when more bytes are needed.
    private func headerLength() throws(WarehouseError) -> Int? {
        var reader = Reader(bytes: bytes)
        return try reader.readHeader() ? reader.offset : nil
    }

    /// Where the fields of up to `rowsMax` whole tuples lie in `bytes`, per column.
    private func scanTuples(rowsMax: Int) throws(WarehouseError)
        -> (fields: [[Range<Int>?]], rowCount: Int, consumedBytes: Int, reachedTrailer: Bool)
    {
        let columnCount = schema.fields.count
        var fields: [[Range<Int>?]] = Array(repeating: [], count: columnCount)
        var tuple: [Range<Int>?] = Array(repeating: nil, count: columnCount)
        var reader = Reader(bytes: bytes)
        var rowCount = 0
        var reachedTrailer = false
        // Each iteration consumes one tuple; a tuple takes at least 2 bytes, which bounds the loop.
        tuples: for _ in 0...(bytes.count / 2) {
            guard !isFinished && rowCount < rowsMax else { break }
            let start = reader.offset
            guard let count = reader.int16() else { break }
            if count == -1 {
                reachedTrailer = true
                break
            }
            guard Int(count) == columnCount else {
                throw .malformedCopyData("tuple \(rowCount) has \(count) fields, expected \(columnCount)")
            }
            for column in 0..<columnCount {
                guard let length = reader.int32() else {
                    reader.offset = start
                    break tuples
                }
                if length == -1 {
                    tuple[column] = nil
                } else {
                    guard length >= 0 else { throw .malformedCopyData("negative field length \(length)") }
                    let fieldStart = reader.offset
                    guard reader.skip(Int(length)) else {
                        reader.offset = start
                        break tuples
                    }
                    tuple[column] = fieldStart..<reader.offset
                }
            }
            for column in 0..<columnCount { fields[column].append(tuple[column]) }
            rowCount += 1
        }
        return (fields, rowCount, reader.offset, reachedTrailer)
    }

    private func emptyBatch() throws(WarehouseError) -> Batch {
        if schema.fields.isEmpty { return Batch(rowCount: 0) }
        var columns: [Column] = []
        for field in schema.fields { columns.append(try decodeColumn(field, [])) }
        return Batch(schema: schema, columns: columns)
    }

    private func decodeColumn(_ field: Field, _ ranges: [Range<Int>?]) throws(WarehouseError) -> Column {
        let validity = ranges.contains(where: { $0 == nil }) ? Bitmap(ranges.map { $0 != nil }) : nil
        func fail(_ row: Int, _ reason: String) -> WarehouseError {
            .malformedCopyData("column \(field.name), row \(row): \(reason)")
        }
        func integers<T: FixedWidthInteger>(_: T.Type) throws(WarehouseError) -> [T] {
            var values: [T] = []
            values.reserveCapacity(ranges.count)
            for (row, range) in ranges.enumerated() {
                guard let range else {
                    values.append(0)
                    continue
                }
                let wide: Int64
                switch range.count {
                case 1: wide = Int64(bytes[range.lowerBound])
                case 2: wide = Int64(Int16(bitPattern: UInt16(try word(range, row))))
                case 4: wide = Int64(Int32(bitPattern: UInt32(try word(range, row))))
                case 8: wide = Int64(bitPattern: try word(range, row))
                default: throw fail(row, "integer field of \(range.count) bytes")
                }
                guard let value = T(exactly: wide) else { throw fail(row, "\(wide) does not fit \(T.self)") }
                values.append(value)
            }
            return values
        }
        func word(_ range: Range<Int>, _ row: Int) throws(WarehouseError) -> UInt64 {
            var value: UInt64 = 0
            for index in range { value = value << 8 | UInt64(bytes[index]) }
            return value
        }
        func numerics(scale: Int) throws(WarehouseError) -> [Int128] {
            var values: [Int128] = []
            for (row, range) in ranges.enumerated() {
                guard let range else {
                    values.append(0)
                    continue
                }
                let value = bytes[range].withUnsafeBytes { PostgresNumeric.unscaled($0, scale: scale) }
                guard let value else { throw fail(row, "numeric does not fit scale \(scale) in 128 bits") }
                values.append(value)
            }
            return values
        }
        func fixed(_ width: Int, _ row: Int, _ range: Range<Int>) throws(WarehouseError) -> UInt64 {
            guard range.count == width else { throw fail(row, "\(range.count) bytes where \(width) were expected") }
            return try word(range, row)
        }
        let values: ColumnValues
        switch field.type {
        case .bool:
            var output: [Bool] = []
            output.reserveCapacity(ranges.count)
            for (row, range) in ranges.enumerated() {
                output.append(try range.map { range throws(WarehouseError) in try fixed(1, row, range) != 0 } ?? false)
            }
            values = .bool(output)
        case .int8: values = .int8(try integers(Int8.self))
        case .int16: values = .int16(try integers(Int16.self))
        case .int32: values = .int32(try integers(Int32.self))
        case .int64: values = .int64(try integers(Int64.self))
        case .uint8: values = .uint8(try integers(UInt8.self))
        case .uint16: values = .uint16(try integers(UInt16.self))
        case .uint32: values = .uint32(try integers(UInt32.self))
        case .uint64:
            var output: [UInt64] = []
            for (row, value) in try numerics(scale: 0).enumerated() {
                guard let fitted = UInt64(exactly: value) else { throw fail(row, "\(value) does not fit UInt64") }
                output.append(fitted)
            }
            values = .uint64(output)
        case .float32:
            var output: [Float] = []
            for (row, range) in ranges.enumerated() {
                output.append(
                    try range.map { range throws(WarehouseError) in
                        Float(bitPattern: UInt32(try fixed(4, row, range)))
                    } ?? 0)
            }
            values = .float32(output)
        case .float64:
            var output: [Double] = []
            for (row, range) in ranges.enumerated() {
                output.append(
                    try range.map { range throws(WarehouseError) in
                        Double(bitPattern: try fixed(8, row, range))
                    } ?? 0)
            }
            values = .float64(output)
        case .decimal(_, let scale): values = .int128(try numerics(scale: scale))
        case .utf8, .binary:
            var offsets: [Int32] = [0]
            var data: [UInt8] = []
            for range in ranges {
                if let range { data.append(contentsOf: bytes[range]) }
                guard let end = Int32(exactly: data.count) else {
                    throw .malformedCopyData("column \(field.name) holds more than 2 GiB")
                }
                offsets.append(end)
            }
            values = .bytes(offsets: offsets, data: data)
        case .fixedSizeBinary(let width):
            var data: [UInt8] = []
            for (row, range) in ranges.enumerated() {
                guard let range else {
                    data.append(contentsOf: repeatElement(0, count: width))
                    continue
                }
                guard range.count == width else { throw fail(row, "\(range.count) bytes for width \(width)") }
                data.append(contentsOf: bytes[range])
            }
            values = .fixedBytes(width: width, data: data)
        case .date32:
            var output: [Int32] = []
            for (row, range) in ranges.enumerated() {
                guard let range else {
                    output.append(0)
                    continue
                }
                let postgresDays = Int64(Int32(bitPattern: UInt32(try fixed(4, row, range))))
                guard PostgresTemporal.dateRange.contains(postgresDays) else {
                    throw fail(row, "date is ±infinity or outside PostgreSQL's range")
                }
                guard let value = Int32(exactly: postgresDays + PostgresTemporal.epochDays) else {
                    throw fail(row, "date outside date32")
                }
                output.append(value)
            }
            values = .int32(output)
        case .time(let unit):
            var output: [Int64] = []
            for (row, range) in ranges.enumerated() {
                guard let range else {
                    output.append(0)
                    continue
                }
                let micros = Int64(bitPattern: try fixed(8, row, range))
                switch unit {
                case .milliseconds:
                    guard micros % 1_000 == 0 else { throw fail(row, "time has sub-millisecond digits") }
                    output.append(micros / 1_000)
                case .microseconds: output.append(micros)
                case .nanoseconds: output.append(micros * 1_000)
                }
            }
            values = unit == .milliseconds ? .int32(output.map { Int32(truncatingIfNeeded: $0) }) : .int64(output)
        case .timestamp(let unit, _):
            var output: [Int64] = []
            for (row, range) in ranges.enumerated() {
                guard let range else {
                    output.append(0)
                    continue
                }
                let postgres = Int64(bitPattern: try fixed(8, row, range))
                guard let value = PostgresTemporal.unixTimestamp(postgres, unit: unit) else {
                    throw fail(row, "timestamp \(postgres) does not fit \(field.type)")
                }
                output.append(value)
            }
            values = .int64(output)
        case .list, .struct, .map:
            throw .unsupportedType(column: field.name, type: "\(field.type)")
        }
        return Column(type: field.type, values: values, validity: validity)
    }

    /// A bounds-checked big-endian reader over the received bytes: reads return nil (and move nothing) when the
    /// bytes run out, so the caller can wait for more.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        /// The 11-byte signature, flags and header extension: false when more bytes are needed.
        mutating func readHeader() throws(WarehouseError) -> Bool {
            let signature = BinaryCopyEncoder.header.prefix(11)
            let available = min(bytes.count, signature.count)
            guard bytes.prefix(available).elementsEqual(signature.prefix(available)) else {
                throw .malformedCopyData("missing PGCOPY signature")
            }
            guard bytes.count >= 19 else { return false }
            offset = 15
            guard let extensionBytes = int32() else { return false }
            guard extensionBytes >= 0 else { throw .malformedCopyData("negative header extension length") }
            guard skip(Int(extensionBytes)) else {
                offset = 0
                return false
            }
            return true
        }

        mutating func skip(_ count: Int) -> Bool {
            guard count >= 0, bytes.count - offset >= count else { return false }
            offset += count
            return true
        }

        mutating func int16() -> Int16? {
            guard bytes.count - offset >= 2 else { return nil }
            defer { offset += 2 }
            return Int16(bitPattern: UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1]))
        }

        mutating func int32() -> Int32? {
            guard bytes.count - offset >= 4 else { return nil }
            var value: UInt32 = 0
            for byte in bytes[offset..<offset + 4] { value = value << 8 | UInt32(byte) }
            offset += 4
            return Int32(bitPattern: value)
        }
    }
}

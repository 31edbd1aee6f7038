import LakeColumnar

/// Decodes PostgreSQL binary COPY data (`COPY ... TO STDOUT (FORMAT binary)`) into a batch of a given schema:
/// the inverse of `BinaryCopyEncoder` for the default type mapping. Used to read loaded tables back exactly
/// (tests, exports).
///
/// The bytes are untrusted: every length is bounds-checked and a value that does not fit its column type
/// (a bigint read into an int8 column, a numeric with digits below the scale) throws `malformedCopyData`.
///
/// Spec: spec/warehouse.md §2; PostgreSQL documentation, COPY, "Binary Format".
public struct BinaryCopyDecoder {
    public let schema: Schema
    private var bytes: [UInt8] = []

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

    /// The rows received so far, which must form a whole stream (header, tuples, trailer).
    public func finish() throws(WarehouseError) -> Batch {
        var reader = Reader(bytes: bytes)
        let signature = try reader.take(11)
        guard Array(signature) == Array(BinaryCopyEncoder.header.prefix(11)) else {
            throw .malformedCopyData("missing PGCOPY signature")
        }
        _ = try reader.int32()
        let extensionBytes = try reader.int32()
        guard extensionBytes >= 0 else { throw .malformedCopyData("negative header extension length") }
        _ = try reader.take(Int(extensionBytes))
        let columnCount = schema.fields.count
        var fields: [[Range<Int>?]] = Array(repeating: [], count: columnCount)
        var rowCount = 0
        // Each iteration consumes one tuple; a stream holds at most one tuple per 2 bytes.
        for _ in 0...(bytes.count / 2) {
            let count = try reader.int16()
            if count == -1 { break }
            guard Int(count) == columnCount else {
                throw .malformedCopyData("tuple \(rowCount) has \(count) fields, expected \(columnCount)")
            }
            for column in 0..<columnCount {
                let length = try reader.int32()
                if length == -1 {
                    fields[column].append(nil)
                } else {
                    guard length >= 0 else { throw .malformedCopyData("negative field length \(length)") }
                    let start = reader.offset
                    _ = try reader.take(Int(length))
                    fields[column].append(start..<reader.offset)
                }
            }
            rowCount += 1
        }
        var columns: [Column] = []
        for (field, ranges) in zip(schema.fields, fields) {
            columns.append(try decodeColumn(field, ranges))
        }
        if columns.isEmpty { return Batch(rowCount: rowCount) }
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
            values = .bool(ranges.map { range in range.map { bytes[$0.lowerBound] != 0 } ?? false })
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
                let days = Int64(Int32(bitPattern: UInt32(try fixed(4, row, range)))) + PostgresTemporal.epochDays
                guard let value = Int32(exactly: days) else { throw fail(row, "date outside date32") }
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

    /// A bounds-checked big-endian reader over the received bytes.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func take(_ count: Int) throws(WarehouseError) -> ArraySlice<UInt8> {
            guard count >= 0, bytes.count - offset >= count else {
                throw .malformedCopyData("needed \(count) bytes at offset \(offset), stream has \(bytes.count)")
            }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func int16() throws(WarehouseError) -> Int16 {
            let slice = try take(2)
            return Int16(bitPattern: UInt16(slice[slice.startIndex]) << 8 | UInt16(slice[slice.startIndex + 1]))
        }

        mutating func int32() throws(WarehouseError) -> Int32 {
            let slice = try take(4)
            var value: UInt32 = 0
            for byte in slice { value = value << 8 | UInt32(byte) }
            return Int32(bitPattern: value)
        }
    }
}

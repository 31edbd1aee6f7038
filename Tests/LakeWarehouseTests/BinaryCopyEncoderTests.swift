import LakeColumnar
import LakeWarehouse
import Testing

@Suite struct BinaryCopyEncoderTests {
    @Test func tuplesHaveFieldCountsLengthWordsAndBigEndianValues() throws {
        let schema = Schema([Field("a", .int32), Field("b", .utf8), Field("c", .bool)])
        let batch = Batch(
            schema: schema,
            columns: [
                try makeColumn(.int32, [.int(258), .null]),
                try makeColumn(.utf8, [.string("hé"), .string("")]),
                try makeColumn(.bool, [.bool(true), .null]),
            ])
        let bytes = try BinaryCopyEncoder(schema: schema).encode(batch)
        let expected: [UInt8] = [
            0, 3, 0, 0, 0, 4, 0, 0, 1, 2, 0, 0, 0, 3, 0x68, 0xC3, 0xA9, 0, 0, 0, 1, 1,
            0, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,
        ]
        #expect(bytes == expected)
        #expect(BinaryCopyEncoder.header.count == 19)
    }

    @Test func rowRangesEncodeTheSameBytesAsTheWholeBatch() throws {
        let batch = try idLabelBatch(Array(0..<100))
        let encoder = try BinaryCopyEncoder(schema: batch.schema)
        let whole = try encoder.encode(batch)
        let pieces = try encoder.encode(batch, rows: 0..<37) + encoder.encode(batch, rows: 37..<100)
        #expect(whole == pieces)
    }

    @Test func targetsThatCannotHoldTheValuesExactlyAreRefused() throws {
        let schema = Schema([Field("v", .int64)])
        #expect(throws: WarehouseError.typeMismatch(column: "v", source: "int64", target: "integer")) {
            try BinaryCopyEncoder(schema: schema, targets: [.integer])
        }
        let decimal = Schema([Field("d", .decimal(precision: 10, scale: 2))])
        #expect(throws: WarehouseError.self) {
            try BinaryCopyEncoder(schema: decimal, targets: [.numeric(precision: 10, scale: 3)])
        }
        _ = try BinaryCopyEncoder(schema: decimal, targets: [.numeric(precision: nil, scale: 0)])
        _ = try BinaryCopyEncoder(schema: Schema([Field("u", .uint32)]), targets: [.bigint])
        let nested = Schema([Field("l", .list(Field("item", .int32)))])
        #expect(throws: WarehouseError.unsupportedType(column: "l", type: "list<int32>")) {
            try BinaryCopyEncoder(schema: nested)
        }
    }

    @Test func datesOutsidePostgreSQLsRangeNameTheColumnAndRow() throws {
        let schema = Schema([Field("day", .date32)])
        let batch = Batch(schema: schema, columns: [try makeColumn(.date32, [.int(0), .null, .int(Int64(Int32.min))])])
        #expect(throws: WarehouseError.self) { try BinaryCopyEncoder(schema: schema).encode(batch) }
        do {
            _ = try BinaryCopyEncoder(schema: schema).encode(batch)
        } catch {
            guard case .valueOutOfRange(let column, let row, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(column == "day" && row == 2)
        }
    }
}

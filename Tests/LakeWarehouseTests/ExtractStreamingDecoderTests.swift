import LakeColumnar
import LakeCore
import LakeWarehouse
import Testing

/// `BinaryCopyDecoder.nextBatch(rowsMax:)`, which extraction uses to decode a COPY stream while it arrives: the
/// batches equal the whole-stream decoding however the bytes are split, and cut or corrupt streams throw.
@Suite struct ExtractStreamingDecoderTests {
    static let schema = Schema([
        Field("id", .int64, nullable: false), Field("label", .utf8), Field("flag", .bool),
        Field("amount", .decimal(precision: 10, scale: 2)), Field("day", .date32),
    ])

    static func stream(rows: Int, seed: UInt64) throws -> (batch: Batch, bytes: [UInt8]) {
        var rng = SeededGenerator(seed: seed)
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        for row in 0..<rows {
            try builders[0].append(.int(Int64(row)))
            if Bool.random(using: &rng) {
                try builders[1].append(.string(String(repeating: "é", count: Int.random(in: 0..<20, using: &rng))))
            } else {
                builders[1].appendNull()
            }
            try builders[2].append(.bool(Bool.random(using: &rng)))
            try builders[3].append(.decimal(Int128(Int64.random(in: -9_999_999_999...9_999_999_999, using: &rng))))
            try builders[4].append(.int(Int64.random(in: -100_000...100_000, using: &rng)))
        }
        let batch = Batch(schema: schema, columns: builders.map { $0.build() })
        let tuples = try BinaryCopyEncoder(schema: schema).encode(batch)
        return (batch, BinaryCopyEncoder.header + tuples + BinaryCopyEncoder.trailer)
    }

    static func rows(_ batches: [Batch]) -> [[Value]] {
        batches.flatMap { batch in (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row) } } }
    }

    @Test(arguments: [1, 7, 64, 4_096])
    func batchesMatchTheWholeStreamForAnyChunking(chunkBytes: Int) throws {
        let (batch, bytes) = try Self.stream(rows: 500, seed: 0x5EED + UInt64(chunkBytes))
        var decoder = try BinaryCopyDecoder(schema: Self.schema)
        var batches: [Batch] = []
        for start in stride(from: 0, to: bytes.count, by: chunkBytes) {
            bytes[start..<min(bytes.count, start + chunkBytes)].withUnsafeBytes { decoder.append($0) }
            while let next = try decoder.nextBatch(rowsMax: 37) { batches.append(next) }
        }
        #expect(decoder.isFinished)
        #expect(decoder.bufferedByteCount == 0)
        #expect(batches.allSatisfy { $0.rowCount <= 37 && $0.schema == Self.schema })
        #expect(Self.rows(batches) == Self.rows([batch]))
        #expect(try decoder.finish().rowCount == 0)
    }

    @Test func finishDecodesWhatNextBatchLeftAndNeedsTheTrailer() throws {
        let (batch, bytes) = try Self.stream(rows: 100, seed: 0xF1)
        var decoder = try BinaryCopyDecoder(schema: Self.schema)
        bytes.withUnsafeBytes { decoder.append($0) }
        let head = try #require(try decoder.nextBatch(rowsMax: 40))
        let rest = try decoder.finish()
        #expect(Self.rows([head, rest]) == Self.rows([batch]))

        var cut = try BinaryCopyDecoder(schema: Self.schema)
        bytes.dropLast(5).withUnsafeBytes { cut.append($0) }
        #expect(throws: WarehouseError.self) { try cut.finish() }
        #expect(try cut.nextBatch(rowsMax: 1_000).map(\.rowCount) == 99)  // the whole tuples are still there
        #expect(!cut.isFinished)
    }

    @Test func aWrongSignatureOrFieldCountThrowsAtOnce() throws {
        var decoder = try BinaryCopyDecoder(schema: Self.schema)
        Array("PGCOPX".utf8).withUnsafeBytes { decoder.append($0) }
        #expect(throws: WarehouseError.malformedCopyData("missing PGCOPY signature")) {
            try decoder.nextBatch(rowsMax: 10)
        }
        var other = try BinaryCopyDecoder(schema: Self.schema)
        (BinaryCopyEncoder.header + [0x00, 0x02]).withUnsafeBytes { other.append($0) }
        #expect(throws: WarehouseError.malformedCopyData("tuple 0 has 2 fields, expected 5")) {
            try other.nextBatch(rowsMax: 10)
        }
    }

    @Test func aBooleanFieldMustHoldOneByte() throws {
        var decoder = try BinaryCopyDecoder(schema: Schema([Field("flag", .bool)]))
        let tuple: [UInt8] = [0x00, 0x01, 0x00, 0x00, 0x00, 0x00]
        (BinaryCopyEncoder.header + tuple + BinaryCopyEncoder.trailer).withUnsafeBytes { decoder.append($0) }
        #expect(throws: WarehouseError.self) { try decoder.finish() }
    }
}

import LakeColumnar
import LakeCore
import LakeParquet
import Testing

@Suite struct RoundTripSmokeTests {
    @Test func writesAndReadsBackEveryFlatType() throws {
        let root = "/tmp/lake-smoke-\(UInt32.random(in: 0...UInt32.max))"
        let store = LocalObjectStore(root: root)
        let schema = Schema([
            Field("i64", .int64), Field("s", .utf8), Field("d", .float64, nullable: false),
            Field("ts", .timestamp(.microseconds, utc: true)), Field("dec", .decimal(precision: 30, scale: 2)),
        ])
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        for row in 0..<50_000 {
            try builders[0].append(row % 7 == 0 ? .null : .int(Int64(row)))
            try builders[1].append(row % 5 == 0 ? .null : .string("v\(row % 100)"))
            try builders[2].append(.float64(Double(row) * 0.5))
            try builders[3].append(.int(1_700_000_000_000_000 + Int64(row)))
            try builders[4].append(.decimal(Int128(row) * 1_000_000_007))
        }
        let batch = Batch(schema: schema, columns: builders.map { $0.build() })
        for version in [ParquetWriteOptions.DataPageVersion.v1, .v2] {
            var options = ParquetWriteOptions()
            options.dataPageVersion = version
            options.rowGroupRowsMax = 20_000
            let writer = try ParquetFileWriter(store: store, path: "t.parquet", schema: schema, options: options)
            try writer.write(batch)
            try writer.close()
            let reader = try ParquetFileReader(store: store, path: "t.parquet")
            #expect(reader.rowGroupCount == 3)
            let batches = try reader.readAll()
            let merged = batches.flatMap { b in (0..<b.rowCount).map { r in b.columns.map { $0.value(at: r) } } }
            let expected = (0..<batch.rowCount).map { r in batch.columns.map { $0.value(at: r) } }
            #expect(merged == expected)
        }
    }
}

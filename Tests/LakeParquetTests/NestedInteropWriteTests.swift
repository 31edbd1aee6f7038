import Foundation
import LakeColumnar
import LakeCompression
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// Nested files this engine writes must read in pyarrow and DuckDB exactly as written, and their leaf statistics
/// must match what pyarrow computes for the same data.
@Suite("Parquet interop: nested files we write")
struct NestedInteropWriteTests {
    /// Every shape of `NestedRoundTripTests`, once per codec, page version and dictionary choice.
    @Test("pyarrow and DuckDB read every nested shape as written")
    func peersReadNestedShapes() throws {
        try PythonPeer.requireModules()
        let directory = try ScratchDirectory("nested-write")
        let schema = NestedRoundTripTests.schema
        let all = try NestedRoundTripTests.batch(rows: 1_500, seed: 0xAB5)
        let batches = [all.slice(0..<600), all.slice(600..<601), all.slice(601..<1_500)]
        var files: [WrittenFile] = []
        let codecs: [Codec] = [.uncompressed, .snappy, .gzip(level: 6), .zstd(level: 3), .lz4Raw]
        for (index, codec) in codecs.enumerated() {
            for version in [ParquetWriteOptions.DataPageVersion.v1, .v2] {
                var options = ParquetWriteOptions()
                options.compression = codec
                options.dataPageVersion = version
                options.encoding = index % 2 == 0 ? .dictionary : .plain
                options.rowGroupRowsMax = 700
                options.dataPageRowsMax = 128
                let name = "nested-\(codec.name)-v\(version.rawValue).parquet"
                files.append(try WrittenFile.write(batches, schema: schema, options: options, name: name, in: directory))
            }
        }
        try WrittenFileCheck.verify(files, checks: [.pyarrow, .duckdb, .ownReader])
        try Self.expectLeafStatisticsMatchPyarrow(files.map(\.url))
    }

    /// The shape of a Delta checkpoint: one struct column per action, one action per row, most rows null.
    @Test("a Delta-checkpoint-shaped file round-trips and pyarrow reads it as written")
    func deltaCheckpointShape() throws {
        try PythonPeer.requireModules()
        let directory = try ScratchDirectory("nested-checkpoint")
        let schema = Self.checkpointSchema
        let batch = try Self.checkpointBatch(adds: 300)
        var files: [WrittenFile] = []
        for version in [ParquetWriteOptions.DataPageVersion.v1, .v2] {
            var options = ParquetWriteOptions()
            options.dataPageVersion = version
            options.dataPageRowsMax = 100
            files.append(
                try WrittenFile.write(
                    [batch], schema: schema, options: options, name: "checkpoint-v\(version.rawValue).parquet",
                    in: directory))
        }
        try WrittenFileCheck.verify(files, checks: [.pyarrow, .duckdb, .ownReader])
        try Self.expectLeafStatisticsMatchPyarrow(files.map(\.url))
        let reader = try ParquetFileReader(store: directory.store, path: "checkpoint-v1.parquet")
        #expect(reader.schema.fields == schema.fields)
        let protocolOnly = try reader.readAll(columns: ["protocol"])
        #expect(protocolOnly.first?.columns.first?.value(at: 0) == batch.columns[4].value(at: 0))
    }

    static func expectLeafStatisticsMatchPyarrow(_ files: [URL], sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let output = try PythonPeer.run("parquet_leaf_stats.py", files.map(\.path))
        for line in output.text.split(separator: "\n") {
            let report = try JSONDecoder().decode(LeafStatisticsReport.self, from: Data(line.utf8))
            #expect(
                report.differences.isEmpty, "\(report.path):\n\(report.differences.joined(separator: "\n"))",
                sourceLocation: sourceLocation)
        }
    }

    struct LeafStatisticsReport: Decodable {
        var path: String
        var differences: [String]
    }

    static let stringMap = DataType.map(key: Field("key", .utf8, nullable: false), value: Field("value", .utf8))
    static let stringList = DataType.list(Field("element", .utf8, nullable: false))
    static let deletionVector = DataType.struct([
        Field("storageType", .utf8, nullable: false), Field("pathOrInlineDv", .utf8, nullable: false),
        Field("offset", .int32), Field("sizeInBytes", .int32, nullable: false),
        Field("cardinality", .int64, nullable: false),
    ])
    static let checkpointSchema = Schema([
        Field("txn", .struct([Field("appId", .utf8, nullable: false), Field("version", .int64, nullable: false),
            Field("lastUpdated", .int64)])),
        Field("add", .struct([
            Field("path", .utf8, nullable: false), Field("partitionValues", stringMap, nullable: false),
            Field("size", .int64, nullable: false), Field("modificationTime", .int64, nullable: false),
            Field("dataChange", .bool, nullable: false), Field("stats", .utf8), Field("tags", stringMap),
            Field("deletionVector", deletionVector),
        ])),
        Field("remove", .struct([
            Field("path", .utf8, nullable: false), Field("deletionTimestamp", .int64),
            Field("dataChange", .bool, nullable: false), Field("partitionValues", stringMap),
            Field("size", .int64), Field("deletionVector", deletionVector),
        ])),
        Field("metaData", .struct([
            Field("id", .utf8, nullable: false), Field("name", .utf8), Field("description", .utf8),
            Field("format", .struct([Field("provider", .utf8, nullable: false),
                Field("options", stringMap, nullable: false)]), nullable: false),
            Field("schemaString", .utf8, nullable: false), Field("partitionColumns", stringList, nullable: false),
            Field("configuration", stringMap, nullable: false), Field("createdTime", .int64),
        ])),
        Field("protocol", .struct([
            Field("minReaderVersion", .int32, nullable: false), Field("minWriterVersion", .int32, nullable: false),
            Field("readerFeatures", stringList), Field("writerFeatures", stringList),
        ])),
    ])

    /// Protocol, metadata, a transaction, `adds` add actions (some with deletion vectors, tags, partition values)
    /// and a few removes: one non-null column per row.
    static func checkpointBatch(adds: Int) throws -> Batch {
        var builders = checkpointSchema.fields.map { ColumnBuilder(type: $0.type) }
        func row(_ column: Int, _ value: Value) throws {
            for index in builders.indices { try builders[index].append(index == column ? value : .null) }
        }
        try row(4, .struct([.int(3), .int(7), .list([.string("deletionVectors")]),
            .list([.string("deletionVectors"), .string("appendOnly")])]))
        try row(3, .struct([.string("b3c1"), .null, .string("a table"),
            .struct([.string("parquet"), .map(keys: [], values: [])]),
            .string("{\"type\":\"struct\",\"fields\":[]}"), .list([.string("date")]),
            .map(keys: [.string("delta.appendOnly")], values: [.string("true")]), .int(1_700_000_000_000)]))
        try row(0, .struct([.string("app"), .int(12), .null]))
        for index in 0..<adds {
            let vector: Value = index % 7 == 0
                ? .struct([.string("u"), .string("ab^-aqEH.-t@S}K{vb[*k^"), .int(1), .int(36), .int(Int64(index))])
                : .null
            let tags: Value = index % 5 == 0 ? .map(keys: [.string("INSERTION_TIME")], values: [.null]) : .null
            try row(1, .struct([.string("date=2024-01-\(index % 28 + 1)/part-\(index).parquet"),
                .map(keys: [.string("date")], values: [index % 11 == 0 ? .null : .string("2024-01-01")]),
                .int(Int64(1_000 + index)), .int(1_700_000_000_000 + Int64(index)), .bool(true),
                index % 3 == 0 ? .null : .string("{\"numRecords\":\(index)}"), tags, vector]))
        }
        for index in 0..<20 {
            try row(2, .struct([.string("old-\(index).parquet"), .int(1_600_000_000_000), .bool(true),
                index % 2 == 0 ? .null : .map(keys: [], values: []), .null, .null]))
        }
        return Batch(schema: checkpointSchema, columns: builders.map { $0.build() })
    }
}

import Foundation
import LakeColumnar
import LakeCompression
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// Files this engine writes must read back in pyarrow and DuckDB exactly as written: the same column names,
/// types, nullability (pyarrow; DuckDB reports every column nullable) and values, with correct statistics.
///
/// Each test writes its files first and then asks `Tests/interop/parquet_report.py` about all of them in one
/// Python process. The tests fail, not skip, when python3, pyarrow or DuckDB is missing.
@Suite("Parquet interop: files we write")
struct ParquetInteropWriteTests {
    /// Value encodings of the matrix. Each applies to the columns whose physical type it can store; the other
    /// columns are written PLAIN.
    enum EncodingChoice: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case dictionary
        /// Dictionary encoding that falls back to PLAIN once the dictionary passes 256 bytes.
        case dictionaryFallback
        case plain
        case deltaBinaryPacked
        case deltaLengthByteArray
        case deltaByteArray
        /// BYTE_STREAM_SPLIT on floats and INT32/INT64; DuckDB cannot read it on FIXED_LEN_BYTE_ARRAY (tested
        /// separately against pyarrow).
        case byteStreamSplit

        var testDescription: String { rawValue }

        /// Options that write `schema` with this encoding.
        func options(for schema: Schema) -> ParquetWriteOptions {
            var options = ParquetWriteOptions()
            switch self {
            case .dictionary:
                options.encoding = .dictionary
            case .dictionaryFallback:
                options.encoding = .dictionary
                options.dictionaryPageBytesMax = 256
            case .plain:
                options.encoding = .plain
            case .deltaBinaryPacked, .deltaLengthByteArray, .deltaByteArray, .byteStreamSplit:
                options.encoding = .plain
                let encoding = ParquetWriteOptions.ValueEncoding(rawValue: snakeCaseName)
                for field in schema.fields where accepts(field.type) {
                    options.columns[field.name] = .init(encoding: encoding)
                }
            }
            return options
        }

        private var snakeCaseName: String {
            switch self {
            case .deltaBinaryPacked: "delta_binary_packed"
            case .deltaLengthByteArray: "delta_length_byte_array"
            case .deltaByteArray: "delta_byte_array"
            case .byteStreamSplit: "byte_stream_split"
            case .dictionary, .dictionaryFallback, .plain: rawValue
            }
        }

        /// Whether this encoding is applied to a column of `type`.
        func accepts(_ type: DataType) -> Bool {
            let storage = PhysicalStorage(type)
            switch self {
            case .dictionary, .dictionaryFallback, .plain: return true
            case .deltaBinaryPacked: return storage == .int32 || storage == .int64
            case .byteStreamSplit: return [.int32, .int64, .float, .double].contains(storage)
            case .deltaLengthByteArray: return storage == .byteArray
            case .deltaByteArray: return storage == .byteArray || storage == .fixedLenByteArray
            }
        }
    }

    /// The Parquet physical type the format's type mapping stores a column of `type` in (LogicalTypes.md).
    enum PhysicalStorage {
        case boolean, int32, int64, float, double, byteArray, fixedLenByteArray

        init(_ type: DataType) {
            switch type {
            case .bool: self = .boolean
            case .int8, .int16, .int32, .uint8, .uint16, .uint32, .date32, .time(.milliseconds): self = .int32
            case .int64, .uint64, .time, .timestamp: self = .int64
            case .float32: self = .float
            case .float64: self = .double
            case .utf8, .binary: self = .byteArray
            case .fixedSizeBinary: self = .fixedLenByteArray
            case .decimal(let precision, _):
                self = precision <= 9 ? .int32 : precision <= 18 ? .int64 : .fixedLenByteArray
            case .list, .struct, .map:
                preconditionFailure("\(type) is a group; only its leaves have a physical storage")
            }
        }
    }

    static let codecs: [Codec] = [.uncompressed, .snappy, .gzip(level: 6), .zstd(level: 3), .lz4Raw]
    static let pageVersions: [ParquetWriteOptions.DataPageVersion] = [.v1, .v2]
    static let matrixRows = 200
    /// Row groups of 90 rows and pages of at most 40 rows: 3 row groups (90, 90, 20) of several pages each.
    static let matrixRowGroupRows = 90
    static let matrixPageRows = 40

    /// Writes `rows` seeded rows in three uneven batches (so writes cross page and row-group boundaries).
    static func unevenBatches(schema: Schema, rows: Int, seed: UInt64) -> [Batch] {
        let all = ParquetTestData.batch(schema: schema, rows: rows, seed: seed)
        let cuts = [0, min(rows, 97), min(rows, 98), rows]
        return zip(cuts, cuts.dropFirst()).map { all.slice($0..<$1) }
    }

    @Test(
        "every flat type round-trips through pyarrow and DuckDB for each encoding, codec and page version",
        arguments: [true, false],
        EncodingChoice.allCases
    )
    func peersReadEveryTypeAsWritten(nullable: Bool, encoding: EncodingChoice) throws {
        try PythonPeer.requireModules()
        let directory = try ScratchDirectory("write-matrix")
        let schema = ParquetTestData.schema(nullable: nullable)
        let batches = Self.unevenBatches(
            schema: schema,
            rows: Self.matrixRows,
            seed: nullable ? 0x5EED_0001 : 0x5EED_0002
        )
        var files: [WrittenFile] = []
        for codec in Self.codecs {
            for version in Self.pageVersions {
                var options = encoding.options(for: schema)
                options.compression = codec
                options.dataPageVersion = version
                options.rowGroupRowsMax = Self.matrixRowGroupRows
                options.dataPageRowsMax = Self.matrixPageRows
                let shape = nullable ? "nullable" : "required"
                let name = "\(shape)-\(encoding.rawValue)-\(codec.name)-v\(version.rawValue).parquet"
                files.append(
                    try WrittenFile.write(batches, schema: schema, options: options, name: name, in: directory)
                )
            }
        }
        try WrittenFileCheck.verify(files)
    }

    @Test("a file without rows keeps its schema", arguments: [true, false])
    func emptyFileKeepsSchema(nullable: Bool) throws {
        try PythonPeer.requireModules()
        let directory = try ScratchDirectory("write-empty")
        let schema = ParquetTestData.schema(nullable: nullable)
        let empty = ParquetTestData.batch(schema: schema, rows: 0, seed: 1)
        let noBatch = try WrittenFile.write(
            [],
            schema: schema,
            options: .init(),
            name: "no-batch.parquet",
            in: directory
        )
        let emptyBatch = try WrittenFile.write(
            [empty],
            schema: schema,
            options: .init(),
            name: "empty-batch.parquet",
            in: directory
        )
        try WrittenFileCheck.verify([noBatch, emptyBatch])
    }

    @Test("a one-row file holds the extreme values", arguments: pageVersions)
    func oneRowFile(version: ParquetWriteOptions.DataPageVersion) throws {
        try PythonPeer.requireModules()
        let directory = try ScratchDirectory("write-one-row")
        var files: [WrittenFile] = []
        for nullable in [true, false] {
            let schema = ParquetTestData.schema(nullable: nullable)
            var options = ParquetWriteOptions()
            options.dataPageVersion = version
            let batch = ParquetTestData.batch(schema: schema, rows: 1, seed: 7)
            files.append(
                try WrittenFile.write(
                    [batch],
                    schema: schema,
                    options: options,
                    name: "one-\(nullable).parquet",
                    in: directory
                )
            )
        }
        try WrittenFileCheck.verify(files)
    }

    @Test("batches of uneven sizes are cut into row groups of the configured size")
    func manyRowGroups() throws {
        try PythonPeer.requireModules()
        let directory = try ScratchDirectory("write-row-groups")
        let schema = ParquetTestData.schema(nullable: true)
        let all = ParquetTestData.batch(schema: schema, rows: 100, seed: 0xB0B)
        let cuts = [0, 1, 14, 14, 64, 100]
        let batches = zip(cuts, cuts.dropFirst()).map { all.slice($0..<$1) }
        var files: [WrittenFile] = []
        for rowGroupRows in [1, 7, 99, 100, 101] {
            var options = ParquetWriteOptions()
            options.rowGroupRowsMax = rowGroupRows
            options.dataPageRowsMax = 3
            files.append(
                try WrittenFile.write(
                    batches,
                    schema: schema,
                    options: options,
                    name: "groups-\(rowGroupRows).parquet",
                    in: directory
                )
            )
        }
        try WrittenFileCheck.verify(files)
        let reader = try ParquetFileReader(store: directory.store, path: "groups-7.parquet")
        #expect(reader.rowGroupCount == 15)
        #expect(reader.rowCount == 100)
    }

    @Test("BYTE_STREAM_SPLIT on FIXED_LEN_BYTE_ARRAY columns reads back in pyarrow")
    func byteStreamSplitOnFixedLengthColumns() throws {
        try PythonPeer.requireModules()
        let directory = try ScratchDirectory("write-bss-flba")
        let schema = ParquetTestData.schema(nullable: true)
        let batches = Self.unevenBatches(schema: schema, rows: 150, seed: 0xB55)
        var files: [WrittenFile] = []
        for version in Self.pageVersions {
            var options = ParquetWriteOptions()
            options.encoding = .plain
            options.dataPageVersion = version
            options.compression = .zstd(level: 1)
            for name in ["fixed16", "fixed3", "decimal30", "decimal38", "float32", "float64"] {
                options.columns[name] = .init(encoding: .byteStreamSplit)
            }
            files.append(
                try WrittenFile.write(
                    batches,
                    schema: schema,
                    options: options,
                    name: "bss-v\(version.rawValue).parquet",
                    in: directory
                )
            )
        }
        // DuckDB documents that it cannot read BYTE_STREAM_SPLIT on FIXED_LEN_BYTE_ARRAY.
        try WrittenFileCheck.verify(files, checks: [.pyarrow, .statistics, .ownReader])
    }

    @Test("statistics can be turned off for the file and back on for one column")
    func statisticsSwitches() throws {
        try PythonPeer.requireModules()
        let directory = try ScratchDirectory("write-statistics")
        let schema = ParquetTestData.schema(nullable: true)
        let batch = ParquetTestData.batch(schema: schema, rows: 80, seed: 0x57A7)
        var off = ParquetWriteOptions()
        off.statistics = false
        off.writePageIndex = false
        var mixed = ParquetWriteOptions()
        mixed.statistics = false
        mixed.columns["int64"] = .init(statistics: true)
        mixed.columns["utf8"] = .init(compression: .gzip(level: 9), statistics: true)
        mixed.columns["float64"] = .init(encoding: .byteStreamSplit, compression: .uncompressed)
        let files = [
            try WrittenFile.write([batch], schema: schema, options: off, name: "off.parquet", in: directory),
            try WrittenFile.write([batch], schema: schema, options: mixed, name: "mixed.parquet", in: directory),
        ]
        try WrittenFileCheck.verify(files)
    }

    @Test("the footer carries created_by and the key-value metadata")
    func footerMetadata() throws {
        try PythonPeer.requireModules()
        let directory = try ScratchDirectory("write-footer")
        let schema = Schema([Field("id", .int64, nullable: false), Field("name", .utf8)])
        let batch = ParquetTestData.batch(schema: schema, rows: 10, seed: 3)
        var options = ParquetWriteOptions()
        options.createdBy = "lake interop test"
        options.keyValueMetadata = ["lake.source": "coingecko", "empty": "", "ünïcödé": "値"]
        let file = try WrittenFile.write(
            [batch],
            schema: schema,
            options: options,
            name: "footer.parquet",
            in: directory
        )
        try WrittenFileCheck.verify([file])
    }

    @Test("page limits cut chunks into pages that the offset index lists")
    func pageLimitsCutPages() throws {
        let directory = try ScratchDirectory("write-pages")
        let schema = Schema([Field("id", .int64, nullable: false), Field("text", .utf8)])
        let batch = ParquetTestData.batch(schema: schema, rows: 250, seed: 11)
        var options = ParquetWriteOptions()
        options.dataPageRowsMax = 40
        options.encoding = .plain
        let file = try WrittenFile.write(
            [batch],
            schema: schema,
            options: options,
            name: "pages.parquet",
            in: directory
        )
        let reader = try ParquetFileReader(store: directory.store, path: "pages.parquet")
        let (columnIndex, offsetIndex) = try reader.pageIndex(rowGroup: 0, column: 0)
        let locations = try #require(offsetIndex).pageLocations
        #expect(locations.map(\.firstRowIndex) == [0, 40, 80, 120, 160, 200, 240])
        #expect(try #require(columnIndex).nullPages == Array(repeating: false, count: 7))
        #expect(WrittenFileCheck.ownReaderProblems(file) == [])
    }
}

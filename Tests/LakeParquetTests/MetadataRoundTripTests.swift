import Foundation
import LakeCore
import LakeTestSupport
import Testing

@testable import LakeParquet

/// The parquet.thrift structures: round trips with every optional field set and unset, forward compatibility,
/// required-field checks, a footer written by pyarrow, and seeded fuzzing of the decoder.
@Suite struct MetadataRoundTripTests {
    // MARK: Samples

    static let fullStatistics = Statistics(
        max: [9, 0, 0, 0], min: [1, 0, 0, 0], nullCount: 3, distinctCount: 7, maxValue: [9, 0, 0, 0],
        minValue: [1, 0, 0, 0], isMaxValueExact: true, isMinValueExact: false, nanCount: 0)

    static let fullColumnMetaData = ColumnMetaData(
        type: .byteArray, encodings: [.plain, .rle, .rleDictionary, Encoding(rawValue: 42)],
        pathInSchema: ["outer", "list", "element"], codec: .zstd, numValues: 1_000, totalUncompressedSize: 40_000,
        totalCompressedSize: 12_345, keyValueMetadata: [KeyValue(key: "k", value: "v"), KeyValue(key: "only")],
        dataPageOffset: 4_096, indexPageOffset: 77, dictionaryPageOffset: 4, statistics: fullStatistics,
        encodingStats: [
            PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1),
            PageEncodingStats(pageType: .dataPage, encoding: .rleDictionary, count: 20),
        ],
        bloomFilterOffset: 99_000, bloomFilterLength: 1_024,
        sizeStatistics: SizeStatistics(
            unencodedByteArrayDataBytes: 5_000, repetitionLevelHistogram: [10, 990],
            definitionLevelHistogram: [3, 0, 997]),
        geospatialStatistics: GeospatialStatistics(
            boundingBox: BoundingBox(
                xMin: -180, xMax: 180, yMin: -90, yMax: 90, zMin: 0, zMax: 8_848, mMin: -1, mMax: 1),
            geospatialTypes: [1, 3, 1006]))

    static let minimalColumnMetaData = ColumnMetaData(
        type: .int64, encodings: [], pathInSchema: ["id"], codec: .uncompressed, numValues: 0,
        totalUncompressedSize: 0, totalCompressedSize: 0, dataPageOffset: 4)

    static let fullColumnChunk = ColumnChunk(
        filePath: "part-0.parquet", fileOffset: 12, metaData: fullColumnMetaData, offsetIndexOffset: 100_000,
        offsetIndexLength: 64, columnIndexOffset: 100_064, columnIndexLength: 128,
        cryptoMetadata: .encryptionWithColumnKey(pathInSchema: ["a", "b"], keyMetadata: [1, 2, 3]),
        encryptedColumnMetadata: [0xDE, 0xAD])

    static let fullRowGroup = RowGroup(
        columns: [fullColumnChunk, ColumnChunk(metaData: minimalColumnMetaData)], totalByteSize: 50_000,
        numRows: 1_000,
        sortingColumns: [
            SortingColumn(columnIndex: 0, descending: false, nullsFirst: true),
            SortingColumn(columnIndex: 1, descending: true, nullsFirst: false),
        ],
        fileOffset: 4, totalCompressedSize: 12_345, ordinal: 3)

    static let fullSchema: [SchemaElement] = [
        SchemaElement(name: "schema", numChildren: 3),
        SchemaElement(
            type: .fixedLenByteArray, typeLength: 16, repetitionType: .required, name: "price",
            convertedType: .decimal, scale: 2, precision: 38, fieldID: 1,
            logicalType: .decimal(scale: 2, precision: 38)),
        SchemaElement(
            type: .int64, repetitionType: .optional, name: "at", convertedType: .timestampMicros, fieldID: 2,
            logicalType: .timestamp(isAdjustedToUTC: true, unit: .microseconds)),
        SchemaElement(
            repetitionType: .repeated, name: "tags", numChildren: 0, convertedType: .list,
            logicalType: .list),
    ]

    static let fullFileMetaData = FileMetaData(
        version: 2, schema: fullSchema, numRows: 1_000, rowGroups: [fullRowGroup, fullRowGroup],
        keyValueMetadata: [KeyValue(key: "ARROW:schema", value: "/////w=="), KeyValue(key: "empty", value: "")],
        createdBy: "lake version 0.1 (build test)",
        columnOrders: [.typeDefinedOrder, .ieee754TotalOrder, .int96TimestampOrder],
        encryptionAlgorithm: .aesGCMV1(
            AESGCMParameters(aadPrefix: [1], aadFileUnique: [2, 3], supplyAADPrefix: true)),
        footerSigningKeyMetadata: [4, 5, 6])

    static let minimalFileMetaData = FileMetaData(
        version: 1, schema: [SchemaElement(name: "root")], numRows: 0, rowGroups: [])

    static let allLogicalTypes: [LogicalType] = [
        .string, .map, .list, .enum, .decimal(scale: 0, precision: 1), .decimal(scale: 4, precision: 18), .date,
        .time(isAdjustedToUTC: false, unit: .milliseconds), .time(isAdjustedToUTC: true, unit: .nanoseconds),
        .timestamp(isAdjustedToUTC: true, unit: .microseconds),
        .timestamp(isAdjustedToUTC: false, unit: .unrecognized(fieldID: 9)),
        .integer(bitWidth: 8, isSigned: true), .integer(bitWidth: 64, isSigned: false), .unknown, .json, .bson,
        .uuid, .float16, .variant(specificationVersion: nil), .variant(specificationVersion: 1),
        .geometry(crs: nil), .geometry(crs: "OGC:CRS84"), .geography(crs: nil, algorithm: nil),
        .geography(crs: "EPSG:4326", algorithm: .karney), .unrecognized(fieldID: 9), .unrecognized(fieldID: 40),
    ]

    // MARK: Helpers

    /// Encodes `value`, decodes it back, and checks that the decoder consumed exactly the encoding.
    private func roundTripped<T: ThriftStruct>(_ value: T) throws -> T {
        let bytes = value.encode()
        var reader = ThriftCompactReader(bytes)
        let decoded = try T(from: &reader)
        #expect(reader.remainingByteCount == 0, "\(T.self) left \(reader.remainingByteCount) bytes")
        return decoded
    }

    private func expectRoundTrip<T: ThriftStruct & Equatable>(
        _ value: T, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(try roundTripped(value) == value, sourceLocation: sourceLocation)
    }

    private func decodeError<T: ThriftStruct>(_: T.Type, from bytes: [UInt8]) -> ParquetError? {
        var reader = ThriftCompactReader(bytes)
        do {
            _ = try T(from: &reader)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Round trips

    @Test func fileMetaDataRoundTripsWithAllAndNoOptionalFields() throws {
        try expectRoundTrip(Self.fullFileMetaData)
        try expectRoundTrip(Self.minimalFileMetaData)
        #expect(try FileMetaData.decode(Self.fullFileMetaData.encode()) == Self.fullFileMetaData)
        let padded = [0xEE] + Self.minimalFileMetaData.encode() + [0xEE]
        #expect(try FileMetaData.decode(padded[1...]) == Self.minimalFileMetaData)
    }

    @Test func rowGroupAndColumnStructsRoundTrip() throws {
        try expectRoundTrip(Self.fullRowGroup)
        try expectRoundTrip(RowGroup(columns: [], totalByteSize: 0, numRows: 0))
        try expectRoundTrip(Self.fullColumnChunk)
        try expectRoundTrip(ColumnChunk())
        try expectRoundTrip(Self.fullColumnMetaData)
        try expectRoundTrip(Self.minimalColumnMetaData)
        try expectRoundTrip(SortingColumn(columnIndex: 7, descending: true, nullsFirst: true))
        try expectRoundTrip(PageEncodingStats(pageType: .dataPageV2, encoding: .deltaBinaryPacked, count: 0))
        try expectRoundTrip(KeyValue(key: "a", value: "b"))
        try expectRoundTrip(KeyValue(key: ""))
    }

    @Test func statisticsRoundTripWithAllAndNoFields() throws {
        try expectRoundTrip(Self.fullStatistics)
        try expectRoundTrip(Statistics())
        try expectRoundTrip(Statistics(maxValue: [], minValue: [], isMaxValueExact: false))
        #expect(Statistics().encode() == [0x00])
    }

    @Test func schemaElementsRoundTrip() throws {
        for element in Self.fullSchema {
            try expectRoundTrip(element)
        }
        try expectRoundTrip(SchemaElement(name: "ünïcode ✓"))
        for logicalType in Self.allLogicalTypes {
            try expectRoundTrip(SchemaElement(type: .int32, name: "c", logicalType: logicalType))
        }
    }

    @Test(arguments: MetadataRoundTripTests.allLogicalTypes)
    func logicalTypesRoundTrip(logicalType: LogicalType) throws {
        try expectRoundTrip(logicalType)
    }

    @Test func logicalTypeMembersUseTheirParquetThriftIDs() {
        #expect(LogicalType.string.encode() == [0x1C, 0x00, 0x00])
        #expect(LogicalType.uuid.encode() == [0xEC, 0x00, 0x00])
        #expect(LogicalType.float16.encode() == [0xFC, 0x00, 0x00])
        #expect(LogicalType.unknown.encode() == [0xBC, 0x00, 0x00])
        // DecimalType {1: scale, 2: precision}.
        #expect(
            LogicalType.decimal(scale: 2, precision: 10).encode() == [0x5C, 0x15, 0x04, 0x15, 0x14, 0x00, 0x00])
        // TimestampType {1: isAdjustedToUTC = true, 2: ParquetTimeUnit {2: MICROS {}}}.
        #expect(
            LogicalType.timestamp(isAdjustedToUTC: true, unit: .microseconds).encode()
                == [0x8C, 0x11, 0x1C, 0x2C, 0x00, 0x00, 0x00, 0x00])
        // IntType {1: i8 bitWidth, 2: isSigned = false}.
        #expect(
            LogicalType.integer(bitWidth: 16, isSigned: false).encode() == [0xAC, 0x13, 0x10, 0x12, 0x00, 0x00])
    }

    @Test func unionsRoundTripEveryMember() throws {
        for unit in [ParquetTimeUnit.milliseconds, .microseconds, .nanoseconds, .unrecognized(fieldID: 4)] {
            try expectRoundTrip(unit)
        }
        let orders = [
            ColumnOrder.typeDefinedOrder, .ieee754TotalOrder, .int96TimestampOrder, .unrecognized(fieldID: 9),
        ]
        for order in orders {
            try expectRoundTrip(order)
        }
        let parameters = AESGCMParameters(aadPrefix: [1, 2], aadFileUnique: [3], supplyAADPrefix: false)
        for algorithm in [
            EncryptionAlgorithm.aesGCMV1(parameters), .aesGCMCTRV1(parameters), .aesGCMV1(AESGCMParameters()),
            .unrecognized(fieldID: 3),
        ] {
            try expectRoundTrip(algorithm)
        }
        for crypto in [
            ColumnCryptoMetadata.encryptionWithFooterKey,
            .encryptionWithColumnKey(pathInSchema: ["x"], keyMetadata: nil),
            .encryptionWithColumnKey(pathInSchema: [], keyMetadata: [9]), .unrecognized(fieldID: 5),
        ] {
            try expectRoundTrip(crypto)
        }
    }

    @Test func pageHeadersRoundTripAndReportTheirSize() throws {
        let dataPage = PageHeader(
            type: .dataPage, uncompressedPageSize: 1_000, compressedPageSize: 400, crc: -123_456,
            dataPageHeader: DataPageHeader(
                numValues: 100, encoding: .rleDictionary, definitionLevelEncoding: .rle,
                repetitionLevelEncoding: .bitPacked, statistics: Self.fullStatistics))
        let dictionaryPage = PageHeader(
            type: .dictionaryPage, uncompressedPageSize: 64, compressedPageSize: 64,
            dictionaryPageHeader: DictionaryPageHeader(numValues: 8, encoding: .plain, isSorted: true))
        let dataPageV2 = PageHeader(
            type: .dataPageV2, uncompressedPageSize: 500, compressedPageSize: 300,
            dataPageHeaderV2: DataPageHeaderV2(
                numValues: 50, numNulls: 5, numRows: 40, encoding: .deltaByteArray, definitionLevelsByteLength: 10,
                repetitionLevelsByteLength: 6, isCompressed: false, statistics: Statistics(nullCount: 5)))
        let minimal = [
            PageHeader(type: .indexPage, uncompressedPageSize: 0, compressedPageSize: 0),
            PageHeader(
                type: .dataPage, uncompressedPageSize: 1, compressedPageSize: 1,
                dataPageHeader: DataPageHeader(
                    numValues: 1, encoding: .plain, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)),
            PageHeader(
                type: .dictionaryPage, uncompressedPageSize: 1, compressedPageSize: 1,
                dictionaryPageHeader: DictionaryPageHeader(numValues: 0, encoding: .plainDictionary)),
            PageHeader(
                type: .dataPageV2, uncompressedPageSize: 1, compressedPageSize: 1,
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: 0, numNulls: 0, numRows: 0, encoding: .plain, definitionLevelsByteLength: 0,
                    repetitionLevelsByteLength: 0)),
        ]
        let pageData: [UInt8] = [0xAA, 0xBB, 0xCC]
        for header in [dataPage, dictionaryPage, dataPageV2] + minimal {
            try expectRoundTrip(header)
            let encoded = header.encode()
            let file = [0x50, 0x41] + encoded + pageData
            let (decoded, byteCount) = try PageHeader.decode(file, at: 2)
            #expect(decoded == header)
            #expect(byteCount == encoded.count)
            #expect(Array(file[(2 + byteCount)...]) == pageData)
        }
        #expect(minimal[3].dataPageHeaderV2?.valuesAreCompressed == true)
        #expect(dataPageV2.dataPageHeaderV2?.valuesAreCompressed == false)
        #expect(throws: ParquetError.self) { try PageHeader.decode([0x15], at: 2) }
    }

    @Test func pageIndexStructuresRoundTrip() throws {
        let columnIndex = ColumnIndex(
            nullPages: [false, true, false], minValues: [[1], [], [3]], maxValues: [[2], [], [4]],
            boundaryOrder: .ascending, nullCounts: [0, 10, 1], repetitionLevelHistograms: [1, 2, 3, 4, 5, 6],
            definitionLevelHistograms: [6, 5, 4, 3, 2, 1], nanCounts: [0, 0, 0])
        let minimalColumnIndex = ColumnIndex(nullPages: [], minValues: [], maxValues: [], boundaryOrder: .unordered)
        let offsetIndex = OffsetIndex(
            pageLocations: [
                PageLocation(offset: 4, compressedPageSize: 100, firstRowIndex: 0),
                PageLocation(offset: 104, compressedPageSize: 90, firstRowIndex: 1_000),
            ],
            unencodedByteArrayDataBytes: [500, 400])
        let minimalOffsetIndex = OffsetIndex(pageLocations: [])
        for index in [columnIndex, minimalColumnIndex] {
            try expectRoundTrip(index)
            #expect(try ColumnIndex.decode(index.encode()) == index)
        }
        for index in [offsetIndex, minimalOffsetIndex] {
            try expectRoundTrip(index)
            #expect(try OffsetIndex.decode(index.encode()) == index)
        }
    }

    @Test func geospatialAndSizeStructsRoundTrip() throws {
        try expectRoundTrip(BoundingBox(xMin: 1, xMax: 2, yMin: 3, yMax: 4))
        try expectRoundTrip(GeospatialStatistics())
        try expectRoundTrip(SizeStatistics())
        try expectRoundTrip(AESGCMParameters())
    }

    // MARK: Forward compatibility

    @Test func unknownEnumValuesSurviveDecoding() throws {
        let element = SchemaElement(
            type: PhysicalType(rawValue: 99), repetitionType: FieldRepetitionType(rawValue: 3), name: "future",
            convertedType: ConvertedType(rawValue: 77))
        let decoded = try roundTripped(element)
        #expect(decoded.type?.rawValue == 99)
        #expect(decoded.type?.isKnown == false)
        #expect(decoded.type?.description == "Type(99)")
        #expect(decoded.repetitionType?.isKnown == false)
        #expect(PhysicalType.int96.isKnown)
        #expect(CompressionCodec.lz4Raw.description == "LZ4_RAW")
        #expect(Encoding.byteStreamSplit.rawValue == 9)
        #expect(ConvertedType.interval.rawValue == 21)
    }

    @Test func unknownFieldsAreSkipped() throws {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeI32Field(1, 1)  // version
        writer.writeListField(2, [SchemaElement(name: "root")])
        writer.writeI64Field(3, 5)  // num_rows
        writer.writeListField(4, [RowGroup]())
        writer.writeStringField(6, "writer")
        writer.writeStructField(40, Self.fullStatistics)  // unknown struct field
        writer.writeI64ListField(41, [1, 2, 3])  // unknown list field
        writer.writeBoolField(42, true)  // unknown bool field
        writer.writeStringField(6, "second")  // a repeated field: the last one wins
        writer.endStruct()
        let decoded = try FileMetaData.decode(writer.bytes)
        #expect(
            decoded
                == FileMetaData(
                    version: 1, schema: [SchemaElement(name: "root")], numRows: 5, rowGroups: [],
                    createdBy: "second"))
    }

    @Test func fieldsOfTheWrongTypeAreSkippedLikeUnknownFields() throws {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeStringField(1, "not a number")  // Statistics.max is binary: fine
        writer.writeStringField(3, "not a count")  // Statistics.null_count is i64: skipped
        writer.endStruct()
        var reader = ThriftCompactReader(writer.bytes)
        #expect(try Statistics(from: &reader) == Statistics(max: Array("not a number".utf8)))
    }

    @Test func unrecognizedLogicalTypesDecodeAndReencodeTheirID() throws {
        // LogicalType member 19 (VECTOR in recent parquet.thrift) holding a struct with one field.
        let bytes: [UInt8] = [0x0C, 0x26, 0x15, 0x02, 0x00, 0x00]
        var reader = ThriftCompactReader(bytes)
        let decoded = try LogicalType(from: &reader)
        #expect(decoded == .unrecognized(fieldID: 19))
        #expect(reader.remainingByteCount == 0)
        #expect(decoded.encode() == [0x0C, 0x26, 0x00, 0x00])
    }

    @Test func missingRequiredFieldsAreNamed() {
        let cases: [(error: ParquetError?, name: String)] = [
            (decodeError(FileMetaData.self, from: [0x00]), "FileMetaData.version"),
            (decodeError(KeyValue.self, from: [0x28, 0x01, 0x61, 0x00]), "KeyValue.key"),
            (decodeError(SchemaElement.self, from: [0x15, 0x02, 0x00]), "SchemaElement.name"),
            (decodeError(RowGroup.self, from: [0x19, 0x0C, 0x00]), "RowGroup.total_byte_size"),
            (decodeError(ColumnMetaData.self, from: [0x15, 0x02, 0x00]), "ColumnMetaData.encodings"),
            (decodeError(PageHeader.self, from: [0x15, 0x00, 0x00]), "PageHeader.uncompressed_page_size"),
            (decodeError(DataPageHeader.self, from: [0x00]), "DataPageHeader.num_values"),
            (decodeError(DataPageHeaderV2.self, from: [0x15, 0x02, 0x00]), "DataPageHeaderV2.num_nulls"),
            (decodeError(DictionaryPageHeader.self, from: [0x15, 0x02, 0x00]), "DictionaryPageHeader.encoding"),
            (decodeError(SortingColumn.self, from: [0x15, 0x02, 0x11, 0x00]), "SortingColumn.nulls_first"),
            (decodeError(PageEncodingStats.self, from: [0x00]), "PageEncodingStats.page_type"),
            (decodeError(PageLocation.self, from: [0x16, 0x02, 0x00]), "PageLocation.compressed_page_size"),
            (decodeError(OffsetIndex.self, from: [0x00]), "OffsetIndex.page_locations"),
            (decodeError(ColumnIndex.self, from: [0x19, 0x01, 0x00]), "ColumnIndex.min_values"),
            (decodeError(BoundingBox.self, from: [0x00]), "BoundingBox.xmin"),
            (decodeError(LogicalType.self, from: [0x5C, 0x15, 0x04, 0x00, 0x00]), "DecimalType.precision"),
            (decodeError(LogicalType.self, from: [0x8C, 0x11, 0x00, 0x00]), "TimestampType.unit"),
            (decodeError(LogicalType.self, from: [0xAC, 0x12, 0x00, 0x00]), "IntType.bitWidth"),
            (
                decodeError(ColumnCryptoMetadata.self, from: [0x2C, 0x00, 0x00]),
                "EncryptionWithColumnKey.path_in_schema"
            ),
        ]
        for (error, name) in cases {
            #expect(error?.kind == .invalidMetadata, "\(name)")
            #expect(error?.reason.contains(name) == true, "\(name): \(String(describing: error))")
        }
    }

    @Test func columnChunkFileOffsetDefaultsToZero() throws {
        var reader = ThriftCompactReader([0x00])
        #expect(try ColumnChunk(from: &reader) == ColumnChunk(fileOffset: 0))
    }

    // MARK: A footer written by pyarrow

    private struct PyarrowColumn: Decodable {
        var path: String
        var physicalType: String
        var compression: String
        var numValues: Int64
        var totalCompressedSize: Int64
        var totalUncompressedSize: Int64
        var dataPageOffset: Int64
        var dictionaryPageOffset: Int64?
        var nullCount: Int64?
    }

    private struct PyarrowRowGroup: Decodable {
        var numRows: Int64
        var totalByteSize: Int64
        var columns: [PyarrowColumn]
    }

    private struct PyarrowFile: Decodable {
        var numRows: Int64
        var createdBy: String
        var leafNames: [String]
        var rowGroups: [PyarrowRowGroup]
    }

    private static let pyarrowScript = """
        import json, sys, datetime, decimal
        import pyarrow as pa, pyarrow.parquet as pq
        path = sys.argv[1]
        n = 2500
        table = pa.table({
            "id": pa.array(range(n), pa.int64()),
            "name": pa.array(["name-%d" % (i % 7) if i % 11 else None for i in range(n)], pa.string()),
            "price": pa.array([decimal.Decimal(i) / 100 for i in range(n)], pa.decimal128(10, 2)),
            "at": pa.array([1_700_000_000_000_000 + i for i in range(n)], pa.timestamp("us", tz="UTC")),
            "ratio": pa.array([i / 3 if i % 5 else None for i in range(n)], pa.float64()),
            "flag": pa.array([i % 2 == 0 for i in range(n)], pa.bool_()),
            "day": pa.array([datetime.date(2024, 1, 1) + datetime.timedelta(days=i) for i in range(n)]),
            "tags": pa.array([[i, i + 1] if i % 3 else [] for i in range(n)], pa.list_(pa.int32())),
        })
        pq.write_table(table, path, row_group_size=1000, compression="zstd", write_page_index=True,
                       data_page_size=2048, data_page_version=sys.argv[2])
        md = pq.ParquetFile(path).metadata
        groups = []
        for g in range(md.num_row_groups):
            rg = md.row_group(g)
            cols = []
            for c in range(rg.num_columns):
                cc = rg.column(c)
                stats = cc.statistics
                cols.append({
                    "path": cc.path_in_schema, "physicalType": cc.physical_type, "compression": cc.compression,
                    "numValues": cc.num_values, "totalCompressedSize": cc.total_compressed_size,
                    "totalUncompressedSize": cc.total_uncompressed_size, "dataPageOffset": cc.data_page_offset,
                    "dictionaryPageOffset": cc.dictionary_page_offset,
                    "nullCount": stats.null_count if stats is not None and stats.has_null_count else None,
                })
            groups.append({"numRows": rg.num_rows, "totalByteSize": rg.total_byte_size, "columns": cols})
        print(json.dumps({
            "numRows": md.num_rows, "createdBy": md.created_by,
            "leafNames": [md.schema.column(i).name for i in range(md.num_columns)], "rowGroups": groups,
        }))
        """

    /// Fails (never skips) when python3 or pyarrow is missing: CI installs both.
    @Test(arguments: ["1.0", "2.0"])
    func decodesAFooterWrittenByPyarrow(dataPageVersion: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lake-thrift-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sample.parquet").path
        let json = try PythonPeer.runInterpreter(
            arguments: ["-c", Self.pyarrowScript, path, dataPageVersion], displayName: "pyarrow footer script"
        ).standardOutput
        let expected = try JSONDecoder().decode(PyarrowFile.self, from: json)
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))

        // Footer: <metadata> <4-byte little-endian length> "PAR1".
        try #require(file.count > 12 && Array(file.suffix(4)) == Array("PAR1".utf8))
        let lengthBytes = file[(file.count - 8)..<(file.count - 4)]
        let footerLength = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        let footerBytes = Array(file[(file.count - 8 - footerLength)..<(file.count - 8)])
        var reader = ThriftCompactReader(footerBytes)
        let metadata = try FileMetaData(from: &reader)
        #expect(reader.remainingByteCount == 0)

        #expect(metadata.numRows == expected.numRows)
        #expect(metadata.createdBy == expected.createdBy)
        #expect(metadata.keyValueMetadata?.contains { $0.key == "ARROW:schema" } == true)
        #expect(metadata.columnOrders?.count == expected.leafNames.count)
        let leaves = metadata.schema.filter { $0.numChildren == nil }
        #expect(leaves.map(\.name) == expected.leafNames)
        let byName = Dictionary(leaves.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byName["price"]?.logicalType == .decimal(scale: 2, precision: 10))
        #expect(byName["price"]?.convertedType == .decimal)
        #expect(byName["price"]?.scale == 2 && byName["price"]?.precision == 10)
        #expect(byName["at"]?.logicalType == .timestamp(isAdjustedToUTC: true, unit: .microseconds))
        #expect(byName["name"]?.logicalType == .string)
        #expect(byName["day"]?.logicalType == .date)
        #expect(byName["element"]?.repetitionType == .optional)
        #expect(metadata.schema.contains { $0.name == "tags" && $0.logicalType == .list })

        try #require(metadata.rowGroups.count == expected.rowGroups.count)
        for (group, expectedGroup) in zip(metadata.rowGroups, expected.rowGroups) {
            #expect(group.numRows == expectedGroup.numRows)
            #expect(group.totalByteSize == expectedGroup.totalByteSize)
            try #require(group.columns.count == expectedGroup.columns.count)
            for (chunk, expectedColumn) in zip(group.columns, expectedGroup.columns) {
                let column = try #require(chunk.metaData)
                #expect(column.pathInSchema.joined(separator: ".") == expectedColumn.path)
                #expect(column.type.description == expectedColumn.physicalType)
                #expect(column.codec.description == expectedColumn.compression)
                #expect(column.numValues == expectedColumn.numValues)
                #expect(column.totalCompressedSize == expectedColumn.totalCompressedSize)
                #expect(column.totalUncompressedSize == expectedColumn.totalUncompressedSize)
                #expect(column.dataPageOffset == expectedColumn.dataPageOffset)
                #expect(column.dictionaryPageOffset == expectedColumn.dictionaryPageOffset)
                #expect(column.statistics?.nullCount == expectedColumn.nullCount)
                let dataPageType: PageType = dataPageVersion == "1.0" ? .dataPage : .dataPageV2
                try checkPages(of: chunk, in: file, dataPageType: dataPageType)
            }
        }

        // Our encoding of pyarrow's footer decodes to the same value; where pyarrow wrote fields we model
        // in increasing id order, it is byte-identical too.
        #expect(try FileMetaData.decode(metadata.encode()) == metadata)
        #expect(metadata.encode() == footerBytes)
    }

    /// Walks the pages of a column chunk by their headers and checks them against the chunk's metadata and
    /// page index.
    private func checkPages(of chunk: ColumnChunk, in file: [UInt8], dataPageType: PageType) throws {
        let column = try #require(chunk.metaData)
        let start = Int(column.dictionaryPageOffset ?? column.dataPageOffset)
        let end = start + Int(column.totalCompressedSize)
        var offset = start
        var valueCount: Int64 = 0
        var dataPageOffsets: [Int64] = []
        var pageCount = 0
        while offset < end && pageCount < 10_000 {
            let (header, headerBytes) = try PageHeader.decode(file[offset..<end])
            if pageCount == 0 && column.dictionaryPageOffset != nil {
                #expect(header.type == .dictionaryPage)
                #expect(header.dictionaryPageHeader != nil)
            } else {
                #expect(header.type == dataPageType)
                valueCount += Int64(header.dataPageHeader?.numValues ?? header.dataPageHeaderV2?.numValues ?? 0)
                dataPageOffsets.append(Int64(offset))
            }
            offset += headerBytes + Int(header.compressedPageSize)
            pageCount += 1
        }
        #expect(offset == end)
        #expect(valueCount == column.numValues)

        let offsetIndexStart = Int(try #require(chunk.offsetIndexOffset))
        let offsetIndexLength = Int(try #require(chunk.offsetIndexLength))
        let offsetIndex = try OffsetIndex.decode(file[offsetIndexStart..<(offsetIndexStart + offsetIndexLength)])
        #expect(offsetIndex.pageLocations.map(\.offset) == dataPageOffsets)
        #expect(offsetIndex.pageLocations.first?.firstRowIndex == 0)

        let columnIndexStart = Int(try #require(chunk.columnIndexOffset))
        let columnIndexLength = Int(try #require(chunk.columnIndexLength))
        let columnIndex = try ColumnIndex.decode(file[columnIndexStart..<(columnIndexStart + columnIndexLength)])
        #expect(columnIndex.nullPages.count == dataPageOffsets.count)
        #expect(columnIndex.minValues.count == dataPageOffsets.count)
        #expect(columnIndex.maxValues.count == dataPageOffsets.count)
    }

    // MARK: Fuzzing

    /// Applies one random corruption: overwrite, truncate, insert, delete or duplicate bytes.
    private static func mutated(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var result = bytes
        guard !result.isEmpty else { return [UInt8.random(in: 0...255, using: &generator)] }
        switch Int.random(in: 0..<6, using: &generator) {
        case 0, 1:
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<result.count, using: &generator)
                result[position] = UInt8.random(in: 0...255, using: &generator)
            }
        case 2:
            result = Array(result.prefix(Int.random(in: 0..<result.count, using: &generator)))
        case 3:
            let position = Int.random(in: 0...result.count, using: &generator)
            let inserted = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            result.insert(contentsOf: inserted, at: position)
        case 4:
            let lower = Int.random(in: 0..<result.count, using: &generator)
            let upper = Int.random(in: lower...min(result.count, lower + 16), using: &generator)
            result.removeSubrange(lower..<upper)
        default:
            let lower = Int.random(in: 0..<result.count, using: &generator)
            let upper = Int.random(in: lower...min(result.count, lower + 32), using: &generator)
            let position = Int.random(in: 0...result.count, using: &generator)
            result.insert(contentsOf: result[lower..<upper], at: position)
        }
        return result
    }

    @Test func corruptedFootersThrowOrDecodeButNeverTrap() {
        let seed: UInt64 = 0xF00D_7A1F
        var generator = SeededGenerator(seed: seed)
        let original = Self.fullFileMetaData.encode()
        var failures = 0
        var successes = 0
        for _ in 0..<5_000 {
            var bytes = Self.mutated(original, using: &generator)
            if Bool.random(using: &generator) {
                bytes = Self.mutated(bytes, using: &generator)
            }
            do {
                let decoded = try FileMetaData.decode(bytes)
                // Whatever decodes must encode and decode again to the same value. Bytes are compared, not
                // values, because a corrupted double may be NaN, which is not equal to itself.
                let encoded = decoded.encode()
                #expect(try FileMetaData.decode(encoded).encode() == encoded, "seed \(seed)")
                successes += 1
            } catch {
                #expect([.invalidMetadata, .truncated].contains(error.kind), "seed \(seed): \(error)")
                failures += 1
            }
        }
        #expect(failures > 1_000, "seed \(seed)")
        #expect(successes + failures == 5_000)
    }

    @Test func corruptedPageHeadersThrowOrDecodeButNeverTrap() {
        let seed: UInt64 = 0xBADC_0DE
        var generator = SeededGenerator(seed: seed)
        let original = PageHeader(
            type: .dataPageV2, uncompressedPageSize: 500, compressedPageSize: 300, crc: 7,
            dataPageHeaderV2: DataPageHeaderV2(
                numValues: 50, numNulls: 5, numRows: 40, encoding: .plain, definitionLevelsByteLength: 10,
                repetitionLevelsByteLength: 6, statistics: Self.fullStatistics)
        ).encode()
        var failures = 0
        for _ in 0..<5_000 {
            let bytes = Self.mutated(original, using: &generator)
            do {
                let (_, byteCount) = try PageHeader.decode(bytes)
                #expect(byteCount <= bytes.count, "seed \(seed)")
            } catch {
                #expect([.invalidMetadata, .truncated].contains(error.kind), "seed \(seed): \(error)")
                failures += 1
            }
        }
        #expect(failures > 500, "seed \(seed)")
    }

    @Test func randomBytesThrowOrDecodeButNeverTrap() {
        let seed: UInt64 = 0x5EED
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...64, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            do {
                _ = try FileMetaData.decode(bytes)
            } catch {
                #expect([.invalidMetadata, .truncated].contains(error.kind), "seed \(seed): \(error)")
            }
        }
    }
}

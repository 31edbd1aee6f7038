/// The page index part that holds per-page bounds of a column chunk, for page skipping.
///
/// Entry `i` of every list describes page `i` of the matching `OffsetIndex`. Bounds of null pages are empty.
///
/// Spec: parquet.thrift `struct ColumnIndex`.
public struct ColumnIndex: ThriftStruct, Hashable {
    /// Field 1 (required): whether each page holds only nulls.
    public var nullPages: [Bool]
    /// Field 2 (required): lower bound of each page, PLAIN-encoded without length prefix.
    public var minValues: [[UInt8]]
    /// Field 3 (required): upper bound of each page.
    public var maxValues: [[UInt8]]
    /// Field 4 (required).
    public var boundaryOrder: BoundaryOrder
    /// Field 5: null count of each page; nil means unknown.
    public var nullCounts: [Int64]?
    /// Field 6: repetition level histograms of all pages, concatenated.
    public var repetitionLevelHistograms: [Int64]?
    /// Field 7: definition level histograms of all pages, concatenated.
    public var definitionLevelHistograms: [Int64]?
    /// Field 8: NaN count of each page (floating-point columns only).
    public var nanCounts: [Int64]?

    public init(
        nullPages: [Bool], minValues: [[UInt8]], maxValues: [[UInt8]], boundaryOrder: BoundaryOrder,
        nullCounts: [Int64]? = nil, repetitionLevelHistograms: [Int64]? = nil,
        definitionLevelHistograms: [Int64]? = nil, nanCounts: [Int64]? = nil
    ) {
        self.nullPages = nullPages
        self.minValues = minValues
        self.maxValues = maxValues
        self.boundaryOrder = boundaryOrder
        self.nullCounts = nullCounts
        self.repetitionLevelHistograms = repetitionLevelHistograms
        self.definitionLevelHistograms = definitionLevelHistograms
        self.nanCounts = nanCounts
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var nullPages: [Bool]?
        var minValues: [[UInt8]]?
        var maxValues: [[UInt8]]?
        var boundaryOrder: BoundaryOrder?
        var nullCounts: [Int64]?
        var repetitionLevelHistograms: [Int64]?
        var definitionLevelHistograms: [Int64]?
        var nanCounts: [Int64]?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .list): nullPages = try reader.readBoolList("ColumnIndex.null_pages")
            case (2, .list): minValues = try reader.readBinaryList("ColumnIndex.min_values")
            case (3, .list): maxValues = try reader.readBinaryList("ColumnIndex.max_values")
            case (4, .i32): boundaryOrder = BoundaryOrder(rawValue: try reader.readI32())
            case (5, .list): nullCounts = try reader.readI64List("ColumnIndex.null_counts")
            case (6, .list):
                repetitionLevelHistograms = try reader.readI64List("ColumnIndex.repetition_level_histograms")
            case (7, .list):
                definitionLevelHistograms = try reader.readI64List("ColumnIndex.definition_level_histograms")
            case (8, .list): nanCounts = try reader.readI64List("ColumnIndex.nan_counts")
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let nullPages else { throw .missingField("null_pages", id: 1, in: "ColumnIndex", at: start) }
        guard let minValues else { throw .missingField("min_values", id: 2, in: "ColumnIndex", at: start) }
        guard let maxValues else { throw .missingField("max_values", id: 3, in: "ColumnIndex", at: start) }
        guard let boundaryOrder else { throw .missingField("boundary_order", id: 4, in: "ColumnIndex", at: start) }
        self.init(
            nullPages: nullPages, minValues: minValues, maxValues: maxValues, boundaryOrder: boundaryOrder,
            nullCounts: nullCounts, repetitionLevelHistograms: repetitionLevelHistograms,
            definitionLevelHistograms: definitionLevelHistograms, nanCounts: nanCounts)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeBoolListField(1, nullPages)
        writer.writeBinaryListField(2, minValues)
        writer.writeBinaryListField(3, maxValues)
        writer.writeI32Field(4, boundaryOrder.rawValue)
        writer.writeI64ListField(5, nullCounts)
        writer.writeI64ListField(6, repetitionLevelHistograms)
        writer.writeI64ListField(7, definitionLevelHistograms)
        writer.writeI64ListField(8, nanCounts)
        writer.endStruct()
    }

    /// Decodes a column index stored at `ColumnChunk.columnIndexOffset`.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(ParquetError) -> ColumnIndex {
        var reader = ThriftCompactReader(bytes)
        return try ColumnIndex(from: &reader)
    }

    /// Decodes a column index from all of `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(ParquetError) -> ColumnIndex {
        try decode(bytes[...])
    }
}

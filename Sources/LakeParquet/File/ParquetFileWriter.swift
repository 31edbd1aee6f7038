import Dispatch
import LakeColumnar
import LakeCore

/// Writes batches to a Parquet file in an `ObjectStore`, streaming row group by row group.
///
/// Memory holds at most one row group's encoded pages (plus the batch being appended): a 10-million-row file is
/// never held whole. The file becomes visible at its path only when `close()` succeeds; `abort()` (or an error)
/// leaves nothing behind. Columns are encoded in parallel.
///
/// ```swift
/// let writer = try ParquetFileWriter(store: store, path: "t.parquet", schema: schema)
/// try writer.write(batch)
/// let footer = try writer.close()
/// ```
///
/// Spec: parquet-format README "File format"; spec/parquet.md#writer
public final class ParquetFileWriter {
    public let schema: Schema
    public let path: String
    private let options: ParquetWriteOptions
    private let elements: [SchemaElement]
    /// The leaf columns (one chunk writer each) and the top-level fields they belong to.
    private let columns: [ParquetColumn]
    private let fields: [ParquetField]
    private let output: any ObjectWriter
    private var chunkWriters: [ColumnChunkWriter]
    private var rowsInGroup = 0
    private var rowGroups: [RowGroup] = []
    private var pageIndexes: [[(column: ColumnIndex?, offset: OffsetIndex)]] = []
    private var totalRows: Int64 = 0
    private var state = State.open

    private enum State {
        case open
        case closed
        /// Aborted by the caller (nil) or by an error of the writer itself.
        case aborted(ParquetError?)
    }

    /// Batches at least this long are encoded with one task per column.
    static let parallelRowsMin = 4_096

    /// Starts a file at `path`.
    /// - Throws: `.invalidArgument` for a schema or option this writer cannot honour, `.io` if the store fails.
    public init(store: any ObjectStore, path: String, schema: Schema, options: ParquetWriteOptions = .init())
        throws(ParquetError)
    {
        self.schema = schema
        self.path = path
        self.options = options
        guard options.rowGroupRowsMax > 0, options.dataPageRowsMax > 0, options.dataPageBytesMax > 0 else {
            throw ParquetError(.invalidArgument, "row group and page limits must be positive", file: path)
        }
        elements = try ParquetSchema.elements(for: schema)
        let parquetSchema = try ParquetSchema(elements: elements)
        columns = parquetSchema.columns
        fields = parquetSchema.fields
        chunkWriters = []
        do {
            output = try store.makeWriter(path)
            try output.write(ParquetFormat.magic)
        } catch let error as ParquetError {
            throw error
        } catch {
            throw ParquetError(.io, "\(error)", file: path)
        }
        do throws(ParquetError) {
            chunkWriters = try Self.makeChunkWriters(columns, fields, schema, options)
        } catch {
            output.abort()
            throw error.adding(file: path)
        }
    }

    deinit {
        if case .open = state { output.abort() }
    }

    /// One writer per leaf. A flat field's leaf is written as the field; a nested field's leaves as the types
    /// their schema elements read back as (the element types of the field's lists, structs and maps).
    private static func makeChunkWriters(
        _ columns: [ParquetColumn], _ fields: [ParquetField], _ schema: Schema, _ options: ParquetWriteOptions
    ) throws(ParquetError) -> [ColumnChunkWriter] {
        var writers: [ColumnChunkWriter] = []
        for (parquetField, field) in zip(fields, schema.fields) {
            if parquetField.isFlat {
                writers.append(
                    try ColumnChunkWriter(column: columns[parquetField.leaves.lowerBound], field: field, options: options))
                continue
            }
            for leaf in parquetField.leaves {
                let column = columns[leaf]
                guard let type = column.dataType else {
                    throw ParquetError(
                        .invalidArgument, column.unsupportedReason ?? "leaf cannot be written", column: column.name)
                }
                let leafField = Field(column.name, type, nullable: column.element.repetitionType == .optional)
                writers.append(try ColumnChunkWriter(column: column, field: leafField, options: options))
            }
        }
        return writers
    }

    /// Appends the rows of `batch`, whose schema must equal the writer's (field names, types and nullability).
    public func write(_ batch: Batch) throws(ParquetError) {
        try requireOpen()
        let matches = batch.schema.fields.count == schema.fields.count
            && zip(batch.schema.fields, schema.fields).allSatisfy {
                $0.name == $1.name && $0.type == $1.type && $0.isNullable == $1.isNullable
            }
        guard matches else {
            // Nothing of the batch was written, so the file stays usable.
            throw ParquetError(.invalidArgument, "batch schema does not match the file's schema", file: path)
        }
        var start = 0
        while start < batch.rowCount {
            let take = min(batch.rowCount - start, options.rowGroupRowsMax - rowsInGroup)
            let slice = take == batch.rowCount ? batch : batch.slice(start..<(start + take))
            try guarded { () throws(ParquetError) in try appendToChunks(slice) }
            rowsInGroup += take
            start += take
            if rowsInGroup >= options.rowGroupRowsMax { try guarded(flushRowGroup) }
        }
    }

    /// Writes the last row group, the page index and the footer, then publishes the file.
    /// - Returns: the footer that was written.
    @discardableResult
    public func close() throws(ParquetError) -> FileMetaData {
        try requireOpen()
        return try guarded { () throws(ParquetError) -> FileMetaData in
            if rowsInGroup > 0 { try flushRowGroup() }
            try writePageIndexes()
            let footer = FileMetaData(
                version: 2, schema: elements, numRows: totalRows, rowGroups: rowGroups,
                keyValueMetadata: options.keyValueMetadata.isEmpty
                    ? nil : options.keyValueMetadata.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) },
                createdBy: options.createdBy,
                columnOrders: Array(repeating: .typeDefinedOrder, count: columns.count))
            let encoded = footer.encode()
            try emit(encoded)
            try emit(ParquetFormat.littleEndian(UInt32(encoded.count)))
            try emit(ParquetFormat.magic)
            do {
                try output.finish()
            } catch {
                throw ParquetError(.io, "\(error)", file: path)
            }
            state = .closed
            return footer
        }
    }

    /// Discards the file. Idempotent.
    public func abort() {
        guard case .open = state else { return }
        state = .aborted(nil)
        output.abort()
    }

    /// Throws when an earlier error discarded the file; using a writer after `close()` or `abort()` is misuse.
    private func requireOpen() throws(ParquetError) {
        switch state {
        case .open: return
        case .aborted(let cause?):
            throw ParquetError(.invalidArgument, "the file was discarded after an earlier error: \(cause)", file: path)
        case .aborted(nil), .closed: preconditionFailure("ParquetFileWriter used after close() or abort()")
        }
    }

    // MARK: - Row groups

    /// Hands each column of `batch` to its chunk writers: a flat column as is, a nested one shredded into levels
    /// (one task per top-level column).
    private func appendToChunks(_ batch: Batch) throws(ParquetError) {
        let writers = chunkWriters
        let fields = fields
        try forEach(fields.count, parallel: batch.rowCount >= Self.parallelRowsMin) { (index) throws(ParquetError) in
            let field = fields[index]
            do throws(ParquetError) {
                guard !field.isFlat, let node = field.node else {
                    try writers[field.leaves.lowerBound].append(batch.columns[index])
                    return
                }
                let leaves = try LevelShredder.shred(batch.columns[index], node: node)
                for (leaf, levels) in zip(field.leaves, leaves) { try writers[leaf].append(levels) }
            } catch {
                throw error.adding(column: field.name)
            }
        }
    }

    /// Runs `body` for `0..<count`, in parallel when asked; rethrows the error of the first index that failed.
    private func forEach(
        _ count: Int, parallel: Bool, _ body: @escaping @Sendable (Int) throws(ParquetError) -> Void
    ) throws(ParquetError) {
        let results = ParallelResults<Void>(count: count)
        let work: @Sendable (Int) -> Void = { index in
            results.store(index) { () throws(ParquetError) in try body(index) }
        }
        if parallel && count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: work)
        } else {
            for index in 0..<count { work(index) }
        }
        _ = try results.values()
    }

    private func flushRowGroup() throws(ParquetError) {
        let writers = chunkWriters
        try forEach(writers.count, parallel: true) { (index) throws(ParquetError) in
            do throws(ParquetError) {
                try writers[index].finish()
            } catch {
                throw error.adding(column: writers[index].column.name)
            }
        }

        var chunks: [ColumnChunk] = []
        var indexes: [(column: ColumnIndex?, offset: OffsetIndex)] = []
        var groupStart: Int64?
        var uncompressedTotal: Int64 = 0
        var compressedTotal: Int64 = 0
        for writer in writers {
            let chunkStart = output.bytesWritten
            groupStart = groupStart ?? chunkStart
            var dictionaryOffset: Int64?
            if let dictionaryPage = try writer.makeDictionaryPage() {
                dictionaryOffset = chunkStart
                try emit(dictionaryPage)
            }
            let dataStart = output.bytesWritten
            var locations: [PageLocation] = []
            for page in writer.dataPages {
                let offset = output.bytesWritten
                let size = try emit(page)
                locations.append(PageLocation(offset: offset, compressedPageSize: size, firstRowIndex: page.firstRow))
            }
            let compressed = output.bytesWritten - chunkStart
            let metadata = ColumnMetaData(
                type: writer.column.physicalType, encodings: writer.encodings, pathInSchema: writer.column.path,
                codec: ParquetFormat.thriftCodec(options.compression(for: writer.column.path)),
                numValues: writer.entryCount, totalUncompressedSize: writer.uncompressedBytes,
                totalCompressedSize: compressed, dataPageOffset: dataStart, dictionaryPageOffset: dictionaryOffset,
                statistics: writer.chunkStatistics.map(ColumnChunkWriter.thrift),
                encodingStats: writer.pageEncodingStats)
            chunks.append(ColumnChunk(fileOffset: chunkStart, metaData: metadata))
            indexes.append((Self.columnIndex(writer), OffsetIndex(pageLocations: locations)))
            uncompressedTotal += writer.uncompressedBytes
            compressedTotal += compressed
        }
        // Bloom filters follow the row group's chunks (parquet-format BloomFilter.md allows any place before the
        // footer); each chunk's metadata points at its header.
        for (index, writer) in writers.enumerated() {
            guard let filter = writer.bloomFilter else { continue }
            let bitset = filter.bitset
            let bytes = BloomFilterHeader(numBytes: Int32(bitset.count)).encode() + bitset
            chunks[index].metaData?.bloomFilterOffset = output.bytesWritten
            chunks[index].metaData?.bloomFilterLength = Int32(bytes.count)
            try emit(bytes)
        }
        rowGroups.append(
            RowGroup(
                columns: chunks, totalByteSize: uncompressedTotal, numRows: Int64(rowsInGroup),
                fileOffset: groupStart, totalCompressedSize: compressedTotal, ordinal: Int16(exactly: rowGroups.count)))
        pageIndexes.append(indexes)
        totalRows += Int64(rowsInGroup)
        rowsInGroup = 0
        chunkWriters = try Self.makeChunkWriters(columns, fields, schema, options)
    }

    /// The column index of a chunk, or nil when some non-null page has no bounds (statistics off, all NaN).
    private static func columnIndex(_ writer: ColumnChunkWriter) -> ColumnIndex? {
        var nullPages: [Bool] = []
        var minimums: [[UInt8]] = []
        var maximums: [[UInt8]] = []
        var nullCounts: [Int64] = []
        for page in writer.dataPages {
            guard let stats = page.statistics else { return nil }
            let allNull = page.valueCount == 0
            if !allNull && (stats.min == nil || stats.max == nil) { return nil }
            nullPages.append(allNull)
            minimums.append(allNull ? [] : stats.min ?? [])
            maximums.append(allNull ? [] : stats.max ?? [])
            nullCounts.append(stats.nullCount)
        }
        let order = writer.column.sortOrder
        var ascending = true
        var descending = true
        let bounded = zip(minimums, maximums).enumerated().filter { !nullPages[$0.offset] }.map { $0.element }
        for (previous, next) in zip(bounded, bounded.dropFirst()) {
            let minOrder = ValueStatistics.compare(previous.0, next.0, writer.layout, order)
            let maxOrder = ValueStatistics.compare(previous.1, next.1, writer.layout, order)
            if minOrder > 0 || maxOrder > 0 { ascending = false }
            if minOrder < 0 || maxOrder < 0 { descending = false }
        }
        let boundary: BoundaryOrder = ascending ? .ascending : descending ? .descending : .unordered
        return ColumnIndex(
            nullPages: nullPages, minValues: minimums, maxValues: maximums, boundaryOrder: boundary,
            nullCounts: nullCounts)
    }

    private func writePageIndexes() throws(ParquetError) {
        guard options.writePageIndex else { return }
        for (group, indexes) in pageIndexes.enumerated() {
            for (column, index) in indexes.enumerated() {
                guard let columnIndex = index.column, options.statistics(for: columns[column].path) else { continue }
                let bytes = columnIndex.encode()
                rowGroups[group].columns[column].columnIndexOffset = output.bytesWritten
                rowGroups[group].columns[column].columnIndexLength = try ColumnChunkWriter.int32(bytes.count)
                try emit(bytes)
            }
        }
        for (group, indexes) in pageIndexes.enumerated() {
            for (column, index) in indexes.enumerated() {
                let bytes = index.offset.encode()
                rowGroups[group].columns[column].offsetIndexOffset = output.bytesWritten
                rowGroups[group].columns[column].offsetIndexLength = try ColumnChunkWriter.int32(bytes.count)
                try emit(bytes)
            }
        }
    }

    // MARK: - Output

    @discardableResult
    private func emit(_ page: EncodedPage) throws(ParquetError) -> Int32 {
        let header = page.header.encode()
        try emit(header)
        try emit(page.body)
        return try ColumnChunkWriter.int32(header.count + page.body.count)
    }

    private func emit(_ bytes: [UInt8]) throws(ParquetError) {
        do {
            try output.write(bytes)
        } catch {
            throw ParquetError(.io, "\(error)", file: path)
        }
    }

    /// Runs `body`; on error discards the file (nothing partial is ever published) and rethrows with context.
    private func guarded<R>(_ body: () throws(ParquetError) -> R) throws(ParquetError) -> R {
        do throws(ParquetError) {
            return try body()
        } catch {
            let located = error.adding(file: path)
            if case .open = state {
                state = .aborted(located)
                output.abort()
            }
            throw located
        }
    }
}

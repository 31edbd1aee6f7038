import Dispatch
import LakeColumnar
import LakeCore

/// Reads a Parquet file from an `ObjectStore` by byte ranges: the footer first, then only the column chunks a
/// read asks for.
///
/// Opening validates the footer against the file (magic bytes, footer length, schema shape, chunk ranges inside
/// the file); decoding validates every page. All failures are `ParquetError`s naming the file, and the column
/// and offset where one applies.
///
/// Spec: parquet-format README "File format", "Metadata"; spec/parquet.md#reader
public final class ParquetFileReader: Sendable {
    public let path: String
    public let metadata: FileMetaData
    public let parquetSchema: ParquetSchema
    /// The readable top-level columns.
    public let schema: Schema
    public let fileBytes: Int64
    let store: any ObjectStore

    /// Bytes read from the end of the file in the first request; most footers fit.
    static let footerProbeBytes: Int64 = 64 << 10
    /// Largest footer accepted.
    static let footerBytesMax = 256 << 20

    public init(store: any ObjectStore, path: String) throws(ParquetError) {
        self.store = store
        self.path = path
        do throws(ParquetError) {
            let fileBytes = try Self.io(path) { try store.head(path).sizeBytes }
            self.fileBytes = fileBytes
            let minimum = Int64(ParquetFormat.magic.count + ParquetFormat.trailerBytes)
            guard fileBytes >= minimum else {
                throw ParquetError(.truncated, "file has \(fileBytes) bytes; a Parquet file needs at least \(minimum)")
            }
            let tailStart = max(0, fileBytes - Self.footerProbeBytes)
            let tail = try Self.io(path) { try store.read(path, range: tailStart..<fileBytes) }
            guard Array(tail.suffix(4)) == ParquetFormat.magic else {
                if Array(tail.suffix(4)) == Array("PARE".utf8) {
                    throw ParquetError(.unsupported, "encrypted footers are not supported")
                }
                throw ParquetError(.badMagic, "file does not end with PAR1", offset: fileBytes - 4)
            }
            let footerLength = Int64(UInt32(littleEndianBytes: Array(tail.suffix(8).prefix(4))))
            let footerStart = fileBytes - 8 - footerLength
            guard footerLength > 0, footerLength <= Self.footerBytesMax, footerStart >= 4 else {
                throw ParquetError(
                    .invalidMetadata, "footer length \(footerLength) is impossible for a file of \(fileBytes) bytes",
                    offset: fileBytes - 8)
            }
            let head = try Self.io(path) { try store.read(path, range: 0..<4) }
            guard head == ParquetFormat.magic else { throw ParquetError(.badMagic, "file does not start with PAR1", offset: 0) }
            let footer: [UInt8]
            if footerStart >= tailStart {
                let from = Int(footerStart - tailStart)
                footer = Array(tail[from..<(from + Int(footerLength))])
            } else {
                footer = try Self.io(path) { try store.read(path, range: footerStart..<(fileBytes - 8)) }
            }
            let metadata: FileMetaData
            do throws(ParquetError) {
                metadata = try FileMetaData.decode(footer)
            } catch {
                throw error.adding(offset: footerStart)
            }
            let parquetSchema = try ParquetSchema(elements: metadata.schema)
            try Self.validate(metadata, parquetSchema, dataEnd: footerStart)
            self.metadata = metadata
            self.parquetSchema = parquetSchema
            schema = parquetSchema.schema
        } catch {
            throw error.adding(file: path)
        }
    }

    private static func validate(_ metadata: FileMetaData, _ schema: ParquetSchema, dataEnd: Int64) throws(ParquetError) {
        guard metadata.numRows >= 0 else { throw ParquetError(.invalidMetadata, "negative row count") }
        var rows: Int64 = 0
        for (index, group) in metadata.rowGroups.enumerated() {
            guard group.numRows >= 0, group.columns.count == schema.columns.count else {
                throw ParquetError(
                    .invalidMetadata,
                    "row group \(index) has \(group.columns.count) column chunks for \(schema.columns.count) columns")
            }
            let (sum, overflow) = rows.addingReportingOverflow(group.numRows)
            guard !overflow else { throw ParquetError(.invalidMetadata, "row counts of the row groups overflow") }
            rows = sum
            // Writers put meaningless offsets (even 0) into the chunks of an empty row group; nothing is read there.
            if group.numRows == 0 { continue }
            for (chunk, column) in zip(group.columns, schema.columns) {
                guard let meta = chunk.metaData else {
                    throw ParquetError(.invalidMetadata, "row group \(index) lacks column metadata", column: column.name)
                }
                let start = meta.chunkStart
                guard start >= 4, start < dataEnd, meta.totalCompressedSize >= 0,
                    meta.totalCompressedSize <= dataEnd - start
                else {
                    throw ParquetError(
                        .invalidMetadata,
                        "row group \(index) chunk of \(meta.totalCompressedSize) bytes at offset \(start) lies outside "
                            + "the data section (\(dataEnd) bytes)",
                        column: column.name)
                }
                guard meta.numValues >= 0 else {
                    throw ParquetError(.invalidMetadata, "negative value count", column: column.name)
                }
            }
        }
        guard rows == metadata.numRows else {
            throw ParquetError(.invalidMetadata, "row groups hold \(rows) rows, the footer says \(metadata.numRows)")
        }
    }

    public var rowGroupCount: Int { metadata.rowGroups.count }
    public var rowCount: Int64 { metadata.numRows }

    /// Positions (in `parquetSchema.fields`) of the named top-level columns, or of every readable one. A nested
    /// column is read whole, with all its leaves; for flat files the positions are also those of the leaves.
    /// - Throws: `.invalidArgument` for an unknown name, `.unsupported` for a column this engine cannot read.
    public func columnIndices(_ names: [String]?) throws(ParquetError) -> [Int] {
        let fields = parquetSchema.fields
        guard let names else {
            return fields.indices.filter { fields[$0].field != nil }
        }
        var indices: [Int] = []
        for name in names {
            guard let index = parquetSchema.fieldIndex(named: name) else {
                let known = fields.map(\.name).joined(separator: ", ")
                let leaf = parquetSchema.columns.contains { $0.name == name }
                    ? " ('\(name)' is a leaf of a nested column: select its top-level column)" : ""
                throw ParquetError(.invalidArgument, "no column '\(name)'\(leaf); the file has: \(known)", file: path)
            }
            guard fields[index].field != nil else {
                throw ParquetError(
                    .unsupported, fields[index].unsupportedReason ?? "unreadable column", file: path, column: name)
            }
            indices.append(index)
        }
        return indices
    }

    /// Reads row group `index`, restricted to the top-level columns at `columnIndices` (see `columnIndices(_:)`).
    /// Columns are decoded in parallel.
    public func readRowGroup(_ index: Int, columnIndices: [Int]) throws(ParquetError) -> Batch {
        precondition(metadata.rowGroups.indices.contains(index), "row group \(index) does not exist")
        let group = metadata.rowGroups[index]
        guard let rows = Int(exactly: group.numRows) else { throw ParquetError(.invalidMetadata, "row count too large") }
        if columnIndices.isEmpty { return Batch(rowCount: rows) }
        let results = ParallelResults<Column>(count: columnIndices.count)
        DispatchQueue.concurrentPerform(iterations: columnIndices.count) { slot in
            let field = columnIndices[slot]
            results.store(slot) { () throws(ParquetError) in try self.readField(group: index, field: field, rows: rows) }
        }
        let columns = try results.values()
        let fields = columnIndices.compactMap { parquetSchema.fields[$0].field }
        return Batch(schema: Schema(fields, metadata: schema.metadata), columns: columns)
    }

    /// One top-level column of a row group: a flat leaf decoded directly, a nested one assembled from its leaves.
    func readField(group: Int, field: Int, rows: Int) throws(ParquetError) -> Column {
        let descriptor = parquetSchema.fields[field]
        guard let node = descriptor.node, let type = descriptor.field?.type else {
            throw ParquetError(
                .unsupported, descriptor.unsupportedReason ?? "unreadable column", file: path, column: descriptor.name)
        }
        if descriptor.isFlat { return try readChunk(group: group, column: descriptor.leaves.lowerBound, rows: rows) }
        if rows == 0 { return ColumnBuilder(type: type).build() }
        var leaves: [LeafLevels] = []
        for column in descriptor.leaves {
            leaves.append(try readLeafLevels(group: group, column: column, rows: rows))
        }
        do throws(ParquetError) {
            return try LevelAssembler.assemble(node, leaves: leaves, columns: parquetSchema.columns, rowCount: rows)
        } catch {
            throw error.adding(file: path, column: descriptor.name)
        }
    }

    /// The chunk bytes of one leaf and a reader for them.
    private func chunkReader(group: Int, column: Int, rows: Int) throws(ParquetError) -> (ColumnChunkReader, [UInt8], Int64) {
        let descriptor = parquetSchema.columns[column]
        let chunk = metadata.rowGroups[group].columns[column]
        guard let meta = chunk.metaData, let type = descriptor.dataType else {
            throw ParquetError(.invalidMetadata, "column chunk without metadata")
        }
        let start = meta.chunkStart
        let bytes = try Self.io(path) { try store.read(path, range: start..<(start + meta.totalCompressedSize)) }
        var reader = try ColumnChunkReader(column: descriptor, type: type, codec: meta.codec, rowCount: rows)
        reader.segments = [(0, start)]
        return (reader, bytes, start)
    }

    private func readChunk(group: Int, column: Int, rows: Int) throws(ParquetError) -> Column {
        let descriptor = parquetSchema.columns[column]
        do throws(ParquetError) {
            guard let type = descriptor.dataType else { throw ParquetError(.invalidMetadata, "unreadable leaf") }
            if rows == 0 { return ColumnBuilder(type: type).build() }
            let (reader, bytes, start) = try chunkReader(group: group, column: column, rows: rows)
            do throws(ParquetError) {
                return try reader.read(bytes)
            } catch {
                throw error.adding(offset: start)
            }
        } catch {
            throw error.adding(file: path, column: descriptor.name)
        }
    }

    private func readLeafLevels(group: Int, column: Int, rows: Int) throws(ParquetError) -> LeafLevels {
        let descriptor = parquetSchema.columns[column]
        do throws(ParquetError) {
            let (reader, bytes, start) = try chunkReader(group: group, column: column, rows: rows)
            do throws(ParquetError) {
                return try reader.readLevels(bytes)
            } catch {
                throw error.adding(offset: start)
            }
        } catch {
            throw error.adding(file: path, column: descriptor.name)
        }
    }

    /// The page index of one chunk, when the file has one.
    public func pageIndex(rowGroup: Int, column: Int) throws(ParquetError) -> (ColumnIndex?, OffsetIndex?) {
        let chunk = metadata.rowGroups[rowGroup].columns[column]
        func load(_ offset: Int64?, _ length: Int32?) throws(ParquetError) -> [UInt8]? {
            guard let offset, let length else { return nil }
            guard offset >= 0, length >= 0, offset <= fileBytes, Int64(length) <= fileBytes - offset else {
                throw ParquetError(.invalidMetadata, "page index outside the file", file: path)
            }
            return try Self.io(path) { try store.read(path, range: offset..<(offset + Int64(length))) }
        }
        do throws(ParquetError) {
            let columnIndex = try load(chunk.columnIndexOffset, chunk.columnIndexLength).map(ColumnIndex.decode)
            let offsetIndex = try load(chunk.offsetIndexOffset, chunk.offsetIndexLength).map(OffsetIndex.decode)
            return (columnIndex, offsetIndex)
        } catch {
            throw error.adding(file: path, column: parquetSchema.columns[column].name)
        }
    }

    static func io<R>(_ path: String, _ body: () throws -> R) throws(ParquetError) -> R {
        do {
            return try body()
        } catch let error as ParquetError {
            throw error
        } catch let error as ObjectStoreError {
            if case .outOfRange = error { throw ParquetError(.truncated, "\(error)", file: path) }
            throw ParquetError(.io, "\(error)", file: path)
        } catch {
            throw ParquetError(.io, "\(error)", file: path)
        }
    }
}

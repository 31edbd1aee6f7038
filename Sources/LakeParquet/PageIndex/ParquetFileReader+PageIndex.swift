import Dispatch
import LakeColumnar

extension ParquetFileReader {
    /// The rows of row group `group` that may satisfy every predicate according to the column indexes of the
    /// predicate columns, or nil when no predicate column has a usable page index (flat column, column index and
    /// offset index present, defined sort order).
    /// - Throws: `.invalidMetadata` for a page index that contradicts itself or the row group (page counts that
    ///   differ between the indexes, first rows that do not start at 0 and ascend).
    public func candidateRows(
        rowGroup group: Int, predicates: [ParquetPredicate]
    )
        throws(ParquetError) -> RowRanges?
    {
        guard let rows = Int(exactly: metadata.rowGroups[group].numRows) else { return nil }
        var result: RowRanges?
        for predicate in predicates {
            let field = parquetSchema.fields[try columnIndices([predicate.column])[0]]
            guard field.isFlat else { continue }
            let leaf = field.leaves.lowerBound
            let column = parquetSchema.columns[leaf]
            guard column.hasDefinedSortOrder else { continue }
            let (columnIndex, offsetIndex) = try pageIndex(rowGroup: group, column: leaf)
            guard let columnIndex, let offsetIndex else { continue }
            let spans = try pageSpans(offsetIndex, rows: rows, column: column.name)
            let pages = spans.count
            guard columnIndex.nullPages.count == pages, columnIndex.minValues.count == pages,
                columnIndex.maxValues.count == pages
            else {
                throw ParquetError(
                    .invalidMetadata,
                    "column index has \(columnIndex.nullPages.count) pages, the offset index \(pages)",
                    file: path,
                    column: column.name)
            }
            var matching: [Range<Int>] = []
            for page in 0..<pages where !columnIndex.nullPages[page] {
                // A page whose bounds do not decode is kept: pruning must never drop a match.
                if let low = StatisticsValues.value(columnIndex.minValues[page], column),
                    let high = StatisticsValues.value(columnIndex.maxValues[page], column),
                    !predicate.mayMatch(minimum: low, maximum: high)
                {
                    continue
                }
                matching.append(spans[page])
            }
            let ranges = RowRanges(matching)
            result = result.map { $0.intersection(ranges) } ?? ranges
        }
        return result
    }

    /// The rows of each page an offset index lists, checked: first rows start at 0, ascend strictly and stay below
    /// the row group's row count.
    func pageSpans(
        _ index: OffsetIndex, rows: Int, column: String
    ) throws(ParquetError) -> [Range<
        Int
    >] {
        let locations = index.pageLocations
        var spans: [Range<Int>] = []
        spans.reserveCapacity(locations.count)
        for (page, location) in locations.enumerated() {
            let next = page + 1 < locations.count ? locations[page + 1].firstRowIndex : Int64(rows)
            guard let first = Int(exactly: location.firstRowIndex), let end = Int(exactly: next),
                page > 0 || first == 0, first < end, end <= rows
            else {
                throw ParquetError(
                    .invalidMetadata,
                    "offset index page \(page) starts at row \(location.firstRowIndex), the next at \(next), "
                        + "in a row group of \(rows) rows",
                    file: path, column: column)
            }
            spans.append(first..<end)
        }
        guard !spans.isEmpty || rows == 0 else {
            throw ParquetError(
                .invalidMetadata, "offset index lists no pages", file: path, column: column)
        }
        return spans
    }

    /// Reads row group `index` restricted to `rows`, with the top-level columns at `columnIndices`. Flat columns
    /// with an offset index fetch and decode only the pages that overlap `rows`; other columns (nested ones, or
    /// chunks without an offset index) are decoded whole. Either way only the rows of `rows` are kept, in order.
    /// - Returns: the batch and how many pages were read and skipped.
    public func readRowGroup(
        _ index: Int, columnIndices: [Int], rows selection: RowRanges
    ) throws(ParquetError) -> (Batch, ParquetReadStatistics) {
        precondition(metadata.rowGroups.indices.contains(index), "row group \(index) does not exist")
        guard let rows = Int(exactly: metadata.rowGroups[index].numRows) else {
            throw ParquetError(.invalidMetadata, "row count too large", file: path)
        }
        precondition(
            selection.ranges.last.map { $0.upperBound <= rows } ?? true, "rows outside the row group")
        var statistics = ParquetReadStatistics()
        statistics.rowsSkippedByPageIndex = rows - selection.rowCount
        if columnIndices.isEmpty { return (Batch(rowCount: selection.rowCount), statistics) }
        let results = ParallelResults<(Column, ParquetReadStatistics)>(count: columnIndices.count)
        DispatchQueue.concurrentPerform(iterations: columnIndices.count) { slot in
            let field = columnIndices[slot]
            results.store(slot) { () throws(ParquetError) in
                try self.readField(group: index, field: field, rows: rows, selection: selection)
            }
        }
        let columns = try results.values()
        for (_, counts) in columns { statistics.add(counts) }
        let fields = columnIndices.compactMap { parquetSchema.fields[$0].field }
        return (
            Batch(schema: Schema(fields, metadata: schema.metadata), columns: columns.map(\.0)),
            statistics
        )
    }

    private func readField(
        group: Int, field: Int, rows: Int, selection: RowRanges
    ) throws(ParquetError) -> (Column, ParquetReadStatistics) {
        let descriptor = parquetSchema.fields[field]
        if descriptor.isFlat, selection.rowCount < rows {
            let leaf = descriptor.leaves.lowerBound
            let (_, offsetIndex) = try pageIndex(rowGroup: group, column: leaf)
            if let offsetIndex {
                return try readPages(
                    group: group, column: leaf, rows: rows, offsetIndex: offsetIndex, selection)
            }
        }
        if selection.isEmpty, let type = descriptor.field?.type {
            return (ColumnBuilder(type: type).build(), ParquetReadStatistics())
        }
        let column = try readField(group: group, field: field, rows: rows)
        if selection.rowCount == rows { return (column, ParquetReadStatistics()) }
        return (column.taking(selection.ranges.flatMap { Array($0) }), ParquetReadStatistics())
    }

    /// Fetches and decodes the pages of a flat chunk that overlap `selection` (and its dictionary page), then keeps
    /// the selected rows.
    private func readPages(
        group: Int, column: Int, rows: Int, offsetIndex: OffsetIndex, _ selection: RowRanges
    ) throws(ParquetError) -> (Column, ParquetReadStatistics) {
        let descriptor = parquetSchema.columns[column]
        do throws(ParquetError) {
            guard let meta = metadata.rowGroups[group].columns[column].metaData,
                let type = descriptor.dataType
            else {
                throw ParquetError(.invalidMetadata, "column chunk without metadata")
            }
            let spans = try pageSpans(offsetIndex, rows: rows, column: descriptor.name)
            let locations = offsetIndex.pageLocations
            let chunkStart = meta.chunkStart
            let chunkEnd = chunkStart + meta.totalCompressedSize
            var previousEnd = chunkStart
            for (page, location) in locations.enumerated() {
                guard location.offset >= previousEnd, location.compressedPageSize > 0,
                    Int64(location.compressedPageSize) <= chunkEnd - location.offset
                else {
                    throw ParquetError(
                        .invalidMetadata,
                        "offset index page \(page) (\(location.compressedPageSize) bytes at offset \(location.offset)) "
                            + "overlaps another page or lies outside its chunk (\(chunkStart)..<\(chunkEnd))")
                }
                previousEnd = location.offset + Int64(location.compressedPageSize)
            }
            let selected = spans.indices.filter { selection.overlaps(spans[$0]) }
            var statistics = ParquetReadStatistics()
            statistics.pagesRead = selected.count
            statistics.pagesSkipped = spans.count - selected.count
            if selected.isEmpty { return (ColumnBuilder(type: type).build(), statistics) }

            // The dictionary page (and anything else before the first data page) comes first, then the selected
            // pages, fetched in runs of adjacent pages.
            var bytes: [UInt8] = []
            var segments: [(position: Int, fileOffset: Int64)] = []
            if let first = locations.first, first.offset > chunkStart {
                segments.append((0, chunkStart))
                bytes += try Self.io(path) { try store.read(path, range: chunkStart..<first.offset) }
            }
            var run = 0
            while run < selected.count {
                var end = run
                while end + 1 < selected.count, selected[end + 1] == selected[end] + 1 { end += 1 }
                let from = locations[selected[run]].offset
                let to =
                    locations[selected[end]].offset + Int64(locations[selected[end]].compressedPageSize)
                segments.append((bytes.count, from))
                bytes += try Self.io(path) { try store.read(path, range: from..<to) }
                run = end + 1
            }
            var reader = try ColumnChunkReader(
                column: descriptor, type: type, codec: meta.codec,
                rowCount: selected.reduce(0) { $0 + spans[$1].count })
            reader.pageRowCounts = selected.map { spans[$0].count }
            reader.segments = segments
            let decoded: Column
            do throws(ParquetError) {
                decoded = try reader.read(bytes)
            } catch {
                throw error.adding(offset: chunkStart)
            }
            // Positions of the selected rows within the decoded pages.
            var keep: [Int] = []
            keep.reserveCapacity(selection.rowCount)
            var base = 0
            for page in selected {
                let span = spans[page]
                for range in selection.ranges where range.overlaps(span) {
                    let low = max(range.lowerBound, span.lowerBound)
                    let high = min(range.upperBound, span.upperBound)
                    keep.append(contentsOf: (low - span.lowerBound + base)..<(high - span.lowerBound + base))
                }
                base += span.count
            }
            return (keep.count == decoded.count ? decoded : decoded.taking(keep), statistics)
        } catch {
            throw error.adding(file: path, column: descriptor.name)
        }
    }
}

import LakeColumnar
import LakeCore
import LakeCompression

/// Encodes one column of one row group into pages, held in memory until the row group is flushed.
///
/// Values arrive in column slices of any length (flat columns) or as shredded leaf levels (leaves of nested
/// columns); they are cut into data pages of at most `dataPageRowsMax` rows (records), closing a page early once its
/// values pass `dataPageBytesMax`. Pages of a nested leaf start at record boundaries (repetition level 0), as data
/// page v2 requires and page indexes assume. With dictionary
/// encoding, the dictionary grows across the chunk; once its PLAIN size passes `dictionaryPageBytesMax` the
/// remaining pages fall back to PLAIN, as pyarrow and parquet-mr do.
///
/// Spec: parquet-format README "Column chunks", "Data pages"; spec/parquet.md#writer
///
/// Not thread-safe, but `@unchecked Sendable` so the file writer can hand each column's writer to its own task:
/// a writer is only ever used by one thread at a time.
final class ColumnChunkWriter: @unchecked Sendable {
    let column: ParquetColumn
    let field: Field
    let layout: PhysicalLayout
    private let codec: Codec
    private let compressor: Compressor
    private let options: ParquetWriteOptions
    private let collectStatistics: Bool
    private var valueEncoding: Encoding
    private var dictionary: ColumnDictionary?

    // The page being filled.
    private var pageBuffer: [UInt8] = []
    private var pendingLevels: [UInt32] = []
    private var pendingRepetition: [UInt32] = []
    private var pendingValues: PhysicalValues
    private var pendingRows = 0
    private var pendingNulls = 0

    // What the chunk holds so far.
    private(set) var dataPages: [EncodedPage] = []
    private(set) var rowCount: Int64 = 0
    /// Level entries written (the chunk's `num_values`): the row count for flat columns.
    private(set) var entryCount: Int64 = 0
    private(set) var chunkStatistics: ValueStatistics?
    private var encodingsUsed: [Encoding] = []
    private var encodingStats: [PageEncodingStats] = []
    private(set) var uncompressedBytes: Int64 = 0
    /// The chunk's bloom filter, when the options ask for one: every non-null value's PLAIN bytes, hashed.
    private(set) var bloomFilter: SplitBlockBloomFilter?
    /// Bits of bloom filter per expected distinct value.
    static let bloomFilterBitsPerValue = 16

    init(column: ParquetColumn, field: Field, options: ParquetWriteOptions) throws(ParquetError) {
        self.column = column
        self.field = field
        self.options = options
        guard let layout = PhysicalLayout(writing: field.type) else {
            preconditionFailure("a chunk writer stores a leaf, not \(field.type)")
        }
        self.layout = layout
        codec = options.compression(for: column.path)
        do {
            compressor = try Compressor(codec)
        } catch {
            throw ParquetError(.invalidArgument, "\(error)", column: column.name)
        }
        collectStatistics = options.statistics(for: column.path)
        pendingValues = PhysicalValues(empty: layout)
        let requested = options.encoding(for: column.path)
        valueEncoding = try Self.encoding(requested, for: layout, column: column.name)
        if requested == .dictionary { dictionary = ColumnDictionary(layout: layout) }
        if collectStatistics { chunkStatistics = ValueStatistics(nullCount: 0) }
        if let distinct = options.bloomFilterDistinctValues(for: column.path), layout != .boolean {
            let bits = max(distinct, 1).multipliedReportingOverflow(by: Self.bloomFilterBitsPerValue)
            let blockBits = SplitBlockBloomFilter.blockBytes * 8
            let blocksMax = SplitBlockBloomFilter.bitsetBytesMax / SplitBlockBloomFilter.blockBytes
            var blocks = 1
            while blocks < blocksMax && (bits.overflow || blocks * blockBits < bits.partialValue) { blocks *= 2 }
            bloomFilter = SplitBlockBloomFilter(blockCount: blocks)
        }
    }

    /// Adds the hash of every value's PLAIN encoding (byte arrays without their length prefix) to the filter.
    private func insertIntoBloomFilter(_ values: PhysicalValues) {
        guard var filter = bloomFilter else { return }
        bloomFilter = nil  // keep the filter uniquely referenced while it changes
        func insert<T>(_ values: [T]) {
            for var value in values { filter.insert(hash: withUnsafeBytes(of: &value) { XXHash64.hash($0) }) }
        }
        switch values {
        case .boolean: break
        case .int32(let v): insert(v.map { $0.littleEndian })
        case .int64(let v): insert(v.map { $0.littleEndian })
        case .float(let v): insert(v.map { $0.bitPattern.littleEndian })
        case .double(let v): insert(v.map { $0.bitPattern.littleEndian })
        case .byteArray(let offsets, let data):
            data.withUnsafeBytes { bytes in
                for index in 0..<max(0, offsets.count - 1) {
                    let range = Int(offsets[index])..<Int(offsets[index + 1])
                    filter.insert(hash: XXHash64.hash(UnsafeRawBufferPointer(rebasing: bytes[range])))
                }
            }
        case .fixedLenByteArray(let width, let data):
            guard width > 0 else { break }
            data.withUnsafeBytes { bytes in
                for start in stride(from: 0, to: data.count - width + 1, by: width) {
                    filter.insert(hash: XXHash64.hash(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + width)])))
                }
            }
        }
        bloomFilter = filter
    }

    /// The Parquet encoding that `requested` means for `layout`.
    /// - Throws: `.invalidArgument` when the encoding cannot store the column's physical type.
    static func encoding(
        _ requested: ParquetWriteOptions.ValueEncoding, for layout: PhysicalLayout, column: String
    ) throws(ParquetError) -> Encoding {
        switch (requested, layout) {
        case (.dictionary, .boolean), (.plain, _): return .plain
        case (.dictionary, _): return .rleDictionary
        case (.deltaBinaryPacked, .int32), (.deltaBinaryPacked, .int64): return .deltaBinaryPacked
        case (.deltaLengthByteArray, .byteArray): return .deltaLengthByteArray
        case (.deltaByteArray, .byteArray), (.deltaByteArray, .fixedLenByteArray): return .deltaByteArray
        case (.byteStreamSplit, .float), (.byteStreamSplit, .double), (.byteStreamSplit, .int32),
            (.byteStreamSplit, .int64), (.byteStreamSplit, .fixedLenByteArray):
            return .byteStreamSplit
        default:
            throw ParquetError(
                .invalidArgument, "encoding \(requested.rawValue) cannot store \(layout) values", column: column)
        }
    }

    /// Adds the rows of `values` (a column of `field`'s type).
    func append(_ values: Column) throws(ParquetError) {
        let physical = try PhysicalValues(nonNullValuesOf: values, layout: layout)
        let validity = values.nullCount == 0 ? nil : values.validity
        let optional = column.maxDefinitionLevel > 0
        var row = 0
        var valueIndex = 0
        while row < values.count {
            let take = rowsFitting(
                min(values.count - row, options.dataPageRowsMax - pendingRows), from: row, valueIndex: valueIndex,
                validity: validity, physical: physical)
            let valid = validity?.setCount(in: row..<(row + take)) ?? take
            if optional {
                pendingLevels.reserveCapacity(pendingRows + take)
                if let validity {
                    Self.appendLevels(validity, row..<(row + take), to: &pendingLevels)
                } else {
                    pendingLevels.append(contentsOf: repeatElement(1, count: take))
                }
            }
            pendingValues.append(physical, range: valueIndex..<(valueIndex + valid))
            pendingRows += take
            pendingNulls += take - valid
            row += take
            valueIndex += valid
            if pendingRows >= options.dataPageRowsMax || pendingValues.plainByteCount >= options.dataPageBytesMax {
                try flushPage()
            }
        }
    }

    /// Adds the entries of a shredded leaf of a nested column (see `LevelShredder`), whole records at a time.
    func append(_ leaf: LeafLevels) throws(ParquetError) {
        let maxLevel = UInt32(column.maxDefinitionLevel)
        let entries = leaf.entryCount
        var entry = 0
        var valueIndex = 0
        while entry < entries {
            // Take whole records until the page is full by rows or by value bytes.
            var end = entry
            var endValue = valueIndex
            var records = 0
            var bytes = pendingValues.plainByteCount
            repeat {
                repeat {
                    if leaf.definition[end] == maxLevel {
                        bytes += Self.plainBytes(of: leaf.values, at: endValue)
                        endValue += 1
                    }
                    end += 1
                } while end < entries && leaf.repetition[end] != 0
                records += 1
            } while end < entries && pendingRows + records < options.dataPageRowsMax && bytes < options.dataPageBytesMax
            pendingLevels.append(contentsOf: leaf.definition[entry..<end])
            pendingRepetition.append(contentsOf: leaf.repetition[entry..<end])
            pendingValues.append(leaf.values, range: valueIndex..<endValue)
            pendingRows += records
            pendingNulls += (end - entry) - (endValue - valueIndex)
            entry = end
            valueIndex = endValue
            if pendingRows >= options.dataPageRowsMax || pendingValues.plainByteCount >= options.dataPageBytesMax {
                try flushPage()
            }
        }
    }

    /// PLAIN bytes of value `index` (booleans count one byte, as `plainByteCount` does).
    private static func plainBytes(of values: PhysicalValues, at index: Int) -> Int {
        switch values {
        case .boolean: 1
        case .int32, .float: 4
        case .int64, .double: 8
        case .byteArray(let offsets, _): Int(offsets[index + 1] - offsets[index]) + 4
        case .fixedLenByteArray(let width, _): width
        }
    }

    /// Appends one definition level per row of `range`: 1 for a valid row, 0 for a null one.
    private static func appendLevels(_ validity: Bitmap, _ range: Range<Int>, to levels: inout [UInt32]) {
        precondition(range.lowerBound >= 0 && range.upperBound <= validity.count, "rows outside the validity bitmap")
        let start = levels.count
        levels.append(contentsOf: repeatElement(0, count: range.count))
        levels.withUnsafeMutableBufferPointer { levels in
            validity.words.withUnsafeBufferPointer { words in
                for (offset, row) in range.enumerated() {
                    levels[start + offset] = UInt32(truncatingIfNeeded: words[row >> 6] >> UInt64(row & 63)) & 1
                }
            }
        }
    }

    /// How many of the `candidate` rows starting at `row` fit in what is left of the page's byte budget; at least
    /// one, so every page makes progress. Only variable and wide values can overflow a page within the row limit.
    private func rowsFitting(
        _ candidate: Int, from row: Int, valueIndex: Int, validity: Bitmap?, physical: PhysicalValues
    ) -> Int {
        let budget = options.dataPageBytesMax - pendingValues.plainByteCount
        switch physical {
        case .byteArray(let offsets, _):
            var used = 0
            var next = valueIndex
            var rows = 0
            while rows < candidate {
                if validity?[row + rows] ?? true {
                    let size = Int(offsets[next + 1] - offsets[next]) + 4
                    if rows > 0 && used + size > budget { break }
                    used += size
                    next += 1
                }
                rows += 1
            }
            return rows
        case .fixedLenByteArray(let width, _):
            return max(1, min(candidate, budget / max(width, 1)))
        default:
            return candidate
        }
    }

    /// Closes the last page. The writer then holds the complete chunk.
    func finish() throws(ParquetError) {
        if pendingRows > 0 { try flushPage() }
    }

    /// The dictionary page, when the chunk used dictionary encoding for at least one page.
    func makeDictionaryPage() throws(ParquetError) -> EncodedPage? {
        guard let dictionary, dictionary.isUsed else { return nil }
        let raw = dictionary.encodeDictionaryPage()
        let body = try compress(raw)
        let header = PageHeader(
            type: .dictionaryPage, uncompressedPageSize: try Self.int32(raw.count), compressedPageSize: try Self.int32(body.count),
            crc: checksum(body),
            dictionaryPageHeader: DictionaryPageHeader(numValues: try Self.int32(dictionary.count), encoding: .plain))
        uncompressedBytes += Int64(raw.count + header.encode().count)
        return EncodedPage(header: header, body: body, firstRow: 0, valueCount: dictionary.count, statistics: nil)
    }

    /// Encodings used by the chunk's pages, levels included, in first-use order.
    var encodings: [Encoding] {
        var all = encodingsUsed
        if dictionary?.isUsed == true && !all.contains(.plain) { all.insert(.plain, at: 0) }
        if !all.contains(.rle) { all.append(.rle) }
        return all
    }

    var pageEncodingStats: [PageEncodingStats] {
        var stats = encodingStats
        if dictionary?.isUsed == true {
            stats.insert(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1), at: 0)
        }
        return stats
    }

    private func flushPage() throws(ParquetError) {
        let values = pendingValues
        let rows = pendingRows
        let nulls = pendingNulls
        let levels = pendingLevels
        let repetitionLevels = pendingRepetition
        let entries = column.maxRepetitionLevel > 0 ? repetitionLevels.count : rows
        pendingValues = PhysicalValues(empty: layout)
        pendingLevels = []
        pendingRepetition = []
        pendingRows = 0
        pendingNulls = 0

        insertIntoBloomFilter(values)
        var pageStatistics: ValueStatistics?
        if collectStatistics {
            let stats = ValueStatistics(
                values: values, nullCount: Int64(nulls), order: column.sortOrder, utf8: field.type == .utf8)
            chunkStatistics?.merge(stats, physical: layout, order: column.sortOrder)
            pageStatistics = stats
        }

        // A v1 page compresses its levels and values together, so both go into one buffer; v2 keeps the levels
        // apart (uncompressed). The buffer is reused from page to page.
        // Repetition levels come first, then definition levels (parquet-format README "Data Pages").
        var levelBytes: [UInt8] = []
        var raw = takePageBuffer()
        let version = options.dataPageVersion
        func encode(_ levels: [UInt32], maxLevel: Int) {
            guard maxLevel > 0 else { return }
            let bitWidth = ColumnChunkReader.bitWidth(maxLevel)
            levels.withUnsafeBufferPointer { levels in
                switch version {
                case .v1: RLEHybrid.encodeLengthPrefixed(levels, bitWidth: bitWidth, into: &raw)
                case .v2: RLEHybrid.encode(levels, bitWidth: bitWidth, into: &levelBytes)
                }
            }
        }
        encode(repetitionLevels, maxLevel: column.maxRepetitionLevel)
        let repetitionByteCount = levelBytes.count
        encode(levels, maxLevel: column.maxDefinitionLevel)
        var encoding = valueEncoding
        if encoding == .rleDictionary, var dictionary {
            self.dictionary = nil  // keep the encoder uniquely referenced while it grows
            dictionary.encodeIndices(of: values, into: &raw)
            if dictionary.plainByteCount > options.dictionaryPageBytesMax { valueEncoding = .plain }
            self.dictionary = dictionary
        } else {
            if encoding == .rleDictionary { encoding = .plain }
            ValueEncoder.encode(values, as: encoding, into: &raw)
        }
        defer { pageBuffer = raw }

        let page: EncodedPage
        switch options.dataPageVersion {
        case .v1:
            let body = try compress(raw)
            let header = PageHeader(
                type: .dataPage, uncompressedPageSize: try Self.int32(raw.count),
                compressedPageSize: try Self.int32(body.count), crc: checksum(body),
                dataPageHeader: DataPageHeader(
                    numValues: try Self.int32(entries), encoding: encoding, definitionLevelEncoding: .rle,
                    repetitionLevelEncoding: .rle, statistics: pageStatistics.map(Self.thrift)))
            page = EncodedPage(
                header: header, body: body, firstRow: rowCount, valueCount: values.count, statistics: pageStatistics)
            uncompressedBytes += Int64(raw.count)
        case .v2:
            let compressedValues = try compress(raw)
            let isCompressed = codec != .uncompressed
            let body = levelBytes + compressedValues
            let header = PageHeader(
                type: .dataPageV2, uncompressedPageSize: try Self.int32(levelBytes.count + raw.count),
                compressedPageSize: try Self.int32(body.count), crc: checksum(body),
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: try Self.int32(entries), numNulls: try Self.int32(nulls), numRows: try Self.int32(rows),
                    encoding: encoding,
                    definitionLevelsByteLength: try Self.int32(levelBytes.count - repetitionByteCount),
                    repetitionLevelsByteLength: try Self.int32(repetitionByteCount), isCompressed: isCompressed,
                    statistics: pageStatistics.map(Self.thrift)))
            page = EncodedPage(
                header: header, body: body, firstRow: rowCount, valueCount: values.count, statistics: pageStatistics)
            uncompressedBytes += Int64(levelBytes.count + raw.count)
        }
        uncompressedBytes += Int64(page.header.encode().count)
        dataPages.append(page)
        rowCount += Int64(rows)
        entryCount += Int64(entries)
        if !encodingsUsed.contains(encoding) { encodingsUsed.append(encoding) }
        let pageType = page.header.type
        if let index = encodingStats.firstIndex(where: { $0.pageType == pageType && $0.encoding == encoding }) {
            encodingStats[index].count += 1
        } else {
            encodingStats.append(PageEncodingStats(pageType: pageType, encoding: encoding, count: 1))
        }
    }

    /// The CRC-32 of a page's stored bytes for its header, when the options ask for page checksums.
    private func checksum(_ body: [UInt8]) -> Int32? {
        guard options.writePageChecksums else { return nil }
        return Int32(bitPattern: body.withUnsafeBufferPointer { CRC32.checksum($0) })
    }

    /// The reusable page buffer, emptied, moved out of the writer so that the caller holds the only reference.
    private func takePageBuffer() -> [UInt8] {
        var buffer = pageBuffer
        pageBuffer = []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    private func compress(_ raw: [UInt8]) throws(ParquetError) -> [UInt8] {
        if codec == .uncompressed { return raw }
        var output: [UInt8] = []
        do {
            try raw.withUnsafeBufferPointer { (buffer) throws(CompressionError) in
                try compressor.compress(UnsafeRawBufferPointer(buffer), into: &output)
            }
        } catch {
            throw ParquetError(.invalidArgument, "compression failed: \(error)", column: column.name)
        }
        return output
    }

    static func thrift(_ stats: ValueStatistics) -> Statistics {
        Statistics(
            nullCount: stats.nullCount, maxValue: stats.max, minValue: stats.min,
            isMaxValueExact: stats.max == nil ? nil : stats.isMaxExact,
            isMinValueExact: stats.min == nil ? nil : stats.isMinExact)
    }

    static func int32(_ value: Int) throws(ParquetError) -> Int32 {
        guard let narrow = Int32(exactly: value) else {
            throw ParquetError(.invalidArgument, "page too large: \(value) does not fit a 32-bit size")
        }
        return narrow
    }
}

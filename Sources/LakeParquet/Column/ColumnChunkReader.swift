import LakeColumnar
import LakeCompression
import LakeCore

/// Decodes the pages of one column chunk into a `Column`.
///
/// Every length, count and offset comes from the file and is checked before use: a page that claims more
/// bytes than the chunk holds, more values than its rows, or a size its codec does not produce throws a
/// `ParquetError` naming what was wrong.
///
/// Spec: parquet-format README "Data pages", "Definition levels"; spec/parquet.md#reader
struct ColumnChunkReader {
    let column: ParquetColumn
    let type: DataType
    let codec: Codec
    /// Rows the chunk must hold (the row group's row count, or the rows of the pages a pruned read fetched).
    let rowCount: Int
    /// Rows each data page must hold, in order, when the pages come from an offset index (a pruned read): a page
    /// whose header disagrees with the index is refused instead of shifting rows. Nil checks only the total.
    var pageRowCounts: [Int]?
    /// Where the chunk bytes came from in the file: each segment starts at a chunk position and maps to a file
    /// offset; positions between segments follow the segment before. Used to name page offsets in errors.
    var segments: [(position: Int, fileOffset: Int64)] = []
    /// Whether pages that carry a CRC-32 are checked against it.
    var verifiesChecksums = true

    /// Pages larger than this are refused as corrupt rather than allocated.
    static let pageBytesMax = 1 << 30
    /// Decoded memory one column chunk may take (values, levels, validity) before it is refused.
    static let decodedBytesMax = 4 << 30
    /// Values reserved up front for a chunk (its row count, at most this many): one allocation instead of a
    /// doubling per growth step, while a footer that claims absurd row counts cannot force a huge allocation.
    static let reservedValuesMax = 1 << 24

    init(column: ParquetColumn, type: DataType, codec: CompressionCodec, rowCount: Int) throws(ParquetError) {
        self.column = column
        self.type = type
        self.rowCount = rowCount
        switch codec {
        case .uncompressed: self.codec = .uncompressed
        case .snappy: self.codec = .snappy
        case .gzip: self.codec = .gzip(level: 6)
        case .zstd: self.codec = .zstd(level: 1)
        case .lz4Raw: self.codec = .lz4Raw
        case .lz4: self.codec = .lz4Hadoop
        default: throw ParquetError(.unsupported, "compression codec \(codec)")
        }
    }

    /// The physical values a chunk of `column` decodes to (INT96 becomes Int64 nanoseconds).
    static func layout(of column: ParquetColumn) -> PhysicalLayout {
        switch column.physicalType {
        case .boolean: .boolean
        case .int32: .int32
        case .int64, .int96: .int64
        case .float: .float
        case .double: .double
        case .fixedLenByteArray: .fixedLenByteArray(width: Int(column.element.typeLength ?? 0))
        default: .byteArray
        }
    }

    /// Decodes every page of `chunk` (the bytes from the chunk's first page to its end).
    func read(_ chunk: [UInt8]) throws(ParquetError) -> Column {
        let optional = column.maxDefinitionLevel > 0
        var values = PhysicalValues(empty: Self.layout(of: column))
        values.reserveCapacity(min(rowCount, Self.reservedValuesMax))
        var validity: Bitmap? = optional ? Bitmap(repeating: false, count: 0) : nil
        validity?.reserveCapacity(min(rowCount, Self.reservedValuesMax))
        var dictionary: PhysicalValues?
        let decompressor: Decompressor
        do {
            decompressor = try Decompressor(codec, uncompressedBytesMax: Self.pageBytesMax)
        } catch {
            throw ParquetError(.unsupported, "\(error)")
        }
        var rowsRead = 0
        var position = 0
        var dataPages = 0
        // One page buffer for the whole chunk: no allocation (and no fresh pages to fault in) per page.
        var page: [UInt8] = []
        while rowsRead < rowCount {
            guard position < chunk.count else {
                throw ParquetError(.truncated, "column chunk ends after \(rowsRead) of \(rowCount) rows")
            }
            let (header, body) = try nextPage(in: chunk, at: &position)
            switch header.type {
            case .dictionaryPage:
                guard let dictionaryHeader = header.dictionaryPageHeader else {
                    throw ParquetError(.invalidPageHeader, "dictionary page without a dictionary page header")
                }
                guard dictionary == nil else { throw ParquetError(.invalidPageHeader, "second dictionary page in a chunk") }
                try decompress(body, decompressor, size: Int(header.uncompressedPageSize), into: &page)
                dictionary = try decodeDictionary(page, header: dictionaryHeader)
            case .dataPage:
                guard let dataHeader = header.dataPageHeader else {
                    throw ParquetError(.invalidPageHeader, "data page without a data page header")
                }
                let rows = try pageRows(dataHeader.numValues, rowsRead)
                try checkIndexedRows(rows, page: &dataPages)
                guard !optional || dataHeader.definitionLevelEncoding == .rle else {
                    throw ParquetError(
                        .unsupported, "definition levels encoded as \(dataHeader.definitionLevelEncoding)")
                }
                try decompress(body, decompressor, size: Int(header.uncompressedPageSize), into: &page)
                try withinPage { () throws(ParquetError) in try page.withParquetBytes { (bytes) throws(ParquetError) in
                    var valuesStart = 0
                    var present = rows
                    if optional {
                        (present, valuesStart) = try decodeLevels(bytes, rows: rows, lengthPrefixed: true, into: &validity)
                    }
                    try ValueDecoder.decode(
                        UnsafeRawBufferPointer(rebasing: bytes[valuesStart...]), encoding: dataHeader.encoding,
                        count: present, column: column, dictionary: dictionary, into: &values)
                } }
                rowsRead += rows
            case .dataPageV2:
                guard let dataHeader = header.dataPageHeaderV2 else {
                    throw ParquetError(.invalidPageHeader, "data page v2 without its header")
                }
                let rows = try pageRows(dataHeader.numValues, rowsRead)
                try checkIndexedRows(rows, page: &dataPages)
                let levelBytes = Int(dataHeader.repetitionLevelsByteLength) + Int(dataHeader.definitionLevelsByteLength)
                guard dataHeader.repetitionLevelsByteLength >= 0, dataHeader.definitionLevelsByteLength >= 0,
                    levelBytes <= body.count
                else {
                    throw ParquetError(.invalidPageHeader, "data page v2 level lengths exceed the page")
                }
                let levelsStart = body.startIndex + Int(dataHeader.repetitionLevelsByteLength)
                var present = rows
                if optional {
                    try withinPage { () throws(ParquetError) in
                        try Array(body[levelsStart..<(body.startIndex + levelBytes)]).withParquetBytes {
                            (bytes) throws(ParquetError) in
                            (present, _) = try decodeLevels(bytes, rows: rows, lengthPrefixed: false, into: &validity)
                        }
                    }
                }
                let valueBody = body[(body.startIndex + levelBytes)...]
                if dataHeader.valuesAreCompressed {
                    let size = Int(header.uncompressedPageSize) - levelBytes
                    try decompress(valueBody, decompressor, size: size, into: &page)
                } else {
                    page.removeAll(keepingCapacity: true)
                    page.append(contentsOf: valueBody)
                }
                try withinPage { () throws(ParquetError) in try page.withParquetBytes { (bytes) throws(ParquetError) in
                    try ValueDecoder.decode(
                        bytes, encoding: dataHeader.encoding, count: present, column: column, dictionary: dictionary,
                        into: &values)
                } }
                rowsRead += rows
            default:
                continue  // index pages and page types from newer writers carry no values we need
            }
        }
        try values.spread(over: validity, rowCount: rowCount)
        return try Column(type: type, physical: values, validity: validity, rowCount: rowCount)
    }

    /// The header and body of the page at `position` in `chunk`, with `position` moved past it.
    /// - Throws: `.invalidPageHeader` for a header that does not decode, impossible sizes, or a body that
    ///   passes the end of the chunk.
    func nextPage(in chunk: [UInt8], at position: inout Int) throws(ParquetError) -> (PageHeader, ArraySlice<UInt8>) {
        let pageStart = position
        let (header, headerBytes): (PageHeader, Int)
        do throws(ParquetError) {
            (header, headerBytes) = try PageHeader.decode(chunk[position...])
        } catch {
            throw ParquetError(.invalidPageHeader, "page header at chunk offset \(position): \(error.reason)")
        }
        let bodyStart = position + headerBytes
        guard header.compressedPageSize >= 0, header.uncompressedPageSize >= 0,
            Int(header.uncompressedPageSize) <= Self.pageBytesMax
        else {
            throw ParquetError(.invalidPageHeader, "page at chunk offset \(pageStart) has impossible sizes")
        }
        let bodyEnd = bodyStart + Int(header.compressedPageSize)
        guard bodyEnd <= chunk.count else {
            throw ParquetError(
                .invalidPageHeader,
                "page at chunk offset \(pageStart) needs \(header.compressedPageSize) bytes, \(chunk.count - bodyStart) remain")
        }
        position = bodyEnd
        let body = chunk[bodyStart..<bodyEnd]
        if verifiesChecksums, let expected = header.crc {
            let actual = body.withUnsafeBufferPointer { CRC32.checksum($0) }
            guard actual == UInt32(bitPattern: expected) else {
                let at = fileOffset(ofChunkPosition: pageStart)
                throw ParquetError(
                    .invalidData,
                    "page CRC-32 mismatch at file offset \(at.map(String.init) ?? "?"): header says "
                        + "\(String(UInt32(bitPattern: expected), radix: 16)), "
                        + "the page bytes give \(String(actual, radix: 16))",
                    offset: at)
            }
        }
        return (header, body)
    }

    /// The file offset of a position in the chunk bytes, when the reader knows where they came from.
    func fileOffset(ofChunkPosition position: Int) -> Int64? {
        guard let segment = segments.last(where: { $0.position <= position }) else { return nil }
        return segment.fileOffset + Int64(position - segment.position)
    }

    /// Checks the rows of the next data page against `pageRowCounts`, when the read is driven by an offset index.
    private func checkIndexedRows(_ rows: Int, page: inout Int) throws(ParquetError) {
        defer { page += 1 }
        guard let pageRowCounts else { return }
        guard page < pageRowCounts.count, pageRowCounts[page] == rows else {
            let expected = page < pageRowCounts.count ? "\(pageRowCounts[page])" : "no more pages"
            throw ParquetError(
                .invalidMetadata,
                "data page \(page) of the fetched pages holds \(rows) rows, the offset index says \(expected)")
        }
    }

    /// Runs the decoding of a page's levels or values. Running out of bytes there means the page header claims
    /// more values than the page holds: corrupt data, not a truncated file.
    func withinPage(_ body: () throws(ParquetError) -> Void) throws(ParquetError) {
        do throws(ParquetError) {
            try body()
        } catch where error.kind == .truncated {
            throw ParquetError(.invalidData, "values overrun their page: \(error.reason)")
        }
    }

    func pageRows(_ numValues: Int32, _ rowsRead: Int) throws(ParquetError) -> Int {
        guard numValues >= 0, Int(numValues) <= rowCount - rowsRead else {
            throw ParquetError(
                .invalidPageHeader, "page claims \(numValues) values but only \(rowCount - rowsRead) rows remain")
        }
        // Nulls cost almost nothing on disk, so memory is bounded by rows, not by the file's size.
        let (bytes, overflow) = (rowsRead + Int(numValues)).multipliedReportingOverflow(by: decodedBytesPerRow)
        guard !overflow, bytes <= Self.decodedBytesMax else {
            throw ParquetError(
                .unsupported,
                "decoding \(rowsRead + Int(numValues)) rows would take more than \(Self.decodedBytesMax >> 30) GiB")
        }
        return Int(numValues)
    }

    /// Memory one decoded row takes at most: its value (an offset for byte arrays, whose bytes are bounded by
    /// the pages' sizes) plus its definition level and validity bit while decoding.
    private var decodedBytesPerRow: Int {
        let value: Int
        switch Self.layout(of: column) {
        case .boolean: value = 1
        case .int32, .float, .byteArray: value = 4
        case .int64, .double: value = 8
        case .fixedLenByteArray(let width): value = max(width, 1)
        }
        return value + (column.maxDefinitionLevel > 0 ? 5 : 0)
    }

    /// Decodes definition levels into validity bits. Returns the count of non-null values and where the values
    /// start in `bytes`.
    private func decodeLevels(
        _ bytes: UnsafeRawBufferPointer, rows: Int, lengthPrefixed: Bool, into validity: inout Bitmap?
    ) throws(ParquetError) -> (present: Int, valuesStart: Int) {
        let bitWidth = Self.bitWidth(column.maxDefinitionLevel)
        var levels: [UInt32] = []
        levels.reserveCapacity(rows)
        var consumed = bytes.count
        if lengthPrefixed {
            consumed = try RLEHybrid.decodeLengthPrefixed(bytes, bitWidth: bitWidth, count: rows, into: &levels)
        } else {
            try RLEHybrid.decode(bytes, bitWidth: bitWidth, count: rows, into: &levels)
        }
        let maxLevel = UInt32(column.maxDefinitionLevel)
        var present = 0
        var invalidLevel: UInt32?
        levels.withUnsafeBufferPointer { levels in
            // 64 levels become one validity word: no per-row bitmap append.
            var start = 0
            while start < levels.count {
                let block = UnsafeBufferPointer(rebasing: levels[start..<min(start + 64, levels.count)])
                let word: UInt64
                if maxLevel == 1 {
                    word = Self.validityWord(flatLevels: block, invalid: &invalidLevel)
                } else {
                    var bits: UInt64 = 0
                    for (bit, level) in block.enumerated() {
                        if level > maxLevel { invalidLevel = level }
                        bits |= (level == maxLevel ? 1 : 0) << UInt64(bit)
                    }
                    word = bits
                }
                validity?.append(bits: word, count: block.count)
                present += word.nonzeroBitCount
                start += block.count
            }
        }
        if let invalidLevel {
            throw ParquetError.invalidData("definition level \(invalidLevel) exceeds the maximum \(maxLevel)")
        }
        return (present, consumed)
    }

    func decodeDictionary(_ raw: [UInt8], header: DictionaryPageHeader) throws(ParquetError) -> PhysicalValues {
        guard header.encoding == .plain || header.encoding == .plainDictionary else {
            throw ParquetError(.unsupported, "dictionary page encoding \(header.encoding)")
        }
        guard header.numValues >= 0 else { throw ParquetError(.invalidPageHeader, "negative dictionary size") }
        var dictionary = PhysicalValues(empty: Self.layout(of: column))
        try raw.withParquetBytes { (bytes) throws(ParquetError) in
            try ValueDecoder.decode(
                bytes, encoding: .plain, count: Int(header.numValues), column: column, dictionary: nil,
                into: &dictionary)
        }
        return dictionary
    }

    /// Replaces the contents of `output` (a buffer reused from page to page) with the `size` bytes `body` holds.
    func decompress(
        _ body: ArraySlice<UInt8>, _ decompressor: Decompressor, size: Int, into output: inout [UInt8]
    ) throws(ParquetError) {
        guard size >= 0 else { throw ParquetError(.invalidPageHeader, "negative uncompressed page size") }
        output.removeAll(keepingCapacity: true)
        if codec == .uncompressed {
            guard body.count == size else {
                throw ParquetError(
                    .invalidPageHeader, "uncompressed page holds \(body.count) bytes, its header says \(size)")
            }
            output.append(contentsOf: body)
            return
        }
        output.reserveCapacity(size)
        do throws(CompressionError) {
            try body.withUnsafeBufferPointer { (buffer) throws(CompressionError) in
                try decompressor.decompress(UnsafeRawBufferPointer(buffer), uncompressedSize: size, into: &output)
            }
        } catch {
            throw ParquetError(.decompressionFailed, "\(error)")
        }
    }

    /// The validity bits of up to 64 definition levels of a flat optional column (maximum level 1), where the level
    /// is the bit. Sets `invalid` to a level above 1 if the block holds one. Branch-free loops that vectorize, and
    /// a block of all ones (the common case: a run of non-null rows) is recognised without assembling bits.
    private static func validityWord(flatLevels block: UnsafeBufferPointer<UInt32>, invalid: inout UInt32?) -> UInt64 {
        var combined: UInt32 = 0
        var common: UInt32 = 1
        for level in block {
            combined |= level
            common &= level
        }
        if combined > 1 { invalid = block.max() }
        if combined == 1 && common == 1 { return block.count == 64 ? ~0 : (1 << UInt64(block.count)) - 1 }
        var word: UInt64 = 0
        for (bit, level) in block.enumerated() { word |= UInt64(level & 1) << UInt64(bit) }
        return word
    }

    /// Bits needed to store levels up to `maxLevel`.
    static func bitWidth(_ maxLevel: Int) -> Int {
        maxLevel == 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
    }
}

import LakeColumnar
import LakeCompression

extension ColumnChunkReader {
    /// Decodes every page of a chunk of a nested or repeated leaf into its levels and non-null values, for
    /// `LevelAssembler`.
    ///
    /// A page's `num_values` counts level entries, not rows; rows (records) start at entries with repetition level
    /// 0. Every level is checked against the column's maxima, the chunk must start a record at its first entry,
    /// and a v2 page (which must start at a record boundary) must too and hold the `num_rows` it declares.
    /// - Throws: `.invalidData` for levels out of range or records that do not match the headers;
    ///   `.invalidPageHeader`, `.decompressionFailed`, `.unsupported` as for flat chunks.
    func readLevels(_ chunk: [UInt8]) throws(ParquetError) -> LeafLevels {
        let maxDefinition = column.maxDefinitionLevel
        let maxRepetition = column.maxRepetitionLevel
        var values = PhysicalValues(empty: Self.layout(of: column))
        var definition: [UInt32] = []
        var repetition: [UInt32] = []
        var dictionary: PhysicalValues?
        let decompressor: Decompressor
        do {
            decompressor = try Decompressor(codec, uncompressedBytesMax: Self.pageBytesMax)
        } catch {
            throw ParquetError(.unsupported, "\(error)")
        }
        var records = 0
        var position = 0
        var page: [UInt8] = []
        while position < chunk.count {
            let pageStart = position
            let (header, body) = try nextPage(in: chunk, at: &position)
            let entriesBefore = definition.count
            switch header.type {
            case .dictionaryPage:
                guard let dictionaryHeader = header.dictionaryPageHeader else {
                    throw ParquetError(.invalidPageHeader, "dictionary page without a dictionary page header")
                }
                guard dictionary == nil else { throw ParquetError(.invalidPageHeader, "second dictionary page in a chunk") }
                try decompress(body, decompressor, size: Int(header.uncompressedPageSize), into: &page)
                dictionary = try decodeDictionary(page, header: dictionaryHeader)
                continue
            case .dataPage:
                guard let dataHeader = header.dataPageHeader else {
                    throw ParquetError(.invalidPageHeader, "data page without a data page header")
                }
                let count = try pageEntries(dataHeader.numValues, entriesSoFar: entriesBefore)
                guard (maxDefinition == 0 || dataHeader.definitionLevelEncoding == .rle)
                    && (maxRepetition == 0 || dataHeader.repetitionLevelEncoding == .rle)
                else {
                    throw ParquetError(.unsupported, "levels encoded as BIT_PACKED (deprecated) are not supported")
                }
                try decompress(body, decompressor, size: Int(header.uncompressedPageSize), into: &page)
                try withinPage { () throws(ParquetError) in try page.withParquetBytes { (bytes) throws(ParquetError) in
                    var offset = 0
                    offset += try decodeLevels(
                        bytes, maxLevel: maxRepetition, count: count, lengthPrefixed: true, kind: "repetition",
                        into: &repetition)
                    offset += try decodeLevels(
                        UnsafeRawBufferPointer(rebasing: bytes[offset...]), maxLevel: maxDefinition, count: count,
                        lengthPrefixed: true, kind: "definition", into: &definition)
                    let present = Self.presentCount(definition[entriesBefore...], maxLevel: maxDefinition)
                    try ValueDecoder.decode(
                        UnsafeRawBufferPointer(rebasing: bytes[offset...]), encoding: dataHeader.encoding,
                        count: present, column: column, dictionary: dictionary, into: &values)
                } }
            case .dataPageV2:
                guard let dataHeader = header.dataPageHeaderV2 else {
                    throw ParquetError(.invalidPageHeader, "data page v2 without its header")
                }
                let count = try pageEntries(dataHeader.numValues, entriesSoFar: entriesBefore)
                let repetitionBytes = Int(dataHeader.repetitionLevelsByteLength)
                let definitionBytes = Int(dataHeader.definitionLevelsByteLength)
                guard repetitionBytes >= 0, definitionBytes >= 0, repetitionBytes + definitionBytes <= body.count else {
                    throw ParquetError(.invalidPageHeader, "data page v2 level lengths exceed the page")
                }
                let repetitionStart = body.startIndex
                let definitionStart = repetitionStart + repetitionBytes
                let valuesStart = definitionStart + definitionBytes
                try withinPage { () throws(ParquetError) in
                    try Array(body[repetitionStart..<definitionStart]).withParquetBytes { (bytes) throws(ParquetError) in
                        _ = try decodeLevels(
                            bytes, maxLevel: maxRepetition, count: count, lengthPrefixed: false, kind: "repetition",
                            into: &repetition)
                    }
                    try Array(body[definitionStart..<valuesStart]).withParquetBytes { (bytes) throws(ParquetError) in
                        _ = try decodeLevels(
                            bytes, maxLevel: maxDefinition, count: count, lengthPrefixed: false, kind: "definition",
                            into: &definition)
                    }
                }
                if count > 0 && repetition[entriesBefore] != 0 {
                    throw ParquetError.invalidData(
                        "data page v2 at chunk offset \(pageStart) starts inside a record (repetition level "
                            + "\(repetition[entriesBefore]))")
                }
                let pageRecords = repetition[entriesBefore...].reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
                guard pageRecords == Int(dataHeader.numRows) else {
                    throw ParquetError.invalidData(
                        "data page v2 at chunk offset \(pageStart) declares \(dataHeader.numRows) rows, its levels hold "
                            + "\(pageRecords)")
                }
                let valueBody = body[valuesStart...]
                if dataHeader.valuesAreCompressed {
                    let size = Int(header.uncompressedPageSize) - repetitionBytes - definitionBytes
                    try decompress(valueBody, decompressor, size: size, into: &page)
                } else {
                    page.removeAll(keepingCapacity: true)
                    page.append(contentsOf: valueBody)
                }
                let present = Self.presentCount(definition[entriesBefore...], maxLevel: maxDefinition)
                try withinPage { () throws(ParquetError) in try page.withParquetBytes { (bytes) throws(ParquetError) in
                    try ValueDecoder.decode(
                        bytes, encoding: dataHeader.encoding, count: present, column: column, dictionary: dictionary,
                        into: &values)
                } }
            default:
                continue  // index pages and page types from newer writers carry no values we need
            }
            if entriesBefore == 0, let first = repetition.first, first != 0 {
                throw ParquetError.invalidData("the column chunk starts with repetition level \(first), not 0")
            }
            records += repetition[entriesBefore...].reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            guard records <= rowCount else {
                throw ParquetError.invalidData("the column chunk holds more than the row group's \(rowCount) rows")
            }
        }
        // Unlike a flat chunk, every page has been read: too few records means the levels are wrong.
        guard records == rowCount else {
            throw ParquetError.invalidData("the column chunk's levels hold \(records) of the row group's \(rowCount) rows")
        }
        return LeafLevels(definition: definition, repetition: repetition, values: values)
    }

    /// The number of level entries of a page, checked against the memory the decoded chunk may take.
    private func pageEntries(_ numValues: Int32, entriesSoFar: Int) throws(ParquetError) -> Int {
        guard numValues >= 0 else { throw ParquetError(.invalidPageHeader, "page claims \(numValues) values") }
        let total = entriesSoFar + Int(numValues)
        // Two 4-byte levels per entry plus its value (an offset for byte arrays).
        let perEntry = 8 + max(4, Self.layout(of: column).valueBytes)
        let (bytes, overflow) = total.multipliedReportingOverflow(by: perEntry)
        guard !overflow, bytes <= Self.decodedBytesMax else {
            throw ParquetError(
                .unsupported, "decoding \(total) level entries would take more than \(Self.decodedBytesMax >> 30) GiB")
        }
        return Int(numValues)
    }

    /// Decodes `count` levels in `0...maxLevel` (zeros without reading when `maxLevel` is 0). Returns bytes used.
    private func decodeLevels(
        _ bytes: UnsafeRawBufferPointer, maxLevel: Int, count: Int, lengthPrefixed: Bool, kind: String,
        into levels: inout [UInt32]
    ) throws(ParquetError) -> Int {
        guard maxLevel > 0 else {
            levels.append(contentsOf: repeatElement(0, count: count))
            return 0
        }
        let start = levels.count
        let bitWidth = Self.bitWidth(maxLevel)
        let consumed: Int
        if lengthPrefixed {
            consumed = try RLEHybrid.decodeLengthPrefixed(bytes, bitWidth: bitWidth, count: count, into: &levels)
        } else {
            consumed = try RLEHybrid.decode(bytes, bitWidth: bitWidth, count: count, into: &levels)
        }
        let limit = UInt32(maxLevel)
        if let bad = levels[start...].first(where: { $0 > limit }) {
            throw ParquetError.invalidData("\(kind) level \(bad) exceeds the maximum \(maxLevel)")
        }
        return consumed
    }

    private static func presentCount(_ levels: ArraySlice<UInt32>, maxLevel: Int) -> Int {
        let limit = UInt32(maxLevel)
        return levels.reduce(0) { $0 + ($1 == limit ? 1 : 0) }
    }
}

extension PhysicalLayout {
    /// Bytes one value takes in memory after decoding (booleans one byte, byte arrays their 4-byte offset).
    var valueBytes: Int {
        switch self {
        case .boolean: 1
        case .int32, .float, .byteArray: 4
        case .int64, .double: 8
        case .fixedLenByteArray(let width): max(width, 1)
        }
    }
}

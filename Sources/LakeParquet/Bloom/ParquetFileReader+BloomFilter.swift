import LakeColumnar

extension ParquetFileReader {
    /// Bytes read at a bloom filter's offset when the file does not record its length: the header and, for small
    /// filters, the bitset in one request.
    static let bloomFilterProbeBytes: Int64 = 4 << 10

    /// The bloom filter of one leaf chunk, or nil when the chunk has none or uses an algorithm, hash or compression
    /// this reader does not know (such a filter is ignored, never trusted).
    /// - Throws: `.invalidMetadata` for a filter outside the file or a header that does not decode; `.invalidData`
    ///   for a bitset whose size is impossible or larger than `SplitBlockBloomFilter.bitsetBytesMax`.
    public func bloomFilter(rowGroup: Int, column: Int) throws(ParquetError) -> SplitBlockBloomFilter? {
        guard let meta = metadata.rowGroups[rowGroup].columns[column].metaData,
            let offset = meta.bloomFilterOffset
        else { return nil }
        do throws(ParquetError) {
            guard offset >= 4, offset < fileBytes else {
                throw ParquetError(
                    .invalidMetadata, "bloom filter offset \(offset) lies outside the file", offset: offset)
            }
            var end = min(fileBytes, offset + Self.bloomFilterProbeBytes)
            if let length = meta.bloomFilterLength {
                guard length > 0, Int64(length) <= fileBytes - offset else {
                    throw ParquetError(
                        .invalidMetadata,
                        "bloom filter of \(length) bytes at offset \(offset) passes the end of the file",
                        offset: offset)
                }
                end = offset + Int64(length)
            }
            var bytes = try Self.io(path) { try store.read(path, range: offset..<end) }
            let header: BloomFilterHeader
            let headerBytes: Int
            do throws(ParquetError) {
                (header, headerBytes) = try BloomFilterHeader.decode(bytes[...])
            } catch {
                throw ParquetError(.invalidMetadata, "bloom filter header: \(error.reason)", offset: offset)
            }
            guard header.isSplitBlock, header.isXXHash, header.isUncompressed else { return nil }
            guard header.numBytes > 0, Int(header.numBytes) <= SplitBlockBloomFilter.bitsetBytesMax,
                Int64(header.numBytes) <= fileBytes - offset - Int64(headerBytes)
            else {
                throw ParquetError(
                    .invalidData, "bloom filter header claims a bitset of \(header.numBytes) bytes",
                    offset: offset)
            }
            let bitsetEnd = headerBytes + Int(header.numBytes)
            if bytes.count < bitsetEnd {
                guard meta.bloomFilterLength == nil else {
                    throw ParquetError(
                        .invalidData,
                        "bloom filter bitset of \(header.numBytes) bytes passes the recorded length \(bytes.count)",
                        offset: offset)
                }
                let from = offset + Int64(bytes.count)
                bytes += try Self.io(path) {
                    try store.read(path, range: from..<(offset + Int64(bitsetEnd)))
                }
            }
            do throws(ParquetError) {
                return try SplitBlockBloomFilter(bitset: bytes[headerBytes..<bitsetEnd])
            } catch {
                throw error.adding(offset: offset)
            }
        } catch {
            throw error.adding(file: path, column: parquetSchema.columns[column].name)
        }
    }

    /// Whether row group `group` may hold a row matching `predicate` according to the bloom filter of its column:
    /// false only for an `=` predicate on a flat column whose filter proves the literal absent. Literals of types
    /// whose stored form is ambiguous (floats, with their two zeros; booleans; decimals in BYTE_ARRAY; INT96) and
    /// literals the column cannot hold never prune here (statistics handle the latter).
    func bloomFilterMayContain(
        rowGroup group: Int, _ predicate: ParquetPredicate
    )
        throws(ParquetError) -> Bool
    {
        guard predicate.comparison == .equal else { return true }
        let field = parquetSchema.fields[try columnIndices([predicate.column])[0]]
        guard field.isFlat else { return true }
        let leaf = field.leaves.lowerBound
        guard metadata.rowGroups[group].columns[leaf].metaData?.bloomFilterOffset != nil,
            let bytes = Self.bloomFilterBytes(predicate.value, column: parquetSchema.columns[leaf]),
            let filter = try bloomFilter(rowGroup: group, column: leaf)
        else { return true }
        return filter.mayContain(hash: XXHash64.hash(bytes))
    }

    /// The PLAIN encoding (without a length prefix) that a value equal to `value` has in `column`, as bloom filters
    /// hash it; nil when there is no single such encoding or no value of the column can equal it.
    static func bloomFilterBytes(_ value: Value, column: ParquetColumn) -> [UInt8]? {
        guard let type = column.dataType else { return nil }
        func integer(_ value: Value) -> Int128? {
            switch value {
            case .int(let v): Int128(v)
            case .uint(let v): Int128(v)
            case .decimal(let v): v
            default: nil
            }
        }
        switch (column.physicalType, type) {
        case (.int32, .uint8), (.int32, .uint16), (.int32, .uint32):
            return integer(value).flatMap { UInt32(exactly: $0) }.map { $0.littleEndianBytes }
        case (.int32, .int8), (.int32, .int16), (.int32, .int32), (.int32, .date32), (.int32, .time),
            (.int32, .decimal):
            return integer(value).flatMap { Int32(exactly: $0) }.map {
                UInt32(bitPattern: $0).littleEndianBytes
            }
        case (.int64, .uint64):
            return integer(value).flatMap { UInt64(exactly: $0) }.map { $0.littleEndianBytes }
        case (.int64, .int64), (.int64, .time), (.int64, .timestamp), (.int64, .decimal):
            return integer(value).flatMap { Int64(exactly: $0) }.map {
                UInt64(bitPattern: $0).littleEndianBytes
            }
        case (.byteArray, .utf8):
            if case .string(let text) = value { return Array(text.utf8) }
            return nil
        case (.byteArray, .binary):
            if case .bytes(let bytes) = value { return bytes }
            return nil
        case (.fixedLenByteArray, .fixedSizeBinary(let width)):
            if case .bytes(let bytes) = value, bytes.count == width { return bytes }
            return nil
        case (.fixedLenByteArray, .decimal):
            guard case .decimal(let unscaled) = value,
                let width = column.element.typeLength.flatMap({ Int(exactly: $0) }),
                width > 0, width <= 16
            else { return nil }
            let bits = width * 8
            if bits < 128 {
                let limit = Int128(1) << (bits - 1)
                guard unscaled >= -limit, unscaled < limit else { return nil }
            }
            return (0..<width).map { UInt8(truncatingIfNeeded: unscaled >> ((width - 1 - $0) * 8)) }
        default:
            return nil
        }
    }
}

/// The header in front of a column chunk's bloom filter bitset (`ColumnMetaData.bloomFilterOffset`).
///
/// The three unions each have one member in parquet-format 2.x: split-block algorithm, XXH64 hash, no
/// compression. Members unknown to this reader decode as `nil` so that the filter is ignored, never trusted.
///
/// Spec: parquet.thrift `struct BloomFilterHeader`; BloomFilter.md "File Format".
public struct BloomFilterHeader: ThriftStruct, Hashable {
    /// Field 1 (required): bytes of the bitset that follows the header.
    public var numBytes: Int32
    /// Field 2 (required): true when the algorithm is SPLIT_BLOCK (member 1, the only one defined).
    public var isSplitBlock: Bool
    /// Field 3 (required): true when the hash is XXHASH (member 1).
    public var isXXHash: Bool
    /// Field 4 (required): true when the bitset is UNCOMPRESSED (member 1).
    public var isUncompressed: Bool

    public init(
        numBytes: Int32, isSplitBlock: Bool = true, isXXHash: Bool = true, isUncompressed: Bool = true
    ) {
        self.numBytes = numBytes
        self.isSplitBlock = isSplitBlock
        self.isXXHash = isXXHash
        self.isUncompressed = isUncompressed
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var numBytes: Int32?
        var algorithm: Bool?
        var hash: Bool?
        var compression: Bool?
        func knownMember(
            _ name: String, _ reader: inout ThriftCompactReader
        ) throws(ParquetError)
            -> Bool
        {
            try reader.readUnion(name, unrecognized: { _ in false }) {
                (id, reader) throws(ParquetError) -> Bool? in
                guard id == 1 else { return nil }
                try reader.skip(.struct)
                return true
            }
        }
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): numBytes = try reader.readI32()
            case (2, .struct): algorithm = try knownMember("BloomFilterAlgorithm", &reader)
            case (3, .struct): hash = try knownMember("BloomFilterHash", &reader)
            case (4, .struct): compression = try knownMember("BloomFilterCompression", &reader)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let numBytes else {
            throw .missingField("numBytes", id: 1, in: "BloomFilterHeader", at: start)
        }
        guard let algorithm else {
            throw .missingField("algorithm", id: 2, in: "BloomFilterHeader", at: start)
        }
        guard let hash else { throw .missingField("hash", id: 3, in: "BloomFilterHeader", at: start) }
        guard let compression else {
            throw .missingField("compression", id: 4, in: "BloomFilterHeader", at: start)
        }
        self.init(
            numBytes: numBytes, isSplitBlock: algorithm, isXXHash: hash, isUncompressed: compression)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, numBytes)
        for (id, known) in [(Int16(2), isSplitBlock), (3, isXXHash), (4, isUncompressed)] {
            // A union holding its member 1 (an empty struct); an unknown member is written as member 2.
            writer.writeFieldHeader(id: id, type: .struct)
            writer.beginStruct()
            writer.writeEmptyStructField(known ? 1 : 2)
            writer.endStruct()
        }
        writer.endStruct()
    }

    public static func decode(
        _ bytes: ArraySlice<UInt8>
    ) throws(ParquetError) -> (
        BloomFilterHeader, Int
    ) {
        var reader = ThriftCompactReader(bytes)
        let header = try BloomFilterHeader(from: &reader)
        return (header, reader.consumedByteCount)
    }
}

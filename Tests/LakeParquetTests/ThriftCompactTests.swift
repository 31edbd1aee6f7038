import LakeCore
import Testing

@testable import LakeParquet

/// The Thrift compact protocol codec: exact encodings of small values and rejection of malformed input.
@Suite struct ThriftCompactTests {
    private func encoded(_ body: (inout ThriftCompactWriter) -> Void) -> [UInt8] {
        var writer = ThriftCompactWriter()
        body(&writer)
        return writer.bytes
    }

    /// Runs `body` on a reader over `bytes` and returns the error it throws, or nil.
    private func thrownError(
        decoding bytes: [UInt8], binaryBytesMax: Int = ThriftCompactReader.binaryBytesMaxDefault,
        _ body: (inout ThriftCompactReader) throws(ParquetError) -> Void
    ) -> ParquetError? {
        var reader = ThriftCompactReader(bytes, binaryBytesMax: binaryBytesMax)
        do {
            try body(&reader)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Known encodings

    static let zigzagEncodings: [(Int64, [UInt8])] = [
        (0, [0x00]),
        (-1, [0x01]),
        (1, [0x02]),
        (-2, [0x03]),
        (63, [0x7E]),
        (-64, [0x7F]),
        (64, [0x80, 0x01]),
        (300, [0xD8, 0x04]),
        (Int64(Int32.max), [0xFE, 0xFF, 0xFF, 0xFF, 0x0F]),
        (Int64(Int32.min), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
        (Int64.max, [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        (Int64.min, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: ThriftCompactTests.zigzagEncodings)
    func zigzagVarintsHaveTheirKnownEncoding(value: Int64, bytes: [UInt8]) throws {
        #expect(encoded { $0.writeI64(value) } == bytes)
        var reader = ThriftCompactReader(bytes)
        #expect(try reader.readI64() == value)
        #expect(reader.consumedByteCount == bytes.count)
        if let narrow = Int32(exactly: value) {
            #expect(encoded { $0.writeI32(narrow) } == bytes)
            var reader32 = ThriftCompactReader(bytes)
            #expect(try reader32.readI32() == narrow)
        }
    }

    @Test func integersOfEveryWidthRoundTrip() throws {
        var generator = SeededGenerator(seed: 0x7A1F)
        for _ in 0..<2_000 {
            let i8 = Int8.random(in: .min ... .max, using: &generator)
            let i16 = Int16.random(in: .min ... .max, using: &generator)
            let i32 = Int32.random(in: .min ... .max, using: &generator)
            let shift = Int64.random(in: 0...63, using: &generator)
            let i64 = Int64.random(in: .min ... .max, using: &generator) >> shift
            let bytes = encoded {
                $0.writeI8(i8)
                $0.writeI16(i16)
                $0.writeI32(i32)
                $0.writeI64(i64)
            }
            var reader = ThriftCompactReader(bytes)
            #expect(try reader.readI8() == i8)
            #expect(try reader.readI16() == i16)
            #expect(try reader.readI32() == i32)
            #expect(try reader.readI64() == i64)
            #expect(reader.remainingByteCount == 0)
        }
    }

    @Test func i8IsOneRawByte() {
        #expect(encoded { $0.writeI8(-1) } == [0xFF])
        #expect(encoded { $0.writeI8(64) } == [0x40])
    }

    @Test func fieldHeadersUseDeltasUpToFifteenAndLongFormOtherwise() throws {
        let bytes = encoded { writer in
            writer.beginStruct()
            writer.writeI32Field(1, 5)  // delta 1
            writer.writeI32Field(16, 1)  // delta 15: still short
            writer.writeI64Field(32, 2)  // delta 16: long form
            writer.writeI32Field(3, 3)  // going back: long form
            writer.writeBinaryField(4, [0xAB])  // delta 1 after the long form
            writer.endStruct()
        }
        #expect(
            bytes == [
                0x15, 0x0A,
                0xF5, 0x02,
                0x06, 0x40, 0x04,
                0x05, 0x06, 0x06,
                0x18, 0x01, 0xAB,
                0x00,
            ])
        var reader = ThriftCompactReader(bytes)
        try reader.beginStruct()
        var headers: [ThriftFieldHeader] = []
        while let field = try reader.readFieldHeader() {
            headers.append(field)
            try reader.skip(field.type)
        }
        reader.endStruct()
        #expect(
            headers == [
                ThriftFieldHeader(id: 1, type: .i32), ThriftFieldHeader(id: 16, type: .i32),
                ThriftFieldHeader(id: 32, type: .i64), ThriftFieldHeader(id: 3, type: .i32),
                ThriftFieldHeader(id: 4, type: .binary),
            ])
        #expect(reader.remainingByteCount == 0)
    }

    @Test func boolFieldsCarryTheirValueInTheHeader() throws {
        let bytes = encoded { writer in
            writer.beginStruct()
            writer.writeBoolField(1, true)
            writer.writeBoolField(2, false)
            writer.writeBoolField(3, nil)
            writer.writeBoolField(20, true)
            writer.endStruct()
        }
        #expect(bytes == [0x11, 0x12, 0x01, 0x28, 0x00])
        var reader = ThriftCompactReader(bytes)
        try reader.beginStruct()
        var values: [Int16: Bool] = [:]
        while let field = try reader.readFieldHeader() {
            #expect(field.type == .bool)
            values[field.id] = try reader.readBool()
        }
        reader.endStruct()
        #expect(values == [1: true, 2: false, 20: true])
    }

    @Test func nestedStructsRestartFieldIDs() throws {
        let bytes = encoded { writer in
            writer.beginStruct()
            writer.writeI32Field(5, 1)
            writer.writeFieldHeader(id: 6, type: .struct)
            writer.beginStruct()
            writer.writeI32Field(1, 2)
            writer.endStruct()
            writer.writeI32Field(7, 3)
            writer.endStruct()
        }
        #expect(bytes == [0x55, 0x02, 0x1C, 0x15, 0x04, 0x00, 0x15, 0x06, 0x00])
    }

    @Test func listHeadersPutSmallCountsInTheHighNibble() throws {
        #expect(encoded { $0.writeListHeader(elementType: .i32, count: 0) } == [0x05])
        #expect(encoded { $0.writeListHeader(elementType: .struct, count: 14) } == [0xEC])
        #expect(encoded { $0.writeListHeader(elementType: .binary, count: 15) } == [0xF8, 0x0F])
        #expect(encoded { $0.writeListHeader(elementType: .i64, count: 300) } == [0xF6, 0xAC, 0x02])
        #expect(encoded { $0.writeSetHeader(elementType: .i8, count: 2) } == [0x23])
        let bools = encoded { $0.writeList(of: .bool, [true, false, true]) { $0.writeBool($1) } }
        #expect(bools == [0x31, 0x01, 0x02, 0x01])
    }

    @Test func boolListElementsAcceptZeroAndTwoAsFalse() throws {
        var reader = ThriftCompactReader([0x41, 0x01, 0x00, 0x02, 0x01])
        #expect(try reader.readBoolList("test") == [true, false, false, true])
        var headerTypeTwo = ThriftCompactReader([0x12, 0x02])
        #expect(try headerTypeTwo.readBoolList("test") == [false])
    }

    @Test func longListsRoundTrip() throws {
        let values = (0..<1_000).map { Int64($0) * 1_000_003 - 500_000 }
        let bytes = encoded { $0.writeList(of: .i64, values) { $0.writeI64($1) } }
        var reader = ThriftCompactReader(bytes)
        #expect(try reader.readI64List("test") == values)
        #expect(reader.remainingByteCount == 0)
    }

    @Test func mapHeadersRoundTrip() throws {
        #expect(encoded { $0.writeMapHeader(keyType: .binary, valueType: .i32, count: 0) } == [0x00])
        let bytes = encoded { $0.writeMapHeader(keyType: .binary, valueType: .i32, count: 2) }
        #expect(bytes == [0x02, 0x85])
        var reader = ThriftCompactReader(bytes + [0, 0, 0, 0])
        #expect(try reader.readMapHeader() == ThriftMapHeader(count: 2, keyType: .binary, valueType: .i32))
    }

    @Test func doublesAreLittleEndian() throws {
        #expect(encoded { $0.writeDouble(1.0) } == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        for value in [0.0, -0.0, 1.5, -1e300, .infinity, .leastNonzeroMagnitude] {
            var reader = ThriftCompactReader(encoded { $0.writeDouble(value) })
            #expect(try reader.readDouble().bitPattern == value.bitPattern)
        }
    }

    @Test func binaryAndStringsAreLengthPrefixed() throws {
        #expect(encoded { $0.writeString("abc") } == [0x03, 0x61, 0x62, 0x63])
        #expect(encoded { $0.writeBinary([UInt8]()) } == [0x00])
        let text = "größe ✓"
        var reader = ThriftCompactReader(encoded { $0.writeString(text) })
        #expect(try reader.readString() == text)
    }

    @Test func uuidsAreSixteenRawBytes() throws {
        let uuid = Array(UInt8(0)..<16)
        #expect(encoded { $0.writeUUID(uuid) } == uuid)
        var reader = ThriftCompactReader(uuid)
        #expect(try reader.readUUID() == uuid)
    }

    @Test func readerStartsAtTheSliceStartAndCountsFromThere() throws {
        let bytes: [UInt8] = [0xEE, 0xEE, 0x02, 0x04, 0xEE]
        var reader = ThriftCompactReader(bytes[2..<4])
        #expect(try reader.readI32() == 1)
        #expect(reader.consumedByteCount == 1)
        #expect(try reader.readI32() == 2)
        #expect(reader.remainingByteCount == 0)
        #expect(throws: ParquetError.self) { try reader.readI32() }
    }

    // MARK: Skipping

    @Test func skipPassesOverValuesOfEveryType() throws {
        let bytes = encoded { writer in
            writer.beginStruct()
            writer.writeBoolField(1, true)
            writer.writeI8Field(2, -3)
            writer.writeI16Field(3, 300)
            writer.writeI32Field(4, -70_000)
            writer.writeI64Field(5, .min)
            writer.writeDoubleField(6, 2.5)
            writer.writeBinaryField(7, [1, 2, 3])
            writer.writeBoolListField(8, [true, false])
            writer.writeFieldHeader(id: 9, type: .set)
            writer.writeSetHeader(elementType: .binary, count: 1)
            writer.writeString("x")
            writer.writeFieldHeader(id: 10, type: .map)
            writer.writeMapHeader(keyType: .i32, valueType: .struct, count: 1)
            writer.writeI32(7)
            writer.beginStruct()
            writer.writeStringListField(1, ["a", "b"])
            writer.endStruct()
            writer.writeFieldHeader(id: 11, type: .map)
            writer.writeMapHeader(keyType: .i32, valueType: .i32, count: 0)
            writer.writeFieldHeader(id: 12, type: .uuid)
            writer.writeUUID(Array(repeating: 9, count: 16))
            writer.writeFieldHeader(id: 13, type: .list)
            writer.writeListHeader(elementType: .list, count: 2)
            writer.writeListHeader(elementType: .double, count: 1)
            writer.writeDouble(1)
            writer.writeListHeader(elementType: .struct, count: 0)
            writer.writeI32Field(14, 42)
            writer.endStruct()
        }
        var reader = ThriftCompactReader(bytes)
        try reader.beginStruct()
        var last: Int32?
        while let field = try reader.readFieldHeader() {
            if field.id == 14 {
                last = try reader.readI32()
            } else {
                try reader.skip(field.type)
            }
        }
        reader.endStruct()
        #expect(last == 42)
        #expect(reader.remainingByteCount == 0)
    }

    @Test func skipRejectsStructsNestedDeeperThanTheLimit() {
        // An unknown field holding 10,000 nested structs: field 1 of type struct, again and again.
        let bytes = [UInt8](repeating: 0x1C, count: 10_000) + [UInt8](repeating: 0x00, count: 10_001)
        let thrown = thrownError(decoding: bytes) { reader throws(ParquetError) in try reader.skip(.struct) }
        #expect(thrown?.kind == .invalidMetadata)
        #expect(thrown?.reason.contains("deeper than 64") == true)
    }

    @Test func skipRejectsListsNestedDeeperThanTheLimit() {
        // list<list<list<...>>> with one element each, 10,000 levels deep.
        let bytes = [UInt8](repeating: 0x19, count: 10_000) + [0x05]
        let thrown = thrownError(decoding: bytes) { reader throws(ParquetError) in try reader.skip(.list) }
        #expect(thrown?.kind == .invalidMetadata)
    }

    @Test func nestingWithinTheLimitIsAccepted() throws {
        let depth = 60
        var reader = ThriftCompactReader(
            [UInt8](repeating: 0x1C, count: depth) + [UInt8](repeating: 0x00, count: depth + 1))
        try reader.skip(.struct)
        #expect(reader.remainingByteCount == 0)
    }

    @Test func typedDecodingRejectsDeepStructsToo() {
        // LogicalType → TimestampType → ParquetTimeUnit is three levels; a limit of 2 must stop it.
        let bytes = LogicalType.timestamp(isAdjustedToUTC: true, unit: .microseconds).encode()
        var reader = ThriftCompactReader(bytes, nestingDepthMax: 2)
        #expect(throws: ParquetError.self) { try LogicalType(from: &reader) }
    }

    // MARK: Malformed input

    @Test func varintsLongerThanTenBytesAreRejected() {
        let bytes = [UInt8](repeating: 0x80, count: 10) + [0x01]
        let thrown = thrownError(decoding: bytes) { reader throws(ParquetError) in _ = try reader.readI64() }
        #expect(thrown?.kind == .invalidMetadata)
        #expect(thrown?.reason.contains("offset 0") == true)
    }

    @Test func varintsBeyondSixtyFourBitsAreRejected() {
        let bytes = [UInt8](repeating: 0xFF, count: 9) + [0x02]
        let thrown = thrownError(decoding: bytes) { reader throws(ParquetError) in _ = try reader.readI64() }
        #expect(thrown?.kind == .invalidMetadata)
    }

    @Test func integersOutsideTheirWidthAreRejected() {
        let tooBigForI32 = encoded { $0.writeI64(Int64(Int32.max) + 1) }
        let i32Error = thrownError(decoding: tooBigForI32) { reader throws(ParquetError) in
            _ = try reader.readI32()
        }
        #expect(i32Error?.kind == .invalidMetadata)
        let tooBigForI16 = encoded { $0.writeI32(Int32(Int16.min) - 1) }
        let i16Error = thrownError(decoding: tooBigForI16) { reader throws(ParquetError) in
            _ = try reader.readI16()
        }
        #expect(i16Error?.kind == .invalidMetadata)
    }

    @Test func truncatedValuesThrowTruncatedWithTheOffset() {
        let cases: [([UInt8], (inout ThriftCompactReader) throws(ParquetError) -> Void)] = [
            ([], { reader throws(ParquetError) in _ = try reader.readI32() }),
            ([0x80, 0x80], { reader throws(ParquetError) in _ = try reader.readI64() }),
            ([0, 0, 0, 0, 0, 0, 0], { reader throws(ParquetError) in _ = try reader.readDouble() }),
            ([0x05, 0x61, 0x62], { reader throws(ParquetError) in _ = try reader.readBinary() }),
            ([0x05, 0x61, 0x62], { reader throws(ParquetError) in try reader.skip(.binary) }),
            ([0x35, 0x02], { reader throws(ParquetError) in _ = try reader.readI32List("test") }),
            ([0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07], { reader throws(ParquetError) in try reader.skip(.list) }),
            ([0x7F, 0x55], { reader throws(ParquetError) in try reader.skip(.map) }),
            ([0x15], { reader throws(ParquetError) in try reader.skip(.struct) }),
            ([0x15, 0x02], { reader throws(ParquetError) in try reader.skip(.struct) }),
            ([0x01, 0x02], { reader throws(ParquetError) in _ = try reader.readUUID() }),
        ]
        for (bytes, body) in cases {
            let thrown = thrownError(decoding: bytes, body)
            #expect(thrown?.kind == .truncated, "\(bytes)")
            #expect(thrown?.reason.contains("offset") == true, "\(bytes)")
        }
    }

    @Test func binaryLongerThanTheLimitIsRejected() {
        let bytes = encoded { $0.writeBinary([UInt8](repeating: 7, count: 100)) }
        let thrown = thrownError(decoding: bytes, binaryBytesMax: 99) { reader throws(ParquetError) in
            _ = try reader.readBinary()
        }
        #expect(thrown?.kind == .invalidMetadata)
        #expect(thrown?.reason.contains("limit of 99 bytes") == true)
    }

    @Test func listCountsBeyondTheRemainingBytesAreRejectedBeforeAllocating() {
        // A list claiming 2^31 - 1 structs in six bytes.
        let bytes: [UInt8] = [0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x07]
        let thrown = thrownError(decoding: bytes) { reader throws(ParquetError) in
            _ = try reader.readList(of: KeyValue.self, "test")
        }
        #expect(thrown?.kind == .truncated)
        let tooLong = thrownError(decoding: [0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) { reader throws(ParquetError) in
            _ = try reader.readListHeader()
        }
        #expect(tooLong?.kind == .invalidMetadata)
    }

    @Test func listsOfTheWrongElementTypeAreRejected() throws {
        let bytes = encoded { $0.writeList(of: .i32, [1, 2]) { $0.writeI32($1) } }
        let thrown = thrownError(decoding: bytes) { reader throws(ParquetError) in
            _ = try reader.readStringList("names")
        }
        #expect(thrown?.kind == .invalidMetadata)
        #expect(thrown?.reason.contains("names must be a list<binary>") == true)
        var empty = ThriftCompactReader(encoded { $0.writeListHeader(elementType: .i32, count: 0) })
        #expect(try empty.readStringList("names") == [])
    }

    @Test func unknownTypeIDsAreRejected() {
        for bytes: [UInt8] in [[0x1E], [0x1F], [0x10]] {
            let thrown = thrownError(decoding: bytes) { reader throws(ParquetError) in
                try reader.beginStruct()
                _ = try reader.readFieldHeader()
            }
            #expect(thrown?.kind == .invalidMetadata, "\(bytes)")
        }
        let list = thrownError(decoding: [0x1E, 0x00]) { reader throws(ParquetError) in
            _ = try reader.readListHeader()
        }
        #expect(list?.kind == .invalidMetadata)
        let map = thrownError(decoding: [0x01, 0xE5, 0x00, 0x00]) { reader throws(ParquetError) in
            _ = try reader.readMapHeader()
        }
        #expect(map?.kind == .invalidMetadata)
    }

    @Test func fieldIDOverflowIsRejected() {
        // Long-form field id 32767, then a delta of 1.
        let bytes =
            encoded { writer in
                writer.beginStruct()
                writer.writeI32Field(.max, 0)
            } + [0x15, 0x00]
        let thrown = thrownError(decoding: bytes) { reader throws(ParquetError) in try reader.skip(.struct) }
        #expect(thrown?.kind == .invalidMetadata)
        #expect(thrown?.reason.contains("overflows") == true)
    }

    @Test func invalidUTF8IsRejected() {
        let thrown = thrownError(decoding: [0x02, 0xC3, 0x28]) { reader throws(ParquetError) in
            _ = try reader.readString()
        }
        #expect(thrown?.kind == .invalidMetadata)
        #expect(thrown?.reason.contains("UTF-8") == true)
    }

    @Test func boolElementsOtherThanZeroOneTwoAreRejected() {
        let thrown = thrownError(decoding: [0x03]) { reader throws(ParquetError) in _ = try reader.readBool() }
        #expect(thrown?.kind == .invalidMetadata)
    }

    @Test func unionsNeedExactlyOneMember() {
        let none: [UInt8] = [0x00]
        let two: [UInt8] = [0x1C, 0x00, 0x1C, 0x00, 0x00]
        let notStruct: [UInt8] = [0x15, 0x02, 0x00]
        for bytes in [none, two, notStruct] {
            let thrown = thrownError(decoding: bytes) { reader throws(ParquetError) in _ = try ParquetTimeUnit(from: &reader) }
            #expect(thrown?.kind == .invalidMetadata, "\(bytes)")
            #expect(thrown?.reason.contains("ParquetTimeUnit") == true, "\(bytes)")
        }
    }
}

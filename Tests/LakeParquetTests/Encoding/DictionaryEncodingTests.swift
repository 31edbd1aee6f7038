import LakeCore
import Testing

@testable import LakeParquet

/// Dictionary building (fixed-width and byte-array), the size limit, index pages and gathering.
@Suite struct DictionaryEncodingTests {
    /// Encodes `values` through a dictionary and back: dictionary page → PLAIN decode, indices → RLE_DICTIONARY
    /// page → decode → gather.
    private static func roundTrip<Value: DictionaryValue>(
        _ values: [Value], decodePlain: (UnsafeRawBufferPointer, Int, inout [Value]) throws -> Void
    ) throws -> [Value] {
        var encoder = DictionaryEncoder<Value>(dictionaryBytesMax: .max, expectedEntryCount: 4)
        var indices: [UInt32] = []
        let consumed = values.withUnsafeBufferPointer { encoder.append($0, indices: &indices) }
        #expect(consumed == values.count)
        var dictionaryPage: [UInt8] = []
        encoder.encodeDictionaryPage(into: &dictionaryPage)
        #expect(dictionaryPage.count == encoder.plainByteCount)
        var indexPage: [UInt8] = []
        indices.withUnsafeBufferPointer {
            DictionaryIndices.encode($0, bitWidth: encoder.indexBitWidth, into: &indexPage)
        }
        #expect(indexPage.first.map(Int.init) == encoder.indexBitWidth)

        var dictionary: [Value] = []
        try EncodingTestSupport.withEncodedBytes(dictionaryPage) { (input) throws in
            try decodePlain(input, encoder.count, &dictionary)
        }
        var decodedIndices: [UInt32] = []
        try EncodingTestSupport.withEncodedBytes(indexPage) { (input) throws in
            try DictionaryIndices.decode(input, count: values.count, into: &decodedIndices)
        }
        #expect(decodedIndices == indices)
        var decoded: [Value] = []
        try decodedIndices.withUnsafeBufferPointer { (indexBuffer) throws in
            try dictionary.withUnsafeBufferPointer { (dictionaryBuffer) throws in
                try DictionaryIndices.gather(indexBuffer, dictionary: dictionaryBuffer, into: &decoded)
            }
        }
        return decoded
    }

    @Test func indexBitWidthCoversTheLargestIndex() {
        let expectations: [(Int, Int)] = [(0, 0), (1, 0), (2, 1), (3, 2), (4, 2), (5, 3), (256, 8), (257, 9)]
        for (count, width) in expectations {
            #expect(DictionaryIndices.bitWidth(dictionaryCount: count) == width, "\(count) entries")
        }
    }

    @Test(arguments: EncodingTestSupport.counts)
    func fixedWidthValuesRoundTripThroughDictionaryPages(count: Int) throws {
        var generator = SeededGenerator(seed: 0xD1C7 + UInt64(count))
        let int64s = (0..<count).map { index in
            [Int64.min, .max, 0, Int64.random(in: -50...50, using: &generator)][index % 4]
        }
        #expect(
            try Self.roundTrip(int64s) { (input, n, output) throws in
                try PlainEncoding.decode(input, count: n, into: &output)
            } == int64s)
        let int32s = (0..<count).map { _ in Int32.random(in: -3_000...3_000, using: &generator) }
        #expect(
            try Self.roundTrip(int32s) { (input, n, output) throws in
                try PlainEncoding.decode(input, count: n, into: &output)
            } == int32s)
        let specials: [Double] = [.nan, -0.0, 0.0, Double(bitPattern: 0x7FF8_0000_0000_0001), .infinity]
        let doubles = (0..<count).map { index in
            index % 3 == 0 ? specials[index % specials.count] : Double(Int.random(in: 0..<20, using: &generator))
        }
        let decodedDoubles = try Self.roundTrip(doubles) { (input, n, output) throws in
            try PlainEncoding.decode(input, count: n, into: &output)
        }
        #expect(decodedDoubles.map(\.bitPattern) == doubles.map(\.bitPattern))
        let floats = doubles.map { Float(bitPattern: UInt32(truncatingIfNeeded: $0.bitPattern >> 32)) }
        let decodedFloats = try Self.roundTrip(floats) { (input, n, output) throws in
            try PlainEncoding.decode(input, count: n, into: &output)
        }
        #expect(decodedFloats.map(\.bitPattern) == floats.map(\.bitPattern))
    }

    @Test func nanPayloadsAndSignedZerosAreDistinctEntries() {
        var encoder = DictionaryEncoder<Double>(dictionaryBytesMax: .max)
        let values: [Double] = [0.0, -0.0, .nan, Double(bitPattern: 0x7FF8_0000_0000_0001), .nan, -0.0, 0.0]
        var indices: [UInt32] = []
        _ = values.withUnsafeBufferPointer { encoder.append($0, indices: &indices) }
        #expect(indices == [0, 1, 2, 3, 2, 1, 0])
        #expect(encoder.count == 4)
    }

    @Test func manyDistinctValuesGrowTheTableAndKeepFirstSeenOrder() {
        var encoder = DictionaryEncoder<Int64>(dictionaryBytesMax: .max, expectedEntryCount: 1)
        let values = (0..<100_000).map { Int64($0 % 40_000) * 7_919 }
        var indices: [UInt32] = []
        _ = values.withUnsafeBufferPointer { encoder.append($0, indices: &indices) }
        #expect(encoder.count == 40_000)
        #expect(encoder.entries == Array(values.prefix(40_000)))
        #expect(indices == (0..<100_000).map { UInt32($0 % 40_000) })
    }

    @Test func appendStopsAtTheFirstNewValueBeyondTheSizeLimit() {
        // 3 entries of 8 bytes fit in 24 bytes; the 4th distinct value does not.
        var encoder = DictionaryEncoder<Int64>(dictionaryBytesMax: 24)
        var indices: [UInt32] = [99]
        let values: [Int64] = [1, 2, 1, 3, 3, 4, 1, 2]
        let consumed = values.withUnsafeBufferPointer { encoder.append($0, indices: &indices) }
        #expect(consumed == 5)
        #expect(indices == [99, 0, 1, 0, 2, 2])
        #expect(encoder.plainByteCount == 24)
        // Values already in the dictionary can still be added afterwards.
        let more: [Int64] = [3, 1]
        #expect(more.withUnsafeBufferPointer { encoder.append($0, indices: &indices) } == 2)
    }

    @Test(arguments: EncodingTestSupport.counts)
    func byteArraysRoundTripThroughDictionaryPages(count: Int) throws {
        var generator = SeededGenerator(seed: 0xDBA + UInt64(count))
        let strings = EncodingTestSupport.sampleStrings(count: count, using: &generator)
        let (data, offsets) = EncodingTestSupport.flatten(strings)
        var encoder = ByteArrayDictionaryEncoder(dictionaryBytesMax: .max, expectedEntryCount: 2)
        var indices: [UInt32] = []
        let consumed = data.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { encoder.append(data: raw, offsets: $0, indices: &indices) }
        }
        #expect(consumed == count)
        #expect(encoder.count == Set(strings).count)
        var dictionaryPage: [UInt8] = []
        encoder.encodeDictionaryPage(into: &dictionaryPage)
        #expect(dictionaryPage.count == encoder.plainByteCount)
        var indexPage: [UInt8] = []
        indices.withUnsafeBufferPointer {
            DictionaryIndices.encode($0, bitWidth: encoder.indexBitWidth, into: &indexPage)
        }

        var dictionaryData: [UInt8] = []
        var dictionaryOffsets: [Int32] = [0]
        try EncodingTestSupport.withEncodedBytes(dictionaryPage) { (input) throws in
            try PlainEncoding.decodeByteArrays(
                input, count: encoder.count, values: &dictionaryData, offsets: &dictionaryOffsets)
        }
        var decodedIndices: [UInt32] = []
        try EncodingTestSupport.withEncodedBytes(indexPage) { (input) throws in
            try DictionaryIndices.decode(input, count: count, into: &decodedIndices)
        }
        var values: [UInt8] = []
        var valueOffsets: [Int32] = [0]
        try decodedIndices.withUnsafeBufferPointer { (indexBuffer) throws in
            try dictionaryData.withUnsafeBytes { (rawDictionary) throws in
                try dictionaryOffsets.withUnsafeBufferPointer { (entryOffsets) throws in
                    try DictionaryIndices.gatherByteArrays(
                        indexBuffer, dictionaryData: rawDictionary, dictionaryOffsets: entryOffsets, values: &values,
                        offsets: &valueOffsets)
                }
            }
        }
        #expect(EncodingTestSupport.unflatten(data: values, offsets: valueOffsets) == strings)
    }

    @Test func byteArrayDictionaryKeepsEmptyAndUnicodeValuesApartAndHonoursTheLimit() {
        let strings = ["", "é", "e\u{301}", "", "日本", "é", "a much longer value that does not fit"].map {
            Array($0.utf8)
        }
        let (data, offsets) = EncodingTestSupport.flatten(strings)
        // Entries cost 4 + length: "" 4, "é" 6, decomposed "é" 7, "日本" 10 → 27 bytes; the long one does not fit.
        var encoder = ByteArrayDictionaryEncoder(dictionaryBytesMax: 30)
        var indices: [UInt32] = []
        let consumed = data.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { encoder.append(data: raw, offsets: $0, indices: &indices) }
        }
        #expect(consumed == 6)
        #expect(indices == [0, 1, 2, 0, 3, 1])
        #expect(encoder.plainByteCount == 27)
        #expect(
            EncodingTestSupport.unflatten(data: encoder.entryData, offsets: encoder.entryOffsets)
                == Array(strings[0..<5]).uniqued())
    }

    @Test func fixedLengthByteArrayDictionaryRoundTrips() throws {
        let width = 3
        let data: [UInt8] = [1, 2, 3, 4, 5, 6, 1, 2, 3, 0, 0, 0, 4, 5, 6]
        var encoder = ByteArrayDictionaryEncoder(dictionaryBytesMax: .max, fixedWidth: width)
        var indices: [UInt32] = []
        let consumed = data.withUnsafeBytes { encoder.appendFixedWidth(data: $0, indices: &indices) }
        #expect(consumed == 5)
        #expect(indices == [0, 1, 0, 2, 1])
        var page: [UInt8] = []
        encoder.encodeDictionaryPage(into: &page)
        #expect(page == [1, 2, 3, 4, 5, 6, 0, 0, 0])
        #expect(encoder.plainByteCount == 9)
        var gathered: [UInt8] = []
        try indices.withUnsafeBufferPointer { (indexBuffer) throws in
            try page.withUnsafeBytes { (dictionary) throws in
                try DictionaryIndices.gatherFixedLengthByteArrays(
                    indexBuffer, dictionary: dictionary, width: width, into: &gathered)
            }
        }
        #expect(gathered == data)
    }

    @Test func gatherRejectsIndicesOutsideTheDictionary() {
        let indices: [UInt32] = [0, 1, 5]
        let dictionary: [Int32] = [10, 20, 30]
        var output: [Int32] = []
        let error = EncodingTestSupport.parquetError {
            try indices.withUnsafeBufferPointer { (indexBuffer) throws in
                try dictionary.withUnsafeBufferPointer { (entries) throws in
                    try DictionaryIndices.gather(indexBuffer, dictionary: entries, into: &output)
                }
            }
        }
        #expect(error?.kind == .invalidData)
        #expect(output.isEmpty)
        var values: [UInt8] = []
        var offsets: [Int32] = [0]
        let byteError = EncodingTestSupport.parquetError {
            try indices.withUnsafeBufferPointer { (indexBuffer) throws in
                try [UInt8](repeating: 0x61, count: 3).withUnsafeBytes { (data) throws in
                    try [Int32(0), 1, 2, 3].withUnsafeBufferPointer { (entryOffsets) throws in
                        try DictionaryIndices.gatherByteArrays(
                            indexBuffer, dictionaryData: data, dictionaryOffsets: entryOffsets, values: &values,
                            offsets: &offsets)
                    }
                }
            }
        }
        #expect(byteError?.kind == .invalidData)
        #expect(values.isEmpty && offsets == [0])
    }

    @Test func indexPagesRejectWidthsAbove32AndAcceptEmptyPagesForZeroValues() throws {
        var indices: [UInt32] = []
        let error = EncodingTestSupport.parquetError {
            try EncodingTestSupport.withEncodedBytes([33, 0x02, 0x00]) { (input) throws in
                try DictionaryIndices.decode(input, count: 1, into: &indices)
            }
        }
        #expect(error?.kind == .invalidData)
        #expect(
            try EncodingTestSupport.withEncodedBytes([]) { (input) throws in
                try DictionaryIndices.decode(input, count: 0, into: &indices)
            } == 0)
        let missing = EncodingTestSupport.parquetError {
            try EncodingTestSupport.withEncodedBytes([]) { (input) throws in
                try DictionaryIndices.decode(input, count: 1, into: &indices)
            }
        }
        #expect(missing?.kind == .truncated)
    }
}

extension Array where Element == [UInt8] {
    fileprivate func uniqued() -> [[UInt8]] {
        var seen = Set<[UInt8]>()
        return filter { seen.insert($0).inserted }
    }
}

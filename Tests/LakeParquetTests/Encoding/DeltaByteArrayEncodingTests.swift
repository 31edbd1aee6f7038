import LakeCore
import Testing

@testable import LakeParquet

/// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY: the spec's examples, round trips and malformed lengths.
@Suite struct DeltaByteArrayEncodingTests {
    private static func deltaEncoded(_ values: [Int32]) -> [UInt8] {
        var output: [UInt8] = []
        values.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &output) }
        return output
    }

    private static func lengthEncoded(_ strings: [[UInt8]]) -> [UInt8] {
        let (data, offsets) = EncodingTestSupport.flatten(strings)
        var output: [UInt8] = []
        data.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { DeltaLengthByteArray.encode(data: raw, offsets: $0, into: &output) }
        }
        return output
    }

    private static func frontEncoded(_ strings: [[UInt8]]) -> [UInt8] {
        let (data, offsets) = EncodingTestSupport.flatten(strings)
        var output: [UInt8] = []
        data.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { DeltaByteArray.encode(data: raw, offsets: $0, into: &output) }
        }
        return output
    }

    private enum Flavor { case length, front }

    private static func decoded(
        _ bytes: [UInt8], count: Int, flavor: Flavor
    ) throws
        -> (strings: [[UInt8]], consumed: Int)
    {
        var values: [UInt8] = []
        var offsets: [Int32] = [0]
        let consumed = try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            switch flavor {
            case .length: try DeltaLengthByteArray.decode(input, count: count, values: &values, offsets: &offsets)
            case .front: try DeltaByteArray.decode(input, count: count, values: &values, offsets: &offsets)
            }
        }
        return (EncodingTestSupport.unflatten(data: values, offsets: offsets), consumed)
    }

    @Test func deltaLengthMatchesTheSpecExample() throws {
        let strings = ["Hello", "World", "Foobar", "ABCDEF"].map { Array($0.utf8) }
        let expected = Self.deltaEncoded([5, 5, 6, 6]) + Array("HelloWorldFoobarABCDEF".utf8)
        #expect(Self.lengthEncoded(strings) == expected)
        let result = try Self.decoded(expected + [0x99], count: 4, flavor: .length)
        #expect(result.strings == strings)
        #expect(result.consumed == expected.count)
    }

    @Test func deltaByteArrayMatchesTheSpecExample() throws {
        let strings = ["axis", "axle", "babble", "babyhood"].map { Array($0.utf8) }
        let expected =
            Self.deltaEncoded([0, 2, 0, 3]) + Self.deltaEncoded([4, 2, 6, 5])
            + Array("axislebabbleyhood".utf8)
        #expect(Self.frontEncoded(strings) == expected)
        let result = try Self.decoded(expected + [0x99], count: 4, flavor: .front)
        #expect(result.strings == strings)
        #expect(result.consumed == expected.count)
    }

    @Test(arguments: EncodingTestSupport.counts)
    func byteArraysRoundTripThroughBothEncodings(count: Int) throws {
        var generator = SeededGenerator(seed: 0xD1BA + UInt64(count))
        var strings = EncodingTestSupport.sampleStrings(count: count, using: &generator)
        strings.sort { $0.lexicographicallyPrecedes($1) }  // sorted input shares long prefixes
        if count > 3 { strings.shuffle(using: &generator) }
        for flavor in [Flavor.length, .front] {
            let bytes = flavor == .length ? Self.lengthEncoded(strings) : Self.frontEncoded(strings)
            let result = try Self.decoded(bytes, count: count, flavor: flavor)
            #expect(result.strings == strings, "\(flavor)")
            #expect(result.consumed == bytes.count, "\(flavor)")
        }
    }

    @Test(arguments: [1, 9, 300])
    func onlyEmptyValuesRoundTripInEveryByteArrayEncoding(count: Int) throws {
        let strings = [[UInt8]](repeating: [], count: count)
        let (data, offsets) = EncodingTestSupport.flatten(strings)
        #expect(try Self.decoded(Self.lengthEncoded(strings), count: count, flavor: .length).strings == strings)
        #expect(try Self.decoded(Self.frontEncoded(strings), count: count, flavor: .front).strings == strings)
        var plain: [UInt8] = []
        data.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { PlainEncoding.encodeByteArrays(data: raw, offsets: $0, into: &plain) }
        }
        var values: [UInt8] = []
        var decodedOffsets: [Int32] = [0]
        try plain.withUnsafeBytes {
            try PlainEncoding.decodeByteArrays($0, count: count, values: &values, offsets: &decodedOffsets)
        }
        #expect(values.isEmpty && decodedOffsets == offsets)
        let indices = [UInt32](repeating: 0, count: count)
        try indices.withUnsafeBufferPointer { indexBuffer in
            try [UInt8]().withUnsafeBytes { dictionary in
                try [Int32(0), 0].withUnsafeBufferPointer { entryOffsets in
                    try DictionaryIndices.gatherByteArrays(
                        indexBuffer, dictionaryData: dictionary, dictionaryOffsets: entryOffsets, values: &values,
                        offsets: &decodedOffsets)
                }
            }
        }
        #expect(values.isEmpty && decodedOffsets == offsets + offsets.dropFirst())
    }

    @Test func fixedLengthValuesRoundTripThroughDeltaByteArray() throws {
        var generator = SeededGenerator(seed: 0xF1BA)
        let width = 12
        var data: [UInt8] = []
        for index in 0..<300 {
            data += Array("id-\(index / 10)".utf8.prefix(width)).padded(to: width)
            data[data.count - 1] = UInt8.random(in: 0...3, using: &generator)
        }
        var bytes: [UInt8] = []
        data.withUnsafeBytes { DeltaByteArray.encodeFixedLength($0, width: width, into: &bytes) }
        var decoded: [UInt8] = [1, 2]
        let consumed = try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try DeltaByteArray.decodeFixedLength(input, count: 300, width: width, into: &decoded)
        }
        #expect(decoded == [1, 2] + data)
        #expect(consumed == bytes.count)
        let wrongWidth = EncodingTestSupport.parquetError {
            try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
                try DeltaByteArray.decodeFixedLength(input, count: 300, width: width + 1, into: &decoded)
            }
        }
        #expect(wrongWidth?.kind == .invalidData)
    }

    @Test func rejectsAPrefixLongerThanThePreviousValue() {
        // Second value claims a 5-byte prefix of a 4-byte predecessor.
        let bytes = Self.deltaEncoded([0, 5]) + Self.deltaEncoded([4, 1]) + Array("axisz".utf8)
        let error = EncodingTestSupport.parquetError { _ = try Self.decoded(bytes, count: 2, flavor: .front) }
        #expect(error?.kind == .invalidData)
        #expect(error?.reason.contains("prefix length 5") == true)
        let first = EncodingTestSupport.parquetError {
            _ = try Self.decoded(Self.deltaEncoded([1]) + Self.deltaEncoded([1]) + [0x61], count: 1, flavor: .front)
        }
        #expect(first?.kind == .invalidData)
    }

    @Test func rejectsNegativeLengthsAndMissingBytes() {
        let negative = Self.deltaEncoded([3, -1]) + Array("abc".utf8)
        #expect(
            EncodingTestSupport.parquetError { _ = try Self.decoded(negative, count: 2, flavor: .length) }?.kind
                == .invalidData)
        let short = Self.deltaEncoded([3, 4]) + Array("abcde".utf8)
        #expect(
            EncodingTestSupport.parquetError { _ = try Self.decoded(short, count: 2, flavor: .length) }?.kind
                == .truncated)
        let shortSuffix = Self.deltaEncoded([0, 1]) + Self.deltaEncoded([3, 4]) + Array("abcde".utf8)
        #expect(
            EncodingTestSupport.parquetError { _ = try Self.decoded(shortSuffix, count: 2, flavor: .front) }?.kind
                == .truncated)
    }

    @Test func corruptedSectionsThrowOrDecodeExactlyTheCount() {
        var generator = SeededGenerator(seed: 0xC0BA)
        var strings = EncodingTestSupport.sampleStrings(count: 300, using: &generator)
        strings.sort { $0.lexicographicallyPrecedes($1) }
        for flavor in [Flavor.length, .front] {
            let bytes = flavor == .length ? Self.lengthEncoded(strings) : Self.frontEncoded(strings)
            for damaged in EncodingTestSupport.corruptedVariants(of: bytes, count: 1_500, using: &generator) {
                var values: [UInt8] = []
                var offsets: [Int32] = [0]
                do {
                    let consumed = try EncodingTestSupport.withEncodedBytes(damaged) { (input) throws in
                        switch flavor {
                        case .length:
                            try DeltaLengthByteArray.decode(input, count: 300, values: &values, offsets: &offsets)
                        case .front: try DeltaByteArray.decode(input, count: 300, values: &values, offsets: &offsets)
                        }
                    }
                    #expect(consumed <= damaged.count)
                    #expect(offsets.count == 301 && Int(offsets[300]) == values.count)
                } catch {
                    #expect(values.isEmpty && offsets == [0], "\(flavor)")
                }
            }
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func padded(to width: Int) -> [UInt8] {
        self + [UInt8](repeating: 0x20, count: Swift.max(0, width - count))
    }
}

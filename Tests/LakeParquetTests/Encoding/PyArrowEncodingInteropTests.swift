import Foundation
import LakeCore
import LakeTestSupport
import Testing

@testable import LakeParquet

/// Cross-checks with pyarrow: the values sections of pages pyarrow writes (one uncompressed v1 data page per
/// required column) decode to pyarrow's values, and re-encoding those values reproduces pyarrow's bytes exactly
/// where the algorithm is deterministic (delta, byte-stream-split and PLAIN encodings, dictionary pages).
/// Fails (never skips) without python3, pyarrow and numpy: CI installs them.
@Suite
struct PyArrowEncodingInteropTests {
    typealias Page = PyArrowEncodedPages.Page

    private func page(_ name: String) throws -> Page {
        try #require(try PyArrowEncodedPages.pages.get()[name], "pyarrow did not produce \(name)")
    }

    @Test(arguments: ["int64_dbp", "int64_dbp_one"])
    func deltaBinaryPackedInt64MatchesPyArrow(name: String) throws {
        let page = try page(name)
        #expect(page.encoding == 5)
        var expected: [Int64] = []
        try page.plain.withUnsafeBytes { try PlainEncoding.decode($0, count: page.count, into: &expected) }
        var decoded: [Int64] = []
        let consumed = try page.values.withUnsafeBytes {
            try DeltaBinaryPacked.decode($0, count: page.count, into: &decoded)
        }
        #expect(decoded == expected)
        #expect(consumed == page.values.count)
        // pyarrow writes INT64 in blocks of 256 values (4 miniblocks of 64).
        var encoded: [UInt8] = []
        expected.withUnsafeBufferPointer {
            DeltaBinaryPacked.encode($0, blockValues: 256, miniblockCount: 4, into: &encoded)
        }
        #expect(encoded == page.values)
    }

    @Test func deltaBinaryPackedInt32MatchesPyArrow() throws {
        let page = try page("int32_dbp")
        var expected: [Int32] = []
        try page.plain.withUnsafeBytes { try PlainEncoding.decode($0, count: page.count, into: &expected) }
        var decoded: [Int32] = []
        try page.values.withUnsafeBytes { try DeltaBinaryPacked.decode($0, count: page.count, into: &decoded) }
        #expect(decoded == expected)
        var encoded: [UInt8] = []
        expected.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &encoded) }
        #expect(encoded == page.values)
    }

    @Test(arguments: ["string_dlba", "string_dba", "string_plain"])
    func byteArrayEncodingsMatchPyArrow(name: String) throws {
        let page = try page(name)
        var expectedData: [UInt8] = []
        var expectedOffsets: [Int32] = [0]
        try page.plain.withUnsafeBytes {
            try PlainEncoding.decodeByteArrays($0, count: page.count, values: &expectedData, offsets: &expectedOffsets)
        }
        var data: [UInt8] = []
        var offsets: [Int32] = [0]
        var encoded: [UInt8] = []
        let consumed = try page.values.withUnsafeBytes { input -> Int in
            switch page.encoding {
            case 6: return try DeltaLengthByteArray.decode(input, count: page.count, values: &data, offsets: &offsets)
            case 7: return try DeltaByteArray.decode(input, count: page.count, values: &data, offsets: &offsets)
            default:
                return try PlainEncoding.decodeByteArrays(input, count: page.count, values: &data, offsets: &offsets)
            }
        }
        #expect(consumed == page.values.count)
        #expect(data == expectedData && offsets == expectedOffsets)
        expectedData.withUnsafeBytes { raw in
            expectedOffsets.withUnsafeBufferPointer { offsets in
                switch page.encoding {
                case 6: DeltaLengthByteArray.encode(data: raw, offsets: offsets, into: &encoded)
                case 7: DeltaByteArray.encode(data: raw, offsets: offsets, into: &encoded)
                default: PlainEncoding.encodeByteArrays(data: raw, offsets: offsets, into: &encoded)
                }
            }
        }
        #expect(encoded == page.values)
    }

    @Test func fixedLengthByteArraysMatchPyArrow() throws {
        for name in ["flba_bss", "flba_dba"] {
            let page = try page(name)
            var decoded: [UInt8] = []
            var encoded: [UInt8] = []
            if page.encoding == 9 {
                try page.values.withUnsafeBytes {
                    try ByteStreamSplit.decode($0, count: page.count, width: 5, into: &decoded)
                }
                page.plain.withUnsafeBytes { ByteStreamSplit.encode($0, width: 5, into: &encoded) }
            } else {
                try page.values.withUnsafeBytes {
                    try DeltaByteArray.decodeFixedLength($0, count: page.count, width: 5, into: &decoded)
                }
                page.plain.withUnsafeBytes { DeltaByteArray.encodeFixedLength($0, width: 5, into: &encoded) }
            }
            #expect(decoded == page.plain, "\(name)")
            #expect(encoded == page.values, "\(name)")
        }
    }

    @Test func byteStreamSplitMatchesPyArrowForEveryType() throws {
        let double = try page("double_bss")
        var doubles: [Double] = []
        try double.values.withUnsafeBytes { try ByteStreamSplit.decode($0, count: double.count, into: &doubles) }
        #expect(doubles.withUnsafeBytes { Array($0) } == double.plain)
        var encoded: [UInt8] = []
        doubles.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &encoded) }
        #expect(encoded == double.values)

        let float = try page("float_bss")
        var floats: [Float] = []
        try float.values.withUnsafeBytes { try ByteStreamSplit.decode($0, count: float.count, into: &floats) }
        #expect(floats.withUnsafeBytes { Array($0) } == float.plain)

        let int32 = try page("int32_bss")
        var int32s: [Int32] = []
        try int32.values.withUnsafeBytes { try ByteStreamSplit.decode($0, count: int32.count, into: &int32s) }
        #expect(int32s.withUnsafeBytes { Array($0) } == int32.plain)

        let int64 = try page("int64_bss")
        var int64s: [Int64] = []
        try int64.values.withUnsafeBytes { try ByteStreamSplit.decode($0, count: int64.count, into: &int64s) }
        #expect(int64s.withUnsafeBytes { Array($0) } == int64.plain)
        encoded = []
        int64s.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &encoded) }
        #expect(encoded == int64.values)
    }

    @Test func booleansMatchPyArrowInBothEncodings() throws {
        let rle = try page("bool_rle")
        let plain = try page("bool_plain")
        #expect(rle.encoding == 3 && plain.encoding == 0)
        var expected: [Bool] = []
        try plain.plain.withUnsafeBytes { try PlainEncoding.decodeBooleans($0, count: plain.count, into: &expected) }
        var fromRLE: [Bool] = []
        let consumed = try rle.values.withUnsafeBytes {
            try RLEHybrid.decodeLengthPrefixedBooleans($0, count: rle.count, into: &fromRLE)
        }
        #expect(fromRLE == expected)
        #expect(consumed == rle.values.count)
        var fromPlain: [Bool] = []
        try plain.values.withUnsafeBytes { try PlainEncoding.decodeBooleans($0, count: plain.count, into: &fromPlain) }
        #expect(fromPlain == expected)
        var encoded: [UInt8] = []
        expected.withUnsafeBufferPointer { PlainEncoding.encodeBooleans($0, into: &encoded) }
        #expect(encoded == plain.values)
        var encodedRLE: [UInt8] = []
        expected.withUnsafeBufferPointer { RLEHybrid.encodeLengthPrefixedBooleans($0, into: &encodedRLE) }
        #expect(encodedRLE == rle.values)
    }

    @Test func dictionaryPagesMatchPyArrow() throws {
        let int64 = try page("int64_dict")
        #expect(int64.encoding == 8)
        var expected: [Int64] = []
        try int64.plain.withUnsafeBytes { try PlainEncoding.decode($0, count: int64.count, into: &expected) }
        var encoder = DictionaryEncoder<Int64>(dictionaryBytesMax: 1 << 20)
        var indices: [UInt32] = []
        _ = expected.withUnsafeBufferPointer { encoder.append($0, indices: &indices) }
        var dictionaryPage: [UInt8] = []
        encoder.encodeDictionaryPage(into: &dictionaryPage)
        #expect(dictionaryPage == int64.dictionary)
        #expect(int64.values.first.map(Int.init) == encoder.indexBitWidth)
        var decodedIndices: [UInt32] = []
        try int64.values.withUnsafeBytes { try DictionaryIndices.decode($0, count: int64.count, into: &decodedIndices) }
        #expect(decodedIndices == indices)
        var indexPage: [UInt8] = []
        indices.withUnsafeBufferPointer {
            DictionaryIndices.encode($0, bitWidth: encoder.indexBitWidth, into: &indexPage)
        }
        #expect(indexPage == int64.values)

        let double = try page("double_dict")
        var expectedDoubles: [Double] = []
        try double.plain.withUnsafeBytes { try PlainEncoding.decode($0, count: double.count, into: &expectedDoubles) }
        var doubleEncoder = DictionaryEncoder<Double>(dictionaryBytesMax: 1 << 20)
        var doubleIndices: [UInt32] = []
        _ = expectedDoubles.withUnsafeBufferPointer { doubleEncoder.append($0, indices: &doubleIndices) }
        var doublePage: [UInt8] = []
        doubleEncoder.encodeDictionaryPage(into: &doublePage)
        #expect(doublePage == double.dictionary, "NaN and -0.0 get their own entries, as in pyarrow")

        let string = try page("string_dict")
        var data: [UInt8] = []
        var offsets: [Int32] = [0]
        try string.plain.withUnsafeBytes {
            try PlainEncoding.decodeByteArrays($0, count: string.count, values: &data, offsets: &offsets)
        }
        var stringEncoder = ByteArrayDictionaryEncoder(dictionaryBytesMax: 1 << 20)
        var stringIndices: [UInt32] = []
        _ = data.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { stringEncoder.append(data: raw, offsets: $0, indices: &stringIndices) }
        }
        var stringPage: [UInt8] = []
        stringEncoder.encodeDictionaryPage(into: &stringPage)
        #expect(stringPage == string.dictionary)
        var stringDecodedIndices: [UInt32] = []
        try string.values.withUnsafeBytes {
            try DictionaryIndices.decode($0, count: string.count, into: &stringDecodedIndices)
        }
        var gathered: [UInt8] = []
        var gatheredOffsets: [Int32] = [0]
        try stringDecodedIndices.withUnsafeBufferPointer { indexBuffer in
            try stringEncoder.entryData.withUnsafeBytes { entries in
                try stringEncoder.entryOffsets.withUnsafeBufferPointer { entryOffsets in
                    try DictionaryIndices.gatherByteArrays(
                        indexBuffer, dictionaryData: entries, dictionaryOffsets: entryOffsets, values: &gathered,
                        offsets: &gatheredOffsets)
                }
            }
        }
        #expect(gathered == data && gatheredOffsets == offsets)
    }

    @Test func int96TimestampsMatchPyArrowNanoseconds() throws {
        let page = try page("int96")
        var expected: [Int64] = []
        try page.plain.withUnsafeBytes { try PlainEncoding.decode($0, count: page.count, into: &expected) }
        var decoded: [Int64] = []
        try page.values.withUnsafeBytes {
            try PlainEncoding.decodeInt96Timestamps($0, count: page.count, into: &decoded)
        }
        #expect(decoded == expected)
    }
}

/// Parquet pages written by pyarrow for the interop suite, generated once per test run.
enum PyArrowEncodedPages {

    /// One page written by pyarrow: its encoding, value count, values section, the values PLAIN-encoded, and the
    /// dictionary page if any.
    struct Page {
        var encoding: Int
        var count: Int
        var values: [UInt8]
        var plain: [UInt8]
        var dictionary: [UInt8]?
    }

    private static func bytes(hex: Substring) -> [UInt8] {
        guard hex != "-" else { return [] }
        var result: [UInt8] = []
        result.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    /// Pages keyed by scenario name, written once per test run.
    static let pages: Result<[String: Page], any Error> = Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lake-encoding-interop-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptURL = directory.appendingPathComponent("pages.py")
        try? generatorScript.write(to: scriptURL, atomically: true, encoding: .utf8)
        let output = try PythonPeer.runInterpreter(
            arguments: [scriptURL.path, directory.path], displayName: "encoding pages generator")
        var pages: [String: Page] = [:]
        for line in output.text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 6, let encoding = Int(fields[1]), let count = Int(fields[2]) else { continue }
            pages[String(fields[0])] = Page(
                encoding: encoding, count: count, values: bytes(hex: fields[3]), plain: bytes(hex: fields[4]),
                dictionary: fields[5] == "-" ? nil : bytes(hex: fields[5]))
        }
        return pages
    }

    /// Writes one Parquet file per scenario with pyarrow and prints, per file, the name, the data page's encoding,
    /// value count, values section (hex), the values PLAIN-encoded (hex) and the dictionary page (hex or "-").
    /// Page headers are read with a minimal Thrift compact-protocol parser.
    static let generatorScript = #"""
        import io, struct, sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq

        def varint(b, i):
            r = s = 0
            while True:
                x = b[i]; i += 1; r |= (x & 0x7F) << s; s += 7
                if x < 0x80: return r, i

        def read_struct(b, i):
            out, last = {}, 0
            while True:
                h = b[i]; i += 1
                if h == 0: return out, i
                t, d = h & 0x0F, h >> 4
                if d: fid = last + d
                else:
                    z, i = varint(b, i); fid = (z >> 1) ^ -(z & 1)
                last = fid
                v, i = read_value(b, i, t); out[fid] = v

        def read_value(b, i, t):
            if t in (1, 2): return t == 1, i
            if t == 3: return b[i], i + 1
            if t in (4, 5, 6):
                z, i = varint(b, i); return (z >> 1) ^ -(z & 1), i
            if t == 7: return b[i:i+8], i + 8
            if t == 8:
                n, i = varint(b, i); return b[i:i+n], i + n
            if t in (9, 10):
                h = b[i]; i += 1; n, et = h >> 4, h & 0x0F
                if n == 15: n, i = varint(b, i)
                items = []
                for _ in range(n):
                    v, i = read_value(b, i, et); items.append(v)
                return items, i
            if t == 12: return read_struct(b, i)
            raise ValueError("thrift type %d" % t)

        def pages(path):
            b = open(path, "rb").read()
            i, out = 4, []
            footer_start = len(b) - 8 - struct.unpack("<i", b[-8:-4])[0]
            while i < footer_start:
                header, j = read_struct(b, i)
                size = header[3]
                out.append((header, b[j:j+size]))
                i = j + size
            return out

        rng = np.random.default_rng(7)
        N = 5000
        def emit(name, table, expected_plain, **kwargs):
            path = "%s/%s.parquet" % (sys.argv[1], name)
            pq.write_table(table, path, compression="none", data_page_size=1 << 30, data_page_version="1.0", **kwargs)
            ps = pages(path)
            dict_page = [p for h, p in ps if h[1] == 2]
            data = [(h, p) for h, p in ps if h[1] == 0]
            assert len(data) == 1, (name, len(data))
            h, p = data[0]
            enc = h[5][2]
            dictionary = dict_page[0].hex() if dict_page else "-"
            print(name, enc, h[5][1], p.hex() or "-", expected_plain.hex() or "-", dictionary)

        def plain_bytes(values):
            out = bytearray()
            for v in values:
                out += struct.pack("<I", len(v)) + v
            return bytes(out)

        i64 = np.cumsum(rng.integers(-1000, 100000, N)).astype(np.int64)
        i64[10] = np.iinfo(np.int64).min; i64[11] = np.iinfo(np.int64).max; i64[12] = np.iinfo(np.int64).min
        i32 = rng.integers(-2**31, 2**31, N).astype(np.int32)
        f64 = rng.normal(0, 1000, N); f64[3] = np.nan; f64[4] = -0.0; f64[5] = np.inf
        f32 = f64.astype(np.float32)
        strings = [("k%d" % (i // 7)) * (i % 4) + ["", "é", "日本語", "🦆"][i % 4] for i in range(N)]
        strings.sort()
        sb = [s.encode() for s in strings]
        req = lambda name, arr: pa.table({name: arr}, schema=pa.schema([pa.field(name, arr.type, nullable=False)]))
        single = lambda name, arr, plain, encoding: emit(
            name, req("x", arr), plain, use_dictionary=False, column_encoding={"x": encoding})

        single("int64_dbp", pa.array(i64), i64.tobytes(), "DELTA_BINARY_PACKED")
        single("int32_dbp", pa.array(i32), i32.tobytes(), "DELTA_BINARY_PACKED")
        one = np.array([-42], dtype=np.int64)
        single("int64_dbp_one", pa.array(one), one.tobytes(), "DELTA_BINARY_PACKED")
        single("string_dlba", pa.array(strings), plain_bytes(sb), "DELTA_LENGTH_BYTE_ARRAY")
        single("string_dba", pa.array(strings), plain_bytes(sb), "DELTA_BYTE_ARRAY")
        single("string_plain", pa.array(strings), plain_bytes(sb), "PLAIN")
        single("double_bss", pa.array(f64), f64.tobytes(), "BYTE_STREAM_SPLIT")
        single("float_bss", pa.array(f32), f32.tobytes(), "BYTE_STREAM_SPLIT")
        single("int32_bss", pa.array(i32), i32.tobytes(), "BYTE_STREAM_SPLIT")
        single("int64_bss", pa.array(i64), i64.tobytes(), "BYTE_STREAM_SPLIT")
        fixed = [bytes([(i * 7) % 256, i % 3, 0, 1, (i // 100) % 256]) for i in range(N)]
        fixed_array = pa.array(fixed, pa.binary(5))
        single("flba_bss", fixed_array, b"".join(fixed), "BYTE_STREAM_SPLIT")
        single("flba_dba", fixed_array, b"".join(fixed), "DELTA_BYTE_ARRAY")
        bools = rng.random(N) < 0.3; bools[100:400] = True
        packed = np.packbits(bools, bitorder="little").tobytes()
        single("bool_rle", pa.array(bools), packed, "RLE")
        single("bool_plain", pa.array(bools), packed, "PLAIN")
        few = rng.integers(0, 300, N).astype(np.int64) * 1000
        emit("int64_dict", req("x", pa.array(few)), few.tobytes())
        fewd = (rng.integers(0, 50, N) / 4).astype(np.float64); fewd[7] = -0.0; fewd[8] = 0.0; fewd[9] = np.nan
        emit("double_dict", req("x", pa.array(fewd)), fewd.tobytes())
        emit("string_dict", req("x", pa.array(strings)), plain_bytes(sb))
        ts = (np.int64(1_700_000_000_000_000_000) + rng.integers(-10**17, 10**17, N)).astype("datetime64[ns]")
        emit("int96", req("x", pa.array(ts)), ts.astype(np.int64).tobytes(), use_dictionary=False,
             use_deprecated_int96_timestamps=True)
        """#
}

import LakeCompression
import LakeTestSupport
import Testing

/// Cross-checks both directions against Python's zlib and gzip modules and against pyarrow's codecs (the C++ Arrow
/// implementation that writes most Parquet files we read). Like every interop test, these fail rather than skip
/// when pyarrow is missing.
@Suite("Interop with Python and pyarrow")
struct PythonInteropTests {
    /// Python-side compression methods and the codec that must decode their output.
    static let pythonCompressors: [(method: String, codec: Codec)] = [
        ("zlib.gzip", .gzip()),  // zlib.compressobj(wbits=31): the gzip format
        ("zlib.zlib", .gzip()),  // zlib.compress: the zlib format, which Parquet readers also meet
        ("gzip.module", .gzip()),  // gzip.compress, with a file name-less header and mtime
        ("pyarrow.gzip", .gzip()),
        ("pyarrow.snappy", .snappy),
        ("pyarrow.zstd", .zstd()),
        ("pyarrow.lz4_raw", .lz4Raw),
        ("pyarrow.lz4_raw", .lz4Hadoop),  // what pyarrow's Parquet writer stores under the LZ4 codec
        ("python.hadoop_lz4", .lz4Hadoop),
    ]

    static let script = """
        import gzip, struct, sys, zlib
        import pyarrow as pa

        def hadoop_compress(data):
            out = bytearray()
            for start in range(0, max(len(data), 1), 100_000):
                block = data[start:start + 100_000]
                chunk = pa.compress(block, codec='lz4_raw', asbytes=True)
                out += struct.pack('>II', len(block), len(chunk)) + chunk
            return bytes(out)

        def hadoop_decompress(data, size):
            out, offset = bytearray(), 0
            while offset < len(data):
                raw, comp = struct.unpack_from('>II', data, offset)
                offset += 8
                out += pa.decompress(data[offset:offset + comp], decompressed_size=raw, codec='lz4_raw', asbytes=True)
                offset += comp
            assert len(out) == size
            return bytes(out)

        def compress(method, data):
            if method == 'zlib.gzip':
                c = zlib.compressobj(6, zlib.DEFLATED, 31)
                return c.compress(data) + c.flush()
            if method == 'zlib.zlib': return zlib.compress(data)
            if method == 'gzip.module': return gzip.compress(data)
            if method == 'python.hadoop_lz4': return hadoop_compress(data)
            return pa.compress(data, codec=method.split('.')[1], asbytes=True)

        def decompress(method, data, size):
            if method == 'gzip.module': return gzip.decompress(data)
            if method == 'python.hadoop_lz4': return hadoop_decompress(data, size)
            return pa.decompress(data, decompressed_size=size, codec=method.split('.')[1], asbytes=True)

        for line in open(sys.argv[1]):
            direction, method, source, destination, size = line.split()
            data = open(source, 'rb').read()
            result = compress(method, data) if direction == 'compress' else decompress(method, data, int(size))
            open(destination, 'wb').write(result)
        """

    static let samples: [(name: String, bytes: [UInt8])] = [
        ("empty", []), ("one", [0x42]),
        ("random", SampleBytes.random(count: 100_000, seed: 0x9111)),
        ("text", SampleBytes.compressible(count: 1 << 20, seed: 0x9112)),
    ]

    @Test func bytesCompressedByPythonDecompressHere() throws {
        try PythonPeer.requireModules(["pyarrow"])
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        var jobs = ""
        for (sampleIndex, sample) in Self.samples.enumerated() {
            try directory.write(sample.bytes, to: "input-\(sampleIndex)")
            for (methodIndex, method) in Self.pythonCompressors.enumerated() {
                jobs +=
                    "compress \(method.method) \(directory.path("input-\(sampleIndex)")) "
                    + "\(directory.path("py-\(sampleIndex)-\(methodIndex)")) 0\n"
            }
        }
        try directory.write(Array(jobs.utf8), to: "jobs")
        try InlinePythonScript.run(Self.script, arguments: [directory.path("jobs")])

        for (sampleIndex, sample) in Self.samples.enumerated() {
            for (methodIndex, method) in Self.pythonCompressors.enumerated() {
                let context = "\(method.method) -> \(method.codec) on \(sample.name)"
                let compressed = try directory.read("py-\(sampleIndex)-\(methodIndex)")
                do {
                    let restored = try method.codec.decompress(compressed, uncompressedSize: sample.bytes.count)
                    #expect(restored == sample.bytes, "\(context)")
                } catch {
                    Issue.record("\(context): \(error)")
                }
            }
        }
    }

    /// Our codecs and the Python method that must decode their output.
    static let ourCompressors: [(codec: Codec, method: String)] = [
        (.gzip(), "gzip.module"), (.gzip(level: 9), "pyarrow.gzip"), (.snappy, "pyarrow.snappy"),
        (.zstd(), "pyarrow.zstd"), (.zstd(level: 15), "pyarrow.zstd"), (.zstd(level: -3), "pyarrow.zstd"),
        (.lz4Raw, "pyarrow.lz4_raw"), (.lz4Hadoop, "python.hadoop_lz4"),
    ]

    @Test func bytesCompressedHereDecompressInPython() throws {
        try PythonPeer.requireModules(["pyarrow"])
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        var jobs = ""
        for (sampleIndex, sample) in Self.samples.enumerated() {
            for (codecIndex, entry) in Self.ourCompressors.enumerated() {
                let name = "ours-\(sampleIndex)-\(codecIndex)"
                try directory.write(try entry.codec.compress(sample.bytes), to: name)
                jobs +=
                    "decompress \(entry.method) \(directory.path(name)) \(directory.path(name + ".out")) "
                    + "\(sample.bytes.count)\n"
            }
        }
        try directory.write(Array(jobs.utf8), to: "jobs")
        try InlinePythonScript.run(Self.script, arguments: [directory.path("jobs")])

        for (sampleIndex, sample) in Self.samples.enumerated() {
            for (codecIndex, entry) in Self.ourCompressors.enumerated() {
                let restored = try directory.read("ours-\(sampleIndex)-\(codecIndex).out")
                #expect(restored == sample.bytes, "\(entry.codec) -> \(entry.method) on \(sample.name)")
            }
        }
    }
}

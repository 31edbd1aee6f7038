import CZlib

/// The gzip format through zlib, with `z_stream`s owned by `Compressor` and `Decompressor` and reset per call.
///
/// A `z_stream` holds a pointer back to itself once initialised, so it lives in allocated memory, never in a Swift
/// value that could move.
///
/// Spec: RFC 1952 (gzip), RFC 1950 (zlib), RFC 1951 (deflate).
enum Gzip {
    static let name = "gzip"

    /// `windowBits` for writing: a 32 KiB window, plus 16 to select the gzip wrapper.
    private static let gzipWindowBits: Int32 = 15 + 16
    /// `windowBits` for reading: a window of up to 32 KiB, plus 32 to detect a gzip or zlib header.
    private static let detectingWindowBits: Int32 = 15 + 32
    /// zlib's default memory level for deflate.
    private static let memoryLevel: Int32 = 8
    /// The most bytes zlib takes per call (`avail_in` and `avail_out` are 32-bit).
    private static let chunkBytesMax = Int(UInt32.max)

    static func makeCompressionStream(level: Int) throws(CompressionError) -> UnsafeMutablePointer<z_stream> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(
            stream, Int32(clamping: level), Z_DEFLATED, gzipWindowBits, memoryLevel, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .libraryFailure(codec: name, reason: "deflateInit2 returned \(status)")
        }
        return stream
    }

    static func freeCompressionStream(_ stream: UnsafeMutablePointer<z_stream>) {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    static func makeDecompressionStream() throws(CompressionError) -> UnsafeMutablePointer<z_stream> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, detectingWindowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .libraryFailure(codec: name, reason: "inflateInit2 returned \(status)")
        }
        return stream
    }

    static func freeDecompressionStream(_ stream: UnsafeMutablePointer<z_stream>) {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Writes one gzip member.
    static func compress(
        _ input: UnsafeRawBufferPointer, stream: UnsafeMutablePointer<z_stream>, into output: inout [UInt8]
    ) throws(CompressionError) {
        guard deflateReset(stream) == Z_OK else {
            throw .libraryFailure(codec: name, reason: "deflateReset failed")
        }
        let boundBytes = Int(deflateBound(stream, UInt(input.count)))
        try output.appendBytes(byteCountMax: boundBytes) { (destination) throws(CompressionError) -> Int in
            try input.withNonNullBase { (source) throws(CompressionError) -> Int in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = 0
                stream.pointee.next_out = destination.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = 0
                var inputLeftBytes = input.count
                var outputLeftBytes = boundBytes
                defer { detach(stream) }
                while true {
                    refill(stream, inputLeftBytes: &inputLeftBytes, outputLeftBytes: &outputLeftBytes)
                    let status = deflate(stream, inputLeftBytes == 0 ? Z_FINISH : Z_NO_FLUSH)
                    if status == Z_STREAM_END { break }
                    guard status == Z_OK else {
                        throw .libraryFailure(codec: name, reason: "deflate returned \(status)")
                    }
                }
                return boundBytes - outputLeftBytes - Int(stream.pointee.avail_out)
            }
        }
    }

    /// Decodes every member in `input` (gzip allows several, concatenated) and requires exactly `uncompressedSize`
    /// bytes in total.
    static func decompress(
        _ input: UnsafeRawBufferPointer, uncompressedSize: Int, stream: UnsafeMutablePointer<z_stream>,
        into output: inout [UInt8]
    ) throws(CompressionError) {
        guard inflateReset(stream) == Z_OK else {
            throw .libraryFailure(codec: name, reason: "inflateReset failed")
        }
        // One byte of room beyond the expected size reveals data that decodes to more.
        let spaceBytes = min(uncompressedSize, Int.max - 1) + 1
        try output.appendBytes(byteCountMax: spaceBytes) { (destination) throws(CompressionError) -> Int in
            try input.withNonNullBase { (source) throws(CompressionError) -> Int in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = 0
                stream.pointee.next_out = destination.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = 0
                var inputLeftBytes = input.count
                var outputLeftBytes = spaceBytes
                defer { detach(stream) }
                decoding: while true {
                    refill(stream, inputLeftBytes: &inputLeftBytes, outputLeftBytes: &outputLeftBytes)
                    let status = inflate(stream, Z_NO_FLUSH)
                    switch status {
                    case Z_STREAM_END:
                        if inputLeftBytes == 0 && stream.pointee.avail_in == 0 { break decoding }
                        // Another member follows (or trailing garbage, which the next header check rejects).
                        guard inflateReset(stream) == Z_OK else {
                            throw .libraryFailure(codec: name, reason: "inflateReset failed")
                        }
                    case Z_OK, Z_BUF_ERROR:
                        if outputLeftBytes == 0 && stream.pointee.avail_out == 0 {
                            throw .sizeMismatch(codec: name, expected: uncompressedSize, actual: nil)
                        }
                        // With room left on both sides, no progress means the input ran out.
                        if status == Z_BUF_ERROR {
                            throw .corrupt(codec: name, reason: "truncated: the input ends inside a member")
                        }
                    case Z_MEM_ERROR:
                        throw .libraryFailure(codec: name, reason: "inflate ran out of memory")
                    default:
                        throw .corrupt(codec: name, reason: message(stream) ?? "inflate returned \(status)")
                    }
                }
                let writtenBytes = spaceBytes - outputLeftBytes - Int(stream.pointee.avail_out)
                guard writtenBytes == uncompressedSize else {
                    let actualBytes = writtenBytes > uncompressedSize ? nil : writtenBytes
                    throw .sizeMismatch(codec: name, expected: uncompressedSize, actual: actualBytes)
                }
                return writtenBytes
            }
        }
    }

    /// Hands zlib the next chunk of input or output when it has used up the previous one.
    private static func refill(
        _ stream: UnsafeMutablePointer<z_stream>, inputLeftBytes: inout Int, outputLeftBytes: inout Int
    ) {
        if stream.pointee.avail_in == 0 && inputLeftBytes > 0 {
            let chunkBytes = min(inputLeftBytes, chunkBytesMax)
            stream.pointee.avail_in = UInt32(chunkBytes)
            inputLeftBytes -= chunkBytes
        }
        if stream.pointee.avail_out == 0 && outputLeftBytes > 0 {
            let chunkBytes = min(outputLeftBytes, chunkBytesMax)
            stream.pointee.avail_out = UInt32(chunkBytes)
            outputLeftBytes -= chunkBytes
        }
    }

    /// Clears the stream's buffer pointers so it never holds pointers into memory it does not own between calls.
    private static func detach(_ stream: UnsafeMutablePointer<z_stream>) {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        stream.pointee.next_out = nil
        stream.pointee.avail_out = 0
    }

    private static func message(_ stream: UnsafeMutablePointer<z_stream>) -> String? {
        guard let message = stream.pointee.msg else { return nil }
        return String(cString: message)
    }
}

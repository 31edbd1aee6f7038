import CZstd

/// Zstandard through libzstd, with contexts owned by `Compressor` and `Decompressor` and reused across calls.
///
/// Spec: RFC 8878.
enum Zstd {
    static let name = "zstd"

    /// `ZSTD_CONTENTSIZE_UNKNOWN`: the frame header does not declare its content size.
    private static let contentSizeUnknown = UInt64.max
    /// `ZSTD_CONTENTSIZE_ERROR`: the bytes are not a valid frame header.
    private static let contentSizeError = UInt64.max - 1

    static func makeCompressionContext(level: Int) throws(CompressionError) -> OpaquePointer {
        guard let context = ZSTD_createCCtx() else {
            throw .libraryFailure(codec: name, reason: "ZSTD_createCCtx returned null")
        }
        let result = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(clamping: level))
        guard ZSTD_isError(result) == 0 else {
            ZSTD_freeCCtx(context)
            throw .libraryFailure(codec: name, reason: errorName(result))
        }
        return context
    }

    static func makeDecompressionContext() throws(CompressionError) -> OpaquePointer {
        guard let context = ZSTD_createDCtx() else {
            throw .libraryFailure(codec: name, reason: "ZSTD_createDCtx returned null")
        }
        return context
    }

    /// Writes one frame that declares its content size (`ZSTD_compress2` keeps the context's parameters).
    static func compress(
        _ input: UnsafeRawBufferPointer, context: OpaquePointer, into output: inout [UInt8]
    ) throws(CompressionError) {
        let boundBytes = ZSTD_compressBound(input.count)
        guard ZSTD_isError(boundBytes) == 0 else {
            throw .libraryFailure(codec: name, reason: "\(input.count) bytes is too large to compress in one frame")
        }
        try output.appendBytes(byteCountMax: boundBytes) { (destination) throws(CompressionError) -> Int in
            let writtenBytes = input.withNonNullBase { source in
                ZSTD_compress2(context, destination, boundBytes, source, input.count)
            }
            guard ZSTD_isError(writtenBytes) == 0 else {
                throw .libraryFailure(codec: name, reason: errorName(writtenBytes))
            }
            return writtenBytes
        }
    }

    /// Checks the content sizes the frames declare before decoding, then decodes every frame in one call.
    static func decompress(
        _ input: UnsafeRawBufferPointer, uncompressedSize: Int, context: OpaquePointer, into output: inout [UInt8]
    ) throws(CompressionError) {
        if let declaredBytes = try declaredContentBytes(input), declaredBytes != uncompressedSize {
            throw .sizeMismatch(codec: name, expected: uncompressedSize, actual: declaredBytes)
        }
        try output.appendBytes(byteCountMax: uncompressedSize) { (destination) throws(CompressionError) -> Int in
            let writtenBytes = input.withNonNullBase { source in
                ZSTD_decompressDCtx(context, destination, uncompressedSize, source, input.count)
            }
            // Frames without a declared size that decode to more than `uncompressedSize` also end here, as
            // "Destination buffer is too small".
            guard ZSTD_isError(writtenBytes) == 0 else {
                throw .corrupt(codec: name, reason: errorName(writtenBytes))
            }
            guard writtenBytes == uncompressedSize else {
                throw .sizeMismatch(codec: name, expected: uncompressedSize, actual: writtenBytes)
            }
            return writtenBytes
        }
    }

    /// The total content size that the frames in `input` declare, or nil when some frame does not declare one.
    ///
    /// - Throws: `.corrupt` when the input is not a sequence of complete frames (this catches truncation before any
    ///   decoding).
    /// - Complexity: O(frames); only frame and block headers are read.
    static func declaredContentBytes(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> Int? {
        guard let base = input.baseAddress else { return 0 }
        var offset = 0
        var totalBytes = 0
        var allDeclared = true
        while offset < input.count {
            let frame = base + offset
            let frameBytes = ZSTD_findFrameCompressedSize(frame, input.count - offset)
            guard ZSTD_isError(frameBytes) == 0, frameBytes > 0 else {
                throw .corrupt(codec: name, reason: "frame at byte \(offset): \(errorName(frameBytes))")
            }
            let contentBytes = ZSTD_getFrameContentSize(frame, frameBytes)
            if contentBytes == contentSizeError {
                throw .corrupt(codec: name, reason: "invalid frame header at byte \(offset)")
            } else if contentBytes == contentSizeUnknown {
                allDeclared = false
            } else {
                let (sum, overflow) = totalBytes.addingReportingOverflow(Int(clamping: contentBytes))
                totalBytes = overflow ? Int.max : sum
            }
            offset += frameBytes
        }
        return allDeclared ? totalBytes : nil
    }

    private static func errorName(_ code: Int) -> String {
        guard let name = ZSTD_getErrorName(code) else { return "error \(code)" }
        return String(cString: name)
    }
}

extension Zstd {
    static func freeCompressionContext(_ context: OpaquePointer) {
        ZSTD_freeCCtx(context)
    }

    static func freeDecompressionContext(_ context: OpaquePointer) {
        ZSTD_freeDCtx(context)
    }
}

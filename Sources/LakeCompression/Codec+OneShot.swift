extension Codec {
    /// Compresses `input` with a `Compressor` made for this call.
    ///
    /// For many buffers, keep one `Compressor` instead: it reuses its context.
    ///
    /// - Throws: as `Compressor.init(_:)` and `Compressor.compress(_:into:)`.
    public func compress(_ input: [UInt8]) throws(CompressionError) -> [UInt8] {
        let compressor = try Compressor(self)
        var output: [UInt8] = []
        let result = input.withUnsafeBytes { bytes in
            Result { () throws(CompressionError) in try compressor.compress(bytes, into: &output) }
        }
        try result.get()
        return output
    }

    /// Decompresses `input`, which must decode to exactly `uncompressedSize` bytes, with a `Decompressor` made for
    /// this call.
    ///
    /// - Throws: as `Decompressor.init(_:uncompressedBytesMax:)` and
    ///   `Decompressor.decompress(_:uncompressedSize:into:)`.
    public func decompress(
        _ input: [UInt8], uncompressedSize: Int, uncompressedBytesMax: Int = CompressionLimits.uncompressedBytesMax
    ) throws(CompressionError) -> [UInt8] {
        let decompressor = try Decompressor(self, uncompressedBytesMax: uncompressedBytesMax)
        var output: [UInt8] = []
        let result = input.withUnsafeBytes { bytes in
            Result { () throws(CompressionError) in
                try decompressor.decompress(bytes, uncompressedSize: uncompressedSize, into: &output)
            }
        }
        try result.get()
        return output
    }
}

import LakeParquet

/// Builds hostile variants of a valid Parquet file: extra bytes inserted between the data and the footer, and a
/// footer changed to point at them (bloom filters, page indexes).
enum FooterRewrite {
    /// `file` with `extra` placed right after its data section and its footer replaced by `change(metadata,
    /// extraOffset)`, where `extraOffset` is the file offset of `extra`.
    static func rewrite(
        _ file: [UInt8], inserting extra: [UInt8], _ change: (inout FileMetaData, Int64) -> Void
    ) throws -> [UInt8] {
        let footerLength = Int(
            UInt32(file[file.count - 8]) | UInt32(file[file.count - 7]) << 8
                | UInt32(file[file.count - 6]) << 16 | UInt32(file[file.count - 5]) << 24)
        let footerStart = file.count - 8 - footerLength
        var metadata = try FileMetaData.decode(Array(file[footerStart..<(file.count - 8)]))
        change(&metadata, Int64(footerStart))
        let footer = metadata.encode()
        let length = UInt32(footer.count)
        return Array(file[..<footerStart]) + extra + footer
            + [
                UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF),
                UInt8(length >> 24),
            ]
            + Array("PAR1".utf8)
    }
}

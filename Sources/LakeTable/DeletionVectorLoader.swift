import LakeCore

/// Reads the deleted-row bitmap a `DeletionVectorDescriptor` points to, checking everything it reads.
///
/// - `i`: the bitmap is the Z85 text itself; the decoded bytes (zero-padded to a multiple of 4) are cut back to
///   `sizeInBytes`.
/// - `u`: the file `DeletionVectorDescriptor.relativeFilePath()` names; `p`: an absolute `file:` URI, accepted only
///   when the store is a `LocalObjectStore` and the URI points inside the table directory (else `unsafePath`).
///   For files, byte 0 must be the format version 1 and, at `offset` (1 when absent), a big-endian size equal to
///   `sizeInBytes`, the bitmap, and the big-endian CRC-32 of the bitmap. Only byte 0 and that range are read.
///
/// The bitmap must then parse (`RoaringBitmapArray`), hold exactly `cardinality` rows, and every row must be below
/// `rowCount` (the data file's physical row count) when it is known.
///
/// Spec: spec/table-log.md §6.
public enum DeletionVectorLoader {
    /// The only DV file format version.
    static let fileFormatVersion: UInt8 = 1

    /// The deleted rows of data file `dataFile` (relative to the table root, for error messages).
    /// - Parameter rowCount: physical rows of the data file, when known; rows at or above it are refused.
    /// - Throws: `corruptDeletionVector` naming the data file, the DV location and the byte offset of the problem;
    ///   `unsafePath` for a `p` path outside the table or a `u` prefix with other than letters and digits;
    ///   `io` when the DV file cannot be read (a missing file is `io(.notFound)`).
    public static func load(
        _ descriptor: DeletionVectorDescriptor, dataFile: String, rowCount: Int64?, store: any ObjectStore,
        root: String
    ) throws(TableLogError) -> RoaringBitmapArray {
        let size = Int(descriptor.sizeInBytes)
        func corrupt(_ location: String, _ offset: Int64, _ reason: String) -> TableLogError {
            .corruptDeletionVector(dataFile: dataFile, location: location, offset: offset, reason: reason)
        }
        let minimumBytes = 12  // magic + bucket count
        guard size >= minimumBytes, size <= TableLimits.deletionVectorBytesMax else {
            throw corrupt(
                descriptor.storageType, 0,
                "sizeInBytes \(size) is outside \(minimumBytes)...\(TableLimits.deletionVectorBytesMax)")
        }
        guard descriptor.cardinality >= 0 else {
            throw corrupt(descriptor.storageType, 0, "negative cardinality \(descriptor.cardinality)")
        }
        let location: String
        let bytes: [UInt8]
        let bitmapStart: Int64
        switch descriptor.storageType {
        case "i":
            location = "inline"
            bitmapStart = 0
            let expectedCharacters = (size + 3) / 4 * 5
            guard descriptor.pathOrInlineDv.utf8.count == expectedCharacters else {
                throw corrupt(
                    location, 0,
                    "inline DV has \(descriptor.pathOrInlineDv.utf8.count) Z85 characters; sizeInBytes \(size) "
                        + "needs \(expectedCharacters)")
            }
            let decoded: [UInt8]
            do throws(Z85.InvalidText) {
                decoded = try Z85.decode(descriptor.pathOrInlineDv)
            } catch {
                throw corrupt(location, Int64(error.offset), error.reason + " (character offset)")
            }
            guard decoded.count >= size, decoded.count - size < 4 else {
                throw corrupt(location, 0, "inline DV decodes to \(decoded.count) bytes for sizeInBytes \(size)")
            }
            bytes = Array(decoded.prefix(size))
        case "u", "p":
            location =
                try descriptor.storageType == "u"
                ? descriptor.relativeFilePath(dataFile: dataFile)
                : absoluteFilePath(descriptor.pathOrInlineDv, store: store, root: root)
            let offset = Int64(descriptor.offset ?? 1)
            guard offset >= 1 else { throw corrupt(location, offset, "offset \(offset) is before the first DV") }
            bitmapStart = offset + 4
            bytes = try readFramed(
                TableLocation.objectPath(root, location), offset: offset, size: size, store: store,
                corrupt: { corrupt(location, $0, $1) })
        default:
            throw corrupt(descriptor.storageType, 0, "unknown storageType \"\(descriptor.storageType)\"")
        }
        let bitmap: RoaringBitmapArray
        do throws(RoaringFormatError) {
            bitmap = try RoaringBitmapArray(deserializing: bytes)
        } catch {
            throw corrupt(location, bitmapStart + Int64(error.offset), error.reason)
        }
        guard bitmap.cardinality == descriptor.cardinality else {
            throw corrupt(
                location, bitmapStart,
                "the bitmap holds \(bitmap.cardinality) rows, the descriptor's cardinality is \(descriptor.cardinality)"
            )
        }
        if let rowCount, let maximum = bitmap.maximum, maximum >= UInt64(max(0, rowCount)) {
            throw corrupt(location, bitmapStart, "row index \(maximum) is not below the file's \(rowCount) rows")
        }
        return bitmap
    }

    /// Byte 0 and the frame at `offset` of DV file `objectPath`: checks version, size and CRC-32; returns the bitmap.
    private static func readFramed(
        _ objectPath: String, offset: Int64, size: Int, store: any ObjectStore,
        corrupt: (Int64, String) -> TableLogError
    ) throws(TableLogError) -> [UInt8] {
        let fileBytes = try TableLocation.storeCall { try store.head(objectPath).sizeBytes }
        let frameEnd = offset + 4 + Int64(size) + 4
        guard fileBytes >= frameEnd else {
            throw corrupt(offset, "the DV needs bytes \(offset)..<\(frameEnd), the file has \(fileBytes)")
        }
        let version = try TableLocation.storeCall { try store.read(objectPath, range: 0..<1) }
        guard version == [fileFormatVersion] else {
            throw corrupt(0, "format version \(version.first.map { String($0) } ?? "none") is not 1")
        }
        let frame = try TableLocation.storeCall { try store.read(objectPath, range: offset..<frameEnd) }
        guard frame.count == Int(frameEnd - offset) else {
            throw corrupt(offset, "read \(frame.count) bytes of a \(frameEnd - offset)-byte DV frame")
        }
        let declared = bigEndian(frame[0..<4])
        guard declared == UInt32(size) else {
            throw corrupt(offset, "the file says the DV has \(declared) bytes, the descriptor's sizeInBytes is \(size)")
        }
        let bitmap = Array(frame[4..<(4 + size)])
        let stored = bigEndian(frame[(4 + size)...])
        let computed = CRC32.checksum(bitmap)
        guard stored == computed else {
            throw corrupt(
                offset + 4 + Int64(size),
                "CRC-32 mismatch: stored \(hex(stored)), computed \(hex(computed))")
        }
        return bitmap
    }

    /// The object path inside the table of a `p` DV: `uri` must be a `file:` URI inside the directory of a
    /// `LocalObjectStore` table, so that the read provably stays under the table root.
    static func absoluteFilePath(_ uri: String, store: any ObjectStore, root: String) throws(TableLogError) -> String {
        guard let local = store as? LocalObjectStore, local.root.hasPrefix("/") else {
            throw .unsafePath(uri, reason: "absolute deletion-vector paths are only read from local tables")
        }
        var rest = Substring(uri)
        guard rest.hasPrefix("file:") else {
            throw .unsafePath(uri, reason: "absolute deletion-vector paths must be file: URIs")
        }
        rest = rest.dropFirst("file:".count)
        if rest.hasPrefix("//") { rest = rest.dropFirst(2) }  // empty authority: file:///path
        guard rest.hasPrefix("/") else { throw .unsafePath(uri, reason: "the URI has a host or no absolute path") }
        let decoded = "/" + (try PathCodec.decode(String(rest.dropFirst())))
        let tableDirectory = root.isEmpty ? local.root : ObjectPath.join(local.root, root)
        let directory = tableDirectory.hasSuffix("/") ? tableDirectory : tableDirectory + "/"
        guard decoded.hasPrefix(directory) else {
            throw .unsafePath(uri, reason: "the deletion vector lies outside the table directory \(tableDirectory)")
        }
        return try PathCodec.decode(PathCodec.encode(String(decoded.dropFirst(directory.count))))
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}

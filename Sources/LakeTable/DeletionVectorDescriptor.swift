import LakeCore

/// Where the deletion vector of a data file is stored: the `deletionVector` object of `add` and `remove`.
///
/// The descriptor only says where the bitmap is; `DeletionVectorLoader` reads and checks it. Decoding the JSON
/// checks types only: sizes, offsets and paths are validated when the DV is loaded, where errors can name the
/// data file.
///
/// Spec: spec/table-log.md §6.1.
public struct DeletionVectorDescriptor: Sendable, Hashable {
    /// `u` (relative path from a UUID), `i` (inline) or `p` (absolute path).
    public var storageType: String
    public var pathOrInlineDv: String
    /// Byte offset of the DV inside its file; absent for inline DVs.
    public var offset: Int32?
    public var sizeInBytes: Int32
    /// Number of deleted rows.
    public var cardinality: Int64

    public init(storageType: String, pathOrInlineDv: String, offset: Int32?, sizeInBytes: Int32, cardinality: Int64) {
        self.storageType = storageType
        self.pathOrInlineDv = pathOrInlineDv
        self.offset = offset
        self.sizeInBytes = sizeInBytes
        self.cardinality = cardinality
    }

    /// Decodes a `deletionVector` object; `path` names it in errors (`add.deletionVector`).
    public init(json: JSONObject, at path: String) throws(JSONError) {
        storageType = try json.requireString("storageType", in: path)
        pathOrInlineDv = try json.requireString("pathOrInlineDv", in: path)
        if let offset = try json.optionalInt64("offset", in: path) {
            guard let narrow = Int32(exactly: offset) else {
                throw .wrongType(JSONError.path(path, key: "offset"), expected: "32-bit integer", found: "\(offset)")
            }
            self.offset = narrow
        } else {
            self.offset = nil
        }
        sizeInBytes = try json.requireInt32("sizeInBytes", in: path)
        cardinality = try json.requireInt64("cardinality", in: path)
    }

    /// The identity of the DV within a snapshot: storage type, path or inline data, and `@offset` when present.
    /// Together with the file path it keys logical files during replay.
    public var uniqueId: String {
        let base = storageType + pathOrInlineDv
        guard let offset else { return base }
        return base + "@\(offset)"
    }

    /// The descriptor object, fields in protocol order.
    public var json: JSONObject {
        var object: JSONObject = ["storageType": .string(storageType), "pathOrInlineDv": .string(pathOrInlineDv)]
        object.setIfPresent("offset", offset.map { .int64(Int64($0)) })
        object["sizeInBytes"] = .int64(Int64(sizeInBytes))
        object["cardinality"] = .int64(cardinality)
        return object
    }

    /// Characters of a `u` descriptor's `pathOrInlineDv` that encode the file's UUID (the rest is the prefix).
    static let uuidCharacters = 20

    /// The DV file of a `u` descriptor, relative to the table root: `<prefix>/deletion_vector_<uuid>.bin`, or
    /// `deletion_vector_<uuid>.bin` without a prefix. The UUID is the Z85 decoding of the last 20 characters.
    /// - Throws: `unsafePath` when the prefix holds other than ASCII letters and digits;
    ///   `corruptDeletionVector` (naming `dataFile`) when the text is too short or its UUID is not valid Z85.
    public func relativeFilePath(dataFile: String = "") throws(TableLogError) -> String {
        let text = pathOrInlineDv
        guard text.utf8.count >= Self.uuidCharacters else {
            throw .corruptDeletionVector(
                dataFile: dataFile, location: "u", offset: 0,
                reason: "pathOrInlineDv \"\(text)\" is shorter than a Z85 UUID (20 characters)")
        }
        let prefix = text.utf8.dropLast(Self.uuidCharacters)
        guard prefix.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }) else {
            throw .unsafePath(text, reason: "deletion-vector prefixes may hold only ASCII letters and digits")
        }
        let uuidBytes: [UInt8]
        do throws(Z85.InvalidText) {
            uuidBytes = try Z85.decode(String(decoding: text.utf8.suffix(Self.uuidCharacters), as: UTF8.self))
        } catch {
            throw .corruptDeletionVector(
                dataFile: dataFile, location: "u", offset: 0, reason: "the UUID of \"\(text)\": \(error.reason)")
        }
        let hex = uuidBytes.map { PathCodec.hexDigits($0).lowercased() }
        let uuid = [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
        let name = "deletion_vector_\(uuid).bin"
        return prefix.isEmpty ? name : String(decoding: prefix, as: UTF8.self) + "/" + name
    }
}

import LakeCore

/// Where the deletion vector of a data file is stored: the `deletionVector` object of `add` and `remove`.
///
/// Only the descriptor is modelled here; reading the bitmap it points to is not implemented yet, so tables
/// whose reader features include `deletionVectors` are refused by `ProtocolGate`.
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
}

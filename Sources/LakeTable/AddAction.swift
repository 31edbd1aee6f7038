import LakeCore

/// The `add` action: makes a data file (with an optional deletion vector) part of the table.
///
/// `path` is kept exactly as written in the log (percent-encoded, §3.3.1); `PathCodec.decode` turns it into a
/// safe object path relative to the table root. `stats` is the raw JSON text; `FileStatistics(parsing:schema:)`
/// interprets it.
///
/// Spec: spec/table-log.md §3.3.
public struct AddAction: Sendable, Hashable {
    public var path: String
    /// One entry per partition column; nil is SQL NULL.
    public var partitionValues: [String: String?]
    public var size: Int64
    /// Milliseconds since the Unix epoch.
    public var modificationTime: Int64
    public var dataChange: Bool
    public var stats: String?
    public var tags: [String: String]?
    public var deletionVector: DeletionVectorDescriptor?
    public var baseRowId: Int64?
    public var defaultRowCommitVersion: Int64?
    public var clusteringProvider: String?

    public init(
        path: String, partitionValues: [String: String?] = [:], size: Int64, modificationTime: Int64,
        dataChange: Bool = true, stats: String? = nil, tags: [String: String]? = nil,
        deletionVector: DeletionVectorDescriptor? = nil, baseRowId: Int64? = nil,
        defaultRowCommitVersion: Int64? = nil, clusteringProvider: String? = nil
    ) {
        self.path = path
        self.partitionValues = partitionValues
        self.size = size
        self.modificationTime = modificationTime
        self.dataChange = dataChange
        self.stats = stats
        self.tags = tags
        self.deletionVector = deletionVector
        self.baseRowId = baseRowId
        self.defaultRowCommitVersion = defaultRowCommitVersion
        self.clusteringProvider = clusteringProvider
    }

    /// Decodes the body of an `add` action; `path` names it in errors (`add`).
    public init(json: JSONObject, at path: String) throws(JSONError) {
        self.path = try json.requireString("path", in: path)
        guard let values = try json.optionalNullableStringMap("partitionValues", in: path) else {
            throw .missingField(JSONError.path(path, key: "partitionValues"))
        }
        partitionValues = values
        size = try json.requireInt64("size", in: path)
        guard size >= 0 else {
            throw .wrongType(JSONError.path(path, key: "size"), expected: "a non-negative integer", found: "\(size)")
        }
        modificationTime = try json.requireInt64("modificationTime", in: path)
        dataChange = try json.requireBool("dataChange", in: path)
        stats = try json.optionalString("stats", in: path)
        tags = try json.optionalStringMap("tags", in: path)
        deletionVector = try json.optionalObject("deletionVector", in: path).map {
            (object) throws(JSONError) in
            try DeletionVectorDescriptor(json: object, at: JSONError.path(path, key: "deletionVector"))
        }
        baseRowId = try json.optionalInt64("baseRowId", in: path)
        defaultRowCommitVersion = try json.optionalInt64("defaultRowCommitVersion", in: path)
        clusteringProvider = try json.optionalString("clusteringProvider", in: path)
    }

    /// The action body, fields in the order delta-rs writes them; absent optionals are omitted.
    public var json: JSONObject {
        var object: JSONObject = [
            "path": .string(path), "partitionValues": .nullableStringMap(partitionValues), "size": .int64(size),
            "modificationTime": .int64(modificationTime), "dataChange": .bool(dataChange),
        ]
        object.setIfPresent("stats", stats.map(JSONValue.string))
        object.setIfPresent("tags", tags.map(JSONValue.stringMap))
        object.setIfPresent("deletionVector", deletionVector.map { .object($0.json) })
        object.setIfPresent("baseRowId", baseRowId.map(JSONValue.int64))
        object.setIfPresent("defaultRowCommitVersion", defaultRowCommitVersion.map(JSONValue.int64))
        object.setIfPresent("clusteringProvider", clusteringProvider.map(JSONValue.string))
        return object
    }
}

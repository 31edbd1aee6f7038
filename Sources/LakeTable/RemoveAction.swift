import LakeCore

/// The `remove` action: takes a logical file (path plus deletion vector) out of the table. Kept as a tombstone
/// for VACUUM while `deletionTimestamp` is inside the retention window.
///
/// Spec: spec/table-log.md §3.4.
public struct RemoveAction: Sendable, Hashable {
    public var path: String
    /// Milliseconds since the Unix epoch.
    public var deletionTimestamp: Int64?
    public var dataChange: Bool
    public var extendedFileMetadata: Bool?
    public var partitionValues: [String: String?]?
    public var size: Int64?
    public var stats: String?
    public var tags: [String: String]?
    public var deletionVector: DeletionVectorDescriptor?
    public var baseRowId: Int64?
    public var defaultRowCommitVersion: Int64?

    public init(
        path: String, deletionTimestamp: Int64?, dataChange: Bool = true, extendedFileMetadata: Bool? = nil,
        partitionValues: [String: String?]? = nil, size: Int64? = nil, stats: String? = nil,
        tags: [String: String]? = nil, deletionVector: DeletionVectorDescriptor? = nil, baseRowId: Int64? = nil,
        defaultRowCommitVersion: Int64? = nil
    ) {
        self.path = path
        self.deletionTimestamp = deletionTimestamp
        self.dataChange = dataChange
        self.extendedFileMetadata = extendedFileMetadata
        self.partitionValues = partitionValues
        self.size = size
        self.stats = stats
        self.tags = tags
        self.deletionVector = deletionVector
        self.baseRowId = baseRowId
        self.defaultRowCommitVersion = defaultRowCommitVersion
    }

    /// Decodes the body of a `remove` action; `path` names it in errors (`remove`).
    public init(json: JSONObject, at path: String) throws(JSONError) {
        self.path = try json.requireString("path", in: path)
        deletionTimestamp = try json.optionalInt64("deletionTimestamp", in: path)
        dataChange = try json.requireBool("dataChange", in: path)
        extendedFileMetadata = try json.optionalBool("extendedFileMetadata", in: path)
        partitionValues = try json.optionalNullableStringMap("partitionValues", in: path)
        size = try json.optionalInt64("size", in: path)
        stats = try json.optionalString("stats", in: path)
        tags = try json.optionalStringMap("tags", in: path)
        deletionVector = try json.optionalObject("deletionVector", in: path).map {
            (object) throws(JSONError) in
            try DeletionVectorDescriptor(json: object, at: JSONError.path(path, key: "deletionVector"))
        }
        baseRowId = try json.optionalInt64("baseRowId", in: path)
        defaultRowCommitVersion = try json.optionalInt64("defaultRowCommitVersion", in: path)
    }

    /// The action body, fields in the order delta-rs writes them; absent optionals are omitted.
    public var json: JSONObject {
        var object: JSONObject = ["path": .string(path)]
        object.setIfPresent("deletionTimestamp", deletionTimestamp.map(JSONValue.int64))
        object["dataChange"] = .bool(dataChange)
        object.setIfPresent("extendedFileMetadata", extendedFileMetadata.map(JSONValue.bool))
        object.setIfPresent("partitionValues", partitionValues.map(JSONValue.nullableStringMap))
        object.setIfPresent("size", size.map(JSONValue.int64))
        object.setIfPresent("stats", stats.map(JSONValue.string))
        object.setIfPresent("tags", tags.map(JSONValue.stringMap))
        object.setIfPresent("deletionVector", deletionVector.map { .object($0.json) })
        object.setIfPresent("baseRowId", baseRowId.map(JSONValue.int64))
        object.setIfPresent("defaultRowCommitVersion", defaultRowCommitVersion.map(JSONValue.int64))
        return object
    }
}

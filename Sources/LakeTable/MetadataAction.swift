import LakeCore

/// The `metaData` action: table id, schema, partition columns and properties. A later one replaces the whole
/// previous one.
///
/// `schemaString` is kept as the raw JSON text; `DeltaSchema(parsing:)` interprets it.
///
/// Spec: spec/table-log.md §3.2.
public struct MetadataAction: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var description: String?
    /// `format.provider`; only `parquet` is readable.
    public var formatProvider: String
    public var formatOptions: [String: String]
    public var schemaString: String
    /// Top-level column names, in directory order.
    public var partitionColumns: [String]
    /// Table properties; values are strings even for numbers.
    public var configuration: [String: String]
    /// Milliseconds since the Unix epoch.
    public var createdTime: Int64?

    public init(
        id: String, name: String? = nil, description: String? = nil, formatProvider: String = "parquet",
        formatOptions: [String: String] = [:], schemaString: String, partitionColumns: [String] = [],
        configuration: [String: String] = [:], createdTime: Int64? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.formatProvider = formatProvider
        self.formatOptions = formatOptions
        self.schemaString = schemaString
        self.partitionColumns = partitionColumns
        self.configuration = configuration
        self.createdTime = createdTime
    }

    /// Decodes the body of a `metaData` action; `path` names it in errors (`metaData`).
    ///
    /// `configuration` and `format.options` may be absent (older writers omit empty maps); they read as empty.
    public init(json: JSONObject, at path: String) throws(JSONError) {
        id = try json.requireString("id", in: path)
        name = try json.optionalString("name", in: path)
        description = try json.optionalString("description", in: path)
        let format = try json.requireObject("format", in: path)
        let formatPath = JSONError.path(path, key: "format")
        formatProvider = try format.requireString("provider", in: formatPath)
        formatOptions = try format.optionalStringMap("options", in: formatPath) ?? [:]
        schemaString = try json.requireString("schemaString", in: path)
        guard let columns = try json.optionalStringArray("partitionColumns", in: path) else {
            throw .missingField(JSONError.path(path, key: "partitionColumns"))
        }
        partitionColumns = columns
        configuration = try json.optionalStringMap("configuration", in: path) ?? [:]
        createdTime = try json.optionalInt64("createdTime", in: path)
    }

    /// The action body, fields in the order delta-rs and Spark write them.
    public var json: JSONObject {
        var object: JSONObject = ["id": .string(id)]
        object.setIfPresent("name", name.map(JSONValue.string))
        object.setIfPresent("description", description.map(JSONValue.string))
        object["format"] = ["provider": .string(formatProvider), "options": .stringMap(formatOptions)]
        object["schemaString"] = .string(schemaString)
        object["partitionColumns"] = .stringArray(partitionColumns)
        object.setIfPresent("createdTime", createdTime.map(JSONValue.int64))
        object["configuration"] = .stringMap(configuration)
        return object
    }
}

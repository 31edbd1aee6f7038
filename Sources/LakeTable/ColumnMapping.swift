import LakeCore

/// The column mapping of a table: for each top-level column, the name and Parquet field id its data lives under
/// in data files, and the key its partition values and statistics use in the log.
///
/// The mode comes from `delta.columnMapping.mode` and is honoured only when the protocol has the
/// `columnMapping` feature (reader version 2, or 3 listing it); otherwise it is `none`. In `name` and `id` mode every
/// field, nested ones included, must carry a positive 32-bit `delta.columnMapping.id` and a non-empty
/// `delta.columnMapping.physicalName`; ids are unique in the schema, physical names among siblings, and
/// `delta.columnMapping.maxColumnId` (when present) is at least every id.
///
/// ```swift
/// let mapping = try ColumnMapping(protocolAction: snapshot.protocolAction, metadata: snapshot.metadata,
///                                 schema: snapshot.schema)
/// mapping.physicalName(of: "price")   // "col-5f1c…" in name mode, "price" without mapping
/// ```
///
/// Spec: spec/table-log.md §11.3.
public struct ColumnMapping: Sendable, Hashable {
    public static let modeKey = "delta.columnMapping.mode"
    public static let idKey = "delta.columnMapping.id"
    public static let physicalNameKey = "delta.columnMapping.physicalName"
    public static let maxColumnIdKey = "delta.columnMapping.maxColumnId"

    public let mode: ColumnMappingMode
    /// Physical name by logical top-level column name; empty in mode `none`.
    public let physicalNames: [String: String]
    /// Column id (Parquet field id) by logical top-level column name; empty in mode `none`.
    public let fieldIDs: [String: Int32]

    /// No mapping: files use logical names.
    public static let none = ColumnMapping(mode: .none, physicalNames: [:], fieldIDs: [:])

    private init(mode: ColumnMappingMode, physicalNames: [String: String], fieldIDs: [String: Int32]) {
        self.mode = mode
        self.physicalNames = physicalNames
        self.fieldIDs = fieldIDs
    }

    /// The mapping a table with `protocolAction`, `metadata` and `schema` uses.
    /// - Throws: `invalidSchema` for an unknown mode, a field without a valid id or physical name, a repeated id
    ///   or sibling physical name, or an id above `delta.columnMapping.maxColumnId`.
    public init(
        protocolAction: ProtocolAction, metadata: MetadataAction, schema: DeltaSchema
    ) throws(TableLogError) {
        let text = metadata.configuration[Self.modeKey] ?? "none"
        guard let requested = ColumnMappingMode(rawValue: text) else {
            throw .invalidSchema("\(Self.modeKey) is \"\(text)\"; expected none, name or id")
        }
        let hasFeature =
            protocolAction.minReaderVersion == 2
            || (protocolAction.minReaderVersion == 3 && (protocolAction.readerFeatures ?? []).contains("columnMapping"))
        guard requested != .none, hasFeature else {
            self = .none
            return
        }
        var ids: Set<Int32> = []
        var names: [String: String] = [:]
        var fieldIDs: [String: Int32] = [:]
        try Self.check(schema.fields, path: "", ids: &ids, top: &names, topIDs: &fieldIDs)
        if let text = metadata.configuration[Self.maxColumnIdKey] {
            guard let maximum = Int64(text) else {
                throw .invalidSchema("\(Self.maxColumnIdKey) \"\(text)\" is not an integer")
            }
            if let largest = ids.max(), Int64(largest) > maximum {
                throw .invalidSchema("column id \(largest) is above \(Self.maxColumnIdKey) \(maximum)")
            }
        }
        self.init(mode: requested, physicalNames: names, fieldIDs: fieldIDs)
    }

    /// The name column `logical` has in data files and log keys (`logical` itself without mapping).
    public func physicalName(of logical: String) -> String {
        physicalNames[logical] ?? logical
    }

    /// The logical column whose physical name is `physical`, if any.
    public func logicalName(ofPhysical physical: String) -> String? {
        guard mode != .none else { return physical }
        return physicalNames.first { $0.value == physical }?.key
    }

    private static func check(
        _ fields: [DeltaField], path: String, ids: inout Set<Int32>, top: inout [String: String],
        topIDs: inout [String: Int32]
    ) throws(TableLogError) {
        var siblings: Set<String> = []
        for field in fields {
            let fieldPath = path.isEmpty ? field.name : path + "." + field.name
            guard let number = field.metadata[idKey]?.int64Value, let id = Int32(exactly: number), id > 0 else {
                throw .invalidSchema("column \"\(fieldPath)\" lacks a positive 32-bit \(idKey)")
            }
            guard let physical = field.metadata[physicalNameKey]?.stringValue, !physical.isEmpty else {
                throw .invalidSchema("column \"\(fieldPath)\" lacks a \(physicalNameKey)")
            }
            guard ids.insert(id).inserted else { throw .invalidSchema("column id \(id) is used twice (\(fieldPath))") }
            guard siblings.insert(physical).inserted else {
                throw .invalidSchema("physical name \"\(physical)\" is used twice (\(fieldPath))")
            }
            if path.isEmpty {
                top[field.name] = physical
                topIDs[field.name] = id
            }
            var none: [String: String] = [:]
            var noIDs: [String: Int32] = [:]
            for (childPath, children) in nestedFields(field.type, path: fieldPath) {
                try check(children, path: childPath, ids: &ids, top: &none, topIDs: &noIDs)
            }
        }
    }

    /// The struct field lists nested anywhere inside `type` (array elements and map keys/values included).
    private static func nestedFields(_ type: DeltaType, path: String) -> [(String, [DeltaField])] {
        switch type {
        case .struct(let fields): [(path, fields)]
        case .array(let element, _): nestedFields(element, path: path + ".element")
        case .map(let key, let value, _):
            nestedFields(key, path: path + ".key") + nestedFields(value, path: path + ".value")
        default: []
        }
    }
}

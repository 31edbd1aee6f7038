import LakeCore

/// One field of a Delta schema (a table column or a struct member).
///
/// Spec: spec/table-log.md §3.2.1.
public struct DeltaField: Sendable, Hashable {
    public var name: String
    public var type: DeltaType
    public var nullable: Bool
    /// Column metadata, any JSON per key (`delta.columnMapping.id` is an integer, most others are strings).
    public var metadata: JSONObject

    public init(name: String, type: DeltaType, nullable: Bool = true, metadata: JSONObject = [:]) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.metadata = metadata
    }
}

import LakeColumnar
import LakeCore

/// A table schema as the Delta log stores it in `metaData.schemaString`, and its conversion to and from
/// `LakeColumnar.Schema`.
///
/// The Delta schema is the source of truth: it keeps nested and unknown types and every metadata key, so a
/// schema read from the log writes back unchanged. The LakeColumnar view exists for scanning; it is built per
/// projection, and only columns with a `DeltaType.columnarType` can be projected.
///
/// Spec: spec/table-log.md §3.2.1.
public struct DeltaSchema: Sendable, Hashable {
    public var fields: [DeltaField]

    public init(fields: [DeltaField]) {
        self.fields = fields
    }

    /// Parses schema JSON text `{"type":"struct","fields":[...]}`.
    /// - Throws: `TableLogError.invalidSchema` naming the field path and what was wrong (bad JSON, missing
    ///   member, duplicate name ignoring case, nesting deeper than `TableLimits.schemaDepthMax`, bad decimal).
    public init(parsing text: String) throws(TableLogError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw .invalidSchema(error.description)
        }
        guard case .struct(let fields) = try Self.type(from: document, path: "schema", depth: 0) else {
            throw .invalidSchema("the top-level type must be a struct")
        }
        self.fields = fields
    }

    /// The schema of `columnar`, converted field by field with `DeltaType(columnar:)`. LakeColumnar field
    /// metadata is kept as string-valued column metadata.
    /// - Throws: `TableLogError.unsupportedType` for a type without a Delta counterpart.
    public init(_ columnar: Schema) throws(TableLogError) {
        var fields: [DeltaField] = []
        for field in columnar.fields {
            guard let type = DeltaType(columnar: field.type) else {
                throw .unsupportedType(column: field.name, type: field.type.description)
            }
            let metadata = JSONObject(
                field.metadata.keys.sorted().map { ($0, JSONValue.string(field.metadata[$0] ?? "")) })
            fields.append(DeltaField(name: field.name, type: type, nullable: field.isNullable, metadata: metadata))
        }
        self.fields = fields
    }

    /// The field named `name` (exact comparison).
    public func field(named name: String) -> DeltaField? {
        fields.first { $0.name == name }
    }

    /// The LakeColumnar schema of the columns `names` (all columns when nil), in that order.
    ///
    /// Column metadata with string values is copied; other JSON values are copied as their JSON text.
    /// - Throws: `TableLogError.unsupportedType` when a projected column is nested or of an unknown type;
    ///   `TableLogError.invalidSchema` when a name is not a column.
    public func columnarSchema(projecting names: [String]? = nil) throws(TableLogError) -> Schema {
        let selected: [DeltaField]
        if let names {
            var picked: [DeltaField] = []
            for name in names {
                guard let field = field(named: name) else { throw .invalidSchema("no column named \"\(name)\"") }
                picked.append(field)
            }
            selected = picked
        } else {
            selected = fields
        }
        var columns: [Field] = []
        for field in selected {
            guard let type = field.type.columnarType else {
                throw .unsupportedType(column: field.name, type: field.type.description)
            }
            var metadata: [String: String] = [:]
            for (key, value) in field.metadata { metadata[key] = value.stringValue ?? value.description }
            columns.append(Field(field.name, type, nullable: field.nullable, metadata: metadata))
        }
        return Schema(columns)
    }

    /// The schema as a JSON value, members in the order Spark and delta-rs write them.
    public var json: JSONValue {
        Self.json(of: .struct(fields))
    }

    /// The schema as compact JSON text, ready for `metaData.schemaString`.
    /// - Throws: `TableLogError.invalidSchema` when column metadata holds a non-finite number.
    public func jsonString() throws(TableLogError) -> String {
        do {
            return try JSONWriter.serializedString(json)
        } catch {
            throw .invalidSchema(error.description)
        }
    }

    private static func json(of type: DeltaType) -> JSONValue {
        switch type {
        case .struct(let fields):
            let members: [JSONValue] = fields.map { field in
                [
                    "name": .string(field.name), "type": json(of: field.type), "nullable": .bool(field.nullable),
                    "metadata": .object(field.metadata),
                ]
            }
            return ["type": "struct", "fields": .array(members)]
        case .array(let element, let containsNull):
            return ["type": "array", "elementType": json(of: element), "containsNull": .bool(containsNull)]
        case .map(let key, let value, let valueContainsNull):
            return [
                "type": "map", "keyType": json(of: key), "valueType": json(of: value),
                "valueContainsNull": .bool(valueContainsNull),
            ]
        default:
            return .string(type.primitiveName ?? "")
        }
    }

    private static func type(from value: JSONValue, path: String, depth: Int) throws(TableLogError) -> DeltaType {
        guard depth < TableLimits.schemaDepthMax else {
            throw .invalidSchema("\(path): nesting is deeper than \(TableLimits.schemaDepthMax) levels")
        }
        if let name = value.stringValue { return try DeltaType.primitive(named: name) }
        do {
            let object = try value.requireObject(at: path)
            let kind = try object.requireString("type", in: path)
            switch kind {
            case "struct":
                return .struct(try structFields(object.requireArray("fields", in: path), path: path, depth: depth))
            case "array":
                let element = try type(
                    from: object.require("elementType", in: path), path: path + ".elementType", depth: depth + 1)
                return .array(elementType: element, containsNull: try object.requireBool("containsNull", in: path))
            case "map":
                let key = try type(from: object.require("keyType", in: path), path: path + ".keyType", depth: depth + 1)
                let valueType = try type(
                    from: object.require("valueType", in: path), path: path + ".valueType", depth: depth + 1)
                return .map(
                    keyType: key, valueType: valueType,
                    valueContainsNull: try object.requireBool("valueContainsNull", in: path))
            default:
                throw TableLogError.invalidSchema("\(path): unknown nested type \"\(kind)\"")
            }
        } catch let error as TableLogError {
            throw error
        } catch let error as JSONError {
            throw .invalidSchema(error.description)
        } catch {
            throw .invalidSchema("\(error)")
        }
    }

    private static func structFields(
        _ members: [JSONValue], path: String, depth: Int
    ) throws(TableLogError) -> [DeltaField] {
        var fields: [DeltaField] = []
        var seen: Set<String> = []
        for (index, member) in members.enumerated() {
            let memberPath = JSONError.path(path + ".fields", index: index)
            let field: DeltaField
            do {
                let object = try member.requireObject(at: memberPath)
                let name = try object.requireString("name", in: memberPath)
                field = DeltaField(
                    name: name,
                    type: try type(
                        from: object.require("type", in: memberPath), path: memberPath + "(\(name))",
                        depth: depth + 1),
                    nullable: try object.requireBool("nullable", in: memberPath),
                    metadata: try object.optionalObject("metadata", in: memberPath) ?? [:])
            } catch let error as TableLogError {
                throw error
            } catch let error as JSONError {
                throw .invalidSchema(error.description)
            } catch {
                throw .invalidSchema("\(error)")
            }
            guard seen.insert(field.name.lowercased()).inserted else {
                throw .invalidSchema("\(memberPath): duplicate field name \"\(field.name)\" (names ignore case)")
            }
            fields.append(field)
        }
        return fields
    }
}

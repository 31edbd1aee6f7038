import LakeColumnar

/// One struct value read from a checkpoint, with typed field access by name.
///
/// Checkpoints written by other engines order and extend their structs differently (`stats_parsed`,
/// `clusteringProvider`, ...), so fields are found by name, never by position; unknown fields are ignored. Every
/// accessor checks the value's kind and throws a reason naming the dotted field path (`add.deletionVector.offset`)
/// instead of trapping.
///
/// Spec: spec/table-log.md §8.1.
struct CheckpointRecord {
    /// The dotted path of this struct (`add`, `add.deletionVector`).
    let path: String
    private let fields: [Field]
    private let values: [Value]

    /// The reason a checkpoint value is malformed.
    struct Malformed: Error {
        let reason: String
    }

    /// Wraps the struct `value` of type `type`.
    /// - Throws: `Malformed` when `type` is not a struct or `value` does not match it.
    init(path: String, type: DataType, value: Value) throws(Malformed) {
        guard case .struct(let fields) = type, case .struct(let values) = value, values.count == fields.count else {
            throw Malformed(reason: "\(path): expected a struct")
        }
        self.path = path
        self.fields = fields
        self.values = values
    }

    private func lookup(_ name: String) -> (Field, Value)? {
        guard let index = fields.firstIndex(where: { $0.name == name }) else { return nil }
        return (fields[index], values[index])
    }

    private func missing(_ name: String) -> Malformed {
        Malformed(reason: "\(path).\(name) is missing or null")
    }

    private func wrong(_ name: String, _ expected: String) -> Malformed {
        Malformed(reason: "\(path).\(name): expected \(expected)")
    }

    func optionalString(_ name: String) throws(Malformed) -> String? {
        guard let (_, value) = lookup(name) else { return nil }
        switch value {
        case .null: return nil
        case .string(let text): return text
        case .bytes(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else { throw wrong(name, "UTF-8 text") }
            return text
        default: throw wrong(name, "a string")
        }
    }

    func requireString(_ name: String) throws(Malformed) -> String {
        guard let text = try optionalString(name) else { throw missing(name) }
        return text
    }

    func optionalInt64(_ name: String) throws(Malformed) -> Int64? {
        guard let (_, value) = lookup(name) else { return nil }
        switch value {
        case .null: return nil
        case .int(let number): return number
        case .uint(let number):
            guard let narrow = Int64(exactly: number) else { throw wrong(name, "a 64-bit signed integer") }
            return narrow
        default: throw wrong(name, "an integer")
        }
    }

    func requireInt64(_ name: String) throws(Malformed) -> Int64 {
        guard let number = try optionalInt64(name) else { throw missing(name) }
        return number
    }

    func requireInt32(_ name: String) throws(Malformed) -> Int32 {
        guard let number = Int32(exactly: try requireInt64(name)) else { throw wrong(name, "a 32-bit integer") }
        return number
    }

    func optionalBool(_ name: String) throws(Malformed) -> Bool? {
        guard let (_, value) = lookup(name) else { return nil }
        switch value {
        case .null: return nil
        case .bool(let flag): return flag
        default: throw wrong(name, "a boolean")
        }
    }

    func requireBool(_ name: String) throws(Malformed) -> Bool {
        guard let flag = try optionalBool(name) else { throw missing(name) }
        return flag
    }

    func optionalRecord(_ name: String) throws(Malformed) -> CheckpointRecord? {
        guard let (field, value) = lookup(name), value != .null else { return nil }
        return try CheckpointRecord(path: "\(path).\(name)", type: field.type, value: value)
    }

    func requireRecord(_ name: String) throws(Malformed) -> CheckpointRecord {
        guard let record = try optionalRecord(name) else { throw missing(name) }
        return record
    }

    /// A list of strings; null elements are refused.
    func optionalStringList(_ name: String) throws(Malformed) -> [String]? {
        guard let (_, value) = lookup(name) else { return nil }
        switch value {
        case .null: return nil
        case .list(let items):
            var strings: [String] = []
            strings.reserveCapacity(items.count)
            for item in items {
                guard case .string(let text) = item else { throw wrong(name, "a list of non-null strings") }
                strings.append(text)
            }
            return strings
        default: throw wrong(name, "a list")
        }
    }

    /// A `map<string, string>` whose values may be null.
    func optionalNullableStringMap(_ name: String) throws(Malformed) -> [String: String?]? {
        guard let (_, value) = lookup(name) else { return nil }
        switch value {
        case .null: return nil
        case .map(let keys, let entryValues):
            var map: [String: String?] = [:]
            map.reserveCapacity(keys.count)
            for (key, entry) in zip(keys, entryValues) {
                guard case .string(let keyText) = key else { throw wrong(name, "string keys") }
                switch entry {
                case .null: map[keyText] = .some(nil)
                case .string(let text): map[keyText] = .some(text)
                default: throw wrong(name, "string values")
                }
            }
            return map
        default: throw wrong(name, "a map")
        }
    }

    /// A `map<string, string>`; a null value is refused.
    func optionalStringMap(_ name: String) throws(Malformed) -> [String: String]? {
        guard let map = try optionalNullableStringMap(name) else { return nil }
        var result: [String: String] = [:]
        result.reserveCapacity(map.count)
        for (key, value) in map {
            guard let value else { throw wrong(name, "non-null values") }
            result[key] = value
        }
        return result
    }
}

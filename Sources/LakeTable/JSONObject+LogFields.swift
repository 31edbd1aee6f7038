import LakeCore

/// Typed readers and writers for the map-shaped fields of log actions (`partitionValues`, `tags`,
/// `configuration`, `format.options`).
///
/// Maps are encoded with their keys in ascending order so that the same action always serializes to the same
/// bytes.
extension JSONObject {
    /// The object at `key` as a string map; absent or null is nil.
    /// - Throws: `JSONError.wrongType` when the member or one of its values is not a string.
    func optionalStringMap(_ key: String, in path: String) throws(JSONError) -> [String: String]? {
        guard let object = try optionalObject(key, in: path) else { return nil }
        let mapPath = JSONError.path(path, key: key)
        var map: [String: String] = [:]
        for (name, value) in object {
            map[name] = try value.requireString(at: JSONError.path(mapPath, key: name))
        }
        return map
    }

    /// The object at `key` as a map whose values may be null.
    func optionalNullableStringMap(_ key: String, in path: String) throws(JSONError) -> [String: String?]? {
        guard let object = try optionalObject(key, in: path) else { return nil }
        let mapPath = JSONError.path(path, key: key)
        var map: [String: String?] = [:]
        for (name, value) in object {
            map[name] = value.isNull ? String?.none : try value.requireString(at: JSONError.path(mapPath, key: name))
        }
        return map
    }

    /// The integer at `key`, required, in `Int32` range (protocol versions, DV sizes).
    func requireInt32(_ key: String, in path: String) throws(JSONError) -> Int32 {
        let value = try requireInt64(key, in: path)
        guard let narrow = Int32(exactly: value) else {
            throw .wrongType(JSONError.path(path, key: key), expected: "32-bit integer", found: "\(value)")
        }
        return narrow
    }

    /// The array at `key` as strings; absent or null is nil.
    func optionalStringArray(_ key: String, in path: String) throws(JSONError) -> [String]? {
        guard let array = try optionalArray(key, in: path) else { return nil }
        let arrayPath = JSONError.path(path, key: key)
        var strings: [String] = []
        strings.reserveCapacity(array.count)
        for (index, element) in array.enumerated() {
            strings.append(try element.requireString(at: JSONError.path(arrayPath, index: index)))
        }
        return strings
    }

    /// Sets `key` to `value` when it is non-nil; absent optionals are omitted, never written as null.
    mutating func setIfPresent(_ key: String, _ value: JSONValue?) {
        if let value { self[key] = value }
    }
}

extension JSONValue {
    /// A string map as a JSON object with sorted keys.
    static func stringMap(_ map: [String: String]) -> JSONValue {
        .object(JSONObject(map.keys.sorted().map { ($0, JSONValue.string(map[$0] ?? "")) }))
    }

    /// A map with nullable values as a JSON object with sorted keys; nil values become JSON null.
    static func nullableStringMap(_ map: [String: String?]) -> JSONValue {
        .object(
            JSONObject(map.keys.sorted().map { key in (key, map[key].flatMap { $0 }.map(JSONValue.string) ?? .null) }))
    }

    static func stringArray(_ strings: [String]) -> JSONValue {
        .array(strings.map(JSONValue.string))
    }
}

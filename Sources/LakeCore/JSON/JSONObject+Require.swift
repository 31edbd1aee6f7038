/// Typed member access for decoders of log actions and other structured documents.
///
/// `in path` names this object inside its document (`""` for the top level) so errors carry the full path of
/// the member: `try add.requireInt64("size", in: "add")` throws `.missingField("add.size")` when the member is
/// absent and `.wrongType("add.size", expected: "integer", found: "string")` when it has another kind. A member
/// whose value is `null` is present: `require…` reports it as a type error, `optional…` returns nil for it.
extension JSONObject {
    /// Member `key`, whatever its kind. Throws `.missingField` when it is absent.
    public func require(_ key: String, in path: String = "") throws(JSONError) -> JSONValue {
        guard let value = self[key] else { throw .missingField(JSONError.path(path, key: key)) }
        return value
    }

    /// Member `key`, or nil when it is absent or `null`.
    public func optional(_ key: String) -> JSONValue? {
        guard let value = self[key], !value.isNull else { return nil }
        return value
    }

    public func requireBool(_ key: String, in path: String = "") throws(JSONError) -> Bool {
        try require(key, in: path).requireBool(at: JSONError.path(path, key: key))
    }

    public func requireString(_ key: String, in path: String = "") throws(JSONError) -> String {
        try require(key, in: path).requireString(at: JSONError.path(path, key: key))
    }

    /// An integer literal in `Int64` range (see `JSONValue.requireInt64(at:)`).
    public func requireInt64(_ key: String, in path: String = "") throws(JSONError) -> Int64 {
        try require(key, in: path).requireInt64(at: JSONError.path(path, key: key))
    }

    public func requireDouble(_ key: String, in path: String = "") throws(JSONError) -> Double {
        try require(key, in: path).requireDouble(at: JSONError.path(path, key: key))
    }

    public func requireArray(_ key: String, in path: String = "") throws(JSONError) -> [JSONValue] {
        try require(key, in: path).requireArray(at: JSONError.path(path, key: key))
    }

    public func requireObject(_ key: String, in path: String = "") throws(JSONError) -> JSONObject {
        try require(key, in: path).requireObject(at: JSONError.path(path, key: key))
    }

    /// Nil when absent or `null`; a value of another kind is a type error.
    public func optionalBool(_ key: String, in path: String = "") throws(JSONError) -> Bool? {
        try optional(key)?.requireBool(at: JSONError.path(path, key: key))
    }

    public func optionalString(_ key: String, in path: String = "") throws(JSONError) -> String? {
        try optional(key)?.requireString(at: JSONError.path(path, key: key))
    }

    public func optionalInt64(_ key: String, in path: String = "") throws(JSONError) -> Int64? {
        try optional(key)?.requireInt64(at: JSONError.path(path, key: key))
    }

    public func optionalDouble(_ key: String, in path: String = "") throws(JSONError) -> Double? {
        try optional(key)?.requireDouble(at: JSONError.path(path, key: key))
    }

    public func optionalArray(_ key: String, in path: String = "") throws(JSONError) -> [JSONValue]? {
        try optional(key)?.requireArray(at: JSONError.path(path, key: key))
    }

    public func optionalObject(_ key: String, in path: String = "") throws(JSONError) -> JSONObject? {
        try optional(key)?.requireObject(at: JSONError.path(path, key: key))
    }
}

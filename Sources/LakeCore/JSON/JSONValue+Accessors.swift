/// Optional views of a value as one Swift type: nil when the value has another kind.
///
/// Numbers are strict where exactness matters: `int64Value` accepts only integer literals (`1`, not `1.0` or
/// `1e0`), as serde_json does for `i64` fields, while `doubleValue` accepts every number.
extension JSONValue {
    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, for any number kind.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// An integer literal in `Int64` range.
    public var int64Value: Int64? { numberValue?.int64Value }

    /// Any number, converted to `Double` (integers beyond 2^53 round).
    public var doubleValue: Double? { numberValue?.doubleValue }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Member `key` of an object; nil when the value is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Element `index` of an array; nil when the value is not an array or the index is out of bounds.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}

/// Typed views that throw `JSONError.wrongType(path, expected:found:)`, for decoders that report where a document
/// is wrong: `try value.requireInt64(at: "add.size")` fails with "add.size: expected integer, found string".
extension JSONValue {
    public func requireBool(at path: String) throws(JSONError) -> Bool {
        guard let value = boolValue else { throw mismatch(path, expected: "boolean") }
        return value
    }

    public func requireString(at path: String) throws(JSONError) -> String {
        guard let value = stringValue else { throw mismatch(path, expected: "string") }
        return value
    }

    /// An integer literal in `Int64` range; a double or an integer above `Int64.max` is a type error.
    public func requireInt64(at path: String) throws(JSONError) -> Int64 {
        guard let value = int64Value else {
            if case .number(.uint64) = self {
                throw JSONError.wrongType(path, expected: "integer", found: "integer above \(Int64.max)")
            }
            throw mismatch(path, expected: "integer")
        }
        return value
    }

    public func requireDouble(at path: String) throws(JSONError) -> Double {
        guard let value = doubleValue else { throw mismatch(path, expected: "number") }
        return value
    }

    public func requireArray(at path: String) throws(JSONError) -> [JSONValue] {
        guard let value = arrayValue else { throw mismatch(path, expected: "array") }
        return value
    }

    public func requireObject(at path: String) throws(JSONError) -> JSONObject {
        guard let value = objectValue else { throw mismatch(path, expected: "object") }
        return value
    }

    private func mismatch(_ path: String, expected: String) -> JSONError {
        .wrongType(path, expected: expected, found: kindName)
    }
}

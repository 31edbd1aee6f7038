/// One JSON value: the tree that `JSONParser` builds and `JSONWriter` serializes.
///
/// Numbers keep integer exactness (`JSONNumber`), objects keep member order (`JSONObject`). Literals build values
/// directly: `let action: JSONValue = ["remove": ["path": "a.parquet", "dataChange": true]]`.
///
/// `description` is the compact JSON text (as `JSONWriter` writes it), except that non-finite doubles, which
/// `JSONWriter` rejects, show as `nan`/`inf`; it is meant for messages and test output.
///
/// Spec: RFC 8259 section 3.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON kind of the value, as error messages name it: `null`, `boolean`, `integer`, `number` (a
    /// non-integer or exponent literal), `string`, `array`, `object`.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String {
        var bytes: [UInt8] = []
        JSONWriter.appendDebugText(of: self, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .number(.int64(value)) }
    public init(floatLiteral value: Double) { self = .number(.double(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

extension JSONValue {
    /// An integer value.
    public static func int64(_ value: Int64) -> JSONValue { .number(.int64(value)) }
    /// A double value; JSONWriter rejects NaN and infinities.
    public static func double(_ value: Double) -> JSONValue { .number(.double(value)) }
}

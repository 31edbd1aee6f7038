/// Failures of the JSON parser, writer and typed accessors.
///
/// Positions are 1-based: `line` counts `\n`-terminated lines of the input buffer and `column` counts bytes (not
/// characters) within that line, so an editor's "go to byte" finds the spot even in non-ASCII text. Paths name a
/// value inside a document: object keys joined by `.`, array elements as `[index]` (`add.stats`, `tags[2]`).
///
/// Spec: RFC 8259.
public enum JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is not JSON text; `reason` says what was expected or found.
    case syntax(line: Int, column: Int, reason: String)
    /// An array or object at `line`:`column` would nest deeper than `depthMax` levels.
    case nestingTooDeep(line: Int, column: Int, depthMax: Int)
    /// One document (or one line of a JSON-lines buffer) is longer than `bytesMax`.
    case documentTooLarge(line: Int, byteCount: Int, bytesMax: Int)
    /// A required member is absent.
    case missingField(String)
    /// The value at `path` has another type than required: `expected` and `found` name JSON kinds
    /// (`"integer"`, `"string"`, ...).
    case wrongType(String, expected: String, found: String)
    /// The writer met a value that JSON cannot represent (NaN or an infinity) at `path`.
    case unrepresentable(String, reason: String)

    public var description: String {
        switch self {
        case .syntax(let line, let column, let reason):
            "invalid JSON at line \(line), column \(column): \(reason)"
        case .nestingTooDeep(let line, let column, let depthMax):
            "invalid JSON at line \(line), column \(column): nesting is deeper than \(depthMax) levels"
        case .documentTooLarge(let line, let byteCount, let bytesMax):
            "JSON document at line \(line) has \(byteCount) bytes; the limit is \(bytesMax)"
        case .missingField(let path):
            "\(Self.displayed(path)): required field is missing"
        case .wrongType(let path, let expected, let found):
            "\(Self.displayed(path)): expected \(expected), found \(found)"
        case .unrepresentable(let path, let reason):
            "\(Self.displayed(path)): \(reason)"
        }
    }

    private static func displayed(_ path: String) -> String {
        path.isEmpty ? "<document>" : path
    }

    /// The path of member `key` inside the value at `parent` (`""` is the document itself).
    public static func path(_ parent: String, key: String) -> String {
        parent.isEmpty ? key : parent + "." + key
    }

    /// The path of element `index` inside the array at `parent`.
    public static func path(_ parent: String, index: Int) -> String {
        parent + "[\(index)]"
    }
}

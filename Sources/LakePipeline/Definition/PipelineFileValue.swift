/// A value in a pipeline file: a string, an integer, a boolean or an array of values.
///
/// Spec: spec/pipeline.md#pipeline-file
public enum PipelineFileValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case array([PipelineFileValue])

    /// What the value is, for messages ("a string", "an array").
    public var kindName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .bool: "a boolean"
        case .array: "an array"
        }
    }

    public var description: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .integer(let value): String(value)
        case .bool(let value): String(value)
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// One `key = value` line of a section, with the line it starts on (1-based).
public struct PipelineFileEntry: Sendable, Hashable {
    public var key: String
    public var value: PipelineFileValue
    public var line: Int

    public init(key: String, value: PipelineFileValue, line: Int) {
        self.key = key
        self.value = value
        self.line = line
    }
}

/// A `[kind]` or `[kind.name]` section and its entries in file order.
public struct PipelineFileSection: Sendable, Hashable {
    public var kind: String
    /// Nil for a section without a name (`[pipeline]`).
    public var name: String?
    public var line: Int
    public var entries: [PipelineFileEntry]

    public init(kind: String, name: String?, line: Int, entries: [PipelineFileEntry] = []) {
        self.kind = kind
        self.name = name
        self.line = line
        self.entries = entries
    }

    /// The entry for `key`, if present.
    public func entry(_ key: String) -> PipelineFileEntry? { entries.first { $0.key == key } }
}

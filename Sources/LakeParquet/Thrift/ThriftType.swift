/// The value types of the Thrift compact protocol, as they appear in field, list, set and map headers.
///
/// The raw value is the 4-bit compact type id. Booleans are special: a field header carries the value itself
/// (id 1 for true, 2 for false), while a container header names the element type as 1 (2 is also accepted).
///
/// Spec: Thrift compact protocol, "Field types" (thrift/doc/specs/thrift-compact-protocol.md).
public enum ThriftType: UInt8, Hashable, Sendable, CustomStringConvertible {
    case bool = 1
    case i8 = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12
    case uuid = 13

    /// The type named by a compact type id in a container header or (after bools are handled) a field header.
    ///
    /// Returns nil for the stop id 0 and for ids above 13.
    init?(compactID: UInt8) {
        if compactID == 2 {
            self = .bool
        } else {
            self.init(rawValue: compactID)
        }
    }

    public var description: String {
        switch self {
        case .bool: "bool"
        case .i8: "i8"
        case .i16: "i16"
        case .i32: "i32"
        case .i64: "i64"
        case .double: "double"
        case .binary: "binary"
        case .list: "list"
        case .set: "set"
        case .map: "map"
        case .struct: "struct"
        case .uuid: "uuid"
        }
    }
}

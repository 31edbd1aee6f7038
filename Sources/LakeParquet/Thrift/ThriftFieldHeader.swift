/// The id and type of one field of a Thrift struct, as read from or written to a compact field header.
public struct ThriftFieldHeader: Hashable, Sendable {
    /// The field id declared in the IDL (`1: required i32 version` has id 1).
    public var id: Int16
    /// The wire type of the field's value. For `.bool` the value was carried by the header itself.
    public var type: ThriftType

    public init(id: Int16, type: ThriftType) {
        self.id = id
        self.type = type
    }
}

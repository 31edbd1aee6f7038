/// The header of a Thrift map: its entry count and, for non-empty maps, the key and value types.
///
/// The compact protocol omits the types of an empty map, so they are nil exactly when `count` is 0.
public struct ThriftMapHeader: Hashable, Sendable {
    public var count: Int
    public var keyType: ThriftType?
    public var valueType: ThriftType?

    public init(count: Int, keyType: ThriftType?, valueType: ThriftType?) {
        self.count = count
        self.keyType = keyType
        self.valueType = valueType
    }
}

/// The header of a Thrift list or set: its element type and element count.
public struct ThriftListHeader: Hashable, Sendable {
    public var elementType: ThriftType
    public var count: Int

    public init(elementType: ThriftType, count: Int) {
        self.elementType = elementType
        self.count = count
    }
}

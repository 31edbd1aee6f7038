/// Encodes values with the Thrift compact protocol, appending to `bytes`.
///
/// The mirror of `ThriftCompactReader`: `beginStruct()`, field headers with their values, then `endStruct()`,
/// which writes the stop byte. Field ids are written as a 4-bit delta from the previous field of the same
/// struct when that delta is 1...15, and in long form (type byte, then zigzag i16 id) otherwise. The
/// `write…Field` conveniences write nothing for a nil value, which is how optional fields are omitted.
///
/// Writing cannot fail; misuse (a negative count, `endStruct()` without `beginStruct()`) is a precondition.
///
/// Spec: Thrift compact protocol (thrift/doc/specs/thrift-compact-protocol.md).
public struct ThriftCompactWriter: Sendable {
    /// Everything written so far.
    public private(set) var bytes: [UInt8]

    private var lastFieldID: Int16 = 0
    private var enclosingFieldIDs: [Int16] = []

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structs and fields

    /// Enters a struct: field ids of its field headers are relative to this struct only.
    public mutating func beginStruct() {
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    /// Writes the stop byte and leaves the struct entered by the matching `beginStruct()`.
    public mutating func endStruct() {
        precondition(!enclosingFieldIDs.isEmpty, "endStruct() without beginStruct()")
        bytes.append(0)
        lastFieldID = enclosingFieldIDs.removeLast()
    }

    /// Writes the header of a field whose value follows. Use `writeBoolField` for bools, whose header holds
    /// the value.
    public mutating func writeFieldHeader(id: Int16, type: ThriftType) {
        precondition(type != .bool, "bool fields carry their value in the header: use writeBoolField")
        writeFieldHeader(id: id, typeID: type.rawValue)
    }

    private mutating func writeFieldHeader(id: Int16, typeID: UInt8) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | typeID)
        } else {
            bytes.append(typeID)
            writeI16(id)
        }
        lastFieldID = id
    }

    // MARK: Scalars

    /// Writes a bool list element: 1 for true, 2 for false.
    public mutating func writeBool(_ value: Bool) {
        bytes.append(value ? 1 : 2)
    }

    /// Writes an i8 as one byte.
    public mutating func writeI8(_ value: Int8) {
        bytes.append(UInt8(bitPattern: value))
    }

    /// Writes an i16 as a zigzag varint.
    public mutating func writeI16(_ value: Int16) {
        writeZigzagVarint(Int64(value))
    }

    /// Writes an i32 as a zigzag varint.
    public mutating func writeI32(_ value: Int32) {
        writeZigzagVarint(Int64(value))
    }

    /// Writes an i64 as a zigzag varint.
    public mutating func writeI64(_ value: Int64) {
        writeZigzagVarint(value)
    }

    /// Writes a double as 8 little-endian bytes.
    public mutating func writeDouble(_ value: Double) {
        let bits = value.bitPattern
        for index in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(index))))
        }
    }

    /// Writes a varint length followed by the bytes.
    public mutating func writeBinary(_ value: some Collection<UInt8>) {
        writeLength(value.count)
        bytes.append(contentsOf: value)
    }

    /// Writes a string as its UTF-8 bytes with a varint length.
    public mutating func writeString(_ value: String) {
        writeBinary(value.utf8)
    }

    /// Writes a 16-byte UUID value.
    public mutating func writeUUID(_ value: [UInt8]) {
        precondition(value.count == 16, "a UUID has 16 bytes")
        bytes.append(contentsOf: value)
    }

    // MARK: Containers

    /// Writes a list header: the count in the high nibble if below 15, else in a following varint.
    public mutating func writeListHeader(elementType: ThriftType, count: Int) {
        if count < 15 {
            precondition(count >= 0, "negative list count")
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeLength(count)
        }
    }

    /// Writes a set header; sets are encoded exactly like lists.
    public mutating func writeSetHeader(elementType: ThriftType, count: Int) {
        writeListHeader(elementType: elementType, count: count)
    }

    /// Writes a map header: a varint count, then (if the map is not empty) the key and value types.
    public mutating func writeMapHeader(keyType: ThriftType, valueType: ThriftType, count: Int) {
        writeLength(count)
        if count > 0 {
            bytes.append(keyType.rawValue << 4 | valueType.rawValue)
        }
    }

    /// Writes a list header and then each element with `writeElement`.
    public mutating func writeList<Element>(
        of elementType: ThriftType, _ elements: [Element],
        _ writeElement: (inout ThriftCompactWriter, Element) -> Void
    ) {
        writeListHeader(elementType: elementType, count: elements.count)
        for element in elements {
            writeElement(&self, element)
        }
    }

    // MARK: Fields (nil writes nothing)

    public mutating func writeBoolField(_ id: Int16, _ value: Bool?) {
        guard let value else { return }
        writeFieldHeader(id: id, typeID: value ? 1 : 2)
    }

    public mutating func writeI8Field(_ id: Int16, _ value: Int8?) {
        guard let value else { return }
        writeFieldHeader(id: id, type: .i8)
        writeI8(value)
    }

    public mutating func writeI16Field(_ id: Int16, _ value: Int16?) {
        guard let value else { return }
        writeFieldHeader(id: id, type: .i16)
        writeI16(value)
    }

    public mutating func writeI32Field(_ id: Int16, _ value: Int32?) {
        guard let value else { return }
        writeFieldHeader(id: id, type: .i32)
        writeI32(value)
    }

    public mutating func writeI64Field(_ id: Int16, _ value: Int64?) {
        guard let value else { return }
        writeFieldHeader(id: id, type: .i64)
        writeI64(value)
    }

    public mutating func writeDoubleField(_ id: Int16, _ value: Double?) {
        guard let value else { return }
        writeFieldHeader(id: id, type: .double)
        writeDouble(value)
    }

    public mutating func writeBinaryField(_ id: Int16, _ value: [UInt8]?) {
        guard let value else { return }
        writeFieldHeader(id: id, type: .binary)
        writeBinary(value)
    }

    public mutating func writeStringField(_ id: Int16, _ value: String?) {
        guard let value else { return }
        writeFieldHeader(id: id, type: .binary)
        writeString(value)
    }

    public mutating func writeStructField(_ id: Int16, _ value: (some ThriftStruct)?) {
        guard let value else { return }
        writeFieldHeader(id: id, type: .struct)
        value.write(to: &self)
    }

    /// Writes a field holding an empty struct, as used by union members such as `LogicalType.STRING`.
    public mutating func writeEmptyStructField(_ id: Int16) {
        writeFieldHeader(id: id, type: .struct)
        beginStruct()
        endStruct()
    }

    public mutating func writeListField<Element: ThriftStruct>(_ id: Int16, _ values: [Element]?) {
        guard let values else { return }
        writeFieldHeader(id: id, type: .list)
        writeList(of: .struct, values) { writer, element in element.write(to: &writer) }
    }

    public mutating func writeBoolListField(_ id: Int16, _ values: [Bool]?) {
        guard let values else { return }
        writeFieldHeader(id: id, type: .list)
        writeList(of: .bool, values) { writer, value in writer.writeBool(value) }
    }

    public mutating func writeI32ListField(_ id: Int16, _ values: [Int32]?) {
        guard let values else { return }
        writeFieldHeader(id: id, type: .list)
        writeList(of: .i32, values) { writer, value in writer.writeI32(value) }
    }

    public mutating func writeI64ListField(_ id: Int16, _ values: [Int64]?) {
        guard let values else { return }
        writeFieldHeader(id: id, type: .list)
        writeList(of: .i64, values) { writer, value in writer.writeI64(value) }
    }

    public mutating func writeBinaryListField(_ id: Int16, _ values: [[UInt8]]?) {
        guard let values else { return }
        writeFieldHeader(id: id, type: .list)
        writeList(of: .binary, values) { writer, value in writer.writeBinary(value) }
    }

    public mutating func writeStringListField(_ id: Int16, _ values: [String]?) {
        guard let values else { return }
        writeFieldHeader(id: id, type: .list)
        writeList(of: .binary, values) { writer, value in writer.writeString(value) }
    }

    // MARK: Primitives

    private mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private mutating func writeZigzagVarint(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    private mutating func writeLength(_ count: Int) {
        precondition(count >= 0 && count <= Int(Int32.max), "Thrift lengths and counts are non-negative i32")
        writeVarint(UInt64(count))
    }
}

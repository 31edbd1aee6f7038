/// Decodes values of the Thrift compact protocol from untrusted bytes.
///
/// The reader walks a byte slice front to back; `consumedByteCount` says how far it got, which is how a
/// caller finds the page data that directly follows a page header. Every malformed or truncated input throws
/// a `ParquetError` of kind `.invalidMetadata` or `.truncated` whose reason names the byte offset, counted from
/// the first byte given to the reader. No input traps, and no input makes the reader allocate much more than
/// the input's own size:
/// - varints longer than 10 bytes are rejected, as are values that do not fit the declared integer width;
/// - binary lengths are checked against the remaining bytes and against `binaryBytesMax`;
/// - list, set and map counts are checked against the remaining bytes (every element takes at least one);
/// - structs and containers nest at most `nestingDepthMax` deep, so `skip(_:)` cannot overflow the stack.
///
/// Usage: `beginStruct()`, then `readFieldHeader()` until it returns nil (the stop byte), reading or skipping
/// each field's value, then `endStruct()`.
///
/// Spec: Thrift compact protocol (thrift/doc/specs/thrift-compact-protocol.md).
public struct ThriftCompactReader: Sendable {
    /// Default for `nestingDepthMax`: far deeper than any Parquet structure, far shallower than the stack.
    public static let nestingDepthMaxDefault = 64
    /// Default for `binaryBytesMax`.
    public static let binaryBytesMaxDefault = 256 << 20

    /// Structs and containers may nest this deep; deeper input throws `.invalidMetadata`.
    public let nestingDepthMax: Int
    /// A single binary or string value may be at most this long; longer ones throw `.invalidMetadata`.
    public let binaryBytesMax: Int

    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private var lastFieldID: Int16 = 0
    private var enclosingFieldIDs: [Int16] = []
    /// The value of the bool field whose header was read last, until the caller reads or skips it.
    private var pendingBool: Bool?

    /// A reader over `bytes`; offsets in errors and `consumedByteCount` count from `bytes.startIndex`.
    public init(
        _ bytes: ArraySlice<UInt8>,
        nestingDepthMax: Int = ThriftCompactReader.nestingDepthMaxDefault,
        binaryBytesMax: Int = ThriftCompactReader.binaryBytesMaxDefault
    ) {
        self.bytes = bytes
        self.position = bytes.startIndex
        self.nestingDepthMax = nestingDepthMax
        self.binaryBytesMax = binaryBytesMax
    }

    /// A reader over all of `bytes`.
    public init(
        _ bytes: [UInt8],
        nestingDepthMax: Int = ThriftCompactReader.nestingDepthMaxDefault,
        binaryBytesMax: Int = ThriftCompactReader.binaryBytesMaxDefault
    ) {
        self.init(bytes[...], nestingDepthMax: nestingDepthMax, binaryBytesMax: binaryBytesMax)
    }

    /// Bytes read so far, from the first byte given to the reader.
    public var consumedByteCount: Int { position - bytes.startIndex }

    /// Bytes not yet read.
    public var remainingByteCount: Int { bytes.endIndex - position }

    // MARK: Structs and fields

    /// Enters a struct: field ids of its field headers are relative to this struct only.
    ///
    /// - Throws: `.invalidMetadata` if structs would nest deeper than `nestingDepthMax`.
    public mutating func beginStruct() throws(ParquetError) {
        guard enclosingFieldIDs.count < nestingDepthMax else {
            throw invalid("structs nest deeper than \(nestingDepthMax) levels")
        }
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    /// Leaves the struct entered by the matching `beginStruct()`, after `readFieldHeader()` returned nil.
    public mutating func endStruct() {
        precondition(!enclosingFieldIDs.isEmpty, "endStruct() without beginStruct()")
        lastFieldID = enclosingFieldIDs.removeLast()
    }

    /// Reads the next field header of the current struct, or nil at its stop byte.
    ///
    /// For a `.bool` field the value is in the header; read it with `readBool()` or drop it with `skip(.bool)`.
    /// - Throws: `.truncated` at the end of input; `.invalidMetadata` for an unknown type id or an id overflow.
    public mutating func readFieldHeader() throws(ParquetError) -> ThriftFieldHeader? {
        let start = consumedByteCount
        let byte = try readByte("field header")
        if byte == 0 {
            return nil
        }
        let typeID = byte & 0x0F
        guard let type = ThriftType(compactID: typeID) else {
            throw invalid("unknown field type id \(typeID) in field header", at: start)
        }
        let delta = Int16(byte >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            let (sum, overflow) = lastFieldID.addingReportingOverflow(delta)
            guard !overflow else { throw invalid("field id overflows i16", at: start) }
            id = sum
        }
        lastFieldID = id
        if type == .bool {
            pendingBool = typeID == 1
        }
        return ThriftFieldHeader(id: id, type: type)
    }

    // MARK: Scalars

    /// Reads a bool: the value of the bool field header just read, or else a one-byte list element.
    ///
    /// List elements are 1 for true and 0 or 2 for false (writers differ); other bytes throw `.invalidMetadata`.
    public mutating func readBool() throws(ParquetError) -> Bool {
        if let value = pendingBool {
            pendingBool = nil
            return value
        }
        let start = consumedByteCount
        switch try readByte("bool") {
        case 1: return true
        case 0, 2: return false
        case let other: throw invalid("bool element has value \(other)", at: start)
        }
    }

    /// Reads an i8, which the compact protocol stores as one byte (not a varint).
    public mutating func readI8() throws(ParquetError) -> Int8 {
        Int8(bitPattern: try readByte("i8"))
    }

    /// Reads a zigzag varint i16.
    public mutating func readI16() throws(ParquetError) -> Int16 {
        let start = consumedByteCount
        guard let value = Int16(exactly: try readZigzagVarint("i16")) else {
            throw invalid("i16 varint out of range", at: start)
        }
        return value
    }

    /// Reads a zigzag varint i32.
    public mutating func readI32() throws(ParquetError) -> Int32 {
        let start = consumedByteCount
        guard let value = Int32(exactly: try readZigzagVarint("i32")) else {
            throw invalid("i32 varint out of range", at: start)
        }
        return value
    }

    /// Reads a zigzag varint i64.
    public mutating func readI64() throws(ParquetError) -> Int64 {
        try readZigzagVarint("i64")
    }

    /// Reads an IEEE 754 double stored as 8 little-endian bytes.
    public mutating func readDouble() throws(ParquetError) -> Double {
        let start = try advance(by: 8, "double")
        var bits: UInt64 = 0
        for index in 0..<8 {
            bits |= UInt64(bytes[start + index]) << (8 * index)
        }
        return Double(bitPattern: bits)
    }

    /// Reads a length-prefixed byte string.
    ///
    /// - Throws: `.truncated` if fewer bytes remain than the length says; `.invalidMetadata` if the length
    ///   exceeds `binaryBytesMax`.
    public mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let range = try readBinaryRange("binary")
        return Array(bytes[range])
    }

    /// Reads a length-prefixed UTF-8 string.
    ///
    /// - Throws: as `readBinary()`, and `.invalidMetadata` if the bytes are not valid UTF-8.
    public mutating func readString() throws(ParquetError) -> String {
        let start = consumedByteCount
        let range = try readBinaryRange("string")
        guard let string = String(validating: bytes[range], as: UTF8.self) else {
            throw invalid("string is not valid UTF-8", at: start)
        }
        return string
    }

    /// Reads a 16-byte UUID value as raw bytes.
    public mutating func readUUID() throws(ParquetError) -> [UInt8] {
        let start = try advance(by: 16, "uuid")
        return Array(bytes[start..<start + 16])
    }

    // MARK: Containers

    /// Reads a list header. The count is at most `remainingByteCount`, since every element takes a byte.
    public mutating func readListHeader() throws(ParquetError) -> ThriftListHeader {
        try readCollectionHeader("list")
    }

    /// Reads a set header; sets are encoded exactly like lists.
    public mutating func readSetHeader() throws(ParquetError) -> ThriftListHeader {
        try readCollectionHeader("set")
    }

    /// Reads a map header. The count is at most half of `remainingByteCount`.
    public mutating func readMapHeader() throws(ParquetError) -> ThriftMapHeader {
        let start = consumedByteCount
        let count = try readLength("map size")
        guard count > 0 else {
            return ThriftMapHeader(count: 0, keyType: nil, valueType: nil)
        }
        guard count <= remainingByteCount / 2 else {
            throw .truncated(at: consumedByteCount, needed: count * 2, what: "map of \(count) entries")
        }
        let typeByte = try readByte("map types")
        guard let keyType = ThriftType(compactID: typeByte >> 4),
            let valueType = ThriftType(compactID: typeByte & 0x0F)
        else {
            throw invalid("unknown key or value type in map header \(typeByte)", at: start)
        }
        return ThriftMapHeader(count: count, keyType: keyType, valueType: valueType)
    }

    /// Reads a list whose elements must have `elementType` (any type is accepted for an empty list).
    ///
    /// - Parameters:
    ///   - what: names the list in errors, e.g. "FileMetaData.schema".
    ///   - readElement: reads one element.
    /// - Throws: `.invalidMetadata` if a non-empty list has another element type, and whatever `readElement`
    ///   throws.
    public mutating func readList<Element>(
        of elementType: ThriftType, _ what: String,
        _ readElement: (inout ThriftCompactReader) throws(ParquetError) -> Element
    ) throws(ParquetError) -> [Element] {
        let start = consumedByteCount
        let header = try readListHeader()
        guard header.count > 0 else { return [] }
        guard header.elementType == elementType else {
            throw invalid("\(what) must be a list<\(elementType)>, found list<\(header.elementType)>", at: start)
        }
        var elements: [Element] = []
        // The count is bounded by the input size, but elements may be much larger than a byte: reserve little.
        elements.reserveCapacity(min(header.count, 1_024))
        for _ in 0..<header.count {
            elements.append(try readElement(&self))
        }
        return elements
    }

    /// Reads a list of structs.
    public mutating func readList<Element: ThriftStruct>(of _: Element.Type, _ what: String) throws(ParquetError)
        -> [Element]
    {
        try readList(of: .struct, what) { (reader: inout ThriftCompactReader) throws(ParquetError) in
            try Element(from: &reader)
        }
    }

    /// Reads a `list<bool>`.
    public mutating func readBoolList(_ what: String) throws(ParquetError) -> [Bool] {
        try readList(of: .bool, what) { (reader: inout ThriftCompactReader) throws(ParquetError) in
            try reader.readBool()
        }
    }

    /// Reads a `list<i32>`.
    public mutating func readI32List(_ what: String) throws(ParquetError) -> [Int32] {
        try readList(of: .i32, what) { (reader: inout ThriftCompactReader) throws(ParquetError) in
            try reader.readI32()
        }
    }

    /// Reads a `list<i64>`.
    public mutating func readI64List(_ what: String) throws(ParquetError) -> [Int64] {
        try readList(of: .i64, what) { (reader: inout ThriftCompactReader) throws(ParquetError) in
            try reader.readI64()
        }
    }

    /// Reads a `list<binary>`.
    public mutating func readBinaryList(_ what: String) throws(ParquetError) -> [[UInt8]] {
        try readList(of: .binary, what) { (reader: inout ThriftCompactReader) throws(ParquetError) in
            try reader.readBinary()
        }
    }

    /// Reads a `list<string>`.
    public mutating func readStringList(_ what: String) throws(ParquetError) -> [String] {
        try readList(of: .binary, what) { (reader: inout ThriftCompactReader) throws(ParquetError) in
            try reader.readString()
        }
    }

    // MARK: Skipping

    /// Skips one value of `type`, such as the value of an unknown field.
    ///
    /// - Throws: `.invalidMetadata` if structs and containers nest deeper than `nestingDepthMax`, and any
    ///   error of the values skipped.
    /// - Complexity: O(n) in the bytes skipped; recursion depth at most `nestingDepthMax`.
    public mutating func skip(_ type: ThriftType) throws(ParquetError) {
        try skip(type, depth: enclosingFieldIDs.count)
    }

    private mutating func skip(_ type: ThriftType, depth: Int) throws(ParquetError) {
        guard depth <= nestingDepthMax else {
            throw invalid("values nest deeper than \(nestingDepthMax) levels")
        }
        switch type {
        case .bool:
            _ = try readBool()
        case .i8:
            _ = try readByte("i8")
        case .i16, .i32, .i64:
            _ = try readVarint(type.description)
        case .double:
            _ = try advance(by: 8, "double")
        case .uuid:
            _ = try advance(by: 16, "uuid")
        case .binary:
            _ = try readBinaryRange("binary")
        case .list, .set:
            let header = try readCollectionHeader(type.description)
            for _ in 0..<header.count {
                try skip(header.elementType, depth: depth + 1)
            }
        case .map:
            let header = try readMapHeader()
            if let keyType = header.keyType, let valueType = header.valueType {
                for _ in 0..<header.count {
                    try skip(keyType, depth: depth + 1)
                    try skip(valueType, depth: depth + 1)
                }
            }
        case .struct:
            try beginStruct()
            while let field = try readFieldHeader() {
                try skip(field.type, depth: depth + 1)
            }
            endStruct()
        }
    }

    // MARK: Primitives

    private mutating func readByte(_ what: String) throws(ParquetError) -> UInt8 {
        guard position < bytes.endIndex else {
            throw .truncated(at: consumedByteCount, needed: 1, what: "Thrift \(what)")
        }
        defer { position += 1 }
        return bytes[position]
    }

    /// Moves past `count` bytes and returns the index of the first.
    private mutating func advance(by count: Int, _ what: String) throws(ParquetError) -> Int {
        guard count <= remainingByteCount else {
            throw .truncated(at: consumedByteCount, needed: count - remainingByteCount, what: "Thrift \(what)")
        }
        defer { position += count }
        return position
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes whose value fits 64 bits.
    private mutating func readVarint(_ what: String) throws(ParquetError) -> UInt64 {
        let start = consumedByteCount
        var value: UInt64 = 0
        for index in 0..<10 {
            let byte = try readByte(what)
            if index == 9 && byte > 1 {
                throw invalid("\(what) varint is longer than 10 bytes or exceeds 64 bits", at: start)
            }
            value |= UInt64(byte & 0x7F) << (7 * UInt64(index))
            if byte & 0x80 == 0 {
                return value
            }
        }
        throw invalid("\(what) varint is longer than 10 bytes", at: start)
    }

    private mutating func readZigzagVarint(_ what: String) throws(ParquetError) -> Int64 {
        let raw = try readVarint(what)
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads an unsigned varint length or count, which Thrift limits to i32.
    private mutating func readLength(_ what: String) throws(ParquetError) -> Int {
        let start = consumedByteCount
        let raw = try readVarint(what)
        guard raw <= UInt64(Int32.max) else {
            throw invalid("\(what) \(raw) exceeds the i32 range", at: start)
        }
        return Int(raw)
    }

    private mutating func readBinaryRange(_ what: String) throws(ParquetError) -> Range<Int> {
        let start = consumedByteCount
        let length = try readLength("\(what) length")
        guard length <= binaryBytesMax else {
            throw invalid("\(what) of \(length) bytes exceeds the limit of \(binaryBytesMax) bytes", at: start)
        }
        let first = try advance(by: length, "\(what) of \(length) bytes")
        return first..<first + length
    }

    private mutating func readCollectionHeader(_ what: String) throws(ParquetError) -> ThriftListHeader {
        let start = consumedByteCount
        let byte = try readByte("\(what) header")
        let typeID = byte & 0x0F
        guard let elementType = ThriftType(compactID: typeID) else {
            throw invalid("unknown element type id \(typeID) in \(what) header", at: start)
        }
        var count = Int(byte >> 4)
        if count == 15 {
            count = try readLength("\(what) size")
        }
        guard count <= remainingByteCount else {
            throw .truncated(
                at: consumedByteCount, needed: count - remainingByteCount, what: "Thrift \(what) of \(count) elements")
        }
        return ThriftListHeader(elementType: elementType, count: count)
    }

    private func invalid(_ reason: String, at offset: Int? = nil) -> ParquetError {
        ParquetError(.invalidMetadata, "Thrift: \(reason) at offset \(offset ?? consumedByteCount)")
    }
}

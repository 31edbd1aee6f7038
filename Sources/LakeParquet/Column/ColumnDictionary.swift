/// The dictionary of one column chunk being written, over the typed dictionary encoders.
///
/// The writer checks `plainByteCount` after each page and falls back to PLAIN once it passes the limit, so the
/// encoders themselves are unbounded here: a page is always encoded whole, in one encoding.
struct ColumnDictionary {
    private enum Storage {
        case int32(DictionaryEncoder<Int32>)
        case int64(DictionaryEncoder<Int64>)
        case float(DictionaryEncoder<Float>)
        case double(DictionaryEncoder<Double>)
        case bytes(ByteArrayDictionaryEncoder)
    }

    private var storage: Storage
    /// Whether any page was encoded with the dictionary (only then is a dictionary page written).
    private(set) var isUsed = false

    /// A dictionary for `layout`; nil for BOOLEAN, which is never dictionary-encoded.
    init?(layout: PhysicalLayout) {
        switch layout {
        case .boolean: return nil
        case .int32: storage = .int32(DictionaryEncoder(dictionaryBytesMax: .max))
        case .int64: storage = .int64(DictionaryEncoder(dictionaryBytesMax: .max))
        case .float: storage = .float(DictionaryEncoder(dictionaryBytesMax: .max))
        case .double: storage = .double(DictionaryEncoder(dictionaryBytesMax: .max))
        case .byteArray: storage = .bytes(ByteArrayDictionaryEncoder(dictionaryBytesMax: .max))
        case .fixedLenByteArray(let width):
            storage = .bytes(ByteArrayDictionaryEncoder(dictionaryBytesMax: .max, fixedWidth: width))
        }
    }

    var count: Int {
        switch storage {
        case .int32(let e): e.count
        case .int64(let e): e.count
        case .float(let e): e.count
        case .double(let e): e.count
        case .bytes(let e): e.count
        }
    }

    /// Size of the dictionary page's values, PLAIN-encoded.
    var plainByteCount: Int {
        switch storage {
        case .int32(let e): e.plainByteCount
        case .int64(let e): e.plainByteCount
        case .float(let e): e.plainByteCount
        case .double(let e): e.plainByteCount
        case .bytes(let e): e.plainByteCount
        }
    }

    /// Adds `values` to the dictionary and appends the RLE_DICTIONARY encoding of their indices to `output`.
    mutating func encodeIndices(of values: PhysicalValues, into output: inout [UInt8]) {
        isUsed = true
        var indices: [UInt32] = []
        indices.reserveCapacity(values.count)
        // Switch on the moved-out storage alone: a tuple with `values` would keep a second reference to the hash
        // table and entries, and the first insertion would copy them all (once per page).
        switch takeStorage() {
        case .int32(var e):
            guard case .int32(let v) = values else { Self.mismatch(values) }
            _ = v.withUnsafeBufferPointer { e.append($0, indices: &indices) }
            storage = .int32(e)
        case .int64(var e):
            guard case .int64(let v) = values else { Self.mismatch(values) }
            _ = v.withUnsafeBufferPointer { e.append($0, indices: &indices) }
            storage = .int64(e)
        case .float(var e):
            guard case .float(let v) = values else { Self.mismatch(values) }
            _ = v.withUnsafeBufferPointer { e.append($0, indices: &indices) }
            storage = .float(e)
        case .double(var e):
            guard case .double(let v) = values else { Self.mismatch(values) }
            _ = v.withUnsafeBufferPointer { e.append($0, indices: &indices) }
            storage = .double(e)
        case .bytes(var e):
            switch values {
            case .byteArray(let offsets, let data):
                _ = data.withUnsafeBytes { bytes in
                    offsets.withUnsafeBufferPointer { e.append(data: bytes, offsets: $0, indices: &indices) }
                }
            case .fixedLenByteArray(_, let data):
                _ = data.withUnsafeBytes { e.appendFixedWidth(data: $0, indices: &indices) }
            default:
                Self.mismatch(values)
            }
            storage = .bytes(e)
        }
        let bitWidth = DictionaryIndices.bitWidth(dictionaryCount: count)
        indices.withUnsafeBufferPointer { DictionaryIndices.encode($0, bitWidth: bitWidth, into: &output) }
    }

    /// Moves the encoder out, leaving an empty encoder behind, so that the caller holds the only reference.
    private mutating func takeStorage() -> Storage {
        let taken = storage
        storage = .int32(DictionaryEncoder(dictionaryBytesMax: 0, expectedEntryCount: 0))
        return taken
    }

    private static func mismatch(_ values: PhysicalValues) -> Never {
        preconditionFailure("dictionary of another physical type than \(values.kindName)")
    }

    /// The dictionary page body: the entries PLAIN-encoded, in index order.
    func encodeDictionaryPage() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(plainByteCount)
        switch storage {
        case .int32(let e): e.encodeDictionaryPage(into: &output)
        case .int64(let e): e.encodeDictionaryPage(into: &output)
        case .float(let e): e.encodeDictionaryPage(into: &output)
        case .double(let e): e.encodeDictionaryPage(into: &output)
        case .bytes(let e): e.encodeDictionaryPage(into: &output)
        }
        return output
    }
}

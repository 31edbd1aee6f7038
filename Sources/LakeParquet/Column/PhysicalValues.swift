/// Non-null values of one column in their Parquet physical representation, as encoders consume them and
/// decoders produce them.
///
/// Spec: parquet-format "Types" (physical types).
enum PhysicalValues {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    /// BYTE_ARRAY: value `i` is `data[offsets[i]..<offsets[i+1]]`.
    case byteArray(offsets: [Int32], data: [UInt8])
    /// FIXED_LEN_BYTE_ARRAY of `width` bytes per value.
    case fixedLenByteArray(width: Int, data: [UInt8])

    var count: Int {
        switch self {
        case .boolean(let v): v.count
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .float(let v): v.count
        case .double(let v): v.count
        case .byteArray(let offsets, _): max(0, offsets.count - 1)
        case .fixedLenByteArray(let width, let data): width == 0 ? 0 : data.count / width
        }
    }
}

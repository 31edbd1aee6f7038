extension PhysicalValues {
    /// Empty values of `layout`'s physical type.
    init(empty layout: PhysicalLayout) {
        switch layout {
        case .boolean: self = .boolean([])
        case .int32: self = .int32([])
        case .int64: self = .int64([])
        case .float: self = .float([])
        case .double: self = .double([])
        case .byteArray: self = .byteArray(offsets: [0], data: [])
        case .fixedLenByteArray(let width): self = .fixedLenByteArray(width: width, data: [])
        }
    }

    /// Appends `other[range]` (value indices). Both must have the same physical type.
    mutating func append(_ other: PhysicalValues, range: Range<Int>) {
        // Switching on `taking()` alone (not a tuple with `other`) keeps the arrays uniquely referenced, so the
        // appends below extend them in place instead of copying everything appended so far.
        switch taking() {
        case .boolean(var a):
            guard case .boolean(let b) = other else { Self.mismatch(other, .boolean(a)) }
            a.append(contentsOf: b[range])
            self = .boolean(a)
        case .int32(var a):
            guard case .int32(let b) = other else { Self.mismatch(other, .int32(a)) }
            a.append(contentsOf: b[range])
            self = .int32(a)
        case .int64(var a):
            guard case .int64(let b) = other else { Self.mismatch(other, .int64(a)) }
            a.append(contentsOf: b[range])
            self = .int64(a)
        case .float(var a):
            guard case .float(let b) = other else { Self.mismatch(other, .float(a)) }
            a.append(contentsOf: b[range])
            self = .float(a)
        case .double(var a):
            guard case .double(let b) = other else { Self.mismatch(other, .double(a)) }
            a.append(contentsOf: b[range])
            self = .double(a)
        case .byteArray(var offsets, var data):
            guard case .byteArray(let otherOffsets, let otherData) = other else {
                Self.mismatch(other, .byteArray(offsets: offsets, data: data))
            }
            let start = Int(otherOffsets[range.lowerBound])
            let end = Int(otherOffsets[range.upperBound])
            let shift = Int32(data.count) - Int32(start)
            data.append(contentsOf: otherData[start..<end])
            offsets.reserveCapacity(offsets.count + range.count)
            for index in range { offsets.append(otherOffsets[index + 1] + shift) }
            self = .byteArray(offsets: offsets, data: data)
        case .fixedLenByteArray(let width, var data):
            guard case .fixedLenByteArray(_, let otherData) = other else {
                Self.mismatch(other, .fixedLenByteArray(width: width, data: data))
            }
            data.append(contentsOf: otherData[range.lowerBound * width..<range.upperBound * width])
            self = .fixedLenByteArray(width: width, data: data)
        }
    }

    private static func mismatch(_ other: PhysicalValues, _ mine: PhysicalValues) -> Never {
        preconditionFailure("appending \(other.kindName) values to \(mine.kindName)")
    }

    /// Reserves room for `count` values in total. For BYTE_ARRAY this reserves the offsets only, and
    /// FIXED_LEN_BYTE_ARRAY reserves nothing (its width comes from the file): their bytes grow as needed.
    mutating func reserveCapacity(_ count: Int) {
        switch taking() {
        case .boolean(var v):
            v.reserveCapacity(count)
            self = .boolean(v)
        case .int32(var v):
            v.reserveCapacity(count)
            self = .int32(v)
        case .int64(var v):
            v.reserveCapacity(count)
            self = .int64(v)
        case .float(var v):
            v.reserveCapacity(count)
            self = .float(v)
        case .double(var v):
            v.reserveCapacity(count)
            self = .double(v)
        case .byteArray(var offsets, let data):
            offsets.reserveCapacity(count + 1)
            self = .byteArray(offsets: offsets, data: data)
        case let fixed:
            self = fixed
        }
    }

    /// Moves the values out, leaving `self` empty, so that the caller can mutate the arrays without copying.
    mutating func taking() -> PhysicalValues {
        let values = self
        self = .boolean([])
        return values
    }

    /// Bytes the values take PLAIN-encoded (booleans counted as one byte each): the page-size measure.
    var plainByteCount: Int {
        switch self {
        case .boolean(let v): v.count
        case .int32(let v): v.count * 4
        case .int64(let v): v.count * 8
        case .float(let v): v.count * 4
        case .double(let v): v.count * 8
        case .byteArray(let offsets, let data): data.count + 4 * (offsets.count - 1)
        case .fixedLenByteArray(_, let data): data.count
        }
    }
}

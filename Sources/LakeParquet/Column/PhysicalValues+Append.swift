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
        switch (taking(), other) {
        case (.boolean(var a), .boolean(let b)):
            a.append(contentsOf: b[range])
            self = .boolean(a)
        case (.int32(var a), .int32(let b)):
            a.append(contentsOf: b[range])
            self = .int32(a)
        case (.int64(var a), .int64(let b)):
            a.append(contentsOf: b[range])
            self = .int64(a)
        case (.float(var a), .float(let b)):
            a.append(contentsOf: b[range])
            self = .float(a)
        case (.double(var a), .double(let b)):
            a.append(contentsOf: b[range])
            self = .double(a)
        case (.byteArray(var offsets, var data), .byteArray(let otherOffsets, let otherData)):
            let start = Int(otherOffsets[range.lowerBound])
            let end = Int(otherOffsets[range.upperBound])
            let shift = Int32(data.count) - Int32(start)
            data.append(contentsOf: otherData[start..<end])
            offsets.reserveCapacity(offsets.count + range.count)
            for index in range { offsets.append(otherOffsets[index + 1] + shift) }
            self = .byteArray(offsets: offsets, data: data)
        case (.fixedLenByteArray(let width, var data), .fixedLenByteArray(_, let otherData)):
            data.append(contentsOf: otherData[range.lowerBound * width..<range.upperBound * width])
            self = .fixedLenByteArray(width: width, data: data)
        case (let mine, _):
            preconditionFailure("appending \(other.kindName) values to \(mine.kindName)")
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

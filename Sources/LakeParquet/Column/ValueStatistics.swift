/// Minimum, maximum and null count of a page or column chunk, with min/max PLAIN-encoded as Parquet stores them
/// (byte arrays without their length prefix).
///
/// Spec: parquet-format README "Column statistics" and the sort orders of LogicalTypes.md.
struct ValueStatistics: Equatable {
    var min: [UInt8]?
    var max: [UInt8]?
    var nullCount: Int64 = 0
    var isMinExact = true
    var isMaxExact = true

    /// Longest min/max written for byte arrays; longer values are truncated (see `truncatingBinary`).
    static let binaryBytesMax = 64

    /// How values of a column compare, as the column's logical type prescribes.
    enum SortOrder {
        case signed
        case unsigned
        /// FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY decimals: big-endian two's complement.
        case signedBigEndian
    }

    /// Statistics of `values` under `order`; `utf8` keeps truncated byte-array bounds valid UTF-8.
    init(values: PhysicalValues, nullCount: Int64, order: SortOrder, utf8: Bool) {
        self.nullCount = nullCount
        switch values {
        case .boolean(let v):
            guard !v.isEmpty else { return }
            min = [v.contains(false) ? 0 : 1]
            max = [v.contains(true) ? 1 : 0]
        case .int32(let v):
            if order == .unsigned {
                setBounds(Self.bounds(v.lazy.map { UInt32(bitPattern: $0) }), as: Int32.self) { Int32(bitPattern: $0) }
            } else {
                setBounds(Self.bounds(v), as: Int32.self) { $0 }
            }
        case .int64(let v):
            if order == .unsigned {
                setBounds(Self.bounds(v.lazy.map { UInt64(bitPattern: $0) }), as: Int64.self) { Int64(bitPattern: $0) }
            } else {
                setBounds(Self.bounds(v), as: Int64.self) { $0 }
            }
        case .float(let v):
            guard let (low, high) = Self.floatBounds(v) else { return }
            min = Self.littleEndian(low.bitPattern)
            max = Self.littleEndian(high.bitPattern)
        case .double(let v):
            guard let (low, high) = Self.floatBounds(v) else { return }
            min = Self.littleEndian(low.bitPattern)
            max = Self.littleEndian(high.bitPattern)
        case .byteArray(let offsets, let data):
            setBinaryBounds(count: values.count, order: order, utf8: utf8, data: data) { index in
                Int(offsets[index])..<Int(offsets[index + 1])
            }
        case .fixedLenByteArray(let width, let data):
            setBinaryBounds(count: values.count, order: order, utf8: false, data: data) { index in
                index * width..<(index + 1) * width
            }
        }
    }

    init(nullCount: Int64) {
        self.nullCount = nullCount
    }

    /// Widens `self` to cover `other` (both computed with `order`).
    mutating func merge(_ other: ValueStatistics, physical: PhysicalLayout, order: SortOrder) {
        nullCount += other.nullCount
        if let otherMin = other.min {
            if let current = min, Self.compare(current, otherMin, physical, order) <= 0 {
            } else {
                min = otherMin
                isMinExact = other.isMinExact
            }
        }
        if let otherMax = other.max {
            if let current = max, Self.compare(current, otherMax, physical, order) >= 0 {
            } else {
                max = otherMax
                isMaxExact = other.isMaxExact
            }
        }
    }

    // MARK: - Bounds

    private mutating func setBounds<T: Comparable, S: FixedWidthInteger>(
        _ bounds: (T, T)?, as: S.Type, _ toStored: (T) -> S
    ) {
        guard let (low, high) = bounds else { return }
        min = Self.littleEndian(toStored(low))
        max = Self.littleEndian(toStored(high))
    }

    private static func bounds<C: Sequence>(_ values: C) -> (C.Element, C.Element)? where C.Element: Comparable {
        var iterator = values.makeIterator()
        guard let first = iterator.next() else { return nil }
        var low = first
        var high = first
        while let value = iterator.next() {
            if value < low { low = value }
            if value > high { high = value }
        }
        return (low, high)
    }

    /// Bounds ignoring NaN; a zero minimum is written as -0.0 and a zero maximum as +0.0, as the spec asks.
    private static func floatBounds<F: BinaryFloatingPoint>(_ values: [F]) -> (F, F)? {
        var low = F.infinity
        var high = -F.infinity
        var seen = false
        for value in values where !value.isNaN {
            seen = true
            if value < low { low = value }
            if value > high { high = value }
        }
        guard seen else { return nil }
        if low == 0 { low = -0.0 }
        if high == 0 { high = 0.0 }
        return (low, high)
    }

    private mutating func setBinaryBounds(
        count: Int, order: SortOrder, utf8: Bool, data: [UInt8], range: (Int) -> Range<Int>
    ) {
        guard count > 0 else { return }
        data.withUnsafeBufferPointer { bytes in
            var lowIndex = 0
            var highIndex = 0
            for index in 1..<Swift.max(1, count) {
                let candidate = UnsafeBufferPointer(rebasing: bytes[range(index)])
                if Self.compareBytes(candidate, UnsafeBufferPointer(rebasing: bytes[range(lowIndex)]), order) < 0 {
                    lowIndex = index
                }
                if Self.compareBytes(candidate, UnsafeBufferPointer(rebasing: bytes[range(highIndex)]), order) > 0 {
                    highIndex = index
                }
            }
            let low = Array(bytes[range(lowIndex)])
            let high = Array(bytes[range(highIndex)])
            if order == .signedBigEndian {
                min = low
                max = high
                return
            }
            (min, isMinExact) = Self.truncatedMin(low, utf8: utf8)
            (max, isMaxExact) = Self.truncatedMax(high, utf8: utf8)
        }
    }

    /// A lower bound of at most `binaryBytesMax` bytes: a prefix (cut at a character boundary for UTF-8).
    static func truncatedMin(_ value: [UInt8], utf8: Bool) -> ([UInt8], Bool) {
        guard value.count > binaryBytesMax else { return (value, true) }
        var cut = binaryBytesMax
        if utf8 { while cut > 0 && value[cut] & 0xC0 == 0x80 { cut -= 1 } }
        return (Array(value[..<cut]), false)
    }

    /// An upper bound of at most `binaryBytesMax` bytes: a prefix whose last byte (or, for UTF-8, last
    /// character) is incremented. When no short bound exists (every byte 0xFF, or only U+10FFFF characters) the
    /// whole value is kept, exactly: a missing maximum would let a merge of page statistics settle on a smaller
    /// page's maximum.
    static func truncatedMax(_ value: [UInt8], utf8: Bool) -> ([UInt8]?, Bool) {
        let (bound, exact) = shortUpperBound(value, utf8: utf8)
        return bound == nil ? (value, true) : (bound, exact)
    }

    private static func shortUpperBound(_ value: [UInt8], utf8: Bool) -> ([UInt8]?, Bool) {
        guard value.count > binaryBytesMax else { return (value, true) }
        if utf8, String(validating: value, as: UTF8.self) != nil {
            var cut = binaryBytesMax
            while cut > 0 && value[cut] & 0xC0 == 0x80 { cut -= 1 }
            var scalars = Array(String(decoding: value[..<cut], as: UTF8.self).unicodeScalars)
            while let last = scalars.popLast() {
                var next = last.value + 1
                if (0xD800...0xDFFF).contains(next) { next = 0xE000 }
                if let bumped = Unicode.Scalar(next) {
                    var view = String.UnicodeScalarView()
                    view.append(contentsOf: scalars)
                    view.append(bumped)
                    let bound = Array(String(view).utf8)
                    if bound.count <= binaryBytesMax { return (bound, false) }
                }
            }
            return (nil, false)
        }
        var prefix = Array(value[..<binaryBytesMax])
        while let last = prefix.last {
            if last < 0xFF {
                prefix[prefix.count - 1] = last + 1
                return (prefix, false)
            }
            prefix.removeLast()
        }
        return (nil, false)
    }

    // MARK: - Comparison

    static func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, _ order: SortOrder) -> Int {
        if order == .signedBigEndian {
            let aNegative = a.first.map { $0 & 0x80 != 0 } ?? false
            let bNegative = b.first.map { $0 & 0x80 != 0 } ?? false
            if aNegative != bNegative { return aNegative ? -1 : 1 }
            if a.count != b.count {
                // Same sign, different widths: sign-extend the shorter one.
                let pad: UInt8 = aNegative ? 0xFF : 0
                let width = Swift.max(a.count, b.count)
                for i in 0..<width {
                    let x = i < width - a.count ? pad : a[i - (width - a.count)]
                    let y = i < width - b.count ? pad : b[i - (width - b.count)]
                    if x != y { return x < y ? -1 : 1 }
                }
                return 0
            }
        }
        let shared = Swift.min(a.count, b.count)
        for i in 0..<shared where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Compares two encoded bounds of `physical` type under `order`.
    static func compare(_ a: [UInt8], _ b: [UInt8], _ physical: PhysicalLayout, _ order: SortOrder) -> Int {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch physical {
        case .boolean, .byteArray, .fixedLenByteArray:
            return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in compareBytes(x, y, order) } }
        case .int32:
            let x = UInt32(littleEndianBytes: a)
            let y = UInt32(littleEndianBytes: b)
            return order == .unsigned ? sign(x, y) : sign(Int32(bitPattern: x), Int32(bitPattern: y))
        case .int64:
            let x = UInt64(littleEndianBytes: a)
            let y = UInt64(littleEndianBytes: b)
            return order == .unsigned ? sign(x, y) : sign(Int64(bitPattern: x), Int64(bitPattern: y))
        case .float:
            return sign(Float(bitPattern: UInt32(littleEndianBytes: a)), Float(bitPattern: UInt32(littleEndianBytes: b)))
        case .double:
            return sign(Double(bitPattern: UInt64(littleEndianBytes: a)), Double(bitPattern: UInt64(littleEndianBytes: b)))
        }
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}

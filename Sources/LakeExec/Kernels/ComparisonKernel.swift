import LakeColumnar

/// Vectorized comparisons of two columns of the same type, and the total orders they and sorting share.
///
/// Floating point: -0.0 equals 0.0, NaN equals NaN and sorts above every other value (PostgreSQL's order).
/// Byte strings compare bytewise (for UTF-8 this is code point order). Spec: spec/executor.md (comparisons)
enum ComparisonKernel {
    static func compare(_ op: ComparisonOperator, _ lhs: Column, _ rhs: Column) throws(ExecutionError) -> Column {
        precondition(lhs.type == rhs.type, "comparison operands must have one type")
        let validity = Bitmap.intersection(lhs.validity, rhs.validity)
        let result: [Bool]
        switch (lhs.values, rhs.values) {
        case (.bool(let a), .bool(let b)):
            let left: [UInt8] = a.map { $0 ? 1 : 0 }
            let right: [UInt8] = b.map { $0 ? 1 : 0 }
            result = compareArrays(left, right, op)
        case (.int8(let a), .int8(let b)): result = compareArrays(a, b, op)
        case (.int16(let a), .int16(let b)): result = compareArrays(a, b, op)
        case (.int32(let a), .int32(let b)): result = compareArrays(a, b, op)
        case (.int64(let a), .int64(let b)): result = compareArrays(a, b, op)
        case (.uint8(let a), .uint8(let b)): result = compareArrays(a, b, op)
        case (.uint16(let a), .uint16(let b)): result = compareArrays(a, b, op)
        case (.uint32(let a), .uint32(let b)): result = compareArrays(a, b, op)
        case (.uint64(let a), .uint64(let b)): result = compareArrays(a, b, op)
        case (.int128(let a), .int128(let b)): result = compareArrays(a, b, op)
        case (.float32(let a), .float32(let b)):
            result = zip(a, b).map { (x: Float, y: Float) -> Bool in op.holds(totalOrder(Double(x), Double(y))) }
        case (.float64(let a), .float64(let b)):
            result = zip(a, b).map { (x: Double, y: Double) -> Bool in op.holds(totalOrder(x, y)) }
        case (.bytes, .bytes), (.fixedBytes, .fixedBytes):
            let (aOffsets, aData) = try lhs.byteStrings()
            let (bOffsets, bData) = try rhs.byteStrings()
            var flags = [Bool](repeating: false, count: lhs.count)
            for row in 0..<lhs.count {
                let aRange = Int(aOffsets[row])..<Int(aOffsets[row + 1])
                let bRange = Int(bOffsets[row])..<Int(bOffsets[row + 1])
                flags[row] = op.holds(compareBytes(aData, aRange, bData, bRange))
            }
            result = flags
        default:
            throw .unsupportedType(lhs.type, context: "comparison")
        }
        return Column.make(.bool, .bool(result), validity: validity)
    }

    private static func compareArrays<T: Comparable>(_ a: [T], _ b: [T], _ op: ComparisonOperator) -> [Bool] {
        switch op {
        case .equal: zip(a, b).map { $0 == $1 }
        case .notEqual: zip(a, b).map { $0 != $1 }
        case .less: zip(a, b).map { $0 < $1 }
        case .lessOrEqual: zip(a, b).map { $0 <= $1 }
        case .greater: zip(a, b).map { $0 > $1 }
        case .greaterOrEqual: zip(a, b).map { $0 >= $1 }
        }
    }

    /// -1, 0 or 1: NaN above everything and equal to itself, -0.0 equal to 0.0.
    @inline(__always) static func totalOrder(_ x: Double, _ y: Double) -> Int {
        if x < y { return -1 }
        if x > y { return 1 }
        if x == y { return 0 }
        if x.isNaN { return y.isNaN ? 0 : 1 }
        return -1
    }

    /// Lexicographic order of two byte ranges.
    @inline(__always) static func compareBytes(_ a: [UInt8], _ aRange: Range<Int>, _ b: [UInt8], _ bRange: Range<Int>)
        -> Int
    {
        let shared = min(aRange.count, bRange.count)
        var i = 0
        while i < shared {
            let x = a[aRange.lowerBound + i]
            let y = b[bRange.lowerBound + i]
            if x != y { return x < y ? -1 : 1 }
            i += 1
        }
        return aRange.count == bRange.count ? 0 : (aRange.count < bRange.count ? -1 : 1)
    }
}

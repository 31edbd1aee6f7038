/// A set of row positions within one row group, held as sorted, disjoint, non-adjacent half-open ranges.
///
/// Page-level pruning computes one per predicate (the pages whose column index may match) and intersects them;
/// the reader then decodes only pages that overlap the result and keeps only its rows.
///
/// Spec: spec/parquet.md#page-level-pruning
public struct RowRanges: Sendable, Hashable, CustomStringConvertible {
    /// Sorted, disjoint and non-adjacent.
    public private(set) var ranges: [Range<Int>]

    /// The rows `0..<count`.
    public init(all count: Int) {
        ranges = count > 0 ? [0..<count] : []
    }

    /// The union of `ranges`, in any order, overlapping or not.
    public init(_ ranges: [Range<Int>]) {
        var merged: [Range<Int>] = []
        for range in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    public var rowCount: Int { ranges.reduce(0) { $0 + $1.count } }
    public var isEmpty: Bool { ranges.isEmpty }

    /// The rows in both sets.
    public func intersection(_ other: RowRanges) -> RowRanges {
        var result: [Range<Int>] = []
        var left = 0
        var right = 0
        while left < ranges.count && right < other.ranges.count {
            let a = ranges[left]
            let b = other.ranges[right]
            let low = max(a.lowerBound, b.lowerBound)
            let high = min(a.upperBound, b.upperBound)
            if low < high { result.append(low..<high) }
            if a.upperBound < b.upperBound { left += 1 } else { right += 1 }
        }
        return RowRanges(result)
    }

    /// Whether some row of `range` is in the set.
    public func overlaps(_ range: Range<Int>) -> Bool {
        // Binary search for the first range ending after `range.lowerBound`.
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].lowerBound < range.upperBound
    }

    public var description: String {
        ranges.map { "\($0.lowerBound)..<\($0.upperBound)" }.joined(separator: ", ")
    }
}

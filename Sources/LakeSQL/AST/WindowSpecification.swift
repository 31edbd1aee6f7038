/// The `OVER (PARTITION BY ... ORDER BY ... frame)` of a window function call.
///
/// Spec: spec/sql.md §2.4.
public struct WindowSpecification: Sendable, Hashable {
    public var partitionBy: [Expression]
    public var orderBy: [OrderByItem]
    /// nil: the default frame (all rows of the partition without ORDER BY, up to the current row's peers with it).
    public var frame: WindowFrame?

    public init(partitionBy: [Expression] = [], orderBy: [OrderByItem] = [], frame: WindowFrame? = nil) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }
}

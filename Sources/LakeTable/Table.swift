import LakeCore
import LakeParquet

/// A Delta table inside an object store: the entry point for reading snapshots, scanning and writing.
///
/// `Table` holds no state besides where the table lives and which clock stamps its actions; every call reads
/// the log afresh, so values can be shared between threads and several `Table` values (or processes) may write
/// the same table concurrently: commits are serialized by `ObjectStore.putIfAbsent`.
///
/// ```swift
/// let table = Table(store: LocalObjectStore(root: "/lake"), root: "silver/prices")
/// try table.create(schema: schema, partitionColumns: ["day"])
/// try table.append([batch])
/// let rows = try table.scan(columns: ["id", "price"]).readAll()
/// ```
///
/// Spec: spec/table-log.md §10, §12.
public struct Table: Sendable {
    public let store: any ObjectStore
    /// The table's prefix inside `store` (`""` when the store is rooted at the table).
    public let root: String
    public let clock: TableClock

    public init(store: any ObjectStore, root: String = "", clock: TableClock = .system) {
        self.store = store
        self.root = root
        self.clock = clock
    }

    /// The snapshot of `version` (the latest when nil). See `Snapshot.load`.
    public func snapshot(version: Int64? = nil) throws(TableLogError) -> Snapshot {
        try Snapshot.load(store: store, root: root, version: version)
    }

    /// A scan of `version` (the latest when nil). See `TableScan.init`.
    public func scan(
        version: Int64? = nil, columns: [String]? = nil, predicates: [ParquetPredicate] = [], filterRows: Bool = false
    ) throws(TableLogError) -> TableScan {
        try TableScan(
            snapshot: snapshot(version: version), store: store, root: root, columns: columns, predicates: predicates,
            filterRows: filterRows)
    }
}

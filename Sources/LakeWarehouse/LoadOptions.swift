import LakeColumnar

/// How loaded rows combine with the rows already in the target table.
///
/// Spec: spec/warehouse.md §4 (load modes).
public enum LoadMode: String, Sendable, Hashable, CaseIterable {
    /// Every input row is inserted (facts keyed by snapshot time, evolving maps).
    case append
    /// Only rows whose key is not yet in the target are inserted (stable dimensions); duplicates of a key within
    /// the input collapse to one row, which one is unspecified.
    case insertMissing = "insert-missing"
}

/// Where the input comes from: a stable identity (a table id or path) and the version loaded. The pair is the
/// exactly-once key in `lake_load_state` together with the target table.
public struct LoadSource: Sendable, Hashable {
    public var identity: String
    public var version: Int64

    public init(identity: String, version: Int64) {
        self.identity = identity
        self.version = version
    }
}

/// Keep only input rows whose `columns` are found in `referencedTable`'s `referencedColumns` (or are null, as a
/// foreign key would allow); the others are counted as rejected and not loaded.
public typealias ForeignKeyFilter = ForeignKey

/// The knobs of one load.
public struct LoadOptions: Sendable {
    public var mode: LoadMode = .append
    /// The key for `insertMissing`; the target's primary key when nil.
    public var keyColumns: [String]?
    public var foreignKeyFilters: [ForeignKeyFilter] = []
    /// Load even when `lake_load_state` says this source version was loaded into the target already.
    public var reload = false
    /// Create the target from the input schema (`CREATE TABLE IF NOT EXISTS`, no keys) when it is missing.
    public var createTable = true
    /// Connections that COPY in parallel; more than one only helps with several input parts.
    public var connections = 1
    /// Rows encoded and sent per COPY message batch.
    public var chunkRowsMax = 32_768

    public init(
        mode: LoadMode = .append, keyColumns: [String]? = nil, foreignKeyFilters: [ForeignKeyFilter] = [],
        reload: Bool = false, createTable: Bool = true, connections: Int = 1
    ) {
        self.mode = mode
        self.keyColumns = keyColumns
        self.foreignKeyFilters = foreignKeyFilters
        self.reload = reload
        self.createTable = createTable
        self.connections = connections
    }
}

/// One independently readable piece of the input (a data file, say): it pushes its batches, in order, to the
/// `emit` function it is given. Parts are the unit of parallel COPY.
public struct LoadPart: Sendable {
    let produce: @Sendable (_ emit: (Batch) throws -> Void) throws -> Void

    /// A part that produces its batches by calling `emit` for each; errors it throws (other than `emit`'s) are
    /// reported as `WarehouseError.source`.
    public init(_ produce: @escaping @Sendable (_ emit: (Batch) throws -> Void) throws -> Void) {
        self.produce = produce
    }

    /// A part over batches already in memory.
    public init(batches: [Batch]) {
        produce = { emit in for batch in batches { try emit(batch) } }
    }
}

/// What the loader reads: the schema every batch has, and the parts that produce them.
public struct LoadInput: Sendable {
    public var schema: Schema
    public var parts: [LoadPart]

    public init(schema: Schema, parts: [LoadPart]) {
        self.schema = schema
        self.parts = parts
    }
}

/// Counters reported while a load runs.
public struct LoadProgress: Sendable, Hashable {
    public var rowsRead = 0
    public var bytesSent = 0
    public var partsDone = 0
    public var partsTotal = 0
}

/// The outcome of one load.
public struct LoadReport: Sendable, Hashable {
    public var target: TableName
    public var source: LoadSource
    /// True when the state table already held this source version and nothing was loaded.
    public var alreadyLoaded = false
    public var rowsRead = 0
    public var rowsLoaded = 0
    /// Rows dropped by the foreign-key filters.
    public var rowsRejected = 0
    /// Rows not inserted by `insertMissing` because their key was present (or repeated in the input).
    public var rowsSkipped = 0
    public var bytesSent = 0
    public var connections = 1
    public var seconds = 0.0

    /// Rows read per second of the whole load.
    public var rowsPerSecond: Double { seconds > 0 ? Double(rowsRead) / seconds : 0 }
}

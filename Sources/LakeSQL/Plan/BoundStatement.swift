import LakeColumnar

/// A statement after binding: a query plan, or a command naming resolved tables, for the session to dispatch.
///
/// Spec: spec/sql.md §8.5.
public indirect enum BoundStatement: Sendable, Hashable {
    case query(LogicalPlan)
    /// `EXPLAIN statement`: show the plan instead of running it.
    case explain(BoundStatement)
    /// `DESCRIBE t`: the resolved table, whose schema and partition columns are the answer.
    case describe(ResolvedTable)
    /// `DESCRIBE HISTORY t [LIMIT n]`: the table's commits, newest first.
    case describeHistory(TableHandle, limit: Int64?)
    /// `SHOW TABLES [FROM schema]`: the tables the session can name, all of them or those of `schema` (as
    /// written; names match case-insensitively).
    case showTables(schema: String?)
    case optimize(OptimizeCommand)
    /// `VACUUM t [RETAIN n HOURS] [DRY RUN]`; nil hours: the table's configured retention.
    case vacuum(TableHandle, retentionHours: Int64?, isDryRun: Bool)
    /// `RESTORE TABLE t TO ...`: the version or timestamp as written, for the session to resolve in the log.
    case restore(TableHandle, to: TimeTravel)
    case createTableAs(CreateTableAsCommand)
    case insertInto(InsertCommand)
    case deleteFrom(DeleteCommand)
    case update(UpdateCommand)
    case merge(MergeCommand)
}

/// `OPTIMIZE t [WHERE p] [ZORDER BY (a, b)]`.
///
/// Spec: spec/sql.md §8.5.
public struct OptimizeCommand: Sendable, Hashable {
    public var table: ResolvedTable
    /// Over the table's columns; may reference partition columns only.
    public var partitionFilter: BoundExpression?
    /// Ordinals into the table's schema.
    public var zOrderColumns: [Int]

    public init(table: ResolvedTable, partitionFilter: BoundExpression? = nil, zOrderColumns: [Int]) {
        self.table = table
        self.partitionFilter = partitionFilter
        self.zOrderColumns = zOrderColumns
    }
}

/// `CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t [PARTITIONED BY (...)] AS query`.
///
/// Spec: spec/sql.md §8.5.
public struct CreateTableAsCommand: Sendable, Hashable {
    /// The new table's name or path; it need not exist.
    public var target: TableLocator
    /// The existing table at `target`, if the catalog knows one (for OR REPLACE and IF NOT EXISTS).
    public var existing: TableHandle?
    public var orReplace: Bool
    public var ifNotExists: Bool
    /// Ordinals into the query's output schema.
    public var partitionColumns: [Int]
    public var query: LogicalPlan

    public init(
        target: TableLocator, existing: TableHandle? = nil, orReplace: Bool, ifNotExists: Bool, partitionColumns: [Int],
        query: LogicalPlan
    ) {
        self.target = target
        self.existing = existing
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
        self.partitionColumns = partitionColumns
        self.query = query
    }
}

/// `INSERT INTO|OVERWRITE t [(columns)] query`.
///
/// Spec: spec/sql.md §8.5.
public struct InsertCommand: Sendable, Hashable {
    public var table: ResolvedTable
    public var isOverwrite: Bool
    /// Produces exactly the table's columns, in table order and types: the binder maps a column list, converts
    /// types and fills unlisted columns with NULL.
    public var query: LogicalPlan

    public init(table: ResolvedTable, isOverwrite: Bool, query: LogicalPlan) {
        self.table = table
        self.isOverwrite = isOverwrite
        self.query = query
    }
}

/// `DELETE FROM t [WHERE p]`.
///
/// Spec: spec/sql.md §8.5.
public struct DeleteCommand: Sendable, Hashable {
    public var table: ResolvedTable
    /// Over the table's columns; nil deletes every row.
    public var predicate: BoundExpression?

    public init(table: ResolvedTable, predicate: BoundExpression? = nil) {
        self.table = table
        self.predicate = predicate
    }
}

/// `UPDATE t SET a = x, ... [WHERE p]`.
///
/// Spec: spec/sql.md §8.5.
public struct UpdateCommand: Sendable, Hashable {
    public var table: ResolvedTable
    /// Column ordinal in the table and its new value over the table's columns, converted to the column's type.
    public var assignments: [ColumnAssignment]
    public var predicate: BoundExpression?

    public init(table: ResolvedTable, assignments: [ColumnAssignment], predicate: BoundExpression? = nil) {
        self.table = table
        self.assignments = assignments
        self.predicate = predicate
    }
}

/// `column = value` after binding.
///
/// Spec: spec/sql.md §8.5.
public struct ColumnAssignment: Sendable, Hashable {
    /// Ordinal into the target table's schema.
    public var column: Int
    public var value: BoundExpression

    public init(column: Int, value: BoundExpression) {
        self.column = column
        self.value = value
    }
}

/// `MERGE INTO target USING source ON condition WHEN ...`.
///
/// Every expression of the clauses is over the joined row: the target's columns, then the source's. For rows
/// matched only on one side, the other side's columns are NULL.
///
/// Spec: spec/sql.md §8.5.
public struct MergeCommand: Sendable, Hashable {
    /// One bound `WHEN ... THEN ...`, in the order written.
    public struct Clause: Sendable, Hashable {
        public enum Action: Sendable, Hashable {
            /// New values of some target columns.
            case update([ColumnAssignment])
            case delete
            /// One value per target column, in table order (NULL for columns not listed).
            case insert([BoundExpression])
        }

        public var match: MergeClause.Match
        public var condition: BoundExpression?
        public var action: Action

        public init(match: MergeClause.Match, condition: BoundExpression? = nil, action: Action) {
            self.match = match
            self.condition = condition
            self.action = action
        }
    }

    public var target: ResolvedTable
    public var source: LogicalPlan
    /// Equalities of the ON condition: target column expressions (over the target) = source (over the source).
    public var keys: [EquiJoinKey]
    /// The rest of the ON condition, over the joined row; nil when it was only equalities.
    public var residual: BoundExpression?
    public var clauses: [Clause]

    public init(
        target: ResolvedTable, source: LogicalPlan, keys: [EquiJoinKey], residual: BoundExpression? = nil,
        clauses: [Clause]
    ) {
        self.target = target
        self.source = source
        self.keys = keys
        self.residual = residual
        self.clauses = clauses
    }
}

import LakeColumnar

/// Turns parsed statements into bound statements: names resolved to tables and column ordinals, expressions typed
/// and converted, queries planned as `LogicalPlan` trees (unoptimized; see `Optimizer`).
///
/// Binding does no I/O beyond asking `catalog` for tables. Errors are `SQLError`s located at the offending name or
/// expression: unknown tables and columns (with the nearest name in scope), ambiguous columns, type mismatches,
/// misplaced aggregates and windows, columns neither grouped nor aggregated, wrong argument counts.
///
/// Spec: spec/sql.md §8.
public struct Binder: Sendable {
    public var catalog: any Catalog
    public var functions: FunctionRegistry

    public init(catalog: any Catalog, functions: FunctionRegistry = .standard) {
        self.catalog = catalog
        self.functions = functions
    }

    /// Binds one statement.
    public func bind(_ statement: Statement) throws(SQLError) -> BoundStatement {
        var builder = PlanBuilder(catalog: catalog, functions: functions)
        return try builder.bindStatement(statement)
    }

    /// Binds a query to its plan.
    public func bind(_ query: Query) throws(SQLError) -> LogicalPlan {
        var builder = PlanBuilder(catalog: catalog, functions: functions)
        return try builder.bindQuery(query).plan
    }

    /// Parses and binds one statement.
    public func bind(sql text: String) throws(SQLError) -> BoundStatement {
        try bind(SQLParser.parseStatement(text))
    }
}

/// A plan with the scope its output columns are visible under.
struct BoundRelation: Sendable {
    var plan: LogicalPlan
    var scope: Scope
}

/// The mutable state of one bind: visible CTEs and the window calls of the SELECT being bound.
struct PlanBuilder {
    let catalog: any Catalog
    let functions: FunctionRegistry
    /// CTEs in scope, innermost last; a name resolves to the last definition.
    var commonTables: [(name: Identifier, relation: BoundRelation)] = []
    /// Window calls collected while binding the current SELECT.
    var windows: [WindowCall] = []
    /// Column position of the first window call's output.
    var windowBase = 0
    /// The scopes of the queries enclosing the subquery being bound, innermost last; used only to report a
    /// reference to one of their columns as a correlated subquery.
    var outerScopes: [Scope] = []

    init(catalog: any Catalog, functions: FunctionRegistry) {
        self.catalog = catalog
        self.functions = functions
    }

    // MARK: - Error helpers

    static func error(_ kind: SQLError.Kind, at expression: Expression) -> SQLError {
        SQLError(kind, at: expression.location, length: textLength(expression))
    }

    static func error(_ kind: SQLError.Kind, at name: ObjectName) -> SQLError {
        SQLError(kind, at: name.location, length: name.description.utf8.count)
    }

    /// The length of the expression's text as the formatter writes it: exact for names and simple calls, close
    /// for the rest; used for the caret line only.
    static func textLength(_ expression: Expression) -> Int {
        switch expression.kind {
        case .column(let name): name.description.utf8.count
        case .function(let call): call.name.description.utf8.count
        default: SQLFormatter().format(expression).utf8.count
        }
    }

    /// The display name of an expression without an alias: the column's name, the function's name, or the text.
    static func displayName(_ expression: Expression) -> String {
        switch expression.kind {
        case .column(let name): name.name.value
        default: SQLFormatter().format(expression)
        }
    }
}

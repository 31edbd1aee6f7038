import LakeColumnar
import LakeCore
import LakeExec
import LakeSQL
import LakeTable

/// The entry point for SQL and DataFrames over a lake root: names resolve under `root` (`silver.fact` is the
/// table in `<root>/silver/fact`), statements are parsed, bound, optimized, lowered onto LakeExec operators and
/// run; commands (DESCRIBE, OPTIMIZE, CREATE TABLE AS, ...) act on the tables' logs.
///
/// A session is a value holding no open resources: every statement reads the logs afresh, so two sessions (or
/// processes) may work on one root at once; writes are serialized by the table log's optimistic commits.
///
/// ```swift
/// let session = try LakeSession(root: "/data/lake")
/// let result = try session.execute("SELECT symbol, max(price_usd) FROM silver.fact_crypto_market GROUP BY 1")
/// let frame = try session.table("silver.fact_crypto_market", version: 3).filter(col("price_usd") > lit(1.0))
/// ```
///
/// Spec: spec/session.md
public struct LakeSession: Sendable {
    /// The lake root directory (absolute).
    public let root: String
    public let store: LocalObjectStore
    public var options: ExecutionOptions
    /// Stamps the commits this session writes.
    public var clock: TableClock
    /// Names bound to fixed sources instead of the directories they name (see `overriding(_:with:)`).
    var overrides: [String: DatasetSource]

    /// - Throws: `invalidArgument` when `root` is not an existing directory.
    public init(root: String, options: ExecutionOptions = ExecutionOptions(), clock: TableClock = .system)
        throws(SessionError)
    {
        let absolute = root.hasPrefix("/") ? root : FileSystemPaths.currentDirectory() + "/" + root
        guard FileSystemPaths.isDirectory(absolute) else {
            throw .invalidArgument("the lake root \(absolute) is not a directory")
        }
        self.root = FileSystemPaths.normalized(absolute)
        store = LocalObjectStore(root: self.root)
        self.options = options
        self.clock = clock
        overrides = [:]
    }

    /// A session where `name` (dotted, as written in SQL, compared case-insensitively) reads `source` instead of
    /// what the root holds under that name: the pipeline binds `bronze.listings_latest` to the snapshots a model
    /// has not processed yet.
    public func overriding(_ name: String, with source: DatasetSource) -> LakeSession {
        var copy = self
        copy.overrides[name.lowercased()] = source
        return copy
    }

    /// The catalog statements are bound against.
    public var catalog: LakeCatalog { LakeCatalog(session: self) }

    /// Parses, binds and optimizes one statement.
    public func bind(_ sql: String) throws(SessionError) -> BoundStatement {
        let statement: Statement
        do {
            statement = try SQLParser.parseStatement(sql)
        } catch {
            throw .sql(error, source: sql)
        }
        return try bind(statement, source: sql)
    }

    func bind(_ statement: Statement, source: String) throws(SessionError) -> BoundStatement {
        do {
            return Optimizer().optimize(try Binder(catalog: catalog).bind(statement))
        } catch {
            throw .sql(error, source: source)
        }
    }

    /// Runs one statement and returns its rows (a query) or its summary (a command).
    public func execute(_ sql: String) throws(SessionError) -> QueryResult {
        try execute(bind(sql))
    }

    /// Runs the statements of a script in order, handing each result to `onResult` as it completes; stops at the
    /// first failure (statements before it stay done: each one commits on its own).
    public func executeScript(
        _ sql: String, onResult: (ScriptStatement, QueryResult) throws -> Void = { _, _ in }
    ) throws(SessionError) -> [QueryResult] {
        let statements: [ScriptStatement]
        do {
            statements = try SQLParser.parseScriptStatements(sql)
        } catch {
            throw .sql(error, source: sql)
        }
        var results: [QueryResult] = []
        for statement in statements {
            let result = try execute(bind(statement.statement, source: sql))
            do {
                try onResult(statement, result)
            } catch {
                throw .invalidArgument("\(error)")
            }
            results.append(result)
        }
        return results
    }

    /// Runs a bound statement.
    public func execute(_ statement: BoundStatement) throws(SessionError) -> QueryResult {
        switch statement {
        case .query(let plan):
            return try run(plan)
        case .explain(let inner):
            return try explain(inner)
        default:
            let evaluated = try evaluatingSubqueries {
                try statement.replacingSubqueries($0)
            }
            return try executeCommand(evaluated)
        }
    }

    /// Runs `replace` with an evaluator that runs each (uncorrelated) subquery plan and returns its first column.
    /// - Throws: the subquery's own failure; `invalidArgument` when a scalar subquery returns more than one row.
    private func evaluatingSubqueries<Result>(
        _ replace: ((LakeSQL.LogicalPlan) throws -> [Value]) throws -> Result
    ) throws(SessionError) -> Result {
        do {
            return try replace { plan in
                let result = try run(plan)
                return result.batches.flatMap { batch in
                    batch.columns.isEmpty ? [] : (0..<batch.rowCount).map { batch.columns[0].value(at: $0) }
                }
            }
        } catch let error as SessionError {
            throw error
        } catch {
            throw .invalidArgument("\(error)")
        }
    }

    /// Runs a query plan to completion.
    public func run(_ plan: LakeSQL.LogicalPlan) throws(SessionError) -> QueryResult {
        let frame = try dataFrame(plan)
        do {
            let batches = try frame.collect(options: options)
            return QueryResult(schema: plan.schema, batches: batches.map { conformed($0, to: plan.schema) })
        } catch {
            throw .execution(error)
        }
    }

    /// The query as a lazy DataFrame (for further DataFrame steps or `explain`).
    public func dataFrame(_ sql: String) throws(SessionError) -> DataFrame {
        guard case .query(let plan) = try bind(sql) else {
            throw .invalidArgument("only a query (SELECT, WITH, VALUES) can become a DataFrame")
        }
        return try dataFrame(plan)
    }

    /// A bound plan lowered onto LakeExec's DataFrame plan. Subqueries used as values run now, once, and their
    /// results become constants of the plan.
    public func dataFrame(_ plan: LakeSQL.LogicalPlan) throws(SessionError) -> DataFrame {
        let evaluated = try evaluatingSubqueries { try plan.replacingSubqueries($0) }
        return DataFrame(plan: try PlanLowering(session: self).lower(evaluated))
    }

    /// The table or dataset `name` names (`silver.fact_crypto_market`, a path), at `version` when given.
    public func table(_ name: String, version: Int64? = nil) throws(SessionError) -> DataFrame {
        let text = version.map { "SELECT * FROM \(name) VERSION AS OF \($0)" } ?? "SELECT * FROM \(name)"
        return try dataFrame(text)
    }

    /// The Delta table a handle the catalog produced points at.
    public func table(for handle: TableHandle) throws(SessionError) -> Table {
        try catalog.table(at: catalog.location(of: handle))
    }

    /// `batch` renamed to `schema`'s names (the executor's names may differ; types already match).
    private func conformed(_ batch: Batch, to schema: Schema) -> Batch {
        guard !batch.columns.isEmpty, batch.schema != schema,
            batch.schema.fields.map(\.type) == schema.fields.map(\.type)
        else { return batch }
        return Batch(schema: schema, columns: batch.columns)
    }

    private func explain(_ statement: BoundStatement) throws(SessionError) -> QueryResult {
        var text = ""
        switch statement {
        case .query(let plan):
            text = "Logical plan:\n" + plan.explain
            guard !plan.containsSubquery else {
                text += "\n\nPhysical plan: chosen when the statement runs, after its subqueries are evaluated"
                break
            }
            let frame = try dataFrame(plan)
            do {
                text += "\n\nPhysical plan:\n" + (try frame.explainPhysical(options: options))
            } catch {
                throw .execution(error)
            }
        default:
            text = "\(statement)"
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let schema = Schema([Field("plan", .utf8, nullable: false)])
        return QueryResult(schema: schema, batches: [Batch(schema: schema, columns: [Column.utf8(lines)])])
    }
}

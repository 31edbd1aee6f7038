import LakeColumnar
import LakeSQL

/// The tables the binder and optimizer tests plan against.
enum BinderTestCatalog {
    static let market = Schema([
        Field("snapshot_timestamp", .timestamp(.microseconds, utc: false)),
        Field("crypto_id", .int64, nullable: false),
        Field("symbol", .utf8),
        Field("price_usd", .float64),
        Field("volume_24h", .float64),
        Field("market_cap", .float64),
        Field("day", .date32),
    ])

    static let listings = Schema([
        Field("snapshot_timestamp", .timestamp(.microseconds, utc: false)),
        Field("crypto_id", .int64),
        Field("symbol", .utf8),
        Field("price_usd", .float64),
        Field("volume_24h", .float64),
        Field("market_cap", .float64),
    ])

    static let info = Schema([Field("id", .int64), Field("name", .utf8), Field("category", .utf8)])

    static let small = Schema([
        Field("a", .int32), Field("b", .utf8), Field("c", .decimal(precision: 18, scale: 2)), Field("d", .date32),
    ])

    static let other = Schema([Field("a", .int32), Field("e", .float64), Field("Mixed", .utf8)])

    static var catalog: InMemoryCatalog {
        var catalog = InMemoryCatalog()
        catalog.register("silver.fact_crypto_market", market, partitionColumns: ["day"])
        catalog.register("silver.fact_crypto_market", market)
        catalog.setTimestamp("2024-06-01 00:00:00", of: "silver.fact_crypto_market", version: 0)
        catalog.register("silver.dim_crypto_info", info)
        catalog.register("read_parquet('bronze/listings/*.parquet')", listings)
        catalog.register("t", small)
        catalog.register("u", other)
        catalog.register("'/lake/silver/t'", small)
        return catalog
    }

    static var binder: Binder { Binder(catalog: catalog) }

    /// The unoptimized plan of `sql` as EXPLAIN text.
    static func explain(_ sql: String) throws -> String {
        guard case .query(let plan) = try binder.bind(sql: sql) else { return "not a query" }
        return plan.explain
    }

    /// The error binding `sql` gives, as `<reason> at line L, column C`, or nil when it binds.
    static func error(_ sql: String) -> String? {
        do {
            _ = try binder.bind(sql: sql)
            return nil
        } catch {
            return error.description
        }
    }
}

extension BinderTestCatalog {
    /// The optimized plan of `sql` as EXPLAIN text.
    static func optimized(_ sql: String) throws -> String {
        guard case .query(let plan) = try binder.bind(sql: sql) else { return "not a query" }
        return Optimizer().optimize(plan).explain
    }
}

import LakeColumnar
import LakeSQL
import Testing

/// Bound, unoptimized plans as EXPLAIN text: name resolution, typing and the shape of each clause.
@Suite struct BinderPlanTests {
    @Test func filterAndProjectionOverAScan() throws {
        #expect(
            try BinderTestCatalog.explain("SELECT a, b FROM t WHERE a > 1 + 2") == """
                Project [a#0 AS a, b#1 AS b]
                  Filter (CAST(a#0 AS int64) > (1 + 2))
                    Scan t@0 columns=[a, b, c, d]
                """)
    }

    @Test func unquotedNamesMatchInAnyCaseAndOrdinalsSort() throws {
        #expect(
            try BinderTestCatalog.explain("SELECT A, \"b\" FROM T WHERE t.A >= 2 ORDER BY 1 DESC") == """
                Sort [A#0 DESC NULLS FIRST]
                  Project [a#0 AS A, b#1 AS b]
                    Filter (a#0 >= 2)
                      Scan t@0 columns=[a, b, c, d]
                """)
    }

    @Test func groupByOrdinalWithHavingOrderByAliasAndLimit() throws {
        let sql = """
            SELECT crypto_id, count(*) AS n, avg(price_usd) FROM silver.fact_crypto_market
            GROUP BY 1 HAVING count(*) > 2 ORDER BY n DESC LIMIT 5
            """
        #expect(
            try BinderTestCatalog.explain(sql) == """
                Limit count=5
                  Sort [n#1 DESC NULLS FIRST]
                    Project [crypto_id#0 AS crypto_id, count(*)#1 AS n, avg(price_usd)#2 AS avg(price_usd)]
                      Filter (count(*)#1 > 2)
                        Aggregate keys=[crypto_id#1 AS crypto_id] aggregates=[count(*) AS count(*), avg(price_usd#3) AS avg(price_usd)]
                          Scan silver.fact_crypto_market@1 columns=[snapshot_timestamp, crypto_id, symbol, price_usd, volume_24h, market_cap, day]
                """)
    }

    @Test func distinctAggregateWithFilterAndOffset() throws {
        let sql = """
            SELECT b, sum(c) AS total, count(DISTINCT a) FILTER (WHERE a > 0) FROM t GROUP BY b
            ORDER BY total DESC NULLS LAST LIMIT 10 OFFSET 5
            """
        #expect(
            try BinderTestCatalog.explain(sql) == """
                Limit count=10 offset=5
                  Sort [total#1 DESC NULLS LAST]
                    Project [b#0 AS b, sum(c)#1 AS total, count(DISTINCT a) FILTER (WHERE a > 0)#2 AS count(DISTINCT a) FILTER (WHERE a > 0)]
                      Aggregate keys=[b#1 AS b] aggregates=[sum(c#2) AS sum(c), count(DISTINCT a#0) FILTER (WHERE (a#0 > 0)) AS count(DISTINCT a) FILTER (WHERE a > 0)]
                        Scan t@0 columns=[a, b, c, d]
                """)
    }

    @Test func groupByExpressionMatchesTheSelectExpression() throws {
        let sql = """
            SELECT date_trunc('HOUR', snapshot_timestamp) AS h, crypto_id, avg(price_usd)
            FROM silver.fact_crypto_market
            WHERE snapshot_timestamp >= TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '7 days'
            GROUP BY date_trunc('hour', snapshot_timestamp), crypto_id ORDER BY h
            """
        #expect(
            try BinderTestCatalog.explain(sql) == """
                Sort [h#0 ASC NULLS LAST]
                  Project [date_trunc('hour', snapshot_timestamp)#0 AS h, crypto_id#1 AS crypto_id, avg(price_usd)#2 AS avg(price_usd)]
                    Aggregate keys=[date_trunc('hour', snapshot_timestamp#0) AS date_trunc('hour', snapshot_timestamp), crypto_id#1 AS crypto_id] aggregates=[avg(price_usd#3) AS avg(price_usd)]
                      Filter (snapshot_timestamp#0 >= (TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '-7 days'))
                        Scan silver.fact_crypto_market@1 columns=[snapshot_timestamp, crypto_id, symbol, price_usd, volume_24h, market_cap, day]
                """)
    }

    @Test func orderByAColumnNotSelectedAddsAHiddenColumn() throws {
        #expect(
            try BinderTestCatalog.explain("SELECT upper(b) AS ub, d FROM t ORDER BY a") == """
                Project [ub#0 AS ub, d#1 AS d]
                  Sort [a#2 ASC NULLS LAST]
                    Project [upper(b#1) AS ub, d#3 AS d, a#0 AS a]
                      Scan t@0 columns=[a, b, c, d]
                """)
    }

    @Test func joinOnKeepsTheConditionAsResidualAndUsingMakesKeys() throws {
        #expect(
            try BinderTestCatalog.explain("SELECT t.a, e FROM t JOIN u ON t.a = u.a AND e > 1.5") == """
                Project [a#0 AS a, e#5 AS e]
                  Join inner residual=((a#0 = a#4) AND (e#5 > 1.5))
                    Scan t@0 columns=[a, b, c, d]
                    Scan u@0 columns=[a, e, Mixed]
                """)
        #expect(
            try BinderTestCatalog.explain("SELECT * FROM t JOIN u USING (a)") == """
                Project [a#0 AS a, b#1 AS b, c#2 AS c, d#3 AS d, e#5 AS e, Mixed#6 AS Mixed]
                  Join inner keys=[a#0 = a#0]
                    Scan t@0 columns=[a, b, c, d]
                    Scan u@0 columns=[a, e, Mixed]
                """)
    }

    @Test func windowsWithQualifyOnAnAlias() throws {
        #expect(
            try BinderTestCatalog.explain(
                "SELECT a, rank() OVER (PARTITION BY b ORDER BY c DESC) AS r FROM t QUALIFY r = 1") == """
                    Project [a#0 AS a, rank() OVER (PARTITION BY b ORDER BY c DESC)#4 AS r]
                      Filter (rank() OVER (PARTITION BY b ORDER BY c DESC)#4 = 1)
                        Window [rank() OVER (PARTITION BY b#1 ORDER BY c#2 DESC NULLS FIRST) AS rank() OVER (PARTITION BY b ORDER BY c DESC)]
                          Scan t@0 columns=[a, b, c, d]
                    """)
    }

    @Test func windowFramesBindRowsAndIntervalRanges() throws {
        let sql = """
            SELECT crypto_id,
              avg(price_usd) OVER (PARTITION BY crypto_id ORDER BY snapshot_timestamp ROWS BETWEEN 23 PRECEDING AND CURRENT ROW) AS ma,
              sum(volume_24h) OVER (ORDER BY day RANGE BETWEEN INTERVAL '7 days' PRECEDING AND CURRENT ROW) AS w
            FROM silver.fact_crypto_market
            """
        guard case .query(let plan) = try BinderTestCatalog.binder.bind(sql: sql),
            case .project(.window(_, let calls), _) = plan
        else {
            Issue.record("expected a projection over a window")
            return
        }
        #expect(calls.map(\.function) == ["avg", "sum"])
        #expect(
            calls[0].frame
                == WindowCall.Frame(unit: .rows, start: .preceding(.literal(.int(23), .int64)), end: .currentRow))
        #expect(
            calls[1].frame
                == WindowCall.Frame(unit: .range, start: .precedingInterval(IntervalValue(days: 7)), end: .currentRow))
        #expect(calls.map(\.type) == [.float64, .float64])
    }

    @Test func unionConvertsColumnsToTheCommonType() throws {
        #expect(
            try BinderTestCatalog.explain("SELECT a FROM t UNION ALL SELECT e FROM u ORDER BY 1") == """
                Sort [a#0 ASC NULLS LAST]
                  Union all
                    Project [CAST(a#0 AS float64) AS a]
                      Project [a#0 AS a]
                        Scan t@0 columns=[a, b, c, d]
                    Project [e#1 AS e]
                      Scan u@0 columns=[a, e, Mixed]
                """)
    }

    @Test func commonTableExpressionsAreInlined() throws {
        let sql = "WITH x AS (SELECT a AS k, sum(c) AS s FROM t GROUP BY a) SELECT k, s FROM x WHERE s > 10 ORDER BY k"
        #expect(
            try BinderTestCatalog.explain(sql) == """
                Sort [k#0 ASC NULLS LAST]
                  Project [k#0 AS k, s#1 AS s]
                    Filter (s#1 > 10.00)
                      Project [a#0 AS k, sum(c)#1 AS s]
                        Aggregate keys=[a#0 AS a] aggregates=[sum(c#2) AS sum(c)]
                          Scan t@0 columns=[a, b, c, d]
                """)
    }

    @Test func valuesTakeTheCommonTypeOfEachColumn() throws {
        #expect(
            try BinderTestCatalog.explain("VALUES (1, 'a'), (2.5, NULL)")
                == "Values [column1, column2] (1.0, 'a'), (2.5, NULL)")
    }

    @Test func arithmeticPromotesIntegersToDecimalsToFloats() throws {
        let sql =
            "SELECT t.a + 1, c * 2, c + e, t.a / 2, d + 1, d - INTERVAL '1 day', CAST(b AS INT), 'x' || t.a FROM t, u"
        guard case .query(let plan) = try BinderTestCatalog.binder.bind(sql: sql) else { return }
        #expect(
            plan.schema.fields.map(\.type) == [
                .int64, .decimal(precision: 19, scale: 2), .float64, .float64, .date32,
                .timestamp(.microseconds, utc: false), .int32, .utf8,
            ])
    }

    @Test func literalsAdaptToTheColumnTheyAreComparedWith() throws {
        #expect(
            try BinderTestCatalog.explain("SELECT a FROM t WHERE d >= '2024-01-01' AND c < 3 AND a = 7") == """
                Project [a#0 AS a]
                  Filter (((d#3 >= DATE '2024-01-01') AND (c#2 < 3.00)) AND (a#0 = 7))
                    Scan t@0 columns=[a, b, c, d]
                """)
    }

    @Test func functionsResolveWithResultTypes() throws {
        let sql = """
            SELECT CASE WHEN a > 5 THEN 'up' ELSE 'flat' END, coalesce(c, 0), nullif(b, ''), EXTRACT(YEAR FROM d),
                   date_part('month', d), extract(epoch FROM d), length(b), lag(a, 1, 0) OVER (ORDER BY d),
                   row_number() OVER (), to_timestamp(a), substr(b, 1, 2), round(c, 1), now()
            FROM t
            """
        guard case .query(let plan) = try BinderTestCatalog.binder.bind(sql: sql) else { return }
        #expect(
            plan.schema.fields.map(\.type) == [
                .utf8, .decimal(precision: 18, scale: 2), .utf8, .int64, .int64, .float64, .int64, .int32, .int64,
                .timestamp(.microseconds, utc: true), .utf8, .decimal(precision: 18, scale: 2),
                .timestamp(.microseconds, utc: true),
            ])
    }

    @Test func timeTravelAndPathsReachTheCatalog() throws {
        #expect(
            try BinderTestCatalog.explain("SELECT crypto_id FROM silver.fact_crypto_market VERSION AS OF 0") == """
                Project [crypto_id#1 AS crypto_id]
                  Scan silver.fact_crypto_market@0 columns=[snapshot_timestamp, crypto_id, symbol, price_usd, volume_24h, market_cap, day]
                """)
        #expect(
            try BinderTestCatalog.explain(
                "SELECT count(*) FROM silver.fact_crypto_market TIMESTAMP AS OF '2024-06-01 00:00:00'") == """
                    Project [count(*)#0 AS count(*)]
                      Aggregate keys=[] aggregates=[count(*) AS count(*)]
                        Scan silver.fact_crypto_market@0 columns=[snapshot_timestamp, crypto_id, symbol, price_usd, volume_24h, market_cap, day]
                    """)
        #expect(
            try BinderTestCatalog.explain("SELECT * FROM '/lake/silver/t' AS p WHERE p.c > 1.5") == """
                Project [a#0 AS a, b#1 AS b, c#2 AS c, d#3 AS d]
                  Filter (c#2 > 1.50)
                    Scan '/lake/silver/t'@0 columns=[a, b, c, d]
                """)
    }

    @Test func silverTransformBinds() throws {
        #expect(
            try BinderTestCatalog.explain(RoundTripCorpus.silverTransform) == """
                Project [crypto_id#0 AS crypto_id, day#1 AS day, count(*)#2 AS n_obs, avg(price_usd)#3 AS avg_price, min(price_usd)#4 AS min_price, max(price_usd)#5 AS max_price, sum(volume_24h)#6 AS sum_volume, stddev_samp(ret)#7 AS volatility, arg_max(dominance, snapshot_timestamp)#8 AS last_dominance, arg_max(mcap_rank, snapshot_timestamp)#9 AS last_rank, arg_max(symbol, snapshot_timestamp)#10 AS symbol]
                  Aggregate keys=[crypto_id#1 AS crypto_id, day#9 AS day] aggregates=[count(*) AS count(*), avg(price_usd#3) AS avg(price_usd), min(price_usd#3) AS min(price_usd), max(price_usd#3) AS max(price_usd), sum(volume_24h#4) AS sum(volume_24h), stddev_samp(ret#6) AS stddev_samp(ret), arg_max(dominance#7, snapshot_timestamp#0) AS arg_max(dominance, snapshot_timestamp), arg_max(mcap_rank#8, snapshot_timestamp#0) AS arg_max(mcap_rank, snapshot_timestamp), arg_max(symbol#2, snapshot_timestamp#0) AS arg_max(symbol, snapshot_timestamp)]
                    Project [snapshot_timestamp#0 AS snapshot_timestamp, crypto_id#1 AS crypto_id, symbol#2 AS symbol, price_usd#3 AS price_usd, volume_24h#4 AS volume_24h, market_cap#5 AS market_cap, ((price_usd#3 / lag(price_usd) OVER (PARTITION BY crypto_id ORDER BY snapshot_timestamp)#6) - 1.0) AS ret, (market_cap#5 / sum(market_cap) OVER (PARTITION BY snapshot_timestamp)#7) AS dominance, rank() OVER (PARTITION BY snapshot_timestamp ORDER BY market_cap DESC)#8 AS mcap_rank, CAST(snapshot_timestamp#0 AS date32) AS day]
                      Window [lag(price_usd#3) OVER (PARTITION BY crypto_id#1 ORDER BY snapshot_timestamp#0 ASC NULLS LAST) AS lag(price_usd) OVER (PARTITION BY crypto_id ORDER BY snapshot_timestamp), sum(market_cap#5) OVER (PARTITION BY snapshot_timestamp#0) AS sum(market_cap) OVER (PARTITION BY snapshot_timestamp), rank() OVER (PARTITION BY snapshot_timestamp#0 ORDER BY market_cap#5 DESC NULLS FIRST) AS rank() OVER (PARTITION BY snapshot_timestamp ORDER BY market_cap DESC)]
                        Project [snapshot_timestamp#0 AS snapshot_timestamp, crypto_id#1 AS crypto_id, symbol#2 AS symbol, price_usd#3 AS price_usd, volume_24h#4 AS volume_24h, market_cap#5 AS market_cap]
                          Filter ((price_usd#3 IS NOT NULL) AND (price_usd#3 > 0.0))
                            Distinct on=[crypto_id#1, snapshot_timestamp#0]
                              Sort [crypto_id#1 ASC NULLS LAST, snapshot_timestamp#0 ASC NULLS LAST]
                                Project [snapshot_timestamp#0 AS snapshot_timestamp, crypto_id#1 AS crypto_id, symbol#2 AS symbol, price_usd#3 AS price_usd, volume_24h#4 AS volume_24h, market_cap#5 AS market_cap]
                                  Scan read_parquet('bronze/listings/*.parquet') columns=[snapshot_timestamp, crypto_id, symbol, price_usd, volume_24h, market_cap]
                """)
    }

    @Test func silverTransformOutputSchema() throws {
        guard case .query(let plan) = try BinderTestCatalog.binder.bind(sql: RoundTripCorpus.silverTransform) else {
            return
        }
        let fields = plan.schema.fields
        #expect(
            fields.map(\.name) == [
                "crypto_id", "day", "n_obs", "avg_price", "min_price", "max_price", "sum_volume", "volatility",
                "last_dominance", "last_rank", "symbol",
            ])
        #expect(
            fields.map(\.type) == [
                .int64, .date32, .int64, .float64, .float64, .float64, .float64, .float64, .float64, .int64, .utf8,
            ])
    }

    @Test func everyParsedCorpusQueryOverKnownTablesBinds() throws {
        for sql in [
            "SELECT DISTINCT symbol FROM silver.fact_crypto_market WHERE day IS NOT NULL",
            "SELECT f.crypto_id, d.name FROM silver.fact_crypto_market f JOIN silver.dim_crypto_info d ON d.id = f.crypto_id",
            "SELECT * FROM t LEFT JOIN u ON t.a = u.a AND u.e > 0 FULL JOIN u AS v ON v.a = t.a",
            "SELECT * FROM t SEMI JOIN u ON u.a = t.a",
            "SELECT x.k FROM (SELECT a AS k FROM t) AS x(k) CROSS JOIN u",
            "SELECT 1 + 1, 'a' || 'b', TRUE AND NULL",
        ] {
            #expect(throws: Never.self) { try BinderTestCatalog.binder.bind(sql: sql) }
        }
    }
}

/// Deep and wide inputs bind without exhausting the stack or time.
@Suite struct BinderLimitTests {
    @Test func deepArithmeticChainsBindInPlainAndGroupedQueries() throws {
        let chain = Array(repeating: "a", count: 200).joined(separator: " + ")
        guard case .query(let plain) = try BinderTestCatalog.binder.bind(sql: "SELECT \(chain) AS s FROM t") else {
            return
        }
        #expect(plain.schema.fields.map(\.type) == [.int64])
        let grouped = "SELECT \(chain) AS s, count(*) FROM t GROUP BY a"
        guard case .query(let plan) = try BinderTestCatalog.binder.bind(sql: grouped) else { return }
        #expect(plan.schema.fields.map(\.name) == ["s", "count(*)"])
    }

    @Test func deeplyNestedSubqueriesBindAndOptimize() throws {
        var sql = "SELECT a FROM t"
        for _ in 0..<60 { sql = "SELECT a FROM (\(sql)) AS s WHERE a > 0" }
        guard case .query(let plan) = try BinderTestCatalog.binder.bind(sql: sql) else { return }
        let optimized = Optimizer().optimize(plan)
        #expect(optimized.explain == "Scan t@0 columns=[a] filters=[(a#0 > 0)]")
    }
}

/// The in-memory catalog's contract: case-insensitive names, versions, timestamps, nil for unknown tables.
@Suite struct InMemoryCatalogTests {
    @Test func resolvesVersionsAndReportsMissingOnes() throws {
        let catalog = BinderTestCatalog.catalog
        let latest = try catalog.resolveTable(.name(["SILVER", "Fact_Crypto_Market"]), at: nil)
        #expect(latest?.handle == TableHandle(identity: "silver.fact_crypto_market", version: 1))
        let old = try catalog.resolveTable(
            .name(["silver", "fact_crypto_market"]), at: .timestamp("2024-06-01 00:00:00"))
        #expect(old?.handle.version == 0)
        #expect(try catalog.resolveTable(.name(["nope"]), at: nil) == nil)
        #expect(throws: InMemoryCatalog.VersionNotFound.self) {
            try catalog.resolveTable(.name(["t"]), at: .version(3))
        }
        let function = try catalog.resolveTable(
            .function("read_parquet", arguments: ["bronze/listings/*.parquet"]), at: nil)
        #expect(function?.handle == TableHandle(identity: "read_parquet('bronze/listings/*.parquet')", version: nil))
    }
}

/// USING columns: which copy an unqualified name reads, by join kind.
@Suite struct UsingJoinTests {
    @Test func rightJoinReadsTheRightCopyAndFullJoinCoalesces() throws {
        #expect(
            try BinderTestCatalog.explain("SELECT a FROM t RIGHT JOIN u USING (a)") == """
                Project [a#4 AS a]
                  Join right keys=[a#0 = a#0]
                    Scan t@0 columns=[a, b, c, d]
                    Scan u@0 columns=[a, e, Mixed]
                """)
        #expect(
            try BinderTestCatalog.explain("SELECT a, t.a, e FROM t FULL JOIN u USING (a)") == """
                Project [a#7 AS a, a#0 AS a, e#5 AS e]
                  Project [a#0 AS a, b#1 AS b, c#2 AS c, d#3 AS d, a#4 AS a, e#5 AS e, Mixed#6 AS Mixed, coalesce(a#0, a#4) AS a]
                    Join full keys=[a#0 = a#0]
                      Scan t@0 columns=[a, b, c, d]
                      Scan u@0 columns=[a, e, Mixed]
                """)
    }
}

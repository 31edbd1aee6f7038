import LakeColumnar
import LakeSQL
import Testing

/// Each rule shown on a plan before and after, and the default rule set on whole queries.
@Suite struct OptimizerTests {
    static func bound(_ sql: String) throws -> LogicalPlan {
        guard case .query(let plan) = try BinderTestCatalog.binder.bind(sql: sql) else {
            throw SQLError(.unsupported("not a query"), at: .start, length: 0)
        }
        return plan
    }

    @Test func constantFoldingEvaluatesConstantsAndDropsTrueFilters() throws {
        let plan = try Self.bound(
            "SELECT a FROM t WHERE a > 1 + 2 AND (TRUE OR b = 'x') AND d < DATE '2024-03-31' + INTERVAL '1 month'")
        #expect(
            plan.explain == """
                Project [a#0 AS a]
                  Filter (((CAST(a#0 AS int64) > (1 + 2)) AND (TRUE OR (b#1 = 'x'))) AND (CAST(d#3 AS timestamp(us)) < (TIMESTAMP '2024-03-31 00:00:00' + INTERVAL '1 month')))
                    Scan t@0 columns=[a, b, c, d]
                """)
        #expect(
            ConstantFolding().apply(plan).explain == """
                Project [a#0 AS a]
                  Filter ((a#0 > 3) AND (CAST(d#3 AS timestamp(us)) < TIMESTAMP '2024-04-30 00:00:00'))
                    Scan t@0 columns=[a, b, c, d]
                """)
        #expect(
            ConstantFolding().apply(try Self.bound("SELECT a FROM t WHERE 1 < 2")).explain == """
                Project [a#0 AS a]
                  Scan t@0 columns=[a, b, c, d]
                """)
    }

    @Test func predicatePushdownReachesScansThroughProjectionsAndJoins() throws {
        let plan = try Self.bound(
            "SELECT k FROM (SELECT t.a AS k, e FROM t JOIN u ON t.a = u.a) AS s WHERE k = 3 AND e > 0.5")
        #expect(
            plan.explain == """
                Project [k#0 AS k]
                  Filter ((k#0 = 3) AND (e#1 > 0.5))
                    Project [a#0 AS k, e#5 AS e]
                      Join inner residual=(a#0 = a#4)
                        Scan t@0 columns=[a, b, c, d]
                        Scan u@0 columns=[a, e, Mixed]
                """)
        #expect(
            PredicatePushdown().apply(plan).explain == """
                Project [k#0 AS k]
                  Project [a#0 AS k, e#5 AS e]
                    Join inner residual=(a#0 = a#4)
                      Scan t@0 columns=[a, b, c, d] filters=[(a#0 = 3)]
                      Scan u@0 columns=[a, e, Mixed] filters=[(e#1 > 0.5)]
                """)
    }

    @Test func predicatePushdownRespectsOuterJoins() throws {
        let plan = try Self.bound(
            """
            SELECT f.symbol, d.name FROM silver.fact_crypto_market AS f
            LEFT JOIN silver.dim_crypto_info d ON d.id = f.crypto_id AND d.category = 'coin'
            WHERE f.price_usd > 10 AND d.name IS NOT NULL
            """)
        #expect(
            Optimizer().optimize(plan).explain == """
                Project [symbol#1 AS symbol, name#3 AS name]
                  Filter (name#3 IS NOT NULL)
                    Join left keys=[crypto_id#0 = id#0]
                      Scan silver.fact_crypto_market@1 columns=[crypto_id, symbol] filters=[(price_usd#3 > 10.0)]
                      Scan silver.dim_crypto_info@0 columns=[id, name] filters=[(category#2 = 'coin')]
                """)
    }

    @Test func predicatesOnGroupKeysMoveBelowTheAggregate() throws {
        let plan = try Self.bound(
            """
            SELECT crypto_id, count(*) AS n FROM silver.fact_crypto_market WHERE day >= '2024-01-01'
            GROUP BY 1 HAVING count(*) > 2 AND crypto_id < 100
            """)
        #expect(
            Optimizer().optimize(plan).explain == """
                Project [crypto_id#0 AS crypto_id, count(*)#1 AS n]
                  Filter (count(*)#1 > 2)
                    Aggregate keys=[crypto_id#0 AS crypto_id] aggregates=[count(*) AS count(*)]
                      Scan silver.fact_crypto_market@1 columns=[crypto_id] filters=[(crypto_id#1 < 100), (day#6 >= DATE '2024-01-01')]
                """)
    }

    @Test func joinConditionSplittingMakesEquiKeys() throws {
        let plan = try Self.bound("SELECT t.a, e FROM t JOIN u ON t.a = u.a AND t.c < u.e AND u.e > 1.5")
        #expect(
            JoinConditionSplitting().apply(plan).explain == """
                Project [a#0 AS a, e#5 AS e]
                  Join inner keys=[a#0 = a#0] residual=((CAST(c#2 AS float64) < e#5) AND (e#5 > 1.5))
                    Scan t@0 columns=[a, b, c, d]
                    Scan u@0 columns=[a, e, Mixed]
                """)
        let crossJoin = try Self.bound("SELECT t.a FROM t, u WHERE u.a = t.a")
        #expect(
            Optimizer().optimize(crossJoin).explain == """
                Project [a#0 AS a]
                  Join inner keys=[a#0 = a#0]
                    Scan t@0 columns=[a]
                    Scan u@0 columns=[a]
                """)
    }

    @Test func projectionPruningNarrowsScansAndDropsUnusedWindows() throws {
        let plan = try Self.bound(
            """
            SELECT k FROM (
              SELECT crypto_id AS k, rank() OVER (ORDER BY market_cap DESC) AS r, sum(volume_24h) OVER () AS v
              FROM silver.fact_crypto_market
            ) AS s WHERE r <= 10
            """)
        #expect(
            ProjectionPruning().apply(plan).explain == """
                Project [k#0 AS k]
                  Filter (r#1 <= 10)
                    Project [crypto_id#0 AS k, rank() OVER (ORDER BY market_cap DESC)#2 AS r]
                      Window [rank() OVER (ORDER BY market_cap#1 DESC NULLS FIRST) AS rank() OVER (ORDER BY market_cap DESC)]
                        Scan silver.fact_crypto_market@1 columns=[crypto_id, market_cap]
                """)
    }

    @Test func predicatesOnColumnsEveryWindowPartitionsByMoveBelowTheWindow() throws {
        let plan = try Self.bound(
            """
            SELECT * FROM (
              SELECT crypto_id, day, price_usd,
                row_number() OVER (PARTITION BY crypto_id, day ORDER BY snapshot_timestamp DESC) AS n,
                lag(price_usd) OVER (PARTITION BY day, crypto_id ORDER BY snapshot_timestamp) AS previous,
                avg(price_usd) OVER (PARTITION BY day) AS average
              FROM silver.fact_crypto_market
            ) AS s WHERE day < DATE '2024-06-01' AND crypto_id = 1 AND n = 1 AND price_usd > 10
            """)
        // Only `day` is partitioned on by all three calls; the others stay above the window.
        let lines = PredicatePushdown().apply(plan).explain.split(separator: "\n").map(\.trimmingPrefixSpaces)
        #expect(
            lines.filter { $0.hasPrefix("Filter") || $0.hasPrefix("Scan") } == [
                "Filter (((crypto_id#1 = 1) AND (row_number() OVER (PARTITION BY crypto_id, day ORDER BY snapshot_timestamp DESC)#7 = 1)) AND (price_usd#3 > 10.0))",
                "Scan silver.fact_crypto_market@1 columns=[snapshot_timestamp, crypto_id, symbol, price_usd, volume_24h, market_cap, day] filters=[(day#6 < DATE '2024-06-01')]",
            ])
        let single = try Self.bound(
            """
            SELECT * FROM (
              SELECT crypto_id, day, row_number() OVER (PARTITION BY crypto_id, day ORDER BY price_usd) AS n
              FROM silver.fact_crypto_market
            ) AS s WHERE day < DATE '2024-06-01' AND crypto_id = 1 AND n = 1
            """)
        #expect(
            Optimizer().optimize(single).explain.split(separator: "\n").last?.trimmingPrefixSpaces
                == "Scan silver.fact_crypto_market@1 columns=[crypto_id, price_usd, day] filters=[(day#6 < DATE '2024-06-01'), (crypto_id#1 = 1)]"
        )
    }

    @Test func optimizedSilverTransformReadsOnlyWhatItUses() throws {
        let optimized = Optimizer().optimize(try Self.bound(RoundTripCorpus.silverTransform))
        let lines = optimized.explain.split(separator: "\n")
        #expect(
            lines.last?.trimmingPrefixSpaces
                == "Scan read_parquet('bronze/listings/*.parquet') columns=[snapshot_timestamp, crypto_id, symbol, price_usd, volume_24h, market_cap]"
        )
        // The filter must stay above DISTINCT ON: dropping rows first could change which row is kept.
        #expect(
            lines.contains { $0.trimmingPrefixSpaces == "Filter ((price_usd#3 IS NOT NULL) AND (price_usd#3 > 0.0))" })
        #expect(optimized.schema == (try Self.bound(RoundTripCorpus.silverTransform)).schema)
    }

    @Test func unionPushesIntoBothSidesAndLimitStopsPushdown() throws {
        let plan = try Self.bound("SELECT x FROM (SELECT a AS x FROM t UNION ALL SELECT a FROM u) AS v WHERE x > 1")
        #expect(
            Optimizer().optimize(plan).explain == """
                Union all
                  Project [a#0 AS x]
                    Scan t@0 columns=[a] filters=[(a#0 > 1)]
                  Scan u@0 columns=[a] filters=[(a#0 > 1)]
                """)
        let limited = try Self.bound("SELECT a FROM (SELECT a FROM t LIMIT 5) AS v WHERE a > 1")
        #expect(
            Optimizer().optimize(limited).explain == """
                Filter (a#0 > 1)
                  Limit count=5
                    Scan t@0 columns=[a]
                """)
    }

    @Test func optimizingKeepsEveryOutputSchema() throws {
        for sql in [
            "SELECT a, b FROM t WHERE a > 1",
            "SELECT DISTINCT b FROM t ORDER BY b",
            "SELECT b, sum(c) FROM t GROUP BY b HAVING sum(c) > 1",
            "SELECT * FROM t JOIN u USING (a) WHERE e > 1",
            "SELECT a FROM t UNION SELECT a FROM u",
            RoundTripCorpus.silverTransform,
        ] {
            let plan = try Self.bound(sql)
            #expect(Optimizer().optimize(plan).schema.fields.map(\.type) == plan.schema.fields.map(\.type), "\(sql)")
            #expect(Optimizer().optimize(plan).schema.fields.map(\.name) == plan.schema.fields.map(\.name), "\(sql)")
        }
    }
}

extension Substring {
    fileprivate var trimmingPrefixSpaces: Substring { drop { $0 == " " } }
}

/// Rewrites that would change results must not happen.
@Suite struct OptimizerSafetyTests {
    @Test func constantHavingStaysAboveAKeylessAggregate() throws {
        let plan = try OptimizerTests.bound("SELECT count(*) FROM t HAVING 1 = 0")
        #expect(
            PredicatePushdown().apply(plan).explain == """
                Project [count(*)#0 AS count(*)]
                  Filter (1 = 0)
                    Aggregate keys=[] aggregates=[count(*) AS count(*)]
                      Scan t@0 columns=[a, b, c, d]
                """)
    }

    @Test func predicatesStayAboveAWindowWithoutPartitions() throws {
        let plan = try OptimizerTests.bound(
            "SELECT * FROM (SELECT a, rank() OVER (ORDER BY c) AS r FROM t) AS s WHERE a = 1 AND r = 1")
        #expect(
            Optimizer().optimize(plan).explain == """
                Project [a#0 AS a, rank() OVER (ORDER BY c)#2 AS r]
                  Filter ((a#0 = 1) AND (rank() OVER (ORDER BY c)#2 = 1))
                    Window [rank() OVER (ORDER BY c#1 ASC NULLS LAST) AS rank() OVER (ORDER BY c)]
                      Scan t@0 columns=[a, c]
                """)
    }

    @Test func predicatesOnTheNullableSideOfAnOuterJoinStayAbove() throws {
        let plan = try OptimizerTests.bound("SELECT t.a FROM t LEFT JOIN u ON t.a = u.a WHERE u.e > 1")
        #expect(
            Optimizer().optimize(plan).explain == """
                Project [a#0 AS a]
                  Filter (e#2 > 1.0)
                    Join left keys=[a#0 = a#0]
                      Scan t@0 columns=[a]
                      Scan u@0 columns=[a, e]
                """)
    }
}

import LakeColumnar
import LakeExec
import LakeSQL
import LakeSession
import Testing

/// Queries through the whole session path: catalog, binder, optimizer, lowering, executor, table scans.
@Suite struct SessionQueryTests {
    /// `silver.prices` (two commits) and `silver.coins`.
    static func lake() throws -> TemporaryLake {
        let lake = try TemporaryLake("query")
        try lake.createTable(
            "silver/prices",
            schema: Schema([
                Field("coin_id", .int64, nullable: true), Field("day", .date32, nullable: true),
                Field("price", .float64, nullable: true),
            ]),
            commits: [
                try makeBatch([
                    ("coin_id", .int64, [.int(1), .int(1), .int(2)]),
                    ("day", .date32, [.int(19_000), .int(19_001), .int(19_000)]),
                    ("price", .float64, [.float64(100), .float64(110), .float64(5)]),
                ]),
                try makeBatch([
                    ("coin_id", .int64, [.int(2), .int(3), .int(1)]),
                    ("day", .date32, [.int(19_001), .int(19_001), .int(19_002)]),
                    ("price", .float64, [.float64(4), .null, .float64(99)]),
                ]),
            ])
        try lake.createTable(
            "silver/coins",
            schema: Schema([Field("coin_id", .int64, nullable: true), Field("symbol", .utf8, nullable: true)]),
            commits: [
                try makeBatch([
                    ("coin_id", .int64, [.int(1), .int(2), .int(4)]),
                    ("symbol", .utf8, [.string("BTC"), .string("ETH"), .string("XRP")]),
                ])
            ])
        return lake
    }

    @Test func filtersProjectsAndOrdersATable() throws {
        let lake = try Self.lake()
        let result = try lake.session().execute(
            "SELECT coin_id, day, price * 2 AS doubled FROM silver.prices WHERE price > 4.5 ORDER BY doubled DESC")
        #expect(result.schema.fields.map(\.name) == ["coin_id", "day", "doubled"])
        #expect(
            TemporaryLake.rows(result) == [
                ["1", "2022-01-09", "220.0"], ["1", "2022-01-08", "200.0"], ["1", "2022-01-10", "198.0"],
                ["2", "2022-01-08", "10.0"],
            ])
    }

    @Test func aggregatesWithGroupByHavingAndIntegerDivision() throws {
        let lake = try Self.lake()
        let result = try lake.session().execute(
            """
            SELECT coin_id, count(*) AS n, count(price) AS priced, avg(price) AS average, 7 / 2 AS half
            FROM silver.prices GROUP BY coin_id HAVING count(*) >= 1 ORDER BY coin_id
            """)
        #expect(result.schema.fields.map(\.type) == [.int64, .int64, .int64, .float64, .float64])
        #expect(
            TemporaryLake.rows(result) == [
                ["1", "3", "3", "103.0", "3.5"], ["2", "2", "2", "4.5", "3.5"], ["3", "1", "0", "NULL", "3.5"],
            ])
    }

    @Test func joinsTwoTablesWithOuterJoinNulls() throws {
        let lake = try Self.lake()
        let result = try lake.session().execute(
            """
            SELECT c.symbol, max(p.price) AS top FROM silver.coins c LEFT JOIN silver.prices p ON p.coin_id = c.coin_id
            GROUP BY c.symbol ORDER BY c.symbol
            """)
        #expect(TemporaryLake.rows(result) == [["BTC", "110.0"], ["ETH", "5.0"], ["XRP", "NULL"]])
    }

    @Test func windowsLagRankAndQualify() throws {
        let lake = try Self.lake()
        let result = try lake.session().execute(
            """
            SELECT coin_id, day, price - lag(price) OVER (PARTITION BY coin_id ORDER BY day) AS change,
                   row_number() OVER (PARTITION BY coin_id ORDER BY day DESC) AS newest
            FROM silver.prices WHERE coin_id IN (1, 2)
            QUALIFY newest <= 2
            ORDER BY coin_id, day
            """)
        #expect(
            TemporaryLake.rows(result) == [
                ["1", "2022-01-09", "10.0", "2"], ["1", "2022-01-10", "-11.0", "1"],
                ["2", "2022-01-08", "NULL", "2"], ["2", "2022-01-09", "-1.0", "1"],
            ])
    }

    @Test func timeTravelReadsAnOlderVersion() throws {
        let lake = try Self.lake()
        let session = try lake.session()
        let old = try session.execute("SELECT count(*) FROM silver.prices VERSION AS OF 1")
        let latest = try session.execute("SELECT count(*) FROM silver.prices")
        #expect(TemporaryLake.rows(old) == [["3"]])
        #expect(TemporaryLake.rows(latest) == [["6"]])
    }

    @Test func readsAFolderOfParquetFilesWithWidenedTypes() throws {
        let lake = try Self.lake()
        try lake.writeParquet(
            "bronze/quotes/quotes-1.parquet",
            try makeBatch([("id", .int64, [.int(1), .int(2)]), ("price", .int64, [.int(10), .int(20)])]))
        try lake.writeParquet(
            "bronze/quotes/quotes-2.parquet",
            try makeBatch([
                ("id", .int64, [.int(3)]), ("price", .float64, [.float64(2.5)]), ("note", .utf8, [.string("new")]),
            ]))
        let result = try lake.session().execute("SELECT id, price, note FROM bronze.quotes ORDER BY id")
        #expect(result.schema.fields.map(\.type) == [.int64, .float64, .utf8])
        #expect(TemporaryLake.rows(result) == [["1", "10.0", "NULL"], ["2", "20.0", "NULL"], ["3", "2.5", "new"]])
        let pattern = try lake.session().execute("SELECT sum(id) FROM read_parquet('bronze/quotes/*.parquet')")
        #expect(TemporaryLake.rows(pattern) == [["6"]])
    }

    @Test func valuesCTEsUnionAndDistinct() throws {
        let lake = try Self.lake()
        let result = try lake.session().execute(
            """
            WITH a AS (SELECT * FROM (VALUES (1, 'x'), (2, 'y')) AS t(n, s))
            SELECT n, s FROM a UNION SELECT n, s FROM a UNION ALL SELECT 3, 'z' ORDER BY 1
            """)
        #expect(TemporaryLake.rows(result) == [["1", "x"], ["2", "y"], ["3", "z"]])
    }

    @Test func stringAndCaseExpressions() throws {
        let lake = try Self.lake()
        let result = try lake.session().execute(
            """
            SELECT lower(symbol) || '-' || CAST(coin_id AS VARCHAR) AS tag,
                   CASE WHEN symbol LIKE 'B%' THEN 'bitcoin' ELSE coalesce(NULL, 'other') END AS kind,
                   NULL || symbol AS nothing
            FROM silver.coins ORDER BY coin_id
            """)
        #expect(
            TemporaryLake.rows(result) == [
                ["btc-1", "bitcoin", "NULL"], ["eth-2", "other", "NULL"], ["xrp-4", "other", "NULL"],
            ])
    }

    @Test func subqueriesAsValuesRunOnceAndBecomeConstants() throws {
        let lake = try Self.lake()
        let session = try lake.session()
        let scalar = try session.execute(
            "SELECT coin_id, price FROM silver.prices WHERE price = (SELECT max(price) FROM silver.prices)")
        #expect(TemporaryLake.rows(scalar) == [["1", "110.0"]])
        let membership = try session.execute(
            """
            SELECT symbol FROM silver.coins
            WHERE coin_id IN (SELECT coin_id FROM silver.prices WHERE price < 50) ORDER BY symbol
            """)
        #expect(TemporaryLake.rows(membership) == [["ETH"]])
        let absent = try session.execute(
            """
            SELECT symbol FROM silver.coins c
            WHERE NOT EXISTS (SELECT 1 FROM silver.prices p WHERE p.coin_id = c.coin_id) ORDER BY symbol
            """)
        #expect(TemporaryLake.rows(absent) == [["XRP"]])
        #expect(throws: SessionError.self) {
            _ = try session.execute("SELECT (SELECT coin_id FROM silver.coins) AS one")
        }
    }

    @Test func functionsAggregatesAndFramesOfTheExecutorAreReachableFromSQL() throws {
        let lake = try Self.lake()
        let session = try lake.session()
        let scalars = try session.execute(
            """
            SELECT TRY_CAST('x1' AS BIGINT) AS bad, TRY_CAST('12' AS BIGINT) AS good,
                   DATE '2024-01-31' + INTERVAL '1 month' AS next_month, round(2.345, 2) AS rounded,
                   greatest(3, 9, 4) AS top, replace('a-b', '-', '+') AS swapped, EXTRACT(YEAR FROM DATE '2024-05-01') AS y
            """)
        #expect(
            TemporaryLake.rows(scalars) == [["NULL", "12", "2024-02-29T00:00:00", "2.350", "9", "a+b", "2024"]])
        let aggregates = try session.execute(
            """
            SELECT coin_id, arg_max(day, price) AS best_day, count(*) FILTER (WHERE price > 50) AS high,
                   sum(DISTINCT price) AS distinct_sum
            FROM silver.prices GROUP BY coin_id ORDER BY coin_id
            """)
        #expect(
            TemporaryLake.rows(aggregates) == [
                ["1", "2022-01-09", "3", "309.0"], ["2", "2022-01-08", "0", "9.0"], ["3", "NULL", "0", "NULL"],
            ])
        let frames = try session.execute(
            """
            SELECT coin_id, day,
                   sum(price) OVER (PARTITION BY coin_id ORDER BY day ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING) AS prev,
                   ntile(2) OVER (ORDER BY coin_id, day) AS half
            FROM silver.prices WHERE coin_id = 1 ORDER BY day
            """)
        #expect(
            TemporaryLake.rows(frames) == [
                ["1", "2022-01-08", "NULL", "1"], ["1", "2022-01-09", "100.0", "1"], ["1", "2022-01-10", "110.0", "2"],
            ])
    }

    @Test func windowsAndSortsOverNoRowsReturnNoRows() throws {
        let lake = try Self.lake()
        let result = try lake.session().execute(
            """
            SELECT row_number() OVER (ORDER BY day) AS n, rank() OVER (PARTITION BY coin_id ORDER BY price) AS r
            FROM silver.prices WHERE coin_id < 0 ORDER BY day
            """)
        #expect(result.rowCount == 0)
        #expect(result.schema.fields.map(\.name) == ["n", "r"])
    }

    @Test func unknownColumnIsASQLErrorWithACaret() throws {
        let lake = try Self.lake()
        #expect {
            _ = try lake.session().execute("SELECT pricee FROM silver.prices")
        } throws: { error in
            guard let error = error as? SessionError, case .sql = error else { return false }
            return error.description.contains("price") && error.description.contains("^")
        }
    }

    @Test func unknownTableAndEscapingPathsAreErrors() throws {
        let lake = try Self.lake()
        #expect(throws: SessionError.self) { _ = try lake.session().execute("SELECT * FROM silver.nothing") }
        #expect(throws: SessionError.self) { _ = try lake.session().execute("SELECT * FROM '../outside'") }
    }

    @Test func dataFrameOverATableComposesWithTheDataFrameAPI() throws {
        let lake = try Self.lake()
        let frame = try lake.session().table("silver.prices", version: 1)
            .filter(.comparison(.greater, .column("price"), .literal(.float64(50), nil)))
            .agg(AggregateExpression(.count, .column("price"), as: "n"))
        let batches = try frame.collect()
        #expect(batches.first.map { ValueFormatter.text($0.columns[0], row: 0) } == "2")
    }
}

import LakeColumnar
import LakeExec
import Testing

@Suite struct DataFrameTests {
    static let schema = Schema([
        Field("symbol", .utf8), Field("price", .float64), Field("volume", .int64), Field("day", .date32),
    ])

    static var listings: DataFrame {
        let rows: [[Value]] = [
            [.string("BTC"), .float64(100), .int(5), .days(2024, 1, 1)],
            [.string("ETH"), .float64(10), .int(50), .days(2024, 1, 1)],
            [.string("BTC"), .float64(110), .int(7), .days(2024, 1, 2)],
            [.string("ETH"), .float64(12), .null, .days(2024, 1, 2)],
            [.string("DOGE"), .float64(0.5), .int(1_000), .days(2024, 1, 2)],
            [.string("BTC"), .float64(90), .int(3), .days(2024, 1, 3)],
        ]
        let columns = schema.fields.enumerated().map { index, field in makeColumn(field.type, rows.map { $0[index] }) }
        return DataFrame(name: "listings", schema: schema, batches: [Batch(schema: schema, columns: columns)])
    }

    @Test func explainPrintsTheLogicalTree() {
        let frame = Self.listings
            .filter(col("price") > lit(1))
            .groupBy(col("symbol"))
            .agg(AggregateExpression(.avg, col("price"), as: "average"), AggregateExpression(.countRows, nil, as: "n"))
            .sort(SortKey(col("average"), ascending: false))
            .limit(2)
        #expect(
            frame.explain() == """
                Limit 2 offset 0
                  Sort average DESC NULLS LAST
                    Aggregate [symbol] avg(price) AS average, count(*) AS n
                      Filter (price > 1)
                        Scan listings [symbol, price, volume, day]
                """)
    }

    @Test func explainPhysicalShowsOperatorsAfterRewrites() throws {
        let frame = Self.listings.sort(SortKey(col("price"))).limit(3)
        #expect(
            try frame.explainPhysical() == """
                TopN 3 offset 0 by price ASC NULLS LAST
                  Scan listings [symbol, price, volume, day]
                """)
    }

    @Test func aPipelineOfStepsComputesTheExpectedRows() throws {
        let result = try Self.listings
            .filter(col("price") > lit(1))
            .groupBy(col("symbol"))
            .agg(
                AggregateExpression(.avg, col("price"), as: "average"),
                AggregateExpression(.sum, col("volume"), as: "volume"),
                AggregateExpression(.max, col("day"), as: "last_day")
            )
            .sort(SortKey(col("average"), ascending: false))
            .collect()
        #expect(
            rows(result) == [
                [.string("BTC"), .float64(100), .int(15), .days(2024, 1, 3)],
                [.string("ETH"), .float64(11), .int(50), .days(2024, 1, 2)],
            ])
    }

    @Test func withColumnAddsAndReplacesColumns() throws {
        let frame = try Self.listings
            .withColumn("notional", col("price") * col("volume"))
            .withColumn("price", col("price").cast(to: .int64))
            .filter(col("symbol").equals(lit("BTC")))
            .select("symbol", "price", "notional")
        #expect(try frame.schema().fields.map(\.type) == [.utf8, .int64, .float64])
        #expect(
            rows(try frame.collect()) == [
                [.string("BTC"), .int(100), .float64(500)], [.string("BTC"), .int(110), .float64(770)],
                [.string("BTC"), .int(90), .float64(270)],
            ])
    }

    @Test func joinWindowAndUnionComposeLazily() throws {
        let names = Schema([Field("code", .utf8), Field("name", .utf8)])
        let namesBatch = Batch(
            schema: names,
            columns: [
                makeColumn(.utf8, [.string("BTC"), .string("ETH")]),
                makeColumn(.utf8, [.string("Bitcoin"), .string("Ether")]),
            ])
        let frame = Self.listings
            .join(
                DataFrame(name: "names", schema: names, batches: [namesBatch]),
                on: [JoinKey(col("symbol"), col("code"))], type: .left
            )
            .window(
                WindowExpression(
                    .lag(col("price"), offset: 1, default: nil), partitionBy: [col("symbol")],
                    orderBy: [SortKey(col("day"))],
                    as: "previous")
            )
            .select([
                .column("symbol"), .column("name"),
                NamedExpression((col("price") - col("previous")) / col("previous"), as: "return"),
            ])
            .filter(col("return").isNotNull)
        #expect(
            rows(try frame.collect()) == [
                [.string("BTC"), .string("Bitcoin"), .float64(0.1)],
                [.string("ETH"), .string("Ether"), .float64(0.2)],
                [.string("BTC"), .string("Bitcoin"), .float64(-20.0 / 110.0)],
            ])
        let doubled = frame.unionAll(frame)
        #expect(try doubled.collect().reduce(0) { $0 + $1.rowCount } == 6)
    }

    @Test func planningErrorsNameTheProblem() {
        #expect(throws: ExecutionError.columnNotFound("prize", available: ["symbol", "price", "volume", "day"])) {
            try Self.listings.filter(col("prize") > lit(1)).collect()
        }
    }
}

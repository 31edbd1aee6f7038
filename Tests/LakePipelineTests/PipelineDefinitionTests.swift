import Foundation
import LakeCore
import LakePipeline
import LakeSQL
import LakeWarehouse
import Testing

@Suite struct PipelineDefinitionTests {
    static let minimal = """
        [pipeline]
        name = "t"
        endpoints = ["listings_latest", "global_metrics_quotes_latest"]

        [group.daily]
        cadence = "daily"
        times = ["06:00"]
        endpoints = ["listings_latest"]

        [model.market]
        sql = "market.sql"
        inputs = ["bronze.listings_latest"]
        mode = "append"
        partition_by = ["snapshot_date"]

        [model.kpi]
        sql = "kpi.sql"
        inputs = ["silver.market"]
        """
    static let files = [
        "market.sql":
            "SELECT id AS crypto_id, CAST(_extracted_at AS DATE) AS snapshot_date FROM bronze.listings_latest",
        "kpi.sql": "WITH m AS (SELECT * FROM silver.market) SELECT crypto_id, count(*) AS n FROM m GROUP BY crypto_id",
    ]

    @Test func referencePipelineLoadsAndOrdersModelsAfterTheirInputs() throws {
        let definition = try ReferencePipelineFixture.definition()
        #expect(definition.name == "crypto")
        #expect(definition.endpoints.map(\.name) == Endpoint.referenceCatalog.map(\.name))
        #expect(definition.groups.map(\.name) == ["daily", "weekly", "5x", "10x"])
        #expect(definition.group(named: "10x")?.times.count == 10)
        #expect(definition.group(named: "5x")?.cadence == .weekdays)
        #expect(definition.group(named: "weekly")?.cadence == .weekly(.sunday))
        let required = [
            "dim_exchange_id", "dim_exchange_info", "dim_exchange_map", "fact_exchange_assets", "dim_crypto_id",
            "dim_crypto_map", "dim_crypto_info", "fact_crypto_market", "dim_crypto_category", "crypto_category_link",
            "fact_crypto_category", "fact_global_market", "fact_market_sentiment", "kpi_crypto_returns",
            "kpi_market_dominance", "kpi_category_dominance", "hourly_avg_price", "daily_performance_ranking",
            "price_move_alerts", "daily_volume",
        ]
        #expect(Set(definition.models.map(\.name)) == Set(required))
        let position = Dictionary(uniqueKeysWithValues: definition.models.enumerated().map { ($1.name, $0) })
        for model in definition.models {
            for input in model.inputs where input.layer != .bronze {
                let writer = try #require(definition.model(writing: input))
                #expect(
                    (position[writer.name] ?? .max) < (position[model.name] ?? -1), "\(writer.name) < \(model.name)")
            }
        }
        // Loads: a dimension referenced by a foreign-key filter is loaded first.
        let loadPosition = Dictionary(uniqueKeysWithValues: definition.loads.enumerated().map { ($1.target, $0) })
        for load in definition.loads {
            for filter in load.foreignKeyFilters {
                #expect((loadPosition[filter.referencedTable] ?? .max) < (loadPosition[load.target] ?? -1))
            }
        }
        let market = try #require(definition.loads.first { $0.name == "fact_crypto_market" })
        #expect(market.mode == .append)
        #expect(
            market.foreignKeyFilters == [
                ForeignKey(columns: ["crypto_id"], references: TableName("dim_crypto_id"), ["crypto_id"])
            ])
        #expect(definition.loads.first { $0.name == "dim_crypto_id" }?.mode == .insertMissing)
    }

    @Test func everyReferenceModelFileParsesAsOneQuery() throws {
        let folder = try ReferencePipelineFixture.folder().appendingPathComponent("models")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
        #expect(names.count == 20)
        let definition = try ReferencePipelineFixture.definition()
        #expect(Set(definition.models.map(\.sqlFile)) == Set(names.map { "models/" + $0 }))
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let statements = try SQLParser.parseScript(text)
            #expect(statements.count == 1, "\(name)")
            guard case .query? = statements.first else {
                Issue.record("\(name) is not a query")
                continue
            }
        }
    }

    @Test func kpiModelsUseLagAndRowsFrames() throws {
        let definition = try ReferencePipelineFixture.definition()
        let returns = try #require(definition.model(named: "kpi_crypto_returns"))
        let text = SQLFormatter().format(returns.query)
        #expect(text.contains("lag(price_usd)"))
        #expect(text.contains("ROWS BETWEEN 6 PRECEDING AND CURRENT ROW"))
        let dominance = try #require(definition.model(named: "kpi_market_dominance"))
        #expect(SQLFormatter().format(dominance.query).contains("lag(btc_dominance_pct)"))
    }

    @Test func minimalPipelineResolvesInputsModesAndDefaults() throws {
        let definition = try ReferencePipelineFixture.parse(Self.minimal, files: Self.files)
        #expect(definition.models.map(\.name) == ["market", "kpi"])
        let market = try #require(definition.model(named: "market"))
        #expect(market.output == ModelInput(layer: .silver, name: "market"))
        #expect(market.writeMode == .append)
        #expect(market.partitionColumns == ["snapshot_date"])
        #expect(definition.model(named: "kpi")?.writeMode == .overwrite)
        #expect(definition.group(named: "daily")?.zone == .utc)
    }

    @Test func modelsAreSortedByDependencyWhateverTheFileOrder() throws {
        let text = """
            [pipeline]
            name = "t"
            endpoints = ["listings_latest"]
            [model.c]
            sql = "c.sql"
            inputs = ["silver.b"]
            [model.b]
            sql = "b.sql"
            inputs = ["silver.a"]
            [model.a]
            sql = "a.sql"
            inputs = ["bronze.listings_latest"]
            """
        let files = [
            "a.sql": "SELECT id FROM bronze.listings_latest", "b.sql": "SELECT id FROM silver.a",
            "c.sql": "SELECT id FROM silver.b",
        ]
        #expect(try ReferencePipelineFixture.parse(text, files: files).models.map(\.name) == ["a", "b", "c"])
    }

    @Test func cycleIsReportedWithTheModelsOnIt() {
        let text = """
            [pipeline]
            name = "t"
            endpoints = ["listings_latest"]
            [model.a]
            sql = "a.sql"
            inputs = ["bronze.listings_latest", "silver.c"]
            [model.b]
            sql = "b.sql"
            inputs = ["silver.a"]
            [model.c]
            sql = "c.sql"
            inputs = ["silver.b"]
            """
        let files = [
            "a.sql": "SELECT id FROM bronze.listings_latest JOIN silver.c USING (id)",
            "b.sql": "SELECT id FROM silver.a",
            "c.sql": "SELECT id FROM silver.b",
        ]
        let failure = definitionFailure { _ = try ReferencePipelineFixture.parse(text, files: files) }
        #expect(failure?.location == "test.toml:4")
        #expect(failure?.reason == "models depend on each other in a cycle: a -> c -> b -> a")
    }

    @Test func sqlSyntaxErrorsPointIntoTheSQLFile() {
        var files = Self.files
        files["kpi.sql"] = "SELECT crypto_id\nFROM silver.market\nGROP BY crypto_id"
        let failure = definitionFailure { _ = try ReferencePipelineFixture.parse(Self.minimal, files: files) }
        #expect(failure?.location == "kpi.sql:3:1")
        #expect(failure?.reason.hasPrefix("model kpi: expected") == true)
        #expect(failure?.reason.contains("did you mean GROUP?") == true)
    }

    @Test(arguments: [
        // (replace in the minimal file, with, location, reason)
        (
            "\"listings_latest\", \"global", "\"listings_latest\", \"nope\", \"global", "test.toml:3",
            "unknown endpoint nope (known: " + Endpoint.referenceCatalog.map(\.name).joined(separator: ", ") + ")"
        ),
        (
            "endpoints = [\"listings_latest\"]\n", "endpoints = [\"fear_and_greed_latest\"]\n", "test.toml:8",
            "group daily: fear_and_greed_latest is neither one of the pipeline's endpoints nor a declared source"
        ),
        (
            "inputs = [\"silver.market\"]", "inputs = [\"silver.market\", \"bronze.listings_latest\"]", "test.toml:18",
            "model kpi: input bronze.listings_latest is never read by kpi.sql"
        ),
        (
            "cadence = \"daily\"", "cadence = \"hourly\"", "test.toml:6",
            "cadence must be daily, weekdays or weekly, found hourly"
        ),
        ("cadence = \"daily\"", "cadence = \"weekly\"", "test.toml:5", "a weekly group needs weekday = \"<day>\""),
        ("times = [\"06:00\"]", "times = [\"24:00\"]", "test.toml:7", "time 24:00 is not HH:MM (00:00 to 23:59)"),
        (
            "times = [\"06:00\"]", "times = [\"06:00\"]\nzone = \"Mars/Olympus\"", "test.toml:8",
            "zone Mars/Olympus is not UTC, a UTC offset (+05:30), a POSIX TZ rule (CET-1CEST,M3.5.0,M10.5.0/3) "
                + "or one of the known zone names (Europe/Paris, America/New_York, ...)"
        ),
        (
            "mode = \"append\"", "mode = \"upsert\"", "test.toml:13",
            "mode must be overwrite, append or merge, found upsert"
        ),
        ("mode = \"append\"", "mode = \"merge\"", "test.toml:10", "mode = \"merge\" needs keys = [...]"),
        (
            "partition_by = [\"snapshot_date\"]", "partition_by = [\"day\"]", "test.toml:14",
            "model market: column day is not in the output of market.sql (columns: crypto_id, snapshot_date)"
        ),
        (
            "mode = \"append\"", "mode = \"append\"\nschedule = \"x\"", "test.toml:14",
            "unknown key schedule in [model.market] (known keys: inputs, keys, mode, output, partition_by, sql)"
        ),
        (
            "[model.kpi]", "[model.kpi]\noutput = \"silver.market\"", "test.toml:16",
            "models market and kpi both write silver.market"
        ),
        (
            "[model.kpi]", "[view.kpi]", "test.toml:16",
            "unknown section kind view (known: pipeline, csv_source, postgres_source, group, model, load, "
                + "post_load, backup, maintenance)"
        ),
        (
            "sql = \"kpi.sql\"", "sql = \"missing.sql\"", "test.toml:17",
            "model kpi: SQL file missing.sql is missing or unreadable"
        ),
    ])
    func invalidDefinitionsAreReportedWithFileAndLine(old: String, new: String, location: String, reason: String) {
        let text = Self.minimal.replacingOccurrences(of: old, with: new)
        #expect(text != Self.minimal)
        #expect(throws: PipelineError.invalidDefinition(location: location, reason: reason)) {
            try ReferencePipelineFixture.parse(text, files: Self.files)
        }
    }

    @Test func modelSQLMayReadOnlyItsDeclaredInputs() {
        var files = Self.files
        files["kpi.sql"] = "SELECT crypto_id\nFROM silver.market JOIN\n  bronze.global_metrics_quotes_latest ON TRUE"
        #expect(
            throws: PipelineError.invalidDefinition(
                location: "kpi.sql:3:3",
                reason: "model kpi: table bronze.global_metrics_quotes_latest is not one of its inputs (silver.market)")
        ) { try ReferencePipelineFixture.parse(Self.minimal, files: files) }
        files["kpi.sql"] = "SELECT * FROM read_parquet('x.parquet') JOIN silver.market ON TRUE"
        let failure = definitionFailure { _ = try ReferencePipelineFixture.parse(Self.minimal, files: files) }
        #expect(failure?.reason == "model kpi: reads read_parquet(...); models read only their declared inputs")
        files["kpi.sql"] = "SELECT 1; SELECT 2 FROM silver.market"
        let twoStatements = definitionFailure { _ = try ReferencePipelineFixture.parse(Self.minimal, files: files) }
        #expect(twoStatements?.reason.hasSuffix("found 2 statement(s)") == true)
    }

    @Test func tableReferencesSkipCTENamesButFindSubqueries() throws {
        let query = try SQLParser.parseQuery(
            """
            WITH a AS (SELECT * FROM silver.x), b AS (SELECT * FROM a)
            SELECT * FROM b WHERE id IN (SELECT id FROM silver.y) AND EXISTS (SELECT 1 FROM bronze.z)
            UNION ALL SELECT * FROM (SELECT * FROM silver.x) AS d
            """)
        #expect(ModelTableReferences(query).tables.map(\.name.description) == ["silver.x", "silver.y", "bronze.z"])
    }

    @Test func loadsCheckSourcesAndForeignKeyTargets() {
        let loads =
            Self.minimal + """

                [load.kpi]
                source = "silver.kpi"
                foreign_keys = ["crypto_id -> dim_crypto_id(crypto_id)"]
                """
        #expect(
            throws: PipelineError.invalidDefinition(
                location: "test.toml:19", reason: "load kpi: foreign key references dim_crypto_id, which no load writes"
            )
        ) { try ReferencePipelineFixture.parse(loads, files: Self.files) }
        let badSource = Self.minimal + "\n[load.x]\nsource = \"silver.nothing\"\n"
        let failure = definitionFailure { _ = try ReferencePipelineFixture.parse(badSource, files: Self.files) }
        #expect(failure?.reason == "load x: source silver.nothing is written by no model")
        let badKey =
            Self.minimal + "\n[load.x]\nsource = \"silver.market\"\nmode = \"insert-missing\"\nkeys = [\"id\"]\n"
        let keyFailure = definitionFailure { _ = try ReferencePipelineFixture.parse(badKey, files: Self.files) }
        #expect(keyFailure?.location == "test.toml:19")
        #expect(keyFailure?.reason == "load x: column id is not in the output of model market")
        let badFK = Self.minimal + "\n[load.x]\nsource = \"silver.kpi\"\nforeign_keys = [\"a, b -> t(c)\"]\n"
        let fkFailure = definitionFailure { _ = try ReferencePipelineFixture.parse(badFK, files: Self.files) }
        #expect(fkFailure?.reason == "foreign key a, b -> t(c) is not \"col[, col] -> table(col[, col])\"")
    }

    @Test func idEndpointsMustFollowTheirSource() {
        let text = """
            [pipeline]
            name = "t"
            endpoints = ["cryptocurrency_info", "cryptocurrency_map"]
            """
        #expect(
            throws: PipelineError.invalidDefinition(
                location: "test.toml:3",
                reason: "endpoint cryptocurrency_info takes ids from cryptocurrency_map, which must be listed before it"
            )
        ) { try ReferencePipelineFixture.parse(text) }
    }

    @Test func zonesParseOffsetsAndFixedNames() {
        #expect(ScheduleZone(parsing: "+05:30")?.offsetSeconds == 19_800)
        #expect(ScheduleZone(parsing: "UTC-04:00")?.offsetSeconds == -14_400)
        #expect(ScheduleZone(parsing: "-03")?.offsetSeconds == -10_800)
        #expect(ScheduleZone(parsing: "Etc/GMT+5")?.offsetSeconds == -18_000)
        #expect(ScheduleZone(parsing: "Etc/GMT-14")?.offsetSeconds == 50_400)
        #expect(ScheduleZone(parsing: "GMT")?.offsetSeconds == 0)
        for bad in ["+19:00", "+5:30", "+05:60", "America/Sao_Paulo", "", "+", "Etc/GMT+15", "UTC+"] {
            #expect(ScheduleZone(parsing: bad) == nil, "\(bad)")
        }
        #expect(TimeOfDay(parsing: "7:05")?.minuteOfDay == 425)
        #expect(TimeOfDay(parsing: "07:5") == nil)
    }
}

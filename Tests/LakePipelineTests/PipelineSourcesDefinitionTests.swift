import LakeColumnar
import LakeCore
import LakePipeline
import LakeWarehouse
import Testing

/// `[csv_source.<name>]` and `[postgres_source.<name>]` sections: what they declare, how groups and models name
/// them, and the errors (with their lines) for bad ones.
@Suite struct PipelineSourcesDefinitionTests {
    static let text = """
        [pipeline]
        name = "sources"
        endpoints = ["listings_latest"]

        [csv_source.prices]
        folder = "inbox/prices"
        schema = "symbol:utf8 not null, price:float64, day:date32"

        [csv_source.rates]
        folder = "inbox/rates/"
        delimiter = ";"

        [postgres_source.trades]
        url_env = "SOURCE_DATABASE_URL"
        table = "public.trades"
        columns = ["id", "symbol", "qty", "updated_at"]
        cursor = "updated_at"

        [postgres_source.accounts]
        url_env = "OTHER_DB"
        table = "accounts"

        [group.daily]
        cadence = "daily"
        times = ["06:00"]
        endpoints = ["listings_latest", "trades", "prices"]

        [group.hourly]
        cadence = "weekdays"
        times = ["09:00", "10:00"]
        endpoints = ["rates", "accounts"]

        [model.priced_trades]
        sql = "priced_trades.sql"
        inputs = ["bronze.trades", "bronze.prices"]
        mode = "append"

        [model.rate_rows]
        sql = "rate_rows.sql"
        inputs = ["bronze.rates", "bronze.accounts"]
        """
    static let files = [
        "priced_trades.sql": """
        SELECT t.id, t.qty * p.price AS amount FROM bronze.trades t JOIN bronze.prices p ON t.symbol = p.symbol
        """,
        "rate_rows.sql": "SELECT count(*) AS n FROM bronze.rates CROSS JOIN bronze.accounts",
    ]

    @Test func sourcesAreDeclaredWithTheirFolderSchemaTableColumnsAndCursor() throws {
        let definition = try ReferencePipelineFixture.parse(Self.text, files: Self.files)
        #expect(definition.csvSources.map(\.name) == ["prices", "rates"])
        let prices = try #require(definition.csvSources.first)
        #expect(prices.folder == "inbox/prices/")
        #expect(
            prices.schema
                == Schema([
                    Field("symbol", .utf8, nullable: false), Field("price", .float64), Field("day", .date32),
                ]))
        let rates = try #require(definition.csvSources.last)
        #expect(rates.folder == "inbox/rates/")
        #expect(rates.schema == nil)
        #expect(rates.options.delimiter == UInt8(ascii: ";"))

        #expect(
            definition.postgresSources == [
                PostgresSourceDefinition(
                    source: PostgresSource(
                        name: "trades", table: TableName(schema: "public", "trades"),
                        columns: ["id", "symbol", "qty", "updated_at"], cursorColumn: "updated_at"),
                    urlEnvironmentVariable: "SOURCE_DATABASE_URL", line: 13),
                PostgresSourceDefinition(
                    source: PostgresSource(name: "accounts", table: TableName("accounts")),
                    urlEnvironmentVariable: "OTHER_DB", line: 19),
            ])
        #expect(definition.extractNames == ["listings_latest", "prices", "rates", "trades", "accounts"])
        #expect(
            definition.model(named: "priced_trades")?.inputs.map(\.description) == ["bronze.prices", "bronze.trades"])
    }

    @Test func plansExtractTheGroupsSourcesAfterItsEndpointsAndRunTheModelsReadingThem() throws {
        let definition = try ReferencePipelineFixture.parse(Self.text, files: Self.files)
        let daily = try PipelinePlan(definition: definition, group: "daily", stage: .all)
        #expect(
            daily.steps == [
                .extract(endpoint: "listings_latest"), .extract(endpoint: "prices"), .extract(endpoint: "trades"),
                .runModel("priced_trades"),
            ])
        let hourly = try PipelinePlan(definition: definition, group: "hourly", stage: .extract)
        #expect(hourly.steps == [.extract(endpoint: "rates"), .extract(endpoint: "accounts")])
        let all = try PipelinePlan(definition: definition, group: nil, stage: .extract)
        #expect(all.steps.map(\.description) == definition.extractNames.map { "extract \($0)" })

        let explained = daily.explain(definition)
        #expect(explained.contains("2. extract prices: csv files in inbox/prices/ (declared schema) -> bronze/prices/"))
        #expect(
            explained.contains(
                "3. extract trades: postgres public.trades at $SOURCE_DATABASE_URL (incremental on updated_at) "
                    + "-> bronze/trades/"))
    }

    @Test(arguments: [
        // (replace in the file, with, location, reason)
        (
            "folder = \"inbox/prices\"", "folder = \"../outside\"", "test.toml:6",
            "folder ../outside must be a folder inside the lake root: relative, without empty, . or .. components, "
                + "and not under _lake/, bronze/, gold/, silver/"
        ),
        (
            "folder = \"inbox/prices\"", "folder = \"/etc/prices\"", "test.toml:6",
            "folder /etc/prices must be a folder inside the lake root: relative, without empty, . or .. components, "
                + "and not under _lake/, bronze/, gold/, silver/"
        ),
        (
            "folder = \"inbox/prices\"", "folder = \"inbox/../../x\"", "test.toml:6",
            "folder inbox/../../x must be a folder inside the lake root: relative, without empty, . or .. "
                + "components, and not under _lake/, bronze/, gold/, silver/"
        ),
        (
            "folder = \"inbox/prices\"", "folder = \"bronze/prices\"", "test.toml:6",
            "folder bronze/prices must be a folder inside the lake root: relative, without empty, . or .. "
                + "components, and not under _lake/, bronze/, gold/, silver/"
        ),
        (
            "folder = \"inbox/prices\"\n", "", "test.toml:5", "[csv_source.prices] needs folder"
        ),
        (
            "price:float64,", "price:money,", "test.toml:7",
            "schema at character 29: unknown type 'money' for field 'price'"
        ),
        (
            "day:date32\"", "_source_file:utf8\"", "test.toml:7",
            "schema declares _source_file, a column bronze adds to every row"
        ),
        (
            "delimiter = \";\"", "delimiter = \";;\"", "test.toml:11",
            "delimiter must be one printable ASCII character or a tab, other than the quote"
        ),
        (
            "delimiter = \";\"", "delimiter = \";\"\nheader = \"no\"", "test.toml:12",
            "unknown key header in [csv_source.rates] (known keys: delimiter, folder, schema)"
        ),
        (
            "url_env = \"SOURCE_DATABASE_URL\"", "url_env = \"postgres://me:secret@db/prod\"", "test.toml:14",
            "url_env must name the environment variable that holds the database URL ([A-Z_][A-Z0-9_]*), not the URL "
                + "itself"
        ),
        (
            "table = \"public.trades\"", "table = \"a.b.c\"", "test.toml:15",
            "table must be \"name\" or \"schema.name\" (unquoted), found a.b.c"
        ),
        ("table = \"accounts\"\n", "", "test.toml:19", "[postgres_source.accounts] needs table"),
        (
            "columns = [\"id\", \"symbol\", \"qty\", \"updated_at\"]", "columns = []", "test.toml:16",
            "columns must list at least one column (leave it out to extract every column)"
        ),
        (
            "\"qty\", \"updated_at\"]", "\"qty\", \"_extracted_at\"]", "test.toml:16",
            "columns names _extracted_at, a column bronze adds to every row"
        ),
        (
            "[postgres_source.accounts]", "[postgres_source.prices]", "test.toml:19",
            "source prices is declared both as a CSV and as a PostgreSQL source"
        ),
        (
            "[csv_source.rates]", "[csv_source.listings_latest]", "test.toml:9",
            "source listings_latest has the name of one of the pipeline's endpoints"
        ),
        (
            "endpoints = [\"listings_latest\"]\n", "endpoints = [\"listings_latest\", \"prices\"]\n", "test.toml:3",
            "prices is a declared source: list it in the endpoints of its groups, not here"
        ),
        (
            "\"trades\", \"prices\"]\n", "\"trades\", \"quotes\"]\n", "test.toml:26",
            "group daily: quotes is neither one of the pipeline's endpoints nor a declared source"
        ),
        (
            "inputs = [\"bronze.rates\", \"bronze.accounts\"]", "inputs = [\"bronze.rates\", \"bronze.ledger\"]",
            "test.toml:38", "model rate_rows: input bronze.ledger is neither a pipeline endpoint nor a declared source"
        ),
    ])
    func badSourceSectionsAreReportedWithFileAndLine(old: String, new: String, location: String, reason: String) {
        let text = Self.text.replacingOccurrences(of: old, with: new)
        #expect(text != Self.text)
        var files = Self.files
        files["rate_rows.sql"] = "SELECT count(*) AS n FROM bronze.rates CROSS JOIN bronze.ledger"
        if !new.contains("ledger") { files["rate_rows.sql"] = Self.files["rate_rows.sql"] }
        #expect(throws: PipelineError.invalidDefinition(location: location, reason: reason)) {
            try ReferencePipelineFixture.parse(text, files: files)
        }
    }

    @Test func aURLPastedIntoURLEnvIsNotRepeatedInTheError() {
        let text = Self.text.replacingOccurrences(
            of: "url_env = \"SOURCE_DATABASE_URL\"", with: "url_env = \"postgres://me:secret@db/prod\"")
        let failure = definitionFailure { _ = try ReferencePipelineFixture.parse(text, files: Self.files) }
        #expect(failure?.location == "test.toml:14")
        #expect(failure?.reason.contains("secret") == false)
    }

    @Test func theReferencePipelineDeclaresNoSources() throws {
        let definition = try ReferencePipelineFixture.definition()
        #expect(definition.csvSources.isEmpty && definition.postgresSources.isEmpty)
        #expect(definition.extractNames == definition.endpoints.map(\.name))
    }
}

import Foundation
import LakeColumnar
import LakeCore
import LakeHTTP
import LakePipeline
import LakeTable
import LakeTestSupport
import LakeWarehouse

/// A small pipeline written to a scratch folder for the run tests: every write mode (an overwrite model reading
/// every bronze snapshot), a partitioned append, a
/// foreign-key-filtered load, a model that fails at run time with a dependent model and load, a post-load
/// script, a gold backup and a checkpoint.
///
/// Its SQL uses only what the reference models also use (CAST, QUALIFY with row_number, GROUP BY), so the runner's
/// behaviour is tested apart from which SQL features the session has.
struct PipelineRunTestPipeline {
    let folder: PipelineScratch
    let definition: PipelineDefinition

    static let text = """
        [pipeline]
        name = "run-test"
        endpoints = ["listings_latest", "cryptocurrency_map"]

        [group.daily]
        cadence = "daily"
        times = ["06:30"]
        endpoints = ["listings_latest", "cryptocurrency_map"]

        [model.dim_coin]
        sql = "models/dim_coin.sql"
        inputs = ["bronze.cryptocurrency_map"]
        mode = "merge"
        keys = ["coin_id"]

        [model.fact_quote]
        sql = "models/fact_quote.sql"
        inputs = ["bronze.listings_latest"]
        mode = "append"
        partition_by = ["snapshot_date"]

        [model.map_rows]
        sql = "models/map_rows.sql"
        inputs = ["bronze.cryptocurrency_map"]

        [model.quote_days]
        sql = "models/quote_days.sql"
        inputs = ["silver.fact_quote"]

        [model.broken]
        sql = "models/broken.sql"
        inputs = ["silver.fact_quote"]

        [model.broken_child]
        sql = "models/broken_child.sql"
        inputs = ["silver.broken"]

        [load.dim_coin]
        source = "silver.dim_coin"
        mode = "insert-missing"
        keys = ["coin_id"]

        [load.fact_quote]
        source = "silver.fact_quote"
        foreign_keys = ["coin_id -> dim_coin(coin_id)"]

        [load.quote_days]
        source = "silver.quote_days"
        mode = "insert-missing"
        keys = ["snapshot_date"]

        [load.broken]
        source = "silver.broken"

        [post_load.quote_view]
        sql = "warehouse/quote_view.sql"
        after = ["fact_quote"]

        [backup.fact_quote]
        source = "public.fact_quote"
        target = "gold.fact_quote_backup"
        groups = ["daily"]

        [maintenance.checkpoint_quotes]
        action = "checkpoint"
        tables = ["silver.fact_quote"]
        group = "daily"
        """

    static let files = [
        "models/dim_coin.sql": """
        SELECT CAST(id AS BIGINT) AS coin_id, symbol, name AS coin_name
        FROM bronze.cryptocurrency_map
        WHERE id IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY id ORDER BY _extracted_at DESC) = 1
        """,
        "models/fact_quote.sql": """
        SELECT CAST(id AS BIGINT) AS coin_id, _extracted_at AS snapshot_at,
            CAST(_extracted_at AS DATE) AS snapshot_date, quote_usd_price AS price_usd
        FROM bronze.listings_latest
        WHERE id IS NOT NULL
        """,
        "models/map_rows.sql": "SELECT count(*) AS map_rows FROM bronze.cryptocurrency_map",
        "models/quote_days.sql": """
        SELECT snapshot_date, count(*) AS quotes FROM silver.fact_quote GROUP BY snapshot_date
        """,
        "models/broken.sql": "SELECT no_such_column AS value FROM silver.fact_quote",
        "models/broken_child.sql": "SELECT value FROM silver.broken",
        "warehouse/quote_view.sql": "CREATE OR REPLACE VIEW latest_quote AS SELECT * FROM fact_quote;",
    ]

    init() throws {
        folder = try PipelineScratch()
        for (path, text) in Self.files.merging(["pipeline.toml": Self.text], uniquingKeysWith: { $1 }) {
            try folder.store.put(path, Array(text.utf8))
        }
        definition = try PipelineDefinition.load(
            path: "pipeline.toml", store: folder.store, catalog: ReplayFixtures.catalog)
    }

    /// A runner over `root` starting at `millis` (real time advances it), extracting through `transport` (the
    /// replay fixtures when nil).
    func runner(
        root: String, at millis: Int64, warehouse: WarehouseURL?, transport: (any HTTPTransport)? = nil
    ) throws -> PipelineRunner {
        let started = TableClock.system.nowMillis()
        return PipelineRunner(
            definition: definition, root: root, pipelineFiles: folder.store,
            transport: try transport ?? APIFixtures.replay(),
            sources: ReplayFixtures.sources, warehouse: warehouse,
            clock: TableClock { millis + (TableClock.system.nowMillis() - started) })
    }
}

/// A database of its own on the shared test server.
enum PipelineRunDatabase {
    static func make() throws -> WarehouseURL {
        let server = try PostgresServer.shared()
        let name = "pipeline_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try WarehouseConnection(WarehouseURL(server.url)).execute("CREATE DATABASE \(name)")
        return try WarehouseURL(server.url(database: name))
    }

    /// `SELECT count(*) FROM table`.
    static func count(_ table: String, _ url: WarehouseURL) throws -> Int {
        Int(try WarehouseConnection(url).execute("SELECT count(*) FROM \(table)").scalar ?? "") ?? -1
    }
}

/// Rows of every live file of a lake table.
func lakeRowCount(_ store: any ObjectStore, _ root: String) throws -> Int {
    try Table(store: store, root: root).scan().readAll().reduce(0) { $0 + $1.rowCount }
}

/// The replay fixtures, except that requests whose path contains `failingPath` answer HTTP 404.
struct FailingReplayTransport: HTTPTransport {
    let replay: ReplayTransport
    let failingPath: String

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        if request.url.contains(failingPath) {
            return HTTPResponse(status: 404, body: Array("gone".utf8), url: request.url)
        }
        return try replay.send(request)
    }
}

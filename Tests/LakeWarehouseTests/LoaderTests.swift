import LakeColumnar
import LakeWarehouse
import Testing

@Suite struct LoaderTests {
    static func input(_ batches: [Batch]) -> LoadInput {
        LoadInput(schema: batches[0].schema, parts: [LoadPart(batches: batches)])
    }

    @Test func aLoadedVersionLoadsNothingAgainAndAnOlderVersionCanBeReloadedOnRequest() throws {
        let database = try TestDatabase()
        let loader = WarehouseLoader(url: database.url)
        let target = TableName("facts")
        let first = try loader.load(
            Self.input([try idLabelBatch(Array(0..<10))]), into: target,
            from: LoadSource(identity: "silver/f", version: 3))
        #expect(first.rowsLoaded == 10 && !first.alreadyLoaded)
        let again = try loader.load(
            Self.input([try idLabelBatch(Array(0..<10))]), into: target,
            from: LoadSource(identity: "silver/f", version: 3))
        #expect(again.alreadyLoaded && again.rowsLoaded == 0)
        #expect(try database.count("facts") == 10)
        _ = try loader.load(
            Self.input([try idLabelBatch(Array(10..<15))]), into: target,
            from: LoadSource(identity: "silver/f", version: 5))
        #expect(try loader.lastLoadedVersion(target: target, source: "silver/f") == 5)
        // An older version not loaded yet is loaded; a loaded one only with reload.
        let older = try loader.load(
            Self.input([try idLabelBatch([100])]), into: target, from: LoadSource(identity: "silver/f", version: 4))
        #expect(older.rowsLoaded == 1)
        var options = LoadOptions()
        options.reload = true
        let reloaded = try loader.load(
            Self.input([try idLabelBatch(Array(0..<10))]), into: target,
            from: LoadSource(identity: "silver/f", version: 3),
            options: options)
        #expect(reloaded.rowsLoaded == 10)
        #expect(try database.count("facts") == 26)
        #expect(
            try database.psql(
                "SELECT string_agg(source_version || ':' || load_count || ':' || rows_loaded, ',' ORDER BY source_version) "
                    + "FROM lake_load_state WHERE target_table = 'facts'") == "3:2:10,4:1:1,5:1:5")
    }

    @Test func insertMissingInsertsOnlyKeysNotPresentAndCollapsesRepeatedKeys() throws {
        let database = try TestDatabase()
        let schema = try idLabelBatch([1]).schema
        let connection = try database.connect()
        try connection.execute(
            try TableDefinition(name: TableName("dim"), schema: schema, primaryKey: ["id"]).createStatement())
        let loader = WarehouseLoader(url: database.url)
        var options = LoadOptions()
        options.mode = .insertMissing
        let first = try loader.load(
            Self.input([try idLabelBatch([1, 2, 3], label: "old")]), into: TableName("dim"),
            from: LoadSource(identity: "d", version: 1), options: options)
        #expect(first.rowsLoaded == 3)
        let second = try loader.load(
            Self.input([try idLabelBatch([2, 3, 4, 4, 5], label: "new")]), into: TableName("dim"),
            from: LoadSource(identity: "d", version: 2), options: options)
        #expect(second.rowsRead == 5 && second.rowsLoaded == 2 && second.rowsSkipped == 3)
        #expect(
            try database.psql("SELECT string_agg(id || label, ',' ORDER BY id) FROM dim")
                == "1old1,2old2,3old3,4new4,5new5")
    }

    @Test func foreignKeyFilterCountsAndDropsRowsWhoseKeyIsMissing() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        let dimension = Schema([Field("crypto_id", .int64, nullable: false)])
        try connection.execute(
            try TableDefinition(name: TableName("dim_crypto"), schema: dimension, primaryKey: ["crypto_id"])
                .createStatement())
        try connection.execute("INSERT INTO dim_crypto VALUES (1), (2)")
        let factSchema = Schema([Field("crypto_id", .int64), Field("price", .float64)])
        let key = ForeignKey(columns: ["crypto_id"], references: TableName("dim_crypto"), ["crypto_id"])
        try connection.execute(
            try TableDefinition(name: TableName("fact"), schema: factSchema, foreignKeys: [key]).createStatement())
        let batch = Batch(
            schema: factSchema,
            columns: [
                try makeColumn(.int64, [.int(1), .int(3), .int(2), .null, .int(7)]),
                try makeColumn(.float64, [.float64(1), .float64(3), .float64(2), .float64(0), .float64(7)]),
            ])
        var options = LoadOptions()
        options.foreignKeyFilters = [key]
        let report = try WarehouseLoader(url: database.url).load(
            Self.input([batch]), into: TableName("fact"), from: LoadSource(identity: "f", version: 0), options: options)
        #expect(report.rowsRead == 5 && report.rowsLoaded == 3 && report.rowsRejected == 2)
        #expect(
            try database.psql("SELECT string_agg(coalesce(crypto_id::text, 'null'), ',' ORDER BY price) FROM fact")
                == "null,1,2")
        #expect(try database.psql("SELECT rows_rejected FROM lake_load_state") == "2")
    }

    @Test func constraintViolationRollsBackEveryRowAndTheStateRow() throws {
        let database = try TestDatabase()
        let schema = try idLabelBatch([1]).schema
        try database.connect().execute(
            try TableDefinition(name: TableName("keyed"), schema: schema, primaryKey: ["id"]).createStatement())
        let batches = [try idLabelBatch(Array(0..<5_000)), try idLabelBatch([4_999])]  // the last row repeats a key
        do {
            _ = try WarehouseLoader(url: database.url).load(
                Self.input(batches), into: TableName("keyed"), from: LoadSource(identity: "k", version: 1))
            Issue.record("a duplicate primary key must fail the load")
        } catch {
            guard case .server(let state, _) = error else {
                Issue.record("expected a server error, got \(error)")
                return
            }
            #expect(state == "23505")
        }
        #expect(try database.count("keyed") == 0)
        #expect(try database.psql("SELECT count(*) FROM lake_load_state") == "0")
    }

    @Test(arguments: [LoadMode.append, .insertMissing])
    func parallelCopyOverSeveralConnectionsLoadsEveryPartOnce(mode: LoadMode) throws {
        let database = try TestDatabase()
        let schema = try idLabelBatch([1]).schema
        try database.connect().execute(
            try TableDefinition(name: TableName("wide"), schema: schema, primaryKey: ["id"]).createStatement())
        let parts = try (0..<6).map { part in
            LoadPart(batches: [try idLabelBatch((0..<1_000).map { Int64(part * 1_000 + $0) })])
        }
        var options = LoadOptions()
        options.connections = 3
        options.mode = mode
        let report = try WarehouseLoader(url: database.url).load(
            LoadInput(schema: schema, parts: parts), into: TableName("wide"),
            from: LoadSource(identity: "w", version: 9),
            options: options)
        #expect(report.connections == 3 && report.rowsRead == 6_000 && report.rowsLoaded == 6_000)
        #expect(try database.psql("SELECT count(DISTINCT id), min(id), max(id) FROM wide") == "6000|0|5999")
        #expect(try database.psql("SELECT count(*) FROM pg_class WHERE relname LIKE 'lake_stage%'") == "0")
        let again = try WarehouseLoader(url: database.url).load(
            LoadInput(schema: schema, parts: parts), into: TableName("wide"),
            from: LoadSource(identity: "w", version: 9),
            options: options)
        #expect(again.alreadyLoaded)
    }

    @Test func aFailingPartInAParallelLoadLeavesTheTargetAndStagingEmpty() throws {
        let database = try TestDatabase()
        let schema = try idLabelBatch([1]).schema
        struct Broken: Error {}
        let parts = [
            LoadPart(batches: [try idLabelBatch(Array(0..<500))]),
            LoadPart { emit in
                try emit(try idLabelBatch(Array(500..<600)))
                throw Broken()
            },
        ]
        var options = LoadOptions()
        options.connections = 2
        #expect(throws: WarehouseError.self) {
            try WarehouseLoader(url: database.url).load(
                LoadInput(schema: schema, parts: parts), into: TableName("p"),
                from: LoadSource(identity: "p", version: 1),
                options: options)
        }
        #expect(try database.count("p") == 0)
        #expect(try database.psql("SELECT count(*) FROM pg_class WHERE relname LIKE 'lake_stage%'") == "0")
    }

    @Test func inputColumnsTheTargetLacksOrCannotHoldAreRefusedBeforeLoading() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE narrow (id integer, other text)")
        var options = LoadOptions()
        options.createTable = false
        #expect(throws: WarehouseError.missingColumn(table: "narrow", column: "label")) {
            try WarehouseLoader(url: database.url).load(
                Self.input([try idLabelBatch([1])]), into: TableName("narrow"),
                from: LoadSource(identity: "n", version: 1),
                options: options)
        }
        try connection.execute("ALTER TABLE narrow ADD COLUMN label text")
        #expect(throws: WarehouseError.typeMismatch(column: "id", source: "int64", target: "integer")) {
            try WarehouseLoader(url: database.url).load(
                Self.input([try idLabelBatch([1])]), into: TableName("narrow"),
                from: LoadSource(identity: "n", version: 1),
                options: options)
        }
        #expect(throws: WarehouseError.invalidLoad("table missing does not exist")) {
            try WarehouseLoader(url: database.url).load(
                Self.input([try idLabelBatch([1])]), into: TableName("missing"),
                from: LoadSource(identity: "n", version: 1),
                options: options)
        }
    }
}

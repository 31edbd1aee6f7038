import LakeCore
import LakePipeline
import LakeSQL
import Testing

@Suite struct ModelRunStateTests {
    static let listings = ModelInput(layer: .bronze, name: "listings_latest")
    static let dims = ModelInput(layer: .silver, name: "dim_crypto_id")

    static func model() throws -> ModelDefinition {
        ModelDefinition(
            name: "ranking", sqlFile: "ranking.sql", inputs: [listings, dims],
            output: ModelInput(layer: .silver, name: "ranking"),
            writeMode: .overwrite,
            query: try SQLParser.parseQuery("SELECT * FROM bronze.listings_latest JOIN silver.dim_crypto_id USING (id)")
        )
    }

    static func snapshot(_ stamp: String) -> InputSnapshot {
        .bronze(path: "bronze/listings_latest/listings_latest-\(stamp).parquet")
    }

    @Test func modelRunsOnlyWhenAnInputHasAnUnprocessedSnapshot() throws {
        let model = try Self.model()
        var state = ModelRunState()
        // Nothing extracted or written yet: nothing to do.
        #expect(!state.shouldRun(model, available: [:]))
        let first: [ModelInput: InputSnapshot] = [
            Self.listings: Self.snapshot("20261123_060000"), Self.dims: .tableVersion(3),
        ]
        #expect(state.pendingInputs(of: model, available: first) == [Self.listings, Self.dims].sorted())
        state.recordRun(of: "ranking", processed: first, runID: "20261123_060000")
        #expect(!state.shouldRun(model, available: first))
        // A new table version of one input is enough.
        var second = first
        second[Self.dims] = .tableVersion(4)
        #expect(state.pendingInputs(of: model, available: second) == [Self.dims])
        // An older or equal bronze snapshot is not new.
        second[Self.dims] = .tableVersion(3)
        second[Self.listings] = Self.snapshot("20261122_060000")
        #expect(!state.shouldRun(model, available: second))
        second[Self.listings] = Self.snapshot("20261123_070000")
        #expect(state.pendingInputs(of: model, available: second) == [Self.listings])
        // Recording one input keeps the other's record.
        state.recordRun(
            of: "ranking", processed: [Self.listings: Self.snapshot("20261123_070000")], runID: "20261123_070000")
        #expect(state.processed(model: "ranking", input: Self.dims) == .tableVersion(3))
        #expect(state.models["ranking"]?.runID == "20261123_070000")
    }

    @Test func stateSurvivesARestartThroughTheLakeStateFile() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        #expect(try ModelRunState.load(from: scratch.store) == ModelRunState())
        var state = ModelRunState()
        state.recordRun(
            of: "ranking", processed: [Self.listings: Self.snapshot("20261123_060000"), Self.dims: .tableVersion(12)],
            runID: "20261123_060000")
        state.recordRun(of: "other", processed: [Self.dims: .tableVersion(0)], runID: "r2")
        try state.save(to: scratch.store)
        let text = String(decoding: try scratch.store.read(ModelRunState.path), as: UTF8.self)
        #expect(text.contains("\"silver.dim_crypto_id\":12"))
        let reloaded = try ModelRunState.load(from: scratch.store)
        #expect(reloaded == state)
        #expect(!reloaded.shouldRun(try Self.model(), available: [Self.listings: Self.snapshot("20261123_060000")]))
        // No temporary file is left next to the state.
        #expect(try scratch.store.list(prefix: "_lake/", after: nil).map(\.path) == [ModelRunState.path])
    }

    @Test func malformedStateIsAStorageError() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        try scratch.store.put(ModelRunState.path, Array("{\"models\":{\"m\":{\"inputs\":{\"nolayer\":1}}}}".utf8))
        #expect(throws: PipelineError.storage(path: ModelRunState.path, reason: "model m: nolayer is not layer.name")) {
            try ModelRunState.load(from: scratch.store)
        }
    }

    @Test func bronzeSnapshotsAfterTheProcessedOneArePending() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        for stamp in ["20261123_060000", "20261123_070000", "20261123_080000"] {
            try scratch.store.put(
                BronzeLayout.snapshotPath(endpoint: "listings_latest", millis: 0).replacingOccurrences(
                    of: "19700101_000000", with: stamp), [1])
        }
        try scratch.store.put("bronze/listings_latest_extra/x.parquet", [1])
        let all = try BronzeSnapshots.pending(endpoint: "listings_latest", after: nil, store: scratch.store)
        #expect(all.count == 3)
        let pending = try BronzeSnapshots.pending(
            endpoint: "listings_latest", after: Self.snapshot("20261123_060000"), store: scratch.store)
        #expect(pending == [Self.snapshot("20261123_070000"), Self.snapshot("20261123_080000")].map(\.description))
        #expect(
            try BronzeSnapshots.latest(endpoint: "listings_latest", store: scratch.store)
                == Self.snapshot("20261123_080000"))
        #expect(try BronzeSnapshots.latest(endpoint: "exchange_map", store: scratch.store) == nil)
    }
}

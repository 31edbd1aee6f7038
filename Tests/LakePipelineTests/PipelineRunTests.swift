import Foundation
import LakeColumnar
import LakeCore
import LakePipeline
import LakeTable
import LakeTestSupport
import LakeWarehouse
import Testing

/// `PipelineRunner` end to end on the replay fixtures with a real PostgreSQL: loads, exactly-once reruns,
/// failures and their dependents, crash recovery of appends, run metadata and status.
@Suite(.serialized) struct PipelineRunTests {
    @Test func fullRunLoadsEveryTableAndRecordsEveryStep() throws {
        let pipeline = try PipelineRunTestPipeline()
        defer { pipeline.folder.remove() }
        let lake = try PipelineScratch()
        defer { lake.remove() }
        let url = try PipelineRunDatabase.make()
        let report = try pipeline.runner(root: lake.url.path, at: runStartMillis, warehouse: url)
            .run(group: "daily", stage: .all)

        #expect(report.runID == "20261120_120000")
        let expected: [PipelineStep: PipelineStepRecord.Status] = [
            .extract(endpoint: "listings_latest"): .succeeded,
            .extract(endpoint: "cryptocurrency_map"): .succeeded,
            .runModel("dim_coin"): .succeeded, .runModel("fact_quote"): .succeeded, .runModel("map_rows"): .succeeded,
            .runModel("quote_days"): .succeeded, .runModel("broken"): .failed,
            .runModel("broken_child"): .skipped,
            .load("dim_coin"): .succeeded, .load("fact_quote"): .succeeded,
            .load("quote_days"): .succeeded,
            .load("broken"): .skipped, .postLoad("quote_view"): .succeeded,
            .backup("fact_quote"): .succeeded,
            .maintain("checkpoint_quotes"): .succeeded,
        ]
        #expect(report.records.count == expected.count)
        for record in report.records {
            #expect(
                expected[record.step] == record.status,
                "\(record.step): \(record.error ?? record.detail ?? "")")
        }
        #expect(report.record(.runModel("broken"))?.error?.contains("no_such_column") == true)
        #expect(
            report.record(.runModel("broken_child"))?.error == "input silver.broken failed in this run")

        let listings = try BronzeTable(
            store: lake.store, path: "bronze/listings_latest/listings_latest-20261120_120000.parquet")
        #expect(try PipelineRunDatabase.count("dim_coin", url) == 12)
        #expect(try PipelineRunDatabase.count("fact_quote", url) == listings.rows.count)
        #expect(try PipelineRunDatabase.count("quote_days", url) == 1)
        #expect(try PipelineRunDatabase.count("latest_quote", url) == listings.rows.count)
        #expect(try lakeRowCount(lake.store, "gold/fact_quote_backup") == listings.rows.count)
        #expect(try Table(store: lake.store, root: "silver/fact_quote").lastCheckpoint() != nil)

        let recorded = try PipelineRunTable(store: lake.store, clock: .system).readAll()
        #expect(recorded == report.records)
    }

    @Test func secondRunOnTheSameSnapshotsChangesAndLoadsNothing() throws {
        let pipeline = try PipelineRunTestPipeline()
        defer { pipeline.folder.remove() }
        let lake = try PipelineScratch()
        defer { lake.remove() }
        let url = try PipelineRunDatabase.make()
        _ = try pipeline.runner(root: lake.url.path, at: runStartMillis, warehouse: url).run(
            group: nil, stage: .all)
        let versions = try ["dim_coin", "fact_quote", "quote_days"].map {
            try Table(store: lake.store, root: "silver/\($0)").snapshot().version
        }
        let counts = try ["dim_coin", "fact_quote", "quote_days"].map {
            try PipelineRunDatabase.count($0, url)
        }

        let again = try pipeline.runner(
            root: lake.url.path, at: runStartMillis + 3_600_000, warehouse: url)
        let transform = try again.run(group: nil, stage: .transform)
        for name in ["dim_coin", "fact_quote", "quote_days"] {
            #expect(transform.record(.runModel(name))?.status == .unchanged)
        }
        #expect(transform.record(.runModel("broken"))?.status == .failed, "a failed model is retried")
        let load = try again.run(group: nil, stage: .load)
        for name in ["dim_coin", "fact_quote", "quote_days"] {
            #expect(
                load.record(.load(name))?.status == .unchanged, "\(load.record(.load(name))?.detail ?? "")")
        }
        #expect(load.record(.postLoad("quote_view"))?.status == .unchanged)
        #expect(
            try ["dim_coin", "fact_quote", "quote_days"].map {
                try Table(store: lake.store, root: "silver/\($0)").snapshot().version
            } == versions)
        #expect(
            try ["dim_coin", "fact_quote", "quote_days"].map { try PipelineRunDatabase.count($0, url) }
                == counts)
    }

    @Test func newSnapshotsAppendOnlyTheirRowsEvenAfterOptimize() throws {
        let pipeline = try PipelineRunTestPipeline()
        defer { pipeline.folder.remove() }
        let lake = try PipelineScratch()
        defer { lake.remove() }
        let url = try PipelineRunDatabase.make()
        let first = try pipeline.runner(root: lake.url.path, at: runStartMillis, warehouse: url)
            .run(group: nil, stage: .all)
        let perRun = Int(first.record(.runModel("fact_quote"))?.rows ?? 0)
        #expect(perRun > 0)
        // Compact the fact table between the runs: its rewritten files must not be loaded again.
        _ = try Table(store: lake.store, root: "silver/fact_quote").optimize()
        let second = try pipeline.runner(
            root: lake.url.path, at: runStartMillis + 86_400_000, warehouse: url
        )
        .run(group: nil, stage: .all)
        #expect(second.record(.runModel("fact_quote"))?.rows == Int64(perRun))
        #expect(second.record(.load("fact_quote"))?.rows == Int64(perRun))
        #expect(try lakeRowCount(lake.store, "silver/fact_quote") == 2 * perRun)
        #expect(try PipelineRunDatabase.count("fact_quote", url) == 2 * perRun)
        #expect(try PipelineRunDatabase.count("quote_days", url) == 2)
        #expect(try PipelineRunDatabase.count("dim_coin", url) == 12, "the merge kept one row per coin")
        // The overwrite model reads every snapshot of its bronze input, not only the pending one.
        let mapRows = try Table(store: lake.store, root: "silver/map_rows").scan().readAll()
        #expect(mapRows.first?.column(named: "map_rows")?.value(at: 0) == .int(24))
    }

    @Test func crashBetweenAppendAndStateSaveDoesNotAppendTwice() throws {
        let pipeline = try PipelineRunTestPipeline()
        defer { pipeline.folder.remove() }
        let lake = try PipelineScratch()
        defer { lake.remove() }
        let runner = try pipeline.runner(root: lake.url.path, at: runStartMillis, warehouse: nil)
        let first = try runner.run(group: nil, stage: .all)
        let rows = try lakeRowCount(lake.store, "silver/fact_quote")
        #expect(Int64(rows) == first.record(.runModel("fact_quote"))?.rows)
        // The crash: the append committed, the model state was never saved.
        try lake.store.delete(ModelRunState.path)

        let rerun = try runner.run(group: nil, stage: .transform)
        let record = rerun.record(.runModel("fact_quote"))
        #expect(record?.status == .succeeded)
        #expect(record?.rows == 0)
        #expect(record?.detail?.contains("already appended") == true, "\(record?.detail ?? "")")
        #expect(try lakeRowCount(lake.store, "silver/fact_quote") == rows)
        // The state is recorded now, so a third run has nothing to do.
        let third = try runner.run(group: nil, stage: .transform)
        #expect(third.record(.runModel("fact_quote"))?.status == .unchanged)
    }

    @Test func crashThenNewSnapshotsAppendOnlyTheNewOnes() throws {
        let pipeline = try PipelineRunTestPipeline()
        defer { pipeline.folder.remove() }
        let lake = try PipelineScratch()
        defer { lake.remove() }
        _ = try pipeline.runner(root: lake.url.path, at: runStartMillis, warehouse: nil).run(group: nil, stage: .all)
        let rows = try lakeRowCount(lake.store, "silver/fact_quote")
        try lake.store.delete(ModelRunState.path)
        // The next run extracts a new snapshot before the model runs: both snapshots are pending for the state,
        // but the table's txn says the first one is in already.
        let next = try pipeline.runner(root: lake.url.path, at: runStartMillis + 3_600_000, warehouse: nil)
            .run(group: nil, stage: .all)
        #expect(next.record(.runModel("fact_quote"))?.rows == Int64(rows))
        #expect(try lakeRowCount(lake.store, "silver/fact_quote") == 2 * rows)
    }

    @Test func failingEndpointIsRecordedAndItsModelWaitsForASnapshot() throws {
        let pipeline = try PipelineRunTestPipeline()
        defer { pipeline.folder.remove() }
        let lake = try PipelineScratch()
        defer { lake.remove() }
        let transport = FailingReplayTransport(replay: try APIFixtures.replay(), failingPath: "/listings/latest")
        let report = try pipeline.runner(root: lake.url.path, at: runStartMillis, warehouse: nil, transport: transport)
            .run(group: nil, stage: .all)
        let extract = report.record(.extract(endpoint: "listings_latest"))
        #expect(extract?.status == .failed)
        #expect(extract?.error?.contains("404") == true, "\(extract?.error ?? "")")
        #expect(report.record(.extract(endpoint: "cryptocurrency_map"))?.status == .succeeded)
        #expect(report.record(.runModel("fact_quote"))?.status == .unchanged)
        #expect(report.record(.runModel("dim_coin"))?.status == .succeeded)
        #expect(report.record(.runModel("quote_days"))?.status == .unchanged)
        #expect(report.record(.runModel("broken"))?.status == .unchanged, "no table to read yet")
        #expect(report.failures.map(\.step) == [.extract(endpoint: "listings_latest")])
    }

    @Test func loadsWithoutWarehouseAreSkippedAndTheRunGoesOn() throws {
        let pipeline = try PipelineRunTestPipeline()
        defer { pipeline.folder.remove() }
        let lake = try PipelineScratch()
        defer { lake.remove() }
        let report = try pipeline.runner(root: lake.url.path, at: runStartMillis, warehouse: nil)
            .run(group: nil, stage: .load)
        #expect(report.records.map(\.status).allSatisfy { $0 == .skipped })
        #expect(report.records.allSatisfy { $0.error == "no warehouse URL given" })
    }

    @Test func statusShowsRunsFreshnessAndTheLastFailures() throws {
        let pipeline = try PipelineRunTestPipeline()
        defer { pipeline.folder.remove() }
        let lake = try PipelineScratch()
        defer { lake.remove() }
        let runner = try pipeline.runner(root: lake.url.path, at: runStartMillis, warehouse: nil)
        _ = try runner.run(group: nil, stage: .extract)
        _ = try runner.run(group: nil, stage: .transform)
        let status = try PipelineStatus.read(definition: pipeline.definition, store: lake.store)

        #expect(status.runs.count == 2)
        #expect(status.runs.first?.stage == .transform)
        #expect(status.runs.last?.stage == .extract)
        #expect(status.runs.last?.succeeded == 2)
        #expect(status.failures.map(\.step) == [.runModel("broken")])
        let fact = status.tables.first { $0.table.name == "fact_quote" }
        #expect(fact?.version == 1)
        #expect(fact?.committedMillis != nil)
        #expect(fact?.processed.map(\.input.description) == ["bronze.listings_latest"])
        if case .bronze(let path)? = fact?.processed.first?.snapshot {
            #expect(path.hasPrefix("bronze/listings_latest/listings_latest-20261120_12"))
        } else {
            Issue.record("fact_quote has no processed bronze snapshot")
        }
        let broken = status.tables.first { $0.table.name == "broken" }
        #expect(broken?.version == nil)
        #expect(status.tables.contains { $0.table.description == "gold.fact_quote_backup" })
    }
}

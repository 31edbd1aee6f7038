import Foundation
import LakeCore
import LakeHTTP
import LakePipeline
import LakeTable
import LakeTestSupport
import LakeWarehouse

/// Runners of the reference pipeline over the replay fixtures, for the run tests.
enum PipelineRunFixture {
    /// The reference pipeline with the replay catalog (pages of 5).
    static func definition() throws -> PipelineDefinition {
        try PipelineDefinition.load(
            path: "pipeline.toml", store: try ReferencePipelineFixture.store(),
            catalog: ReplayFixtures.catalog)
    }

    /// A runner over `root` whose clock starts at `millis` and advances with real time (snapshots of runs
    /// started at different `millis` never collide).
    static func runner(
        root: String, at millis: Int64, warehouse: WarehouseURL? = nil,
        definition: PipelineDefinition? = nil,
        engine: (any ModelQueryEngine)? = nil
    ) throws -> PipelineRunner {
        let started = TableClock.system.nowMillis()
        let clock = TableClock { millis + (TableClock.system.nowMillis() - started) }
        return PipelineRunner(
            definition: try definition ?? self.definition(), root: root,
            pipelineFiles: try ReferencePipelineFixture.store(), transport: try APIFixtures.replay(),
            sources: ReplayFixtures.sources, warehouse: warehouse, engine: engine, clock: clock)
    }
}

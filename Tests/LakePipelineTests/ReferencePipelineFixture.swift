import Foundation
import LakeColumnar
import LakeCore
import LakePipeline
import LakeSQL
import LakeTestSupport

/// The reference pipeline in `Fixtures/pipeline/`, and helpers to build small pipeline files in memory.
enum ReferencePipelineFixture {
    static func folder() throws -> URL {
        try FixturePaths.repositoryRoot().appendingPathComponent("Fixtures/pipeline", isDirectory: true)
    }

    static func store() throws -> LocalObjectStore { LocalObjectStore(root: try folder().path) }

    static func definition() throws -> PipelineDefinition {
        try PipelineDefinition.load(path: "pipeline.toml", store: try store())
    }

    /// Parses `text` with SQL files served from `files`.
    static func parse(_ text: String, files: [String: String] = [:]) throws(PipelineError) -> PipelineDefinition {
        try PipelineDefinition.parse(text, file: "test.toml") { files[$0] }
    }

    /// Milliseconds since the epoch of a UTC civil time.
    static func millis(_ year: Int64, _ month: Int64, _ day: Int64, _ hour: Int64 = 0, _ minute: Int64 = 0) -> Int64 {
        (CivilCalendar.days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60) * 1_000
    }
}

/// `PipelineError.invalidDefinition`'s location and reason, for expectations.
func definitionFailure(_ body: () throws -> Void) -> (location: String, reason: String)? {
    do {
        try body()
    } catch PipelineError.invalidDefinition(let location, let reason) {
        return (location, reason)
    } catch {
        return ("unexpected", "\(error)")
    }
    return nil
}

import ArgumentParser
import Foundation
import LakeCore
import LakeHTTP
import LakePipeline

/// The options every pipeline command shares: the pipeline file and the lake root.
struct PipelineOptions: ParsableArguments {
    @Option(help: "The pipeline file (models and warehouse SQL are relative to its folder).")
    var pipeline: String = "pipeline.toml"
    @Option(help: "The lake root directory (created when missing).") var root: String = "."

    /// The root as an absolute path, created when missing.
    func rootPath() throws -> String {
        let path = URL(fileURLWithPath: root).standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The folder holding the pipeline file, as a store.
    func pipelineFolder() -> LocalObjectStore {
        LocalObjectStore(
            root: URL(fileURLWithPath: pipeline).standardizedFileURL.deletingLastPathComponent().path)
    }

    /// Loads and validates the pipeline file; with `replay`, against the replay catalog (pages of 5).
    func definition(replay: Bool) throws -> PipelineDefinition {
        let file = URL(fileURLWithPath: pipeline).lastPathComponent
        return try PipelineDefinition.load(
            path: file, store: pipelineFolder(),
            catalog: replay ? ReplayFixtures.catalog : Endpoint.referenceCatalog)
    }
}

/// Where the extraction gets its data: recorded payloads, or the live APIs with retries.
struct PipelineSource {
    let transport: any HTTPTransport
    let sources: [APISource]

    /// `ReplayTransport` over `replay` when given, else libcurl with the default retry policy.
    init(replay: String?) throws {
        if let replay {
            let folder = URL(fileURLWithPath: replay).standardizedFileURL.path
            transport = try ReplayTransport(store: LocalObjectStore(root: folder))
            sources = ReplayFixtures.sources
        } else {
            transport = RetryingTransport(base: HTTPClient())
            sources = [.coinMarketCap(), .coinGecko()]
        }
    }
}

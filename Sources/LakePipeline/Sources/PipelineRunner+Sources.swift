import LakeWarehouse

/// The extract stage's declared sources: the CSV folders and PostgreSQL tables of the pipeline file.
///
/// Spec: spec/pipeline.md#sources-in-the-pipeline-file
extension PipelineRunner {
    /// What one source's extract step did, before it is recorded.
    private struct SourceOutcome {
        var status: PipelineStepRecord.Status
        var rows: Int64 = 0
        var error: String?
        var detail: String?
        var startedMillis: Int64
        var finishedMillis: Int64
    }

    /// Runs the declared sources named in `names` (CSV sources through `CSVSnapshotRunner`, then PostgreSQL
    /// sources through one `PostgresExtractionRunner` per URL variable) and records one extract step per source,
    /// in `names` order.
    ///
    /// A PostgreSQL source whose URL variable is unset in `environment`, or holds no valid URL, fails without
    /// running (and without an `_lake/extract_runs` record). A failing source never stops the run.
    /// - Throws: `storage` when a source runner cannot read or write its state or `_lake/extract_runs`, as for
    ///   endpoints; `storage` from the run table.
    func extractSources(_ names: [String], run: inout RunContext) throws(PipelineError) {
        var outcomes: [String: SourceOutcome] = [:]
        let csv = definition.csvSources.filter { names.contains($0.name) }
        if !csv.isEmpty {
            progress("extract csv: \(csv.map(\.name).joined(separator: ", "))")
            let runner = CSVSnapshotRunner(store: store, sources: csv, clock: clock)
            try collect(csv.map(\.name), into: &outcomes) { () throws(PipelineError) in try runner.run() } detail: {
                $0.bronzePath ?? ($0.status == .skipped ? "no new file" : "\($0.requests) file(s), no snapshot")
            }
        }
        let postgres = definition.postgresSources.filter { names.contains($0.name) }
        var variables: [String] = []
        for source in postgres where !variables.contains(source.urlEnvironmentVariable) {
            variables.append(source.urlEnvironmentVariable)
        }
        for variable in variables {
            let sources = postgres.filter { $0.urlEnvironmentVariable == variable }.map(\.source)
            progress("extract postgres ($\(variable)): \(sources.map(\.name).joined(separator: ", "))")
            let url: WarehouseURL
            do throws(PipelineError) {
                url = try databaseURL(variable)
            } catch {
                let now = clock.nowMillis()
                for source in sources {
                    outcomes[source.name] = SourceOutcome(
                        status: .failed, error: "\(error)", startedMillis: now, finishedMillis: now)
                }
                continue
            }
            let runner = PostgresExtractionRunner(store: store, url: url, sources: sources, clock: clock)
            try collect(sources.map(\.name), into: &outcomes) { () throws(PipelineError) in try runner.run() } detail: {
                $0.bronzePath ?? ($0.status == .skipped ? "no new row" : "no snapshot")
            }
        }
        for name in names {
            guard let outcome = outcomes[name] else { continue }
            try run.finish(
                .extract(endpoint: name), status: outcome.status, rows: outcome.rows, error: outcome.error,
                detail: outcome.detail, startedMillis: outcome.startedMillis, finishedMillis: outcome.finishedMillis,
                progress: progress)
        }
    }

    /// The PostgreSQL URL in environment variable `variable`.
    /// - Throws: `invalidDefinition` when it is unset or empty, or not a URL libpq accepts (the reason is
    ///   redacted by `WarehouseURL`).
    private func databaseURL(_ variable: String) throws(PipelineError) -> WarehouseURL {
        guard let text = environment[variable], !text.isEmpty else {
            throw .invalidDefinition(
                location: "$\(variable)", reason: "the environment variable holding the source database URL is not set")
        }
        do {
            return try WarehouseURL(text)
        } catch {
            throw .invalidDefinition(location: "$\(variable)", reason: "\(error)")
        }
    }

    /// Runs `extraction` and keeps an outcome per run record; when the whole run throws (anything but
    /// `storage`), every source in `names` fails with that error.
    private func collect(
        _ names: [String], into outcomes: inout [String: SourceOutcome],
        _ extraction: () throws(PipelineError) -> ExtractionReport, detail: (RunRecord) -> String
    ) throws(PipelineError) {
        let started = clock.nowMillis()
        do {
            for record in try extraction().records {
                outcomes[record.endpoint] = SourceOutcome(
                    status: Self.stepStatus(of: record.status), rows: record.rows, error: record.error,
                    detail: detail(record), startedMillis: record.startedMillis, finishedMillis: record.finishedMillis)
            }
        } catch {
            if case .storage = error { throw error }
            let now = clock.nowMillis()
            for name in names {
                outcomes[name] = SourceOutcome(
                    status: .failed, error: "\(error)", startedMillis: started, finishedMillis: now)
            }
        }
    }
}

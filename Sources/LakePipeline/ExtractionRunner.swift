import LakeColumnar
import LakeCore
import LakeHTTP
import LakeParquet
import LakeTable

/// The extraction stage: calls each endpoint, writes one bronze Parquet snapshot per endpoint and records the
/// outcome in the run-record table.
///
/// A run:
/// 1. loads the month's credit ledger and the seen-id state from `_lake/`;
/// 2. estimates the credits of every selected endpoint (`CreditRule` applied to the planned pages and id
///    batches) and refuses the whole run (records with status `refused`, then `creditBudgetExceeded`) when a
///    source would go past its monthly budget minus reserve;
/// 3. runs the endpoints in the given order. For each: plans requests (paging, or ids from the latest snapshot
///    of another endpoint, new ones only when incremental), checks the budget again with the now-known plan,
///    sends the requests through the transport (retries belong to the transport, e.g. `RetryingTransport`),
///    checks status, JSON and API envelope, flattens the records, writes
///    `bronze/<endpoint>/<endpoint>-<yyyyMMdd_HHmmss>.parquet` (refusing to overwrite), charges the credits,
///    marks requested ids as seen, and appends its run record. A failing endpoint is recorded with its error and
///    the run goes on; credits of responses it did receive are still charged.
///
/// The snapshot timestamp and the run id are the run's start time, so all snapshots of a run share one stamp
/// and two runs in the same second collide (the second one's snapshots fail with `bronzeSnapshotExists`).
///
/// Spec: spec/pipeline.md#extraction-run
public struct ExtractionRunner: Sendable {
    public let store: any ObjectStore
    public let transport: any HTTPTransport
    public let sources: [APISource]
    public let endpoints: [Endpoint]
    /// Where API keys are looked up (`APICredential.environmentVariable`).
    public let environment: [String: String]
    public let clock: TableClock
    public let writeOptions: ParquetWriteOptions

    public init(
        store: any ObjectStore, transport: any HTTPTransport, sources: [APISource], endpoints: [Endpoint],
        environment: [String: String], clock: TableClock = .system, writeOptions: ParquetWriteOptions = .init()
    ) {
        self.store = store
        self.transport = transport
        self.sources = sources
        self.endpoints = endpoints
        self.environment = environment
        self.clock = clock
        self.writeOptions = writeOptions
    }

    /// Runs the endpoints named in `names` (all when nil), in catalog order.
    /// - Throws: `invalidDefinition` for an unknown endpoint or source; `creditBudgetExceeded` when the run is
    ///   refused; `storage` when lake state or the run-record table cannot be read or written. Endpoint failures
    ///   are not thrown: they are in the report.
    public func run(only names: [String]? = nil) throws(PipelineError) -> ExtractionReport {
        let startedMillis = clock.nowMillis()
        let runID = BronzeLayout.timestampText(millis: startedMillis)
        let selected = try selectEndpoints(names)
        let recordTable = RunRecordTable(store: store, clock: clock)
        var ledger = try CreditLedger.load(from: store, month: BronzeLayout.monthText(millis: startedMillis))
        var seen = try SeenIDs.load(from: store)

        var estimates: [String: Int64] = [:]
        for endpoint in selected {
            estimates[endpoint.source, default: 0] += (try? estimate(endpoint, seen: seen)) ?? 0
        }
        for source in sources {
            guard let needed = estimates[source.name] else { continue }
            do {
                try ledger.requireRoom(needed, for: source)
            } catch {
                let finished = clock.nowMillis()
                let refused = selected.enumerated().map { position, endpoint in
                    RunRecord(
                        runID: runID, sequence: Int64(position), endpoint: endpoint.name, source: endpoint.source,
                        parameters: parametersText(endpoint, queries: []), requests: 0, rows: 0, credits: 0,
                        status: .refused, error: redact("\(error)"), bronzePath: nil, startedMillis: startedMillis,
                        finishedMillis: finished)
                }
                try recordTable.append(refused)
                throw error
            }
        }

        var records: [RunRecord] = []
        for (position, endpoint) in selected.enumerated() {
            let record = extract(
                endpoint, runID: runID, sequence: Int64(position), runStartedMillis: startedMillis, ledger: &ledger,
                seen: &seen)
            try ledger.save(to: store)
            if record.status == .succeeded, endpoint.ids?.incremental == true { try seen.save(to: store) }
            try recordTable.append([record])
            records.append(record)
        }
        return ExtractionReport(runID: runID, records: records)
    }

    private func selectEndpoints(_ names: [String]?) throws(PipelineError) -> [Endpoint] {
        let known = Set(endpoints.map(\.name))
        for name in names ?? [] where !known.contains(name) {
            throw .invalidDefinition(location: "extraction", reason: "unknown endpoint \(name)")
        }
        let selected = names.map { wanted in endpoints.filter { wanted.contains($0.name) } } ?? endpoints
        for endpoint in selected where !sources.contains(where: { $0.name == endpoint.source }) {
            throw .invalidDefinition(location: endpoint.name, reason: "unknown source \(endpoint.source)")
        }
        return selected
    }

    private func source(of endpoint: Endpoint) throws(PipelineError) -> APISource {
        guard let source = sources.first(where: { $0.name == endpoint.source }) else {
            throw .invalidDefinition(location: endpoint.name, reason: "unknown source \(endpoint.source)")
        }
        return source
    }

    // MARK: - One endpoint

    private func extract(
        _ endpoint: Endpoint, runID: String, sequence: Int64, runStartedMillis: Int64, ledger: inout CreditLedger,
        seen: inout SeenIDs
    ) -> RunRecord {
        let startedMillis = clock.nowMillis()
        var progress = Progress()
        func record(_ status: RunRecord.Status, error: String? = nil, bronzePath: String? = nil) -> RunRecord {
            RunRecord(
                runID: runID, sequence: sequence, endpoint: endpoint.name, source: endpoint.source,
                parameters: parametersText(endpoint, queries: progress.queries),
                requests: Int64(progress.queries.count),
                rows: progress.rows, credits: progress.credits, status: status, error: error.map(redact),
                bronzePath: bronzePath, startedMillis: startedMillis, finishedMillis: clock.nowMillis())
        }
        do {
            let source = try source(of: endpoint)
            let idBatches = try plannedIDBatches(endpoint, seen: seen)
            if let idBatches, idBatches.isEmpty { return record(.skipped) }
            try ledger.requireRoom(estimate(endpoint, idBatches: idBatches), for: source)
            var headers = [HTTPHeader("Accept", "application/json")]
            if let credential = source.credential {
                do {
                    headers.append(try credential.header(environment: environment))
                } catch {
                    throw PipelineError.http(endpoint: endpoint.name, error)
                }
            }
            let records = try fetchRecords(
                endpoint, source: source, idBatches: idBatches, headers: headers, progress: &progress, ledger: &ledger)
            progress.rows = Int64(records.count)
            guard !records.isEmpty else { return record(.succeeded) }
            let batch = try RecordFlattener.batch(
                records: records, endpoint: endpoint.name, extractedAtMicros: runStartedMillis * 1_000)
            let path = BronzeLayout.snapshotPath(endpoint: endpoint.name, millis: runStartedMillis)
            try writeSnapshot(batch, to: path)
            if let idBatches, endpoint.ids?.incremental == true {
                seen.byEndpoint[endpoint.name, default: []].formUnion(idBatches.joined())
            }
            return record(.succeeded, bronzePath: path)
        } catch {
            return record(.failed, error: "\(error)")
        }
    }

    /// Sends the endpoint's requests (id batches or pages) and collects the records of every response, charging
    /// each response's credits as it arrives.
    private func fetchRecords(
        _ endpoint: Endpoint, source: APISource, idBatches: [[String]]?, headers: [HTTPHeader],
        progress: inout Progress,
        ledger: inout CreditLedger
    ) throws(PipelineError) -> [JSONValue] {
        var records: [JSONValue] = []
        let fetch = {
            (
                query: [HTTPQueryItem], context: (String, JSONValue)?, progress: inout Progress,
                ledger: inout CreditLedger
            ) throws(PipelineError) -> Int in
            let page = try fetchPage(endpoint, source: source, query: query, headers: headers, progress: &progress)
            ledger.charge(page.credits, to: source.name)
            progress.credits += page.credits
            records.append(contentsOf: page.records.map { Self.adding(context, to: $0) })
            return page.records.count
        }
        if let idBatches {
            for batch in idBatches {
                let ids = batch.joined(separator: ",")
                let parameter = endpoint.ids?.parameter ?? "id"
                var context: (String, JSONValue)?
                if let column = endpoint.ids?.contextColumn, batch.count == 1 {
                    context = (column, Int64(ids).map { .number(.int64($0)) } ?? .string(ids))
                }
                _ = try fetch(endpoint.parameters + [HTTPQueryItem(parameter, ids)], context, &progress, &ledger)
            }
        } else {
            switch endpoint.paging {
            case .none:
                _ = try fetch(endpoint.parameters, nil, &progress, &ledger)
            case .startLimit(let pageSize, let itemsMax):
                var fetched = 0
                for _ in 0..<endpoint.paging.requestsMax where fetched < itemsMax {
                    let limit = min(pageSize, itemsMax - fetched)
                    let query =
                        endpoint.parameters + [
                            HTTPQueryItem("start", "\(fetched + 1)"), HTTPQueryItem("limit", "\(limit)"),
                        ]
                    let count = try fetch(query, nil, &progress, &ledger)
                    fetched += count
                    if count < limit { break }
                }
            case .pagePerPage(let perPage, let pagesMax):
                for page in 1...max(1, pagesMax) {
                    let query =
                        endpoint.parameters + [
                            HTTPQueryItem("page", "\(page)"), HTTPQueryItem("per_page", "\(perPage)"),
                        ]
                    if try fetch(query, nil, &progress, &ledger) < perPage { break }
                }
            }
        }
        return records
    }

    struct Progress {
        var queries: [String] = []
        var rows: Int64 = 0
        var credits: Int64 = 0
    }

    private func fetchPage(
        _ endpoint: Endpoint, source: APISource, query: [HTTPQueryItem], headers: [HTTPHeader], progress: inout Progress
    ) throws(PipelineError) -> (records: [JSONValue], credits: Int64) {
        let request = HTTPRequest(url: source.baseURL + endpoint.path, query: query, headers: headers)
        progress.queries.append(PercentEncoding.query(query))
        let response: HTTPResponse
        do {
            response = try transport.send(request).requireSuccess()
        } catch {
            throw .http(endpoint: endpoint.name, error)
        }
        let payload = try PayloadReader.records(
            from: response.body, endpoint: endpoint.name, envelope: source.envelope, layout: endpoint.layout)
        let credits = payload.creditCount ?? endpoint.credits.credits(forItems: payload.records.count)
        return (payload.records, credits)
    }

    private static func adding(_ context: (String, JSONValue)?, to record: JSONValue) -> JSONValue {
        guard let context, case .object(var object) = record else { return record }
        if object[context.0] == nil { _ = object.updateValue(context.1, forKey: context.0) }
        return .object(object)
    }

    private func writeSnapshot(_ batch: Batch, to path: String) throws(PipelineError) {
        do {
            _ = try store.head(path)
            throw PipelineError.bronzeSnapshotExists(path: path)
        } catch ObjectStoreError.notFound {
            // The expected case: the snapshot is new.
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: path, reason: "\(error)")
        }
        do {
            let writer = try ParquetFileWriter(store: store, path: path, schema: batch.schema, options: writeOptions)
            do {
                try writer.write(batch)
                try writer.close()
            } catch {
                writer.abort()
                throw error
            }
        } catch {
            throw .storage(path: path, reason: "\(error)")
        }
    }

    // MARK: - Text

    private func parametersText(_ endpoint: Endpoint, queries: [String]) -> String {
        let object: JSONObject = ["path": .string(endpoint.path), "requests": .array(queries.map { .string($0) })]
        return (try? JSONWriter.serializedString(.object(object))) ?? endpoint.path
    }

    /// `text` without any API key value of the configured sources.
    private func redact(_ text: String) -> String {
        let secrets = sources.compactMap { $0.credential.flatMap { environment[$0.environmentVariable] } }
        return Redaction.redact(text, secrets: secrets)
    }
}

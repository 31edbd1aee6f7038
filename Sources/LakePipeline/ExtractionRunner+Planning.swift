import LakeColumnar
import LakeCore
import LakeParquet

/// Request planning and credit estimates of the extraction run.
///
/// Spec: spec/pipeline.md#credit-budget, spec/pipeline.md#incremental-extraction
extension ExtractionRunner {
    /// The id batches an id endpoint will request (nil for endpoints without id input).
    func plannedIDBatches(_ endpoint: Endpoint, seen: SeenIDs) throws(PipelineError) -> [[String]]? {
        guard let input = endpoint.ids else { return nil }
        var ids = try latestIDs(input, for: endpoint.name)
        if input.incremental {
            let known = seen.byEndpoint[endpoint.name] ?? []
            ids = ids.filter { !known.contains($0) }
        }
        ids = Array(ids.prefix(input.idsMax))
        return stride(from: 0, to: ids.count, by: input.batchSize).map {
            Array(ids[$0..<min(ids.count, $0 + input.batchSize)])
        }
    }

    /// Distinct non-null ids of `input.sourceColumn` in the latest snapshot of `input.sourceEndpoint`, in order.
    func latestIDs(_ input: EndpointIDInput, for endpoint: String) throws(PipelineError) -> [String] {
        let folder = BronzeLayout.folder(endpoint: input.sourceEndpoint)
        let snapshots: [ObjectInfo]
        do {
            snapshots = try store.list(prefix: folder, after: nil).filter { $0.path.hasSuffix(".parquet") }
        } catch {
            throw .storage(path: folder, reason: "\(error)")
        }
        guard let latest = snapshots.map(\.path).max() else {
            throw .missingInput(endpoint: endpoint, reason: "no snapshot of \(input.sourceEndpoint) to take ids from")
        }
        var ids: [String] = []
        var known: Set<String> = []
        do {
            let reader = try ParquetFileReader(store: store, path: latest)
            guard reader.schema.index(of: input.sourceColumn) != nil else {
                throw PipelineError.missingInput(
                    endpoint: endpoint, reason: "\(latest) has no column \(input.sourceColumn)")
            }
            for batch in try reader.readAll(columns: [input.sourceColumn]) {
                guard let column = batch.column(named: input.sourceColumn) else { continue }
                for row in 0..<batch.rowCount {
                    let id: String
                    switch column.value(at: row) {
                    case .int(let value): id = String(value)
                    case .uint(let value): id = String(value)
                    case .string(let value): id = value
                    default: continue
                    }
                    if known.insert(id).inserted { ids.append(id) }
                }
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: latest, reason: "\(error)")
        }
        return ids
    }

    /// Credits `endpoint` is expected to cost given the current state.
    func estimate(_ endpoint: Endpoint, seen: SeenIDs) throws(PipelineError) -> Int64 {
        try estimate(endpoint, idBatches: plannedIDBatches(endpoint, seen: seen))
    }

    func estimate(_ endpoint: Endpoint, idBatches: [[String]]?) -> Int64 {
        if let idBatches {
            return idBatches.reduce(0) { $0 + endpoint.credits.credits(forItems: $1.count) }
        }
        switch endpoint.paging {
        case .none:
            return endpoint.credits.credits(forItems: 1)
        case .startLimit(let pageSize, let itemsMax):
            var total: Int64 = 0
            var remaining = itemsMax
            for _ in 0..<endpoint.paging.requestsMax where remaining > 0 {
                total += endpoint.credits.credits(forItems: min(pageSize, remaining))
                remaining -= pageSize
            }
            return total
        case .pagePerPage(let perPage, let pagesMax):
            return Int64(max(1, pagesMax)) * endpoint.credits.credits(forItems: perPage)
        }
    }
}

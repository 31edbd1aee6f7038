import Dispatch
import Synchronization

extension WarehouseLoader {
    /// Parallel COPY: workers stage their share of the parts in unlogged tables, committed per worker; one final
    /// transaction moves everything into the target, records the state and drops the staging tables.
    ///
    /// The rule that keeps all-or-nothing per table: worker transactions only ever write staging tables; the
    /// target changes only in the final transaction. When a worker fails, the staging tables are dropped (when the
    /// server is still reachable) and nothing reaches the target.
    func loadInParallel(
        _ input: LoadInput, into target: TableName, from source: LoadSource, options: LoadOptions,
        progress: @escaping @Sendable (LoadProgress) -> Void
    ) throws(WarehouseError) -> LoadReport {
        let connection = try WarehouseConnection(url)
        try LoadState.ensureTable(connection)
        var report = LoadReport(target: target, source: source)
        if !options.reload, try LoadState.isRecorded(target, source, connection) {
            report.alreadyLoaded = true
            return report
        }
        // The workers' staging tables copy the target's columns, so the target must be committed first; an empty
        // target created here stays behind if the load fails.
        let table = try prepareTarget(target, schema: input.schema, options: options, connection)
        let encoder = try makeEncoder(for: input.schema, table: table)
        let workerCount = min(options.connections, input.parts.count)
        var randomness = SystemRandomNumberGenerator()
        let token = String(randomness.next() as UInt64, radix: 16)
        let stagingNames = (0..<workerCount).map { TableName("lake_stage_\(token)_\($0)") }
        let counter = ProgressCounter(partsTotal: input.parts.count, report: progress)
        let outcomes = Mutex<[Result<(rows: Int, bytes: Int), WarehouseError>?]>(
            Array(repeating: nil, count: workerCount))
        let url = self.url
        let quotedTarget = try target.quoted()
        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            let parts = stride(from: worker, to: input.parts.count, by: workerCount).map { input.parts[$0] }
            let outcome: Result<(rows: Int, bytes: Int), WarehouseError>
            do throws(WarehouseError) {
                let workerConnection = try WarehouseConnection(url)
                try workerConnection.execute(
                    "CREATE UNLOGGED TABLE \(try stagingNames[worker].quoted()) (LIKE \(quotedTarget) "
                        + "INCLUDING DEFAULTS)")
                outcome = .success(
                    try copy(
                        parts, with: encoder, into: stagingNames[worker], workerConnection, options: options,
                        counter: counter))
            } catch {
                outcome = .failure(error)
            }
            outcomes.withLock { $0[worker] = outcome }
        }
        let results = outcomes.withLock { $0 }
        var failure: WarehouseError?
        for case .failure(let error)? in results where failure == nil { failure = error }
        if let failure {
            dropStagingTables(stagingNames, connection)
            throw failure
        }
        for case .success(let copied)? in results {
            report.rowsRead += copied.rows
            report.bytesSent += copied.bytes
        }
        report.connections = workerCount
        let columns = try SQLIdentifier.quoteList(encoder.plans.map(\.name))
        var selects: [String] = []
        for name in stagingNames { selects.append("SELECT \(columns) FROM \(try name.quoted())") }
        try connection.execute("BEGIN")
        do throws(WarehouseError) {
            try LoadState.lock(target, connection)
            if !options.reload, try LoadState.isRecorded(target, source, connection) {
                try connection.execute("ROLLBACK")
                dropStagingTables(stagingNames, connection)
                return LoadReport(target: target, source: source, alreadyLoaded: true)
            }
            let plainAppend = options.mode == .append && options.foreignKeyFilters.isEmpty
            if plainAppend {
                let inserted = try connection.execute(
                    "INSERT INTO \(quotedTarget) (\(columns)) \(selects.joined(separator: " UNION ALL "))")
                report.rowsLoaded = inserted.affectedRows ?? 0
            } else {
                try moveStagedRows(
                    from: "(\(selects.joined(separator: " UNION ALL ")))", into: table,
                    columns: encoder.plans.map(\.name), options: options, report: &report, connection)
            }
            try LoadState.record(report, mode: options.mode, connection)
            for name in stagingNames { try connection.execute("DROP TABLE \(try name.quoted())") }
            try connection.execute("COMMIT")
            return report
        } catch {
            if connection.isAlive {
                _ = try? connection.execute("ROLLBACK")
                dropStagingTables(stagingNames, connection)
            }
            throw error
        }
    }

    /// Best effort: a failed load's staging tables go away when the server is reachable.
    private func dropStagingTables(_ names: [TableName], _ connection: WarehouseConnection) {
        guard connection.isAlive else { return }
        for name in names {
            guard let quoted = try? name.quoted() else { continue }
            _ = try? connection.execute("DROP TABLE IF EXISTS \(quoted)")
        }
    }
}

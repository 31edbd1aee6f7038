import LakeCore
import LakeSQL
import LakeTable

extension LakeSession {
    /// The Delta table `handle` names, for a command that changes or inspects a table's log.
    /// - Throws: `unsupported` when the handle names a folder of Parquet files, a table function or a name bound to
    ///   fixed files (`statement` says which command asked); `invalidArgument` for a location outside the root.
    func deltaTable(_ handle: TableHandle, for statement: String) throws(SessionError) -> Table {
        guard overrides[handle.identity] == nil, !handle.identity.hasPrefix("read_parquet(") else {
            throw .unsupported("\(statement) on \(handle.identity), which is not a Delta table")
        }
        let location = try catalog.location(of: handle)
        guard location.isDeltaTable else {
            throw .unsupported(
                "\(statement) on \(handle.identity), which is a folder of Parquet files, not a Delta table")
        }
        return catalog.table(at: location)
    }

    /// Runs a table operation, reporting its failure under the table's name.
    func tableCall<Result>(_ name: String, _ body: () throws(TableLogError) -> Result)
        throws(SessionError) -> Result
    {
        do {
            return try body()
        } catch {
            throw .table(name, error)
        }
    }

    /// The `operationMetrics` that commit `version` of `table` recorded (empty when it has no `commitInfo`).
    /// - Throws: `io` when the commit file cannot be read; `corruptEntry` when it does not decode.
    func commitMetrics(of table: Table, version: Int64) throws(TableLogError) -> CommitMetrics {
        let path =
            (table.root.isEmpty ? "" : table.root + "/") + "_delta_log/" + LogFileName.commitName(version)
        let bytes: [UInt8]
        do {
            bytes = try table.store.read(path)
        } catch let error as ObjectStoreError {
            throw .io(error)
        } catch {
            throw .dataFile(path: path, reason: "\(error)")
        }
        for action in try CommitFile.actions(in: bytes, path: path) {
            if case .commitInfo(let info) = action {
                return CommitMetrics(values: info.json["operationMetrics"]?.objectValue ?? [:])
            }
        }
        return CommitMetrics(values: [:])
    }
}

import LakeParquet
import LakeSQL
import LakeTable

extension LakeSession {
    /// `OPTIMIZE t [WHERE partition predicate] [ZORDER BY (a, b)]`: bin-packing compaction (committed in groups,
    /// `Table.optimize(targetFileBytes:partitionFilter:grouping:progress:)`), or a z-order rewrite of the selected
    /// partitions in one commit. Rows and older versions are unchanged.
    ///
    /// Summary: `version` (the last one committed), `num_removed_files`, `num_added_files`, `num_removed_bytes`,
    /// `num_added_bytes`.
    /// - Throws: `unsupported` when the WHERE clause is not a conjunction of partition columns compared with
    ///   constants; `.table` for the table's refusals (see LakeTable).
    func optimize(_ command: OptimizeCommand) throws(SessionError) -> QueryResult {
        let name = command.table.handle.identity
        let table = try deltaTable(command.table.handle, for: "OPTIMIZE")
        var filter: [ParquetPredicate] = []
        if let predicate = command.partitionFilter {
            guard
                let conjunction = ParquetPredicateTranslation.conjunction(
                    predicate, schema: command.table.schema)
            else {
                let text = predicate.text(in: command.table.schema)
                throw .unsupported(
                    "OPTIMIZE ... WHERE \(text): only partition columns compared with constants (=, <>, <, <=, >, >=), "
                        + "joined by AND")
            }
            filter = conjunction
        }
        if command.zOrderColumns.isEmpty {
            let report = try tableCall(name) { () throws(TableLogError) in
                try table.optimize(
                    targetFileBytes: nil, partitionFilter: filter, grouping: OptimizeGrouping(),
                    progress: { _ in })
            }
            return CommandSummary(
                version: report.versions.last,
                [
                    ("num_removed_files", Int64(report.filesRemoved)),
                    ("num_added_files", Int64(report.filesAdded)),
                    ("num_removed_bytes", report.bytesRemoved), ("num_added_bytes", report.bytesAdded),
                ]
            ).result
        }
        let fields = command.table.schema.fields
        let columns = command.zOrderColumns.filter { fields.indices.contains($0) }.map {
            fields[$0].name
        }
        let prepared = try tableCall(name) { () throws(TableLogError) in
            try table.prepareOptimize(zOrderBy: columns, partitionFilter: filter)
        }
        guard let transaction = prepared else {
            return CommandSummary(
                version: nil,
                [
                    ("num_removed_files", 0), ("num_added_files", 0), ("num_removed_bytes", 0),
                    ("num_added_bytes", 0),
                ]
            ).result
        }
        let files = FileChanges(transaction.actions)
        let outcome = try tableCall(name) { () throws(TableLogError) in try transaction.commit() }
        return CommandSummary(
            version: outcome.version,
            [
                ("num_removed_files", files.removedCount), ("num_added_files", files.addedCount),
                ("num_removed_bytes", files.removedBytes), ("num_added_bytes", files.addedBytes),
            ]
        ).result
    }
}

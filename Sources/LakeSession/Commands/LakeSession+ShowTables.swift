import LakeColumnar
import LakeSQL

extension LakeSession {
    /// `SHOW TABLES [FROM schema]`: the names a statement can use, sorted, with what each one reads: `delta` (a
    /// Delta table), `parquet` (a folder holding Parquet files) or `bound` (a name the session binds to fixed
    /// sources, `overriding(_:with:)`). Directories holding neither are left out. With `schema`, only names whose
    /// first part is it (case-insensitively).
    ///
    /// Columns: `name` (dotted, lower case), `kind`.
    func showTables(in schema: String?) throws(SessionError) -> QueryResult {
        var rows: [(name: String, kind: String)] = []
        for name in Set(catalog.tableNames()).sorted() {
            if let schema, name.split(separator: ".").first.map(String.init) != schema.lowercased() {
                continue
            }
            if overrides[name] != nil {
                rows.append((name, "bound"))
                continue
            }
            let location = try catalog.location(of: .name(name.split(separator: ".").map(String.init)))
            if location.isDeltaTable {
                rows.append((name, "delta"))
            } else if let files = try? ParquetDataset.files(in: location), !files.isEmpty {
                rows.append((name, "parquet"))
            }
        }
        let resultSchema = Schema([
            Field("name", .utf8, nullable: false), Field("kind", .utf8, nullable: false),
        ])
        let columns = [Column.utf8(rows.map(\.name)), Column.utf8(rows.map(\.kind))]
        return QueryResult(
            schema: resultSchema,
            batches: rows.isEmpty ? [] : [Batch(schema: resultSchema, columns: columns)])
    }
}

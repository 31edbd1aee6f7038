/// What the loader needs to know about an existing target table, read from the catalog with parameterised
/// queries (the quoted name is a parameter of `to_regclass`).
struct TargetTable {
    let name: TableName
    /// Columns in table order: name and type (nil for types the loader cannot write).
    let columns: [(name: String, type: PostgresType?, typeName: String)]
    let primaryKey: [String]

    /// nil when the table does not exist.
    static func read(_ name: TableName, _ connection: WarehouseConnection) throws(WarehouseError) -> TargetTable? {
        let quoted = try name.quoted()
        let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL", [quoted])
        guard exists.scalar == "t" else { return nil }
        let columnRows = try connection.execute(
            "SELECT a.attname, a.atttypid::bigint, a.atttypmod, format_type(a.atttypid, a.atttypmod) "
                + "FROM pg_catalog.pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 "
                + "AND NOT a.attisdropped ORDER BY a.attnum", [quoted])
        var columns: [(name: String, type: PostgresType?, typeName: String)] = []
        for row in columnRows.rows {
            guard row.count == 4, let name = row[0], let oid = row[1].flatMap({ UInt32($0) }),
                let modifier = row[2].flatMap({ Int32($0) })
            else { throw .server(sqlState: nil, message: "unexpected catalog row for \(name)") }
            columns.append((name, PostgresType(oid: oid, typeModifier: modifier), row[3] ?? "?"))
        }
        let keyRows = try connection.execute(
            "SELECT a.attname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a "
                + "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                + "WHERE i.indrelid = to_regclass($1) AND i.indisprimary "
                + "ORDER BY array_position(i.indkey::int2[], a.attnum)", [quoted])
        return TargetTable(name: name, columns: columns, primaryKey: keyRows.rows.compactMap { $0.first ?? nil })
    }
}

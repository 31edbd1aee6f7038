import Foundation
import LakeColumnar
import LakeTestSupport
import LakeWarehouse

/// A fresh database on the shared test server, so tests running in parallel never see each other's tables.
struct TestDatabase {
    let server: PostgresServer
    let name: String
    let url: WarehouseURL

    init(server: PostgresServer? = nil) throws {
        let server = try server ?? PostgresServer.shared()
        self.server = server
        name = "lake_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        url = try WarehouseURL(try server.createDatabase(name))
    }

    func connect() throws -> WarehouseConnection { try WarehouseConnection(url) }

    /// psql's text output for `sql` in this database (an independent reader of what we loaded).
    func psql(_ sql: String) throws -> String { try server.psql(sql, database: name) }

    /// Every row of `table` read back in binary COPY format as a batch of `schema`.
    func readBack(_ table: String, schema: Schema, orderBy: String? = nil) throws -> Batch {
        let connection = try connect()
        var decoder = try BinaryCopyDecoder(schema: schema)
        let columns = try schema.fields.map { try SQLIdentifier.quote($0.name) }.joined(separator: ", ")
        let order = orderBy.map { " ORDER BY \($0)" } ?? ""
        let query =
            "COPY (SELECT \(columns) FROM \(try TableName(parsing: table).quoted())\(order)) TO STDOUT (FORMAT binary)"
        try connection.copyOut(query) { (chunk: UnsafeRawBufferPointer) throws(WarehouseError) in decoder.append(chunk)
        }
        return try decoder.finish()
    }

    func count(_ table: String) throws -> Int {
        Int(try psql("SELECT count(*) FROM \(try TableName(parsing: table).quoted())")) ?? -1
    }
}

/// Builds a column of `type` from row values (nil is null).
func makeColumn(_ type: DataType, _ values: [Value]) throws -> Column {
    var builder = ColumnBuilder(type: type)
    for value in values {
        if value == .null { builder.appendNull() } else { try builder.append(value) }
    }
    return builder.build()
}

/// A batch of int64 `id` and utf8 `label` rows.
func idLabelBatch(_ ids: [Int64], label: String = "x") throws -> Batch {
    let schema = Schema([Field("id", .int64, nullable: false), Field("label", .utf8)])
    return Batch(
        schema: schema,
        columns: [
            try makeColumn(.int64, ids.map { .int($0) }), try makeColumn(.utf8, ids.map { .string("\(label)\($0)") }),
        ])
}

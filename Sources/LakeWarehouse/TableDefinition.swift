import LakeColumnar

/// A warehouse table to create from a columnar schema: column types from `PostgresType.defaultMapping`,
/// `NOT NULL` for non-nullable fields, an optional primary key and foreign keys.
///
/// ```swift
/// let fact = TableDefinition(
///     name: TableName(schema: "warehouse", "fact_crypto_market"), schema: schema,
///     primaryKey: ["snapshot_timestamp", "crypto_id"],
///     foreignKeys: [ForeignKey(columns: ["crypto_id"], references: TableName("dim_crypto_id"), ["crypto_id"])])
/// try connection.execute(try fact.createStatement())
/// ```
///
/// Spec: spec/warehouse.md §3 (DDL).
public struct TableDefinition: Sendable, Hashable {
    public var name: TableName
    public var schema: Schema
    /// Column names of the primary key, in key order (none when empty).
    public var primaryKey: [String]
    public var foreignKeys: [ForeignKey]

    public init(name: TableName, schema: Schema, primaryKey: [String] = [], foreignKeys: [ForeignKey] = []) {
        self.name = name
        self.schema = schema
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
    }

    /// `CREATE TABLE IF NOT EXISTS ...` with every identifier quoted.
    /// - Throws: `unsupportedType` for nested fields; `invalidIdentifier` for names PostgreSQL cannot hold;
    ///   `missingColumn` when a key names a column the schema lacks.
    public func createStatement() throws(WarehouseError) -> String {
        var parts: [String] = []
        for field in schema.fields {
            guard let type = PostgresType.defaultMapping(for: field.type) else {
                throw .unsupportedType(column: field.name, type: "\(field.type)")
            }
            let nullability = field.isNullable && !primaryKey.contains(field.name) ? "" : " NOT NULL"
            parts.append("\(try SQLIdentifier.quote(field.name)) \(type)\(nullability)")
        }
        for column in primaryKey + foreignKeys.flatMap(\.columns) where schema.index(of: column) == nil {
            throw .missingColumn(table: name.description, column: column)
        }
        if !primaryKey.isEmpty { parts.append("PRIMARY KEY (\(try SQLIdentifier.quoteList(primaryKey)))") }
        for key in foreignKeys {
            parts.append(
                "FOREIGN KEY (\(try SQLIdentifier.quoteList(key.columns))) REFERENCES "
                    + "\(try key.referencedTable.quoted()) (\(try SQLIdentifier.quoteList(key.referencedColumns)))")
        }
        return "CREATE TABLE IF NOT EXISTS \(try name.quoted()) (\(parts.joined(separator: ", ")))"
    }
}

/// Columns of one table that refer to the key columns of another.
public struct ForeignKey: Sendable, Hashable {
    public var columns: [String]
    public var referencedTable: TableName
    public var referencedColumns: [String]

    /// - Precondition: as many referencing as referenced columns, at least one.
    public init(columns: [String], references referencedTable: TableName, _ referencedColumns: [String]) {
        precondition(!columns.isEmpty && columns.count == referencedColumns.count, "foreign key column counts differ")
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
    }
}

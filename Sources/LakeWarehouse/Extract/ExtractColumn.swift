import LakeColumnar

/// One column of a PostgreSQL table as extraction reads it: its lake field, and whether the server sends it in
/// its own binary form or as text.
///
/// | PostgreSQL | lake type | sent as |
/// |---|---|---|
/// | boolean | bool | binary |
/// | smallint, integer, bigint | int16, int32, int64 | binary |
/// | real, double precision | float32, float64 | binary |
/// | numeric(p,s), 1 <= p <= 38, 0 <= s <= p | decimal(p,s) | binary |
/// | text, character varying, character, name | utf8 | binary (the text bytes; `character` keeps its padding) |
/// | bytea | binary | binary |
/// | date | date32 | binary |
/// | time | time(µs) | binary |
/// | timestamp, timestamptz | timestamp(µs), timestamp(µs, UTC) | binary |
/// | uuid, numeric without or above 38 digits, json(b), arrays, others | utf8 | `CAST(col AS text)` |
///
/// Text-read columns hold the server's canonical text output (uuid as lowercase `8-4-4-4-12` hex, numeric with
/// all its digits).
///
/// A column is nullable unless it is `NOT NULL` in the catalog.
///
/// Spec: spec/warehouse.md §10.1 (extraction type mapping).
public struct ExtractColumn: Sendable, Hashable {
    /// The field of the extracted batches (name as in the table).
    public var field: Field
    /// The column's type as PostgreSQL prints it (`format_type`), e.g. `numeric(12,2)`.
    public var postgresTypeName: String
    /// Whether the column is read as `CAST(col AS text)` because its binary form has no lake decoding.
    public var readsAsText: Bool

    public init(field: Field, postgresTypeName: String, readsAsText: Bool) {
        self.field = field
        self.postgresTypeName = postgresTypeName
        self.readsAsText = readsAsText
    }

    /// Object ids of types whose binary form is their UTF-8 text: text, varchar, bpchar (character), name.
    static let textLikeOIDs: Set<UInt32> = [25, 1043, 1042, 19]

    /// The column for catalog row (`attname`, `atttypid`, `atttypmod`, `format_type`, `attnotnull`).
    init(name: String, oid: UInt32, typeModifier: Int32, typeName: String, isNotNull: Bool) {
        let type: DataType?
        if Self.textLikeOIDs.contains(oid) {
            type = .utf8
        } else {
            switch PostgresType(oid: oid, typeModifier: typeModifier) {
            case .boolean: type = .bool
            case .smallint: type = .int16
            case .integer: type = .int32
            case .bigint: type = .int64
            case .real: type = .float32
            case .doublePrecision: type = .float64
            case .numeric(let precision?, let scale)
            where (1...DataType.decimalPrecisionMax).contains(precision) && (0...precision).contains(scale):
                type = .decimal(precision: precision, scale: scale)
            case .bytea: type = .binary
            case .date: type = .date32
            case .time: type = .time(.microseconds)
            case .timestamp: type = .timestamp(.microseconds, utc: false)
            case .timestamptz: type = .timestamp(.microseconds, utc: true)
            case .text, .varchar: type = .utf8
            case .numeric, nil: type = nil
            }
        }
        field = Field(name, type ?? .utf8, nullable: !isNotNull)
        postgresTypeName = typeName
        readsAsText = type == nil
    }

    /// The column's entry in the extraction's select list.
    func selectExpression() throws(WarehouseError) -> String {
        let quoted = try SQLIdentifier.quote(field.name)
        return readsAsText ? "CAST(\(quoted) AS text) AS \(quoted)" : quoted
    }
}

import LakeColumnar

/// Encodes batches as PostgreSQL binary COPY data (`COPY ... FROM STDIN (FORMAT binary)`), column at a time.
///
/// Each call to `encode` produces whole tuples for a range of rows: first every row's size is computed from the
/// columns (fixed widths, byte offsets, pre-encoded numerics), then the field count is written at each row start,
/// then each column writes its length-prefixed values into every row in one tight loop. The stream is
/// `header`, the encoded tuples, then `trailer`.
///
/// Every column is converted to the type of its target column (see `PostgresType.holdsExactly`), so values reach
/// the server exactly; values outside PostgreSQL's range throw `valueOutOfRange` naming the column and row.
///
/// Spec: spec/warehouse.md §2; PostgreSQL documentation, COPY, "Binary Format".
public struct BinaryCopyEncoder: Sendable {
    /// One input column and the PostgreSQL type it is written as.
    public struct ColumnPlan: Sendable, Hashable {
        public var name: String
        public var source: DataType
        public var target: PostgresType
    }

    /// `PGCOPY\n\377\r\n\0`, flags 0, header extension length 0.
    public static let header: [UInt8] = [
        0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
    ]
    /// A field count of -1 ends the data.
    public static let trailer: [UInt8] = [0xFF, 0xFF]
    /// PostgreSQL tables hold at most 1,600 columns.
    public static let columnsMax = 1_600

    public let plans: [ColumnPlan]

    /// An encoder writing each field of `schema` as the type at the same position of `targets`.
    /// - Throws: `unsupportedType` for nested fields; `typeMismatch` when a target cannot hold a field's values
    ///   exactly; `invalidLoad` for more than `columnsMax` fields.
    public init(schema: Schema, targets: [PostgresType]) throws(WarehouseError) {
        precondition(schema.fields.count == targets.count, "one target type per field")
        guard schema.fields.count <= Self.columnsMax else {
            throw .invalidLoad("\(schema.fields.count) columns; PostgreSQL tables hold at most \(Self.columnsMax)")
        }
        var plans: [ColumnPlan] = []
        for (field, target) in zip(schema.fields, targets) {
            if field.type.isNested { throw .unsupportedType(column: field.name, type: "\(field.type)") }
            guard target.holdsExactly(field.type) else {
                throw .typeMismatch(column: field.name, source: "\(field.type)", target: "\(target)")
            }
            plans.append(ColumnPlan(name: field.name, source: field.type, target: target))
        }
        self.plans = plans
    }

    /// An encoder for `schema` with each field written as `PostgresType.defaultMapping`.
    public init(schema: Schema) throws(WarehouseError) {
        var targets: [PostgresType] = []
        for field in schema.fields {
            guard let target = PostgresType.defaultMapping(for: field.type) else {
                throw .unsupportedType(column: field.name, type: "\(field.type)")
            }
            targets.append(target)
        }
        try self.init(schema: schema, targets: targets)
    }

    /// The tuples for `rows` of `batch` (all rows when nil), without header or trailer.
    /// - Precondition: `batch` has one column per plan, of the planned types.
    /// - Throws: `valueOutOfRange` for a date, time or timestamp outside PostgreSQL's range.
    /// - Complexity: O(rows × columns); one output allocation per call.
    public func encode(_ batch: Batch, rows: Range<Int>? = nil) throws(WarehouseError) -> [UInt8] {
        precondition(
            batch.columns.count == plans.count, "batch has \(batch.columns.count) columns, plan \(plans.count)")
        let rows = rows ?? 0..<batch.rowCount
        precondition(rows.lowerBound >= 0 && rows.upperBound <= batch.rowCount, "row range outside the batch")
        let rowCount = rows.count
        guard rowCount > 0 else { return [] }
        var fields: [FieldWriter] = []
        fields.reserveCapacity(plans.count)
        for (plan, column) in zip(plans, batch.columns) {
            precondition(column.type == plan.source, "column \(plan.name) is \(column.type), planned \(plan.source)")
            fields.append(try FieldWriter(plan: plan, column: column, rows: rows))
        }
        // Row sizes: field count, then a length word per field, then the payloads.
        var rowSizes = [Int](repeating: 2 + 4 * plans.count, count: rowCount)
        for field in fields { field.addPayloadSizes(to: &rowSizes) }
        var cursors = [Int](repeating: 0, count: rowCount)
        var total = 0
        for row in 0..<rowCount {
            cursors[row] = total
            total += rowSizes[row]
        }
        let fieldCount = UInt16(plans.count).bigEndian
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let base = buffer.baseAddress.map(UnsafeMutableRawPointer.init) else { return }
            for row in 0..<rowCount {
                base.storeBytes(of: fieldCount, toByteOffset: cursors[row], as: UInt16.self)
                cursors[row] += 2
            }
            for field in fields { field.write(into: base, cursors: &cursors) }
            initialized = total
        }
    }
}

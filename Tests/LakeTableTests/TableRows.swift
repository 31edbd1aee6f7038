import LakeColumnar
import LakeCore
import LakeTable

/// Seeded rows for table tests, and a canonical form of rows that scans and peers can be compared in.
enum TableRows {
    static let schema = Schema([
        Field("id", .int64, nullable: false), Field("price", .float64), Field("name", .utf8), Field("day", .date32),
    ])

    static let regions: [String?] = ["eu", "us", nil, "c d/e"]

    /// Rows `ids` with seeded prices, names and days; every fifth price is null.
    static func batch(_ ids: Range<Int64>, seed: UInt64) -> Batch {
        var generator = SeededGenerator(seed: seed)
        var id = ColumnBuilder(type: .int64)
        var price = ColumnBuilder(type: .float64)
        var name = ColumnBuilder(type: .utf8)
        var day = ColumnBuilder(type: .date32)
        for value in ids {
            try? id.append(.int(value))
            if value % 5 == 0 {
                price.appendNull()
            } else {
                try? price.append(.float64(Double(Int.random(in: -100_000...100_000, using: &generator)) / 100))
            }
            try? name.append(.string("n\(Int.random(in: 0..<1_000, using: &generator))"))
            try? day.append(.int(19_723 + Int64.random(in: 0..<3, using: &generator)))
        }
        return Batch(schema: schema, columns: [id.build(), price.build(), name.build(), day.build()])
    }

    /// `batch(ids, seed:)` with a `region` column cycling through `regions`.
    static func regionalBatch(_ ids: Range<Int64>, seed: UInt64) -> Batch {
        let base = batch(ids, seed: seed)
        var region = ColumnBuilder(type: .utf8)
        for value in ids { try? region.append(regions[Int(value) % regions.count].map(Value.string) ?? .null) }
        return Batch(
            schema: Schema(schema.fields + [Field("region", .utf8)]), columns: base.columns + [region.build()])
    }

    /// One dictionary per row, column name to a type-tagged text, sorted by the `id` column.
    static func canonical(_ batches: [Batch]) -> [[String: String]] {
        var rows: [(Int64, [String: String])] = []
        for batch in batches {
            for row in 0..<batch.rowCount {
                var values: [String: String] = [:]
                for (field, column) in zip(batch.schema.fields, batch.columns) {
                    values[field.name] = text(column.value(at: row))
                }
                let id = batch.column(named: "id").flatMap { column -> Int64? in
                    if case .int(let number) = column.value(at: row) { return number }
                    return nil
                }
                rows.append((id ?? .min, values))
            }
        }
        return rows.sorted { $0.0 < $1.0 }.map(\.1)
    }

    static func text(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "b:\(flag)"
        case .int(let number): "i:\(number)"
        case .uint(let number): "i:\(number)"
        case .float32(let number): "f:\(Double(number))"
        case .float64(let number): "f:\(number)"
        case .decimal(let unscaled): "d:\(unscaled)"
        case .string(let text): "s:\(text)"
        case .bytes(let bytes): "x:\(bytes)"
        case .list(let items): "l:[" + items.map(text).joined(separator: ",") + "]"
        case .struct(let fieldValues): "r:{" + fieldValues.map(text).joined(separator: ",") + "}"
        case .map(let keys, let values): "m:{" + zip(keys, values).map { text($0) + "=" + text($1) }.joined(separator: ",") + "}"
        }
    }

    /// The rows of a `delta_read_table.py` dump in the form of `canonical`, typed by `schema`.
    static func canonical(peerRows: [JSONValue], schema: Schema) -> [[String: String]] {
        peerRows.map { row in
            var values: [String: String] = [:]
            for (name, value) in row.objectValue ?? [:] {
                values[name] = peerText(value, type: schema.fields.first { $0.name == name }?.type)
            }
            return values
        }
    }

    /// The `text` form of one peer value: lists as JSON arrays, structs as objects, maps as arrays of
    /// `[key, value]` pairs (how pyarrow's `to_pylist` gives them).
    private static func peerText(_ value: JSONValue, type: DataType?) -> String {
        switch (value, type) {
        case (.null, _): return "null"
        case (.bool(let flag), _): return "b:\(flag)"
        case (.string(let text), _): return "s:\(text)"
        case (.array(let items), .list(let element)?):
            return "l:[" + items.map { peerText($0, type: element.type) }.joined(separator: ",") + "]"
        case (.object(let object), .struct(let fields)?):
            return "r:{" + fields.map { peerText(object[$0.name] ?? .null, type: $0.type) }.joined(separator: ",") + "}"
        case (.array(let pairs), .map(let key, let entry)?):
            let texts = pairs.map { pair -> String in
                guard case .array(let parts) = pair, parts.count == 2 else { return "?\(pair)" }
                return peerText(parts[0], type: key.type) + "=" + peerText(parts[1], type: entry.type)
            }
            return "m:{" + texts.joined(separator: ",") + "}"
        case (_, .float64?), (_, .float32?):
            return "f:\(value.doubleValue ?? .nan)"
        default:
            return "i:\(value.int64Value.map { String($0) } ?? "\(value)")"
        }
    }
}

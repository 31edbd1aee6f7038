import LakeColumnar
import LakeCore

/// Turns JSON records into one columnar batch for bronze.
///
/// - Nested objects are flattened: `quote.USD.price` becomes the column `quote_usd_price`. Names are the keys
///   lower-cased with every character outside `[a-z0-9_]` replaced by `_` (`tag-names` → `tag_names`); when
///   two different key paths map to one name, later ones get `_2`, `_3`, ... in order of first appearance.
/// - Arrays are kept whole as compact JSON text (`tags` → `["pos","layer-1"]`).
/// - Column types follow the non-null values of all records: only booleans → `bool`; only integers that fit
///   `Int64` → `int64`; only numbers → `float64`; only strings → `utf8`; anything else (mixed kinds, arrays) →
///   `utf8`, with non-string values as JSON text. Columns with only nulls are `utf8`. Every column is nullable;
///   a record lacking a key has null there.
/// - Columns appear in order of first appearance; `_extracted_at` (UTC microseconds) comes last.
///
/// - Throws: `invalidPayload` when a record is not an object or there would be more than `columnsMax` columns.
///
/// Spec: spec/pipeline.md#flattening
public enum RecordFlattener {
    public static let columnsMax = 4_096
    /// The column holding the extraction time of every row.
    public static let extractedAtColumn = "_extracted_at"

    private struct ColumnPlan {
        var name: String
        var rawPath: String
        var sawBool = false
        var sawInteger = false
        var sawDouble = false
        var sawString = false
        var sawOther = false

        var sawValue: Bool { sawBool || sawInteger || sawDouble || sawString || sawOther }

        var type: DataType {
            let numeric = sawInteger || sawDouble
            if sawOther || (sawBool && (numeric || sawString)) || (numeric && sawString) { return .utf8 }
            if sawBool { return .bool }
            if sawDouble { return .float64 }
            if sawInteger { return .int64 }
            return .utf8
        }
    }

    /// The batch for `records`, stamped with `extractedAtMicros`.
    public static func batch(records: [JSONValue], endpoint: String, extractedAtMicros: Int64) throws(PipelineError)
        -> Batch
    {
        var plans: [ColumnPlan] = []
        var indexByPath: [String: Int] = [:]
        var usedNames: Set<String> = [extractedAtColumn]
        var objectPaths: Set<String> = []
        var rows: [[Int: JSONValue]] = []
        rows.reserveCapacity(records.count)
        for (position, record) in records.enumerated() {
            guard case .object(let object) = record else {
                throw .invalidPayload(
                    endpoint: endpoint, reason: "record \(position) is \(record.kindName), not an object")
            }
            var row: [Int: JSONValue] = [:]
            try flatten(
                object, rawPrefix: "", namePrefix: "", endpoint: endpoint, plans: &plans, indexByPath: &indexByPath,
                usedNames: &usedNames, objectPaths: &objectPaths, row: &row)
            rows.append(row)
        }
        var fields: [Field] = []
        var columns: [Column] = []
        for (index, plan) in plans.enumerated() {
            // A member that is an object in some records and null in the others lives in its flattened columns.
            if !plan.sawValue && objectPaths.contains(plan.rawPath) { continue }
            let type = plan.type
            var builder = ColumnBuilder(type: type, capacity: rows.count)
            for row in rows {
                do {
                    try builder.append(value(row[index], as: type))
                } catch {
                    throw .invalidPayload(endpoint: endpoint, reason: "column \(plan.name): \(error)")
                }
            }
            fields.append(Field(plan.name, type, nullable: true))
            columns.append(builder.build())
        }
        let stampType = DataType.timestamp(.microseconds, utc: true)
        fields.append(Field(extractedAtColumn, stampType, nullable: false))
        var stamps = ColumnBuilder(type: stampType, capacity: rows.count)
        for _ in rows {
            do {
                try stamps.append(.int(extractedAtMicros))
            } catch {
                throw .invalidPayload(endpoint: endpoint, reason: "\(extractedAtColumn): \(error)")
            }
        }
        columns.append(stamps.build())
        return Batch(schema: Schema(fields), columns: columns)
    }

    private static func flatten(
        _ object: JSONObject, rawPrefix: String, namePrefix: String, endpoint: String, plans: inout [ColumnPlan],
        indexByPath: inout [String: Int], usedNames: inout Set<String>, objectPaths: inout Set<String>,
        row: inout [Int: JSONValue]
    ) throws(PipelineError) {
        for (key, member) in object {
            let rawPath = rawPrefix + "\u{1F}" + key
            let name = namePrefix.isEmpty ? sanitize(key) : namePrefix + "_" + sanitize(key)
            if case .object(let nested) = member {
                objectPaths.insert(rawPath)
                try flatten(
                    nested, rawPrefix: rawPath, namePrefix: name, endpoint: endpoint, plans: &plans,
                    indexByPath: &indexByPath, usedNames: &usedNames, objectPaths: &objectPaths, row: &row)
                continue
            }
            let index: Int
            if let known = indexByPath[rawPath] {
                index = known
            } else {
                guard plans.count < columnsMax else {
                    throw .invalidPayload(endpoint: endpoint, reason: "more than \(columnsMax) columns")
                }
                var unique = name
                var suffix = 2
                while usedNames.contains(unique) {
                    unique = "\(name)_\(suffix)"
                    suffix += 1
                }
                usedNames.insert(unique)
                index = plans.count
                indexByPath[rawPath] = index
                plans.append(ColumnPlan(name: unique, rawPath: rawPath))
            }
            switch member {
            case .null: break
            case .bool: plans[index].sawBool = true
            case .number(let number):
                if number.int64Value != nil { plans[index].sawInteger = true } else { plans[index].sawDouble = true }
            case .string: plans[index].sawString = true
            case .array, .object: plans[index].sawOther = true
            }
            row[index] = member
        }
    }

    private static func value(_ json: JSONValue?, as type: DataType) -> Value {
        guard let json else { return .null }
        switch (json, type) {
        case (.null, _): return .null
        case (.bool(let flag), .bool): return .bool(flag)
        case (.number(let number), .int64): return number.int64Value.map { .int($0) } ?? .null
        case (.number(let number), .float64): return .float64(number.doubleValue)
        case (.string(let text), _): return .string(text)
        default: return .string(json.description)
        }
    }

    /// `key` lower-cased, with characters outside `[a-z0-9_]` replaced by `_`; `_` for an empty key.
    public static func sanitize(_ key: String) -> String {
        guard !key.isEmpty else { return "_" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count)
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                bytes.append(byte + 32)
            default:
                // A multi-byte character becomes one `_` per byte: the name stays ASCII and deterministic.
                bytes.append(UInt8(ascii: "_"))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

import LakeColumnar
import LakeCore

/// The statistics of one data file (`add.stats`): row count, per-column bounds and null counts.
///
/// Bounds use LakeColumnar's `Value` representation of the column type (integers, dates and timestamps as
/// `.int` days/microseconds, decimals as unscaled `.decimal`). Only top-level columns are modelled; statistics of
/// nested struct fields are skipped on read.
///
/// Spec: spec/table-log.md §5.
public struct FileStatistics: Sendable, Hashable {
    /// Physical rows in the file (not reduced by a deletion vector).
    public var numRecords: Int64?
    public var minValues: [String: Value]
    public var maxValues: [String: Value]
    public var nullCount: [String: Int64]
    /// False when bounds may be wider than the live rows; nil when the writer did not say (means true).
    public var tightBounds: Bool?

    public init(
        numRecords: Int64?, minValues: [String: Value] = [:], maxValues: [String: Value] = [:],
        nullCount: [String: Int64] = [:], tightBounds: Bool? = nil
    ) {
        self.numRecords = numRecords
        self.minValues = minValues
        self.maxValues = maxValues
        self.nullCount = nullCount
        self.tightBounds = tightBounds
    }

    /// Reads the stats JSON text `text` for the columns of `schema`.
    ///
    /// Statistics are an optimization, so this never fails on content: a bound that is malformed, of the wrong
    /// JSON type, or of a column without bounds (boolean, binary, nested) is left out; an unknown column is
    /// ignored. Accepts what peers write: decimals as JSON integers or floats, timestamps with or without
    /// fraction and with `Z` or an offset, `timestamp_ntz` with `T` or a space.
    /// - Returns: nil when `text` is not a JSON object.
    public init?(parsing text: String, schema: Schema) {
        guard let object = (try? JSONParser.parse(text))?.objectValue else { return nil }
        numRecords = object["numRecords"]?.int64Value
        tightBounds = object["tightBounds"]?.boolValue
        minValues = [:]
        maxValues = [:]
        nullCount = [:]
        let minimums = object["minValues"]?.objectValue ?? [:]
        let maximums = object["maxValues"]?.objectValue ?? [:]
        let nulls = object["nullCount"]?.objectValue ?? [:]
        for field in schema.fields {
            if let bound = minimums[field.name].flatMap({ Self.bound($0, type: field.type) }) {
                minValues[field.name] = bound
            }
            if let bound = maximums[field.name].flatMap({ Self.bound($0, type: field.type) }) {
                maxValues[field.name] = bound
            }
            if let count = nulls[field.name]?.int64Value, count >= 0 { nullCount[field.name] = count }
        }
    }

    /// The stats JSON text for the columns of `schema`, fields in Spark's order (`numRecords`, `minValues`,
    /// `maxValues`, `nullCount`, then `tightBounds` when set), columns in schema order.
    ///
    /// Decimals are written from their unscaled value with exactly `scale` fraction digits (never through a
    /// double); timestamps as `yyyy-MM-ddTHH:mm:ss.SSS` (plus `Z` when UTC), truncated to milliseconds.
    /// - Throws: `TableLogError.corruptEntry` if a float bound is not finite (the collector never produces one).
    public func jsonString(schema: Schema) throws(TableLogError) -> String {
        var text = "{\"numRecords\":" + (numRecords.map { String($0) } ?? "null")
        for (key, bounds) in [("minValues", minValues), ("maxValues", maxValues)] {
            var members: [String] = []
            for field in schema.fields {
                guard let bound = bounds[field.name], let encoded = try Self.encode(bound, type: field.type) else {
                    continue
                }
                members.append(try Self.quoted(field.name) + ":" + encoded)
            }
            text += ",\"\(key)\":{" + members.joined(separator: ",") + "}"
        }
        var counts: [String] = []
        for field in schema.fields {
            guard let count = nullCount[field.name] else { continue }
            counts.append(try Self.quoted(field.name) + ":" + String(count))
        }
        text += ",\"nullCount\":{" + counts.joined(separator: ",") + "}"
        if let tightBounds { text += ",\"tightBounds\":\(tightBounds)" }
        return text + "}"
    }

    static func quoted(_ text: String) throws(TableLogError) -> String {
        do {
            return try JSONWriter.serializedString(.string(text))
        } catch {
            throw .corruptEntry(path: "<statistics>", line: 0, reason: error.description)
        }
    }

    /// The JSON text of bound `value` for a column of `type`, or nil when the type has no bounds.
    private static func encode(_ value: Value, type: DataType) throws(TableLogError) -> String? {
        switch (type, value) {
        case (.int8, .int(let number)), (.int16, .int(let number)), (.int32, .int(let number)),
            (.int64, .int(let number)):
            return String(number)
        case (.uint8, .uint(let number)), (.uint16, .uint(let number)), (.uint32, .uint(let number)),
            (.uint64, .uint(let number)):
            return String(number)
        case (.float32, .float32(let number)):
            return try number.isFinite ? quotedNumber(Double(number)) : nil
        case (.float64, .float64(let number)):
            return try number.isFinite ? quotedNumber(number) : nil
        case (.decimal(_, let scale), .decimal(let unscaled)):
            return DecimalText.format(unscaled: unscaled, scale: scale)
        case (.date32, .int(let days)):
            return "\"" + CivilTime.formatDate(days: days) + "\""
        case (.timestamp(let unit, let utc), .int(let count)):
            let millis = CivilTime.floorDivide(count, unit.perSecond / 1_000).quotient
            let body = CivilTime.formatTimestamp(micros: millis * 1_000, separator: "T", fractionDigits: 3)
            return "\"" + body + (utc ? "Z" : "") + "\""
        case (.utf8, .string(let text)):
            return try quoted(text)
        default:
            return nil
        }
    }

    private static func quotedNumber(_ number: Double) throws(TableLogError) -> String {
        do {
            return try JSONWriter.serializedString(.double(number))
        } catch {
            throw .corruptEntry(path: "<statistics>", line: 0, reason: error.description)
        }
    }

    /// The typed bound of JSON `value` for a column of `type`, or nil when it does not parse.
    private static func bound(_ value: JSONValue, type: DataType) -> Value? {
        switch type {
        case .int8, .int16, .int32, .int64:
            return value.int64Value.map(Value.int)
        case .uint8, .uint16, .uint32, .uint64:
            return value.numberValue?.uint64Value.map(Value.uint)
        case .float32:
            return value.doubleValue.map { .float32(Float($0)) }
        case .float64:
            return value.doubleValue.map(Value.float64)
        case .decimal(let precision, let scale):
            guard let number = value.numberValue else { return nil }
            return DecimalText.parse(number.description, precision: precision, scale: scale).map(Value.decimal)
        case .date32:
            return value.stringValue.flatMap(CivilTime.parseDate).map(Value.int)
        case .timestamp(.microseconds, let utc):
            guard let text = value.stringValue else { return nil }
            return CivilTime.parseTimestamp(text, allowsOffset: utc).map(Value.int)
        case .utf8:
            return value.stringValue.map(Value.string)
        default:
            return nil
        }
    }
}

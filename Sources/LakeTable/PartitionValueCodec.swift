import LakeColumnar

/// Partition values: the strings of `add.partitionValues` ↔ typed `Value`s, and Hive-style directory names.
///
/// NULL is a nil string (JSON null); on read a missing key and `""` are NULL as well. Values use LakeColumnar's
/// `Value` representation of each type: integers and dates/timestamps as `.int` (days, microseconds), decimals
/// as the unscaled `.decimal`.
///
/// Spec: spec/table-log.md §4.
public enum PartitionValueCodec {
    /// The text the log stores for `value` of column type `type`; nil for `.null` and for the empty string.
    /// - Throws: `TableLogError.unsupportedType` for float, double and binary partition columns (refused on
    ///   write by design) and types without a partition form; `TableLogError.invalidPartitionValue` when `value`
    ///   does not match `type`.
    public static func serialize(_ value: Value, as type: DataType, column: String) throws(TableLogError) -> String? {
        let mismatch = TableLogError.invalidPartitionValue(column: column, value: "\(value)", type: type.description)
        switch (type, value) {
        case (_, .null): return nil
        case (.utf8, .string(let text)): return text.isEmpty ? nil : text
        case (.int8, .int(let number)), (.int16, .int(let number)), (.int32, .int(let number)),
            (.int64, .int(let number)):
            return String(number)
        case (.bool, .bool(let flag)): return flag ? "true" : "false"
        case (.decimal(_, let scale), .decimal(let unscaled)):
            return DecimalText.format(unscaled: unscaled, scale: scale)
        case (.date32, .int(let days)): return CivilTime.formatDate(days: days)
        case (.timestamp(.microseconds, true), .int(let micros)):
            return CivilTime.formatTimestamp(micros: micros, separator: "T", fractionDigits: 6) + "Z"
        case (.timestamp(.microseconds, false), .int(let micros)):
            return CivilTime.formatTimestamp(micros: micros, separator: " ", fractionDigits: 6)
        case (.utf8, _), (.int8, _), (.int16, _), (.int32, _), (.int64, _), (.bool, _), (.decimal, _), (.date32, _),
            (.timestamp(.microseconds, _), _):
            throw mismatch
        default:
            throw .unsupportedType(column: column, type: "\(type) as a partition column")
        }
    }

    /// The typed value of partition text `text` (nil, or `""`, is NULL) for a column of type `type`.
    /// - Throws: `TableLogError.invalidPartitionValue` when the text does not parse as `type`;
    ///   `TableLogError.unsupportedType` for types without a partition form.
    public static func parse(_ text: String?, as type: DataType, column: String) throws(TableLogError) -> Value {
        guard let text, !text.isEmpty else { return .null }
        let invalid = TableLogError.invalidPartitionValue(column: column, value: text, type: type.description)
        switch type {
        case .utf8:
            return .string(text)
        case .int8, .int16, .int32, .int64:
            let digits = text.hasPrefix("+") ? String(text.dropFirst()) : text
            guard let number = Int64(digits), fits(number, type) else { throw invalid }
            return .int(number)
        case .bool:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw invalid
            }
        case .float32:
            guard let number = Float(text) else { throw invalid }
            return .float32(number)
        case .float64:
            guard let number = Double(text) else { throw invalid }
            return .float64(number)
        case .decimal(let precision, let scale):
            guard let unscaled = DecimalText.parse(text, precision: precision, scale: scale) else { throw invalid }
            return .decimal(unscaled)
        case .date32:
            guard let days = CivilTime.parseDate(text) else { throw invalid }
            return .int(days)
        case .timestamp(.microseconds, let utc):
            guard let micros = CivilTime.parseTimestamp(text, allowsOffset: utc) else { throw invalid }
            return .int(micros)
        case .binary:
            return .bytes(Array(text.utf8))
        default:
            throw .unsupportedType(column: column, type: "\(type) as a partition column")
        }
    }

    /// The directory name `<name>=<value>` for one partition column: every byte outside `[A-Za-z0-9._-]` of
    /// the name and of the serialized value is written as `%XX`; NULL is `__HIVE_DEFAULT_PARTITION__`.
    public static func directoryName(column: String, value: String?) -> String {
        escape(column) + "=" + (value.map(escape) ?? "__HIVE_DEFAULT_PARTITION__")
    }

    private static func escape(_ text: String) -> String {
        var escaped = ""
        for byte in text.utf8 {
            let plain =
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "._-".utf8.contains(byte)
            if plain {
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                escaped += "%" + PathCodec.hexDigits(byte)
            }
        }
        return escaped
    }

    private static func fits(_ number: Int64, _ type: DataType) -> Bool {
        switch type {
        case .int8: Int8(exactly: number) != nil
        case .int16: Int16(exactly: number) != nil
        case .int32: Int32(exactly: number) != nil
        default: true
        }
    }
}

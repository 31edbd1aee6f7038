import LakeColumnar

/// JSON text of column values, for JSON-lines output.
///
/// Values keep their JSON type: integers and decimals are numbers (decimals with their scale, `12.50`), finite
/// floats are numbers (non-finite ones the strings `nan`, `inf`, `-inf`), booleans are `true`/`false`, null is
/// `null`. Dates, times and timestamps are ISO 8601 strings and binary is a hex string, as `ValueFormatter` writes
/// them. Lists are arrays, structs objects, maps objects when their keys are text (else arrays of
/// `{"key":…,"value":…}` objects).
///
/// Spec: RFC 8259; spec/cli.md (`lake sql`)
enum JSONText {
    /// The JSON text of `value` read as `type`.
    static func encode(_ value: Value, type: DataType) -> String {
        switch (value, type) {
        case (.null, _):
            return "null"
        case (.bool(let flag), _):
            return flag ? "true" : "false"
        case (.int(let number), .bool):
            return number != 0 ? "true" : "false"
        case (.int(let number), .int8), (.int(let number), .int16), (.int(let number), .int32),
            (.int(let number), .int64), (.int(let number), .uint8), (.int(let number), .uint16),
            (.int(let number), .uint32), (.int(let number), .uint64):
            return String(number)
        case (.uint(let number), _):
            return String(number)
        case (.float32(let number), _):
            return number.isFinite ? "\(number)" : string("\(number)")
        case (.float64(let number), _):
            return number.isFinite ? "\(number)" : string("\(number)")
        case (.decimal(let unscaled), .decimal(_, let scale)):
            return ValueFormatter.decimal(unscaled, scale: scale)
        case (.decimal(let unscaled), _):
            return String(unscaled)
        case (.list(let items), .list(let element)):
            return "[" + items.map { encode($0, type: element.type) }.joined(separator: ",") + "]"
        case (.struct(let values), .struct(let fields)):
            let members = zip(fields, values).map { string($0.name) + ":" + encode($1, type: $0.type) }
            return "{" + members.joined(separator: ",") + "}"
        case (.map(let keys, let values), .map(let keyField, let valueField)):
            let textKeys = keys.map { key -> String? in
                if case .string(let text) = key { return text }
                return nil
            }
            if textKeys.allSatisfy({ $0 != nil }) {
                let members = zip(textKeys, values).map { string($0 ?? "") + ":" + encode($1, type: valueField.type) }
                return "{" + members.joined(separator: ",") + "}"
            }
            let entries = zip(keys, values).map {
                "{\"key\":" + encode($0, type: keyField.type) + ",\"value\":" + encode($1, type: valueField.type) + "}"
            }
            return "[" + entries.joined(separator: ",") + "]"
        default:
            // Text, binary, dates, times and timestamps: their display text as a string.
            return ValueFormatter.text(value, type: type).map(string) ?? "null"
        }
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

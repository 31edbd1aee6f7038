import Foundation
import LakeColumnar

/// One result value in the engine-neutral form both sides of the DuckDB comparison are reduced to (the cell
/// format `Tests/interop/duckdb_compare.py` prints): integers as decimal text, floats as doubles, dates, times and
/// timestamps as ISO text without a zone suffix, strings, booleans, or null.
enum DuckDBComparisonCell: Sendable, Equatable, Decodable, CustomStringConvertible {
    case null
    case integer(String)
    case float(Double)
    case text(String)
    case bool(Bool)

    /// Floats (and a float against an integer) are equal within this relative difference.
    static let relativeTolerance = 1e-9

    private enum CodingKeys: String, CodingKey {
        case i, f, s, b
    }

    init(from decoder: any Decoder) throws {
        if try decoder.singleValueContainer().decodeNil() {
            self = .null
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let integer = try container.decodeIfPresent(String.self, forKey: .i) {
            self = .integer(integer)
        } else if let text = try container.decodeIfPresent(String.self, forKey: .s) {
            self = .text(text)
        } else if let bool = try container.decodeIfPresent(Bool.self, forKey: .b) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self, forKey: .f) {
            self = .float(number)
        } else {
            let special = try container.decode(String.self, forKey: .f)
            switch special {
            case "nan": self = .float(.nan)
            case "inf": self = .float(.infinity)
            case "-inf": self = .float(-.infinity)
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .f, in: container, debugDescription: "unknown float text \(special)")
            }
        }
    }

    /// The value of `column` at `row`, reduced to a cell.
    init(_ column: Column, row: Int) {
        let value = column.value(at: row)
        if value == .null {
            self = .null
            return
        }
        switch (column.type, value) {
        case (.bool, .bool(let flag)): self = .bool(flag)
        case (.date32, .int(let days)): self = .text(ValueFormatter.date(days: days))
        case (.time(let unit), .int(let count)): self = .text(ValueFormatter.time(count, unit: unit))
        case (.timestamp(let unit, _), .int(let count)):
            self = .text(ValueFormatter.timestamp(count, unit: unit, utc: false))
        case (_, .int(let integer)): self = .integer(String(integer))
        case (_, .uint(let integer)): self = .integer(String(integer))
        case (_, .float32(let number)): self = .float(Double(number))
        case (_, .float64(let number)): self = .float(number)
        case (.decimal(_, let scale), .decimal(let unscaled)):
            self = .float(Double(ValueFormatter.decimal(unscaled, scale: scale)) ?? .nan)
        case (_, .string(let text)): self = .text(text)
        default: self = .text(ValueFormatter.text(column, row: row) ?? "")
        }
    }

    /// Equal, with floats compared to `relativeTolerance` (NaN equals NaN) and integers against floats by value.
    func matches(_ other: DuckDBComparisonCell) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.integer(let left), .integer(let right)): return left == right
        case (.text(let left), .text(let right)): return left == right
        case (.bool(let left), .bool(let right)): return left == right
        default:
            guard let left = number, let right = other.number else { return false }
            if left.isNaN || right.isNaN { return left.isNaN && right.isNaN }
            if left == right { return true }
            return abs(left - right) <= Self.relativeTolerance * max(abs(left), abs(right))
        }
    }

    /// A text that orders rows the same way on both sides: numbers rounded to 9 significant digits so that
    /// floats which differ in their last bits sort alike.
    var sortKey: String {
        switch self {
        case .null: return "\u{0}"
        case .bool(let flag): return flag ? "true" : "false"
        case .text(let text): return "s" + text
        case .integer, .float:
            guard let value = number else { return "?" }
            if value.isNaN { return "nnan" }
            return "n" + String(format: "%.9g", value)
        }
    }

    private var number: Double? {
        switch self {
        case .integer(let text): Double(text)
        case .float(let value): value
        default: nil
        }
    }

    var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let text): text
        case .float(let value): "\(value)"
        case .text(let text): "'\(text)'"
        case .bool(let flag): "\(flag)"
        }
    }
}

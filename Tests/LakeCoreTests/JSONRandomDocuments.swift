import LakeCore

/// Seeded random JSON documents for round-trip, fuzz and cross-check tests.
///
/// Values cover every kind: integers at and near the `Int64`/`UInt64` extremes, doubles from random bit patterns
/// (finite only) and special values, strings with control characters, quotes, backslashes, non-ASCII and astral
/// scalars, nested arrays and objects up to `depthMax`.
struct JSONRandomDocuments {
    var generator: SeededGenerator
    var depthMax: Int

    init(seed: UInt64, depthMax: Int = 5) {
        generator = SeededGenerator(seed: seed)
        self.depthMax = depthMax
    }

    /// A document whose top level is an object or an array (the usual shape), or sometimes a scalar.
    mutating func document() -> JSONValue {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: scalar()
        case 1...3: .array(array(depth: 1))
        default: .object(object(depth: 1))
        }
    }

    mutating func value(depth: Int) -> JSONValue {
        let containers = depth < depthMax
        switch Int.random(in: 0..<(containers ? 10 : 7), using: &generator) {
        case 7, 8: return .object(object(depth: depth + 1))
        case 9: return .array(array(depth: depth + 1))
        default: return scalar()
        }
    }

    mutating func scalar() -> JSONValue {
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: .null
        case 1: .bool(Bool.random(using: &generator))
        case 2, 3: .number(integer())
        case 4: .number(.double(double()))
        default: .string(string())
        }
    }

    mutating func integer() -> JSONNumber {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            .int64([Int64.min, Int64.max, 0, -1, 1, Int64.min + 1, Int64.max - 1].randomElement(using: &generator)!)
        case 1: JSONNumber(UInt64.random(in: UInt64(Int64.max) + 1 ... .max, using: &generator))
        case 2: .int64(Int64.random(in: .min ... .max, using: &generator))
        case 3: .int64(Int64.random(in: 1_600_000_000_000...1_800_000_000_000, using: &generator))
        default: .int64(Int64.random(in: -1_000...100_000, using: &generator))
        }
    }

    mutating func double() -> Double {
        switch Int.random(in: 0..<5, using: &generator) {
        case 0:
            return [
                0.0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e308, .greatestFiniteMagnitude,
                2.2250738585072014e-308, 0.1, 1.5,
                1e16, 1e-7, 9007199254740993.0,
            ].randomElement(using: &generator)!
        case 1, 2:
            while true {
                let candidate = Double(bitPattern: generator.next())
                if candidate.isFinite { return candidate }
            }
        case 3:
            return Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 100
        default:
            return Double.random(in: -1e6...1e6, using: &generator)
        }
    }

    mutating func string() -> String {
        let length = Int.random(in: 0..<(Bool.random(using: &generator) ? 8 : 40), using: &generator)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            let scalar: Unicode.Scalar
            switch Int.random(in: 0..<20, using: &generator) {
            case 0: scalar = Unicode.Scalar(UInt8.random(in: 0..<0x20, using: &generator))
            case 1: scalar = ["\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{FEFF}"].randomElement(using: &generator)!
            case 2: scalar = Unicode.Scalar(UInt32.random(in: 0x80..<0x800, using: &generator))!
            case 3:
                let value = UInt32.random(in: 0x800..<0xF800, using: &generator)
                scalar = Unicode.Scalar(value < 0xD800 ? value : value + 0x800)!
            case 4: scalar = Unicode.Scalar(UInt32.random(in: 0x10000...0x10FFFF, using: &generator))!
            default: scalar = Unicode.Scalar(UInt8.random(in: 0x20..<0x7F, using: &generator))
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    mutating func array(depth: Int) -> [JSONValue] {
        (0..<Int.random(in: 0..<6, using: &generator)).map { _ in value(depth: depth) }
    }

    mutating func object(depth: Int) -> JSONObject {
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0..<(Int.random(in: 0..<8, using: &generator) == 0 ? 20 : 6), using: &generator) {
            let key = Bool.random(using: &generator) ? "k\(Int.random(in: 0..<30, using: &generator))" : string()
            object[key] = value(depth: depth)
        }
        return object
    }
}

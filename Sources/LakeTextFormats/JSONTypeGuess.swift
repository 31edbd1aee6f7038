import LakeColumnar

/// The type of one JSON-lines column inferred from sampled values.
///
/// Rules: only nulls (or never present) gives `utf8`; only booleans gives `bool`; only numbers gives `int64` when
/// every one is written without fraction or exponent and fits Int64, else `float64`; only strings gives
/// `timestamp`/`date32` when every string parses as one (same rules as `TextTypeGuess`), else `utf8`; only
/// objects/arrays, or any mix of kinds, gives `utf8` (nested values are kept as their JSON text, other values as
/// their text: `true`, `12.5`, the string's contents).
struct JSONTypeGuess {
    private var sawBool = false
    private var sawNumber = false
    private var sawString = false
    private var sawNested = false
    private var allIntegral = true
    private var strings = TextTypeGuess()

    mutating func observeBool() {
        sawBool = true
    }

    mutating func observeNumber(_ text: UnsafeBufferPointer<UInt8>, isIntegral: Bool) {
        sawNumber = true
        if allIntegral && (!isIntegral || TextNumberParsing.parseInt64(text) == nil) { allIntegral = false }
    }

    mutating func observeString(_ bytes: UnsafeBufferPointer<UInt8>) {
        sawString = true
        strings.observe(bytes)
    }

    mutating func observeNested() {
        sawNested = true
    }

    var type: DataType {
        let kinds = [sawBool, sawNumber, sawString, sawNested].filter { $0 }.count
        guard kinds == 1 else { return .utf8 }
        if sawBool { return .bool }
        if sawNumber { return allIntegral ? .int64 : .float64 }
        if sawString {
            switch strings.type {
            case .date32, .timestamp: return strings.type
            default: return .utf8
            }
        }
        return .utf8
    }
}

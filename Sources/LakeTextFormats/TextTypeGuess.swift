import LakeColumnar

/// The type of one column inferred from sampled text values.
///
/// Rules (the first that holds for every non-null sampled value wins):
/// 1. no non-null value: `utf8`;
/// 2. `true`/`false` in any letter case: `bool`;
/// 3. integers that fit Int64: `int64`;
/// 4. integers or floats (including `nan`/`inf`): `float64`;
/// 5. ISO 8601 timestamps or dates, not mixing zoned and unzoned timestamps: `timestamp(us, UTC)` when zoned,
///    `timestamp(us)` when not, `ns` instead of `us` when a value has non-zero digits below the microsecond; dates
///    alone give `date32`, dates mixed with timestamps count as timestamps at midnight;
/// 6. anything else: `utf8`.
/// Numbers with a redundant leading zero (`007`) are not numbers here: they stay text so identifiers keep their
/// zeros. JSON adds its own rules on top (see `JSONTypeGuess`).
struct TextTypeGuess {
    private(set) var nonNullCount = 0
    private var canBeBool = true
    private var canBeInteger = true
    private var canBeFloat = true
    private var canBeTemporal = true
    private var sawZoned = false
    private var sawUnzoned = false
    private var sawTimestamp = false
    private var needsNanoseconds = false

    /// Records one non-null value.
    mutating func observe(_ bytes: UnsafeBufferPointer<UInt8>) {
        nonNullCount += 1
        if canBeBool && !Self.isBoolWord(bytes) { canBeBool = false }
        if canBeInteger || canBeFloat {
            let leadingZero = TextNumberParsing.hasRedundantLeadingZero(bytes)
            if canBeInteger && (leadingZero || TextNumberParsing.parseInt64(bytes) == nil) { canBeInteger = false }
            if canBeFloat && (leadingZero || TextNumberParsing.parseDouble(bytes) == nil) { canBeFloat = false }
        }
        if canBeTemporal { observeTemporal(bytes) }
    }

    private mutating func observeTemporal(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let timestamp = try? TextTemporalParsing.parseTimestamp(bytes) else {
            canBeTemporal = false
            return
        }
        guard !timestamp.isDateOnly else { return }
        sawTimestamp = true
        if timestamp.isZoned { sawZoned = true } else { sawUnzoned = true }
        if timestamp.nanoseconds % 1_000 != 0 { needsNanoseconds = true }
    }

    /// The inferred type.
    var type: DataType {
        if nonNullCount == 0 { return .utf8 }
        if canBeBool { return .bool }
        if canBeInteger { return .int64 }
        if canBeFloat { return .float64 }
        if canBeTemporal && !(sawZoned && sawUnzoned) {
            guard sawTimestamp else { return .date32 }
            return .timestamp(needsNanoseconds ? .nanoseconds : .microseconds, utc: sawZoned)
        }
        return .utf8
    }

    /// `true` or `false`, any letter case.
    static func isBoolWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        boolWordValue(bytes) != nil
    }

    static func boolWordValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let p = bytes.baseAddress else { return nil }
        if bytes.count == 4 && p[0] | 0x20 == 0x74 && p[1] | 0x20 == 0x72 && p[2] | 0x20 == 0x75 && p[3] | 0x20 == 0x65
        {
            return true
        }
        if bytes.count == 5 && p[0] | 0x20 == 0x66 && p[1] | 0x20 == 0x61 && p[2] | 0x20 == 0x6C
            && p[3] | 0x20 == 0x73 && p[4] | 0x20 == 0x65
        {
            return false
        }
        return nil
    }
}

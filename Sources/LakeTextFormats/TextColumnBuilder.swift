import LakeColumnar

/// Parses text values of one field straight from UTF-8 bytes into the column's storage arrays.
///
/// Unlike `ColumnBuilder` it never goes through `Value` or `String` for numbers, dates and times, which is what
/// makes text input fast. Each append either stores one row or throws and stores nothing, so a caller that stops
/// at the first failure leaves no half-written row behind.
///
/// Text rules per type (see `TextNumberParsing` and `TextTemporalParsing` for the exact grammars):
/// - bool: `true`/`false`/`t`/`f`/`yes`/`no`/`1`/`0`, any letter case;
/// - integers of every width and sign: decimal digits with an optional sign, range-checked;
/// - float32/float64: decimal literals, `nan`, `inf`; literals that overflow the type are rejected;
/// - decimal(p, s): `[-+]digits[.digits]`, no exponent, no rounding (extra fraction digits must be zeros);
/// - utf8: the text, validated as UTF-8; binary and fixed_size_binary: per `BinaryTextEncoding`;
/// - date32: `YYYY-MM-DD`; time(unit): `HH:MM[:SS[.fraction]]`;
/// - timestamp(unit, UTC): any accepted timestamp, zoned ones converted to UTC, unzoned ones taken as UTC;
///   timestamp(unit) without zone: unzoned timestamps only. Digits finer than the unit must be zeros.
/// An empty text is null for every type except utf8 and binary, where it is the empty value.
struct TextColumnBuilder {
    enum Kind: Equatable {
        case bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64
        case decimal(precision: Int, scale: Int)
        case utf8, binary
        case fixedSizeBinary(width: Int)
        case date32
        case time(TimeUnit)
        case timestamp(TimeUnit, utc: Bool)
    }

    /// Bytes one batch of a variable-width column may hold: its offsets are 32-bit.
    static let bytesMax = Int(Int32.max)

    let field: Field
    let kind: Kind
    let binaryEncoding: BinaryTextEncoding
    /// Rows appended since the last `makeColumn()`.
    private(set) var count = 0
    private var validity: Bitmap?

    private var bools: [Bool] = []
    private var int8s: [Int8] = []
    private var int16s: [Int16] = []
    private var int32s: [Int32] = []
    private var int64s: [Int64] = []
    private var uint8s: [UInt8] = []
    private var uint16s: [UInt16] = []
    private var uint32s: [UInt32] = []
    private var uint64s: [UInt64] = []
    private var float32s: [Float] = []
    private var float64s: [Double] = []
    private var int128s: [Int128] = []
    /// Offsets for utf8/binary (`count + 1` entries), unused otherwise.
    private var offsets: [Int32] = [0]
    /// Bytes for utf8/binary/fixed_size_binary.
    private var data: [UInt8] = []

    /// - Throws: a `TextFormatError` naming `source` and the field when the field's type is nested (list, struct,
    ///   map): text input holds flat values only.
    init(field: Field, binaryEncoding: BinaryTextEncoding, source: String) throws(TextFormatError) {
        self.field = field
        self.binaryEncoding = binaryEncoding
        switch field.type {
        case .bool: kind = .bool
        case .int8: kind = .int8
        case .int16: kind = .int16
        case .int32: kind = .int32
        case .int64: kind = .int64
        case .uint8: kind = .uint8
        case .uint16: kind = .uint16
        case .uint32: kind = .uint32
        case .uint64: kind = .uint64
        case .float32: kind = .float32
        case .float64: kind = .float64
        case .decimal(let precision, let scale): kind = .decimal(precision: precision, scale: scale)
        case .utf8: kind = .utf8
        case .binary: kind = .binary
        case .fixedSizeBinary(let width): kind = .fixedSizeBinary(width: width)
        case .date32: kind = .date32
        case .time(let unit): kind = .time(unit)
        case .timestamp(let unit, let utc): kind = .timestamp(unit, utc: utc)
        case .list, .struct, .map:
            throw TextFormatError(
                source: source, line: 0, field: field.name, reason: "nested type \(field.type) is not supported in text input")
        }
    }

    /// True for the kinds whose empty text is a value rather than null.
    var keepsEmptyText: Bool {
        kind == .utf8 || kind == .binary
    }

    // MARK: Appending

    mutating func appendNull() throws(ValueParseFailure) {
        guard field.isNullable else { throw .nullInRequiredColumn }
        if validity == nil { validity = Bitmap(repeating: true, count: count) }
        validity?.append(false)
        switch kind {
        case .bool: bools.append(false)
        case .int8: int8s.append(0)
        case .int16: int16s.append(0)
        case .int32, .date32: int32s.append(0)
        case .int64, .timestamp: int64s.append(0)
        case .time(let unit): if unit == .milliseconds { int32s.append(0) } else { int64s.append(0) }
        case .uint8: uint8s.append(0)
        case .uint16: uint16s.append(0)
        case .uint32: uint32s.append(0)
        case .uint64: uint64s.append(0)
        case .float32: float32s.append(0)
        case .float64: float64s.append(0)
        case .decimal: int128s.append(0)
        case .utf8, .binary: offsets.append(Int32(truncatingIfNeeded: data.count))
        case .fixedSizeBinary(let width): data.append(contentsOf: repeatElement(0, count: width))
        }
        count += 1
    }

    @inline(__always)
    private mutating func markValid() {
        validity?.append(true)
        count += 1
    }

    /// Parses `text` as a value of the column's type and appends it.
    /// - Parameters:
    ///   - doubledQuote: set when the text is the inside of a quoted CSV field holding pairs of this quote byte,
    ///     each pair standing for one quote.
    ///   - isValidUTF8: the caller already validated the bytes (JSON strings), so utf8 values skip validation.
    mutating func appendText(
        _ text: UnsafeBufferPointer<UInt8>, doubledQuote: UInt8? = nil, isValidUTF8: Bool = false
    ) throws(ValueParseFailure) {
        switch kind {
        case .utf8, .binary, .fixedSizeBinary:
            guard data.count + text.count <= Self.bytesMax else {
                throw .invalid("would take the batch's bytes in this column past \(Self.bytesMax); lower batchRowsMax")
            }
        default:
            break
        }
        switch kind {
        case .utf8:
            if !isValidUTF8, let bad = UTF8Validation.firstInvalidOffset(in: text) { throw .invalidUTF8(offset: bad) }
            appendBytes(text, collapsingPairsOf: doubledQuote)
            return
        case .binary where binaryEncoding == .raw:
            appendBytes(text, collapsingPairsOf: doubledQuote)
            return
        default:
            break
        }
        if text.isEmpty && !keepsEmptyText {
            try appendNull()
            return
        }
        // Doubled quotes leave a quote in the value, which no other type's syntax admits.
        guard doubledQuote == nil else { throw .malformed }
        try appendParsed(text)
        markValid()
    }

    private mutating func appendParsed(_ text: UnsafeBufferPointer<UInt8>) throws(ValueParseFailure) {
        switch kind {
        case .bool:
            guard let value = Self.parseBool(text) else { throw .malformed }
            bools.append(value)
        case .int8: int8s.append(try Self.narrow(Self.integer(text, "int8"), "int8"))
        case .int16: int16s.append(try Self.narrow(Self.integer(text, "int16"), "int16"))
        case .int32: int32s.append(try Self.narrow(Self.integer(text, "int32"), "int32"))
        case .int64: int64s.append(try Self.integer(text, "int64"))
        case .uint8: uint8s.append(try Self.narrow(Self.unsigned(text, "uint8"), "uint8"))
        case .uint16: uint16s.append(try Self.narrow(Self.unsigned(text, "uint16"), "uint16"))
        case .uint32: uint32s.append(try Self.narrow(Self.unsigned(text, "uint32"), "uint32"))
        case .uint64: uint64s.append(try Self.unsigned(text, "uint64"))
        case .float32:
            guard let value = TextNumberParsing.parseFloat(text) else { throw Self.floatFailure(text, "float32") }
            float32s.append(value)
        case .float64:
            guard let value = TextNumberParsing.parseDouble(text) else { throw Self.floatFailure(text, "float64") }
            float64s.append(value)
        case .decimal(let precision, let scale):
            int128s.append(try TextNumberParsing.parseDecimal(text, precision: precision, scale: scale))
        case .utf8:  // reached only through paths that validated the text
            data.append(contentsOf: text)
            offsets.append(Int32(truncatingIfNeeded: data.count))
        case .binary:
            try appendHex(text, expectedWidth: nil)
        case .fixedSizeBinary(let width):
            if binaryEncoding == .raw {
                guard text.count == width else {
                    throw .invalid("has \(text.count) bytes, the column holds exactly \(width)")
                }
                data.append(contentsOf: text)
            } else {
                try appendHex(text, expectedWidth: width)
            }
        case .date32:
            guard let days = TextTemporalParsing.parseDate(text) else {
                throw TextTemporalParsing.hasDateShape(text) ? .invalid("is not a valid calendar date") : .malformed
            }
            int32s.append(days)
        case .time(let unit):
            let value = try TextTemporalParsing.parseTimeOfDay(text)
            let divisor = 1_000_000_000 / unit.perSecond
            guard value % divisor == 0 else {
                throw .invalid("has fraction digits finer than the column's unit (\(unit.rawValue))")
            }
            if unit == .milliseconds { int32s.append(Int32(value / divisor)) } else { int64s.append(value / divisor) }
        case .timestamp(let unit, let utc):
            let timestamp = try TextTemporalParsing.parseTimestamp(text)
            if timestamp.isZoned && !utc {
                throw .invalid(
                    "has a zone offset but the column is a timestamp without zone; declare it"
                        + " timestamp(\(unit.rawValue),UTC)")
            }
            int64s.append(
                try TextTemporalParsing.count(seconds: timestamp.seconds, nanoseconds: timestamp.nanoseconds, in: unit))
        }
    }

    // MARK: Appending already-typed values (JSON numbers and booleans)

    mutating func appendBool(_ value: Bool) throws(ValueParseFailure) {
        switch kind {
        case .bool: bools.append(value)
        case .utf8:
            data.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
            offsets.append(Int32(truncatingIfNeeded: data.count))
        default: throw .malformed
        }
        markValid()
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    /// Appends a count of the column's own unit for date32 (days), time and timestamp columns; returns false for
    /// other kinds so the caller can parse the number as text instead.
    mutating func appendTemporalCount(_ text: UnsafeBufferPointer<UInt8>) throws(ValueParseFailure) -> Bool {
        switch kind {
        case .date32:
            int32s.append(try Self.narrow(Self.integer(text, "date32"), "date32"))
        case .time(let unit):
            let value = try Self.integer(text, "time")
            guard value >= 0 && value < 86_400 * unit.perSecond else { throw .invalid("is not a valid time of day") }
            if unit == .milliseconds { int32s.append(Int32(value)) } else { int64s.append(value) }
        case .timestamp:
            int64s.append(try Self.integer(text, "timestamp"))
        default:
            return false
        }
        markValid()
        return true
    }

    // MARK: Output

    /// The column of the rows appended so far; the builder starts over empty, reserving `capacity` rows.
    mutating func makeColumn(reservingCapacity capacity: Int) -> Column {
        let values: ColumnValues
        switch kind {
        case .bool: values = .bool(bools)
        case .int8: values = .int8(int8s)
        case .int16: values = .int16(int16s)
        case .int32, .date32: values = .int32(int32s)
        case .int64, .timestamp: values = .int64(int64s)
        case .time(let unit): values = unit == .milliseconds ? .int32(int32s) : .int64(int64s)
        case .uint8: values = .uint8(uint8s)
        case .uint16: values = .uint16(uint16s)
        case .uint32: values = .uint32(uint32s)
        case .uint64: values = .uint64(uint64s)
        case .float32: values = .float32(float32s)
        case .float64: values = .float64(float64s)
        case .decimal: values = .int128(int128s)
        case .utf8, .binary: values = .bytes(offsets: offsets, data: data)
        case .fixedSizeBinary(let width): values = .fixedBytes(width: width, data: data)
        }
        let column = Column(type: field.type, values: values, validity: validity)
        reset(reservingCapacity: capacity)
        return column
    }

    private mutating func reset(reservingCapacity capacity: Int) {
        count = 0
        validity = nil
        bools = []
        int8s = []
        int16s = []
        int32s = []
        int64s = []
        uint8s = []
        uint16s = []
        uint32s = []
        uint64s = []
        float32s = []
        float64s = []
        int128s = []
        offsets = [0]
        data = []
        switch kind {
        case .bool: bools.reserveCapacity(capacity)
        case .int8: int8s.reserveCapacity(capacity)
        case .int16: int16s.reserveCapacity(capacity)
        case .int32, .date32: int32s.reserveCapacity(capacity)
        case .int64, .timestamp: int64s.reserveCapacity(capacity)
        case .time(let unit):
            if unit == .milliseconds { int32s.reserveCapacity(capacity) } else { int64s.reserveCapacity(capacity) }
        case .uint8: uint8s.reserveCapacity(capacity)
        case .uint16: uint16s.reserveCapacity(capacity)
        case .uint32: uint32s.reserveCapacity(capacity)
        case .uint64: uint64s.reserveCapacity(capacity)
        case .float32: float32s.reserveCapacity(capacity)
        case .float64: float64s.reserveCapacity(capacity)
        case .decimal: int128s.reserveCapacity(capacity)
        case .utf8, .binary: offsets.reserveCapacity(capacity + 1)
        case .fixedSizeBinary(let width): data.reserveCapacity(capacity * width)
        }
    }

    // MARK: Helpers

    private mutating func appendBytes(_ text: UnsafeBufferPointer<UInt8>, collapsingPairsOf quote: UInt8?) {
        if let quote {
            var index = 0
            while index < text.count {
                let byte = text[index]
                data.append(byte)
                index += byte == quote && index + 1 < text.count && text[index + 1] == quote ? 2 : 1
            }
        } else {
            data.append(contentsOf: text)
        }
        offsets.append(Int32(truncatingIfNeeded: data.count))
        markValid()
    }

    private mutating func appendHex(_ text: UnsafeBufferPointer<UInt8>, expectedWidth: Int?) throws(ValueParseFailure) {
        guard text.count % 2 == 0 else { throw .invalid("is not hexadecimal: odd number of digits") }
        if let expectedWidth, text.count / 2 != expectedWidth {
            throw .invalid("has \(text.count / 2) bytes, the column holds exactly \(expectedWidth)")
        }
        let start = data.count
        var index = 0
        while index < text.count {
            guard let high = Self.hexDigit(text[index]), let low = Self.hexDigit(text[index + 1]) else {
                data.removeSubrange(start...)
                throw .invalid("is not hexadecimal")
            }
            data.append(high << 4 | low)
            index += 2
        }
        if expectedWidth == nil { offsets.append(Int32(truncatingIfNeeded: data.count)) }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func parseBool(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        if let word = TextTypeGuess.boolWordValue(text) { return word }
        guard text.count <= 3 else { return nil }
        var lowered: UInt32 = 0
        for byte in text { lowered = lowered << 8 | UInt32(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)) }
        switch lowered {
        case 0x74, 0x31, 0x79_6573: return true  // t, 1, yes
        case 0x66, 0x30, 0x6E6F: return false  // f, 0, no
        default: return nil
        }
    }

    private static func integer(
        _ text: UnsafeBufferPointer<UInt8>, _ typeName: String
    ) throws(ValueParseFailure) -> Int64 {
        guard let value = TextNumberParsing.parseInt64(text) else { throw integerFailure(text, typeName) }
        return value
    }

    private static func unsigned(
        _ text: UnsafeBufferPointer<UInt8>, _ typeName: String
    ) throws(ValueParseFailure) -> UInt64 {
        guard let value = TextNumberParsing.parseUInt64(text) else { throw integerFailure(text, typeName) }
        return value
    }

    private static func narrow<Source: BinaryInteger, Target: FixedWidthInteger>(
        _ value: Source, _ typeName: String
    ) throws(ValueParseFailure) -> Target {
        guard let narrowed = Target(exactly: value) else { throw .invalid("is out of range for \(typeName)") }
        return narrowed
    }

    private static func integerFailure(_ text: UnsafeBufferPointer<UInt8>, _ typeName: String) -> ValueParseFailure {
        var body = text[...]
        if let first = body.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { body = body.dropFirst() }
        let allDigits = !body.isEmpty && body.allSatisfy { TextNumberParsing.digit($0) != nil }
        return allDigits ? .invalid("is out of range for \(typeName)") : .malformed
    }

    private static func floatFailure(_ text: UnsafeBufferPointer<UInt8>, _ typeName: String) -> ValueParseFailure {
        TextNumberParsing.scanFloatLiteral(text) == nil ? .malformed : .invalid("is out of range for \(typeName)")
    }
}

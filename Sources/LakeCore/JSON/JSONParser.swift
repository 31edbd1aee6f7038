/// A strict RFC 8259 parser from UTF-8 bytes to a `JSONValue` tree.
///
/// Strictness (every deviation is a `JSONError.syntax` with the exact line and byte column):
/// - one value, surrounded only by space, tab, CR and LF; no byte order mark, comments, trailing commas,
///   single quotes, `NaN`/`Infinity` or unquoted keys;
/// - strings: control characters below U+0020 must be escaped, escapes are the eight of RFC 8259 plus `\uXXXX`;
///   a `\uXXXX` surrogate must form a pair (a lone surrogate has no UTF-8 form, so it is rejected rather than
///   replaced); the bytes must be valid UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF);
/// - numbers: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, so `01`, `-`, `1.`, `.5`, `+1` and `1e` are errors.
///   Integer literals become exact `Int64` (or `UInt64` above `Int64.max`); other literals become the correctly
///   rounded `Double`; a literal whose magnitude overflows a double (`1e400`) is an error rather than infinity,
///   while one too small for a double rounds to zero or a subnormal, as IEEE 754 does;
/// - objects: duplicate keys are accepted, the last value wins (see `JSONObject`).
///
/// Limits: a document longer than `Options.bytesMax` is rejected before it is read, and arrays or objects nested
/// deeper than `Options.depthMax` fail with `JSONError.nestingTooDeep`. The depth bound also bounds recursion,
/// so hostile input (`[[[[…`) cannot exhaust the stack. Untrusted bytes never trap.
///
/// - Complexity: O(n) in the input length; strings without escapes are scanned eight bytes at a time.
///
/// Spec: RFC 8259; RFC 3629 for UTF-8.
public struct JSONParser {
    /// Limits for one parse.
    public struct Options: Sendable, Hashable {
        /// The default nesting limit: deep enough for any Delta log action, shallow enough for small stacks.
        public static let depthMaxDefault = 128
        /// The largest `depthMax` accepted; recursion uses a few hundred bytes of stack per level.
        public static let depthLimitMax = 1_024
        /// The default size limit of one document (64 MiB).
        public static let bytesMaxDefault = 64 << 20

        /// Arrays and objects may nest at most this deep; the outermost container is level 1.
        public var depthMax: Int
        /// A document (one line, for `JSONLines`) may be at most this long.
        public var bytesMax: Int

        /// - Precondition: `1 <= depthMax <= depthLimitMax` and `bytesMax >= 0`.
        public init(depthMax: Int = depthMaxDefault, bytesMax: Int = bytesMaxDefault) {
            precondition((1...Self.depthLimitMax).contains(depthMax), "depthMax must be in 1...\(Self.depthLimitMax)")
            precondition(bytesMax >= 0, "bytesMax must not be negative")
            self.depthMax = depthMax
            self.bytesMax = bytesMax
        }
    }

    /// Parses one JSON document.
    /// - Throws: `JSONError.syntax`, `.nestingTooDeep` or `.documentTooLarge`, with positions counted from line 1.
    public static func parse(_ bytes: [UInt8], options: Options = Options()) throws(JSONError) -> JSONValue {
        // `withUnsafeBufferPointer` rethrows untyped; the result carries the typed error out instead.
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONError) -> JSONValue in try parse(buffer, options: options, firstLine: 1) }
        }
        return try result.get()
    }

    /// Parses one JSON document held in raw memory.
    /// - Throws: `JSONError.syntax`, `.nestingTooDeep` or `.documentTooLarge`, with positions counted from line 1.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, options: Options = Options()
    ) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = bytes.withMemoryRebound(to: UInt8.self) { buffer in
            Result { () throws(JSONError) -> JSONValue in try parse(buffer, options: options, firstLine: 1) }
        }
        return try result.get()
    }

    /// Parses one JSON document from the UTF-8 form of `text`.
    public static func parse(_ text: String, options: Options = Options()) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8), options: options)
    }

    /// Parses `bytes`, numbering its lines from `firstLine` in errors.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, options: Options, firstLine: Int
    ) throws(JSONError) -> JSONValue {
        guard bytes.count <= options.bytesMax else {
            throw .documentTooLarge(line: firstLine, byteCount: bytes.count, bytesMax: options.bytesMax)
        }
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw .syntax(line: firstLine, column: 1, reason: "expected a value, found the end of the input")
        }
        var parser = JSONParser(base: base, end: bytes.count, depthMax: options.depthMax, firstLine: firstLine)
        return try parser.parseDocument()
    }

    // MARK: State

    private let base: UnsafePointer<UInt8>
    private let end: Int
    private let depthMax: Int
    private let firstLine: Int
    private var index = 0
    /// Reused buffer for decoding strings with escapes.
    private var scratch: [UInt8] = []

    private init(base: UnsafePointer<UInt8>, end: Int, depthMax: Int, firstLine: Int) {
        self.base = base
        self.end = end
        self.depthMax = depthMax
        self.firstLine = firstLine
    }

    private mutating func parseDocument() throws(JSONError) -> JSONValue {
        skipWhitespace()
        if end - index >= 3 && base[index] == 0xEF && base[index + 1] == 0xBB && base[index + 2] == 0xBF {
            throw fail("a byte order mark is not allowed")
        }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == end else { throw fail("unexpected \(describeCurrent()) after the end of the value") }
        return value
    }

    // MARK: Errors

    /// A syntax error at `offset` (default: the current byte).
    private func fail(_ reason: String, at offset: Int? = nil) -> JSONError {
        let (line, column) = position(of: offset ?? index)
        return .syntax(line: line, column: column, reason: reason)
    }

    /// Line and byte column (both from 1) of `offset`.
    private func position(of offset: Int) -> (line: Int, column: Int) {
        var line = firstLine
        var lineStart = 0
        for scanned in 0..<min(offset, end) where base[scanned] == 0x0A {
            line += 1
            lineStart = scanned + 1
        }
        return (line, offset - lineStart + 1)
    }

    private func describeCurrent() -> String {
        guard index < end else { return "the end of the input" }
        let byte = base[index]
        return byte >= 0x21 && byte < 0x7F
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    // MARK: Values

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Parses the value at `index` (whitespace already skipped by the caller or skipped here); `depth` is the
    /// nesting level of the container holding it (0 at the top).
    private mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        skipWhitespace()
        guard index < end else { throw fail("expected a value, found the end of the input") }
        switch base[index] {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["):
            return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw fail("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONError) {
        let length = word.utf8CodeUnitCount
        let start = index
        let matches = word.withUTF8Buffer { expected in
            guard end - start >= length else { return false }
            for offset in 0..<length where base[start + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { throw fail("invalid literal; expected '\(word)'") }
        index += length
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> [JSONValue] {
        guard depth <= depthMax else {
            let (line, column) = position(of: index)
            throw .nestingTooDeep(line: line, column: column, depthMax: depthMax)
        }
        let opening = index
        index += 1
        skipWhitespace()
        var elements: [JSONValue] = []
        if index < end && base[index] == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < end else {
                throw fail("array opened at column \(position(of: opening).column) is never closed")
            }
            switch base[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return elements
            default:
                throw fail("expected ',' or ']' after an array element, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONObject {
        guard depth <= depthMax else {
            let (line, column) = position(of: index)
            throw .nestingTooDeep(line: line, column: column, depthMax: depthMax)
        }
        let opening = index
        index += 1
        skipWhitespace()
        var object = JSONObject()
        if index < end && base[index] == UInt8(ascii: "}") {
            index += 1
            return object
        }
        while true {
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: "\"") else {
                throw fail("expected a member name in double quotes, found \(describeCurrent())")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: ":") else {
                throw fail("expected ':' after a member name, found \(describeCurrent())")
            }
            index += 1
            let value = try parseValue(depth: depth)
            object.updateValue(value, forKey: key)
            skipWhitespace()
            guard index < end else {
                throw fail("object opened at column \(position(of: opening).column) is never closed")
            }
            switch base[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return object
            default:
                throw fail("expected ',' or '}' after a member value, found \(describeCurrent())")
            }
        }
    }

    // MARK: Strings

    /// True when any byte of `word` is a quote, a backslash, below 0x20 or above 0x7F.
    @inline(__always)
    private static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        // (x - 1) & ~x has the high bit set in a byte iff that byte is zero (when no lower byte borrowed, which
        // only happens after a zero byte, so "any byte" is exact); the same for bytes below 0x20.
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl | word) & highs != 0
    }

    /// Parses the string whose opening quote is at `index`.
    private mutating func parseString() throws(JSONError) -> String {
        let opening = index
        index += 1
        let start = index
        while true {
            while end - index >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if Self.needsAttention(word) { break }
                index += 8
            }
            guard index < end else { throw fail("string is never closed", at: opening) }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(
                    decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(opening: opening, start: start)
            }
            if byte < 0x20 {
                throw fail("control character 0x\(String(byte, radix: 16, uppercase: true)) must be escaped")
            }
            if byte < 0x80 {
                index += 1
            } else {
                index += try utf8SequenceLength()
            }
        }
    }

    /// Continues a string at its first backslash (`index`), decoding into the scratch buffer.
    private mutating func parseEscapedString(opening: Int, start: Int) throws(JSONError) -> String {
        var buffer: [UInt8] = []
        swap(&buffer, &scratch)
        defer { swap(&buffer, &scratch) }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while index < end {
            let runStart = index
            while end - index >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                if Self.needsAttention(word) { break }
                index += 8
            }
            if index > runStart {
                buffer.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                if index == end { break }
            }
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try decodeEscape(into: &buffer)
            case 0..<0x20:
                throw fail("control character 0x\(String(byte, radix: 16, uppercase: true)) must be escaped")
            case 0x20..<0x80:
                buffer.append(byte)
                index += 1
            default:
                let length = try utf8SequenceLength()
                buffer.append(contentsOf: UnsafeBufferPointer(start: base + index, count: length))
                index += length
            }
        }
        throw fail("string is never closed", at: opening)
    }

    /// Decodes the escape sequence at `index` (a backslash) and appends its UTF-8 bytes.
    private mutating func decodeEscape(into buffer: inout [UInt8]) throws(JSONError) {
        let escapeStart = index
        guard end - index >= 2 else { throw fail("string is never closed") }
        let letter = base[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(escapeStart: escapeStart)
            if (0xD800...0xDBFF).contains(scalar) {
                let lowStart = index
                guard end - index >= 2, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                    throw fail(
                        "high surrogate \\u\(Self.hex(scalar)) is not followed by a low surrogate", at: escapeStart)
                }
                index += 2
                let low = try hexQuad(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw fail(
                        "high surrogate \\u\(Self.hex(scalar)) is followed by \\u\(Self.hex(low)), not a low surrogate",
                        at: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("lone low surrogate \\u\(Self.hex(scalar))", at: escapeStart)
            }
            Self.appendUTF8(scalar, to: &buffer)
        default:
            throw fail("invalid escape sequence", at: escapeStart)
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Four hexadecimal digits at `index`, consumed.
    private mutating func hexQuad(escapeStart: Int) throws(JSONError) -> UInt32 {
        guard end - index >= 4 else { throw fail("\\u needs four hexadecimal digits", at: escapeStart) }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = base[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: throw fail("\\u needs four hexadecimal digits", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    /// Appends the UTF-8 form of a scalar value (surrogates already excluded).
    private static func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            buffer.append(UInt8(truncatingIfNeeded: scalar))
        case ..<0x800:
            buffer.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        case ..<0x10000:
            buffer.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        default:
            buffer.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }

    /// Length of the valid multi-byte UTF-8 sequence at `index` (a byte >= 0x80).
    /// - Throws: `.syntax` at the sequence's first byte when it is invalid or truncated.
    private func utf8SequenceLength() throws(JSONError) -> Int {
        let lead = base[index]
        let available = end - index
        @inline(__always) func continuation(_ offset: Int) -> UInt8? {
            guard offset < available else { return nil }
            let byte = base[index + offset]
            return byte & 0xC0 == 0x80 ? byte : nil
        }
        let length: Int?
        switch lead {
        case 0xC2...0xDF:
            length = continuation(1) == nil ? nil : 2
        case 0xE0...0xEF:
            if let second = continuation(1), continuation(2) != nil,
                !(lead == 0xE0 && second < 0xA0),  // overlong
                !(lead == 0xED && second > 0x9F)  // UTF-16 surrogate
            {
                length = 3
            } else {
                length = nil
            }
        case 0xF0...0xF4:
            if let second = continuation(1), continuation(2) != nil, continuation(3) != nil,
                !(lead == 0xF0 && second < 0x90),  // overlong
                !(lead == 0xF4 && second > 0x8F)  // above U+10FFFF
            {
                length = 4
            } else {
                length = nil
            }
        default:
            length = nil
        }
        guard let length else { throw fail("invalid UTF-8 sequence in a string") }
        return length
    }

    // MARK: Numbers

    @inline(__always)
    private func digitAt(_ offset: Int) -> UInt64? {
        guard offset < end else { return nil }
        let value = base[offset] &- UInt8(ascii: "0")
        return value < 10 ? UInt64(value) : nil
    }

    /// Parses `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` at `index`.
    private mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = index
        let negative = base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard let first = digitAt(index) else { throw fail("expected a digit after '-'") }
        var magnitude: UInt64 = first
        var overflow = false
        index += 1
        if first == 0 {
            if digitAt(index) != nil { throw fail("a number may not have leading zeros", at: start) }
        } else {
            while let digit = digitAt(index) {
                let (shifted, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = shifted.addingReportingOverflow(digit)
                overflow = overflow || overflowA || overflowB
                magnitude = sum
                index += 1
            }
        }
        var isInteger = true
        if index < end && base[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard digitAt(index) != nil else { throw fail("expected a digit after the decimal point") }
            while digitAt(index) != nil { index += 1 }
        }
        if index < end && base[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < end && (base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-")) { index += 1 }
            guard digitAt(index) != nil else { throw fail("expected a digit in the exponent") }
            while digitAt(index) != nil { index += 1 }
        }
        if isInteger && !overflow {
            if !negative {
                return JSONNumber(magnitude)
            }
            if magnitude <= UInt64(Int64.max) {
                return .int64(-Int64(magnitude))
            }
            if magnitude == UInt64(Int64.max) + 1 {
                return .int64(.min)
            }
        }
        guard let value = JSONDoubleParsing.parse(UnsafeBufferPointer(start: base + start, count: index - start)),
            value.isFinite
        else {
            throw fail("number is out of the range of a double", at: start)
        }
        return .double(value)
    }
}

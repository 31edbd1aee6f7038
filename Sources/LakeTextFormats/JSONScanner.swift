/// A strict JSON (RFC 8259) scanner over one line of bytes, used to read JSON-lines rows without building a tree.
///
/// It walks the members of the top-level object and returns each member's value as a `Token`: scalars are
/// decoded, nested objects and arrays are validated and returned as their text. Strings are validated as UTF-8,
/// escapes (including `\uXXXX` surrogate pairs) are decoded; a lone surrogate is an error because it has no UTF-8
/// form. Nesting deeper than `depthMax` levels (the top-level object counts as 1) is an error, which also bounds
/// the recursion.
///
/// Spec: RFC 8259.
struct JSONScanner {
    enum Token {
        case null
        case bool(Bool)
        /// A number's text; `isIntegral` when it has neither fraction nor exponent.
        case number(Range<Int>, isIntegral: Bool)
        /// A string without escapes: its bytes are `text[range]`.
        case rawString(Range<Int>)
        /// A string with escapes: its decoded bytes are in `valueBuffer`. The range is the source text.
        case decodedString(Range<Int>)
        /// An object or array: its text (validated).
        case nested(Range<Int>)
    }

    let text: UnsafeBufferPointer<UInt8>
    let end: Int
    let depthMax: Int
    private(set) var index: Int
    /// Decoded bytes of the last key that had escapes.
    private(set) var keyBuffer: [UInt8] = []
    /// Decoded bytes of the last string value that had escapes.
    private(set) var valueBuffer: [UInt8] = []

    /// Labels errors: the input's name and the line's number.
    let sourceName: String
    let line: Int

    init(_ text: UnsafeBufferPointer<UInt8>, depthMax: Int, sourceName: String, line: Int) {
        self.sourceName = sourceName
        self.line = line
        self.text = text
        end = text.count
        index = 0
        self.depthMax = depthMax
    }

    /// An error at `offset` (default: the current byte), columns counted from 1.
    private func fail(_ reason: String, at offset: Int? = nil) -> TextFormatError {
        TextFormatError(
            source: sourceName, line: line, column: (offset ?? index) + 1, reason: "invalid JSON: \(reason)")
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            let byte = text[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            index += 1
        }
    }

    private func describeCurrent() -> String {
        guard index < end else { return "the end of the line" }
        let byte = text[index]
        return byte >= 0x21 && byte < 0x7F
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    // MARK: Top-level object

    /// Consumes `{`; returns false when the object is empty (`{}` consumed entirely).
    mutating func beginObject() throws(TextFormatError) -> Bool {
        skipWhitespace()
        guard index < end, text[index] == UInt8(ascii: "{") else {
            throw fail("expected a JSON object ('{'), found \(describeCurrent())")
        }
        index += 1
        skipWhitespace()
        if index < end && text[index] == UInt8(ascii: "}") {
            index += 1
            return false
        }
        return true
    }

    /// Reads a member key and the colon after it. Returns the key: a range of the text when `isDecoded` is false,
    /// else the bytes in `keyBuffer`.
    mutating func readKey() throws(TextFormatError) -> (range: Range<Int>, isDecoded: Bool) {
        skipWhitespace()
        guard index < end, text[index] == UInt8(ascii: "\"") else {
            throw fail("expected a member name in double quotes, found \(describeCurrent())")
        }
        let (range, escaped) = try scanString(into: .key)
        skipWhitespace()
        guard index < end, text[index] == UInt8(ascii: ":") else {
            throw fail("expected ':' after the member name, found \(describeCurrent())")
        }
        index += 1
        return (range, escaped)
    }

    /// After a member's value: consumes `,` (returns true, another member follows) or `}` (returns false).
    mutating func endMember() throws(TextFormatError) -> Bool {
        skipWhitespace()
        if index < end {
            if text[index] == UInt8(ascii: ",") {
                index += 1
                return true
            }
            if text[index] == UInt8(ascii: "}") {
                index += 1
                return false
            }
        }
        throw fail("expected ',' or '}' after a member value, found \(describeCurrent())")
    }

    /// Checks that only whitespace follows the object.
    mutating func finish() throws(TextFormatError) {
        skipWhitespace()
        guard index == end else { throw fail("unexpected \(describeCurrent()) after the end of the object") }
    }

    /// The key returned by `readKey()` as a string (keys are valid UTF-8 once scanned).
    func keyString(_ key: (range: Range<Int>, isDecoded: Bool)) -> String {
        key.isDecoded
            ? String(decoding: keyBuffer, as: UTF8.self)
            : String(decoding: UnsafeBufferPointer(rebasing: text[key.range]), as: UTF8.self)
    }

    // MARK: Values

    /// Reads one value at nesting `depth` (a member of the top-level object is at depth 2).
    mutating func readValue(depth: Int) throws(TextFormatError) -> Token {
        skipWhitespace()
        guard index < end else { throw fail("expected a value, found the end of the line") }
        switch text[index] {
        case UInt8(ascii: "\""):
            let (range, escaped) = try scanString(into: .value)
            return escaped ? .decodedString(range) : .rawString(range)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let start = index
            try skipContainer(depth: depth)
            return .nested(start..<index)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try scanNumber()
        default:
            throw fail("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(TextFormatError) {
        let length = word.utf8CodeUnitCount
        let start = index
        guard end - index >= length else { throw fail("invalid literal; expected \(word)") }
        let matches = word.withUTF8Buffer { expected in
            for offset in 0..<length where text[start + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { throw fail("invalid literal; expected \(word)") }
        index += length
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func scanNumber() throws(TextFormatError) -> Token {
        let start = index
        var integral = true
        if text[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, TextNumberParsing.digit(text[index]) != nil else {
            throw fail("a number needs a digit after '-'")
        }
        if text[index] == UInt8(ascii: "0") {
            index += 1
            if index < end && TextNumberParsing.digit(text[index]) != nil {
                throw fail("numbers may not have leading zeros", at: start)
            }
        } else {
            skipDigits()
        }
        if index < end && text[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard index < end, TextNumberParsing.digit(text[index]) != nil else {
                throw fail("a number needs a digit after the decimal point")
            }
            skipDigits()
        }
        if index < end && text[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            if index < end && (text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-")) { index += 1 }
            guard index < end, TextNumberParsing.digit(text[index]) != nil else {
                throw fail("a number needs a digit in its exponent")
            }
            skipDigits()
        }
        return .number(start..<index, isIntegral: integral)
    }

    @inline(__always)
    private mutating func skipDigits() {
        while index < end && TextNumberParsing.digit(text[index]) != nil { index += 1 }
    }

    private enum DecodeTarget { case key, value }

    /// Scans a string, decoding escapes into the key or the value buffer (moved out for the duration, so the
    /// scanner can mutate itself meanwhile without copying the buffer).
    private mutating func scanString(
        into target: DecodeTarget
    ) throws(TextFormatError) -> (range: Range<Int>, escaped: Bool) {
        var buffer: [UInt8] = []
        switch target {
        case .key: swap(&buffer, &keyBuffer)
        case .value: swap(&buffer, &valueBuffer)
        }
        defer {
            switch target {
            case .key: swap(&buffer, &keyBuffer)
            case .value: swap(&buffer, &valueBuffer)
            }
        }
        return try scanString(decodingInto: &buffer)
    }

    /// Scans a string starting at its opening quote. Returns the range of its source bytes (between the quotes)
    /// and whether it had escapes, in which case the decoded bytes replace the contents of `buffer`.
    private mutating func scanString(
        decodingInto buffer: inout [UInt8]
    ) throws(TextFormatError) -> (range: Range<Int>, escaped: Bool) {
        let opening = index
        index += 1
        let start = index
        var escaped = false
        while index < end {
            let byte = text[index]
            if byte == UInt8(ascii: "\"") {
                let range = start..<index
                index += 1
                return (range, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                if !escaped {
                    escaped = true
                    buffer.removeAll(keepingCapacity: true)
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
                }
                try decodeEscape(into: &buffer)
                continue
            }
            if byte < 0x20 { throw fail("control character 0x\(String(byte, radix: 16)) inside a string") }
            if byte < 0x80 {
                if escaped { buffer.append(byte) }
                index += 1
                continue
            }
            guard let length = UTF8Validation.sequenceLength(text, index) else {
                throw fail("invalid UTF-8 inside a string")
            }
            if escaped { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<index + length])) }
            index += length
        }
        throw fail("string is never closed", at: opening)
    }

    /// Decodes the escape at `index` (a backslash) and appends its UTF-8 bytes.
    private mutating func decodeEscape(into buffer: inout [UInt8]) throws(TextFormatError) {
        let escapeStart = index
        guard index + 1 < end else { throw fail("string is never closed") }
        let letter = text[index + 1]
        index += 2
        let simple: UInt8?
        switch letter {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default: throw fail("invalid escape sequence", at: escapeStart)
        }
        if let simple {
            buffer.append(simple)
            return
        }
        var scalar = try hexQuad(at: escapeStart)
        if (0xD800...0xDBFF).contains(scalar) {
            guard end - index >= 6, text[index] == UInt8(ascii: "\\"), text[index + 1] == UInt8(ascii: "u") else {
                throw fail(
                    "high surrogate \\u\(String(scalar, radix: 16)) is not followed by a low one", at: escapeStart)
            }
            let lowStart = index
            index += 2
            let low = try hexQuad(at: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw fail(
                    "high surrogate is followed by \\u\(String(low, radix: 16)), not a low surrogate", at: lowStart)
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw fail("lone low surrogate \\u\(String(scalar, radix: 16))", at: escapeStart)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid code point", at: escapeStart) }
        Self.appendUTF8(of: unicode.value, to: &buffer)
    }

    private static func appendUTF8(of scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            buffer.append(UInt8(scalar))
        case ..<0x800:
            buffer.append(UInt8(0xC0 | scalar >> 6))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            buffer.append(UInt8(0xE0 | scalar >> 12))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | scalar >> 18))
            buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Four hex digits at `index`, consumed.
    private mutating func hexQuad(at escapeStart: Int) throws(TextFormatError) -> UInt32 {
        guard end - index >= 4 else { throw fail("\\u needs four hexadecimal digits", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = text[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("\\u needs four hexadecimal digits", at: escapeStart)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Validates an object or array starting at `index`; `depth` is its own nesting level.
    private mutating func skipContainer(depth: Int) throws(TextFormatError) {
        guard depth <= depthMax else { throw fail("nesting is deeper than \(depthMax) levels") }
        let isObject = text[index] == UInt8(ascii: "{")
        let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        index += 1
        skipWhitespace()
        if index < end && text[index] == closing {
            index += 1
            return
        }
        while true {
            if isObject {
                skipWhitespace()
                guard index < end, text[index] == UInt8(ascii: "\"") else {
                    throw fail("expected a member name in double quotes, found \(describeCurrent())")
                }
                // Nested keys go to the value buffer: a nested token never uses it, and the key buffer still
                // holds the top-level member's key.
                _ = try scanString(into: .value)
                skipWhitespace()
                guard index < end, text[index] == UInt8(ascii: ":") else {
                    throw fail("expected ':' after the member name, found \(describeCurrent())")
                }
                index += 1
            }
            _ = try readValue(depth: depth + 1)
            skipWhitespace()
            guard index < end else { throw fail("\(isObject ? "object" : "array") is never closed") }
            if text[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if text[index] == closing {
                index += 1
                return
            }
            throw fail("expected ',' or '\(Character(Unicode.Scalar(closing)))', found \(describeCurrent())")
        }
    }
}

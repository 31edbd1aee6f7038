/// Deterministic, compact JSON serialization.
///
/// The same value always produces the same bytes: no whitespace, object members in their stored order, and
/// - strings: `"` and `\` are escaped, control characters below U+0020 become `\b \f \n \r \t` or `\u00XX`
///   (lowercase hex, as Python's `json` writes them); everything else, including non-ASCII text, `/`, U+007F and
///   U+2028, is written as raw UTF-8;
/// - integers: exact decimal digits;
/// - doubles: Swift's shortest text that reads back to the same double (`0.1`, `1e+16`, `5e-324`, `-0.0`),
///   which always holds a `.` or an exponent so the value parses back as a double, not an integer.
///
/// JSON has no NaN or infinity. Writing one throws `JSONError.unrepresentable` with the value's path rather than
/// emitting `null` (which would silently change data) or trapping (the value may come from a data file's
/// statistics).
///
/// Spec: RFC 8259 sections 6 and 7.
public enum JSONWriter {
    /// Appends the JSON text of `value` to `bytes`.
    /// - Throws: `JSONError.unrepresentable(path, reason:)` for a NaN or infinite double; `bytes` then holds a
    ///   partial document.
    public static func write(_ value: JSONValue, to bytes: inout [UInt8]) throws(JSONError) {
        try append(value, to: &bytes, strict: true)
    }

    /// The JSON text of `value` as bytes.
    /// - Throws: `JSONError.unrepresentable` for a NaN or infinite double.
    public static func serialize(_ value: JSONValue) throws(JSONError) -> [UInt8] {
        var bytes: [UInt8] = []
        try append(value, to: &bytes, strict: true)
        return bytes
    }

    /// The JSON text of `value` as a string.
    /// - Throws: `JSONError.unrepresentable` for a NaN or infinite double.
    public static func serializedString(_ value: JSONValue) throws(JSONError) -> String {
        String(decoding: try serialize(value), as: UTF8.self)
    }

    /// Like `write`, but prints non-finite doubles as `nan`/`inf` instead of throwing (for `description`).
    static func appendDebugText(of value: JSONValue, to bytes: inout [UInt8]) {
        do {
            try append(value, to: &bytes, strict: false)
        } catch {
            preconditionFailure("the non-strict writer never throws")
        }
    }

    /// `error` with `component` (`key` or `[index]`) put in front of its path.
    static func prefixing(_ error: JSONError, with component: String) -> JSONError {
        guard case .unrepresentable(let path, let reason) = error else { return error }
        let joined = path.isEmpty || path.hasPrefix("[") ? component + path : component + "." + path
        return .unrepresentable(joined, reason: reason)
    }

    private static func append(_ value: JSONValue, to bytes: inout [UInt8], strict: Bool) throws(JSONError) {
        switch value {
        case .null:
            appendASCII("null", to: &bytes)
        case .bool(let flag):
            appendASCII(flag ? "true" : "false", to: &bytes)
        case .number(let number):
            try append(number, to: &bytes, strict: strict)
        case .string(let text):
            appendQuoted(text, to: &bytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                do {
                    try append(element, to: &bytes, strict: strict)
                } catch {
                    throw prefixing(error, with: "[\(position)]")
                }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (position, member) in object.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                appendQuoted(member.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                do {
                    try append(member.value, to: &bytes, strict: strict)
                } catch {
                    throw prefixing(error, with: member.key)
                }
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func append(_ number: JSONNumber, to bytes: inout [UInt8], strict: Bool) throws(JSONError) {
        switch number {
        case .int64(let value):
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            appendDigits(value.magnitude, to: &bytes)
        case .uint64(let value):
            appendDigits(value, to: &bytes)
        case .double(let value):
            if strict && !value.isFinite {
                throw .unrepresentable("", reason: "JSON has no representation for \(value)")
            }
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    private static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        // 20 digits hold UInt64.max; fill from the right, then copy the used tail.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var remaining = value
            var start = buffer.count
            while remaining > 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }

    private static func appendASCII(_ text: StaticString, to bytes: inout [UInt8]) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (offset, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<offset]))
                runStart = offset + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: bytes.append(UInt8(ascii: "\""))
                case 0x5C: bytes.append(UInt8(ascii: "\\"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    appendASCII("u00", to: &bytes)
                    hexDigits.withUTF8Buffer { hex in
                        bytes.append(hex[Int(byte >> 4)])
                        bytes.append(hex[Int(byte & 0x0F)])
                    }
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

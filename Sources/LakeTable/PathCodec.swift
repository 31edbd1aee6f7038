/// Conversion between `add.path`/`remove.path` values (percent-encoded relative URI references) and object paths
/// relative to the table root, with the safety checks that keep every log entry inside the table.
///
/// Spec: spec/table-log.md §3.3.1.
public enum PathCodec {
    /// The object path named by the raw log value `raw`.
    ///
    /// Decodes `%XX` exactly once, then refuses: a URI scheme (`s3://…`), an absolute path, empty, `.` or `..`
    /// components, `\` or NUL, invalid UTF-8 after decoding, and targets inside `_delta_log/`.
    /// - Throws: `TableLogError.unsafePath` naming `raw` and the rule it breaks.
    public static func decode(_ raw: String) throws(TableLogError) -> String {
        if hasScheme(raw) { throw .unsafePath(raw, reason: "absolute URIs are not supported") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        let input = Array(raw.utf8)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < input.count, let high = hexValue(input[index + 1]),
                    let low = hexValue(input[index + 2])
                else { throw .unsafePath(raw, reason: "malformed percent escape") }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        guard let path = String(validating: bytes, as: UTF8.self) else {
            throw .unsafePath(raw, reason: "not valid UTF-8 after decoding")
        }
        guard !path.isEmpty else { throw .unsafePath(raw, reason: "empty path") }
        guard !path.hasPrefix("/") else { throw .unsafePath(raw, reason: "absolute paths are not supported") }
        guard !path.utf8.contains(UInt8(ascii: "\\")), !path.utf8.contains(0) else {
            throw .unsafePath(raw, reason: "backslash or NUL in path")
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard !component.isEmpty, component != ".", component != ".." else {
                throw .unsafePath(raw, reason: "empty, \".\" or \"..\" path component")
            }
        }
        guard !path.hasPrefix("_delta_log/") else {
            throw .unsafePath(raw, reason: "data files may not live inside _delta_log/")
        }
        return path
    }

    /// The log value for object path `path`: every byte outside `[A-Za-z0-9._~/=-]` percent-encoded (so a `%`
    /// from a Hive directory escape becomes `%25`, as delta-rs writes it).
    public static func encode(_ path: String) -> String {
        var text = ""
        for byte in path.utf8 {
            if isPlain(byte) {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "%" + hexDigits(byte)
            }
        }
        return text
    }

    static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "._~/=-".utf8.contains(byte)
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Whether `raw` starts with `[A-Za-z][A-Za-z0-9+.-]*:`.
    private static func hasScheme(_ raw: String) -> Bool {
        var first = true
        for byte in raw.utf8 {
            let isLetter =
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            if byte == UInt8(ascii: ":") { return !first }
            if first {
                guard isLetter else { return false }
                first = false
            } else if !(isLetter || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "+.-".utf8.contains(byte))
            {
                return false
            }
        }
        return false
    }
}

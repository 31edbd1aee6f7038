/// Reads the pipeline file's small TOML-like syntax into sections.
///
/// - `# comment` to the end of a line (outside strings); blank lines are ignored.
/// - `[kind]` or `[kind.name]` opens a section; kinds and names are `[a-z0-9_]` words (names may also hold `-`).
/// - `key = value`, where a value is a `"string"` (escapes `\"`, `\\`, `\n`, `\t`), an integer, `true`/`false`,
///   or an array `[v, v, ...]` of such values that may span lines and end with a trailing comma.
///
/// Errors are `PipelineError.invalidDefinition` located at `file:line`. Duplicate sections and duplicate keys
/// in a section are errors.
///
/// Spec: spec/pipeline.md#pipeline-file
public enum PipelineFileParser {
    /// Pipeline files are small; larger text is refused.
    public static let textBytesMax = 1 << 20
    /// Arrays nest at most this deep.
    public static let arrayDepthMax = 4

    public static func parse(_ text: String, file: String) throws(PipelineError) -> [PipelineFileSection] {
        guard text.utf8.count <= textBytesMax else {
            throw .invalidDefinition(location: file, reason: "pipeline file larger than \(textBytesMax) bytes")
        }
        var scanner = Scanner(bytes: Array(text.utf8), file: file)
        return try scanner.sections()
    }

    private struct Scanner {
        let bytes: [UInt8]
        let file: String
        var offset = 0
        var line = 1

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
        }

        func error(_ reason: String, line errorLine: Int? = nil) -> PipelineError {
            .invalidDefinition(location: "\(file):\(errorLine ?? line)", reason: reason)
        }

        var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func sections() throws(PipelineError) -> [PipelineFileSection] {
            var sections: [PipelineFileSection] = []
            var seen: [String: Int] = [:]
            while true {
                skipBlankAndComments(acrossLines: true)
                guard let byte = current else { break }
                if byte == UInt8(ascii: "[") {
                    let section = try header()
                    let id = section.kind + "." + (section.name ?? "")
                    if let first = seen[id] {
                        throw error("duplicate section [\(displayName(section))], first at line \(first)")
                    }
                    seen[id] = section.line
                    sections.append(section)
                } else {
                    guard !sections.isEmpty else { throw error("expected a [section] before any key") }
                    let entry = try entry()
                    if let first = sections[sections.count - 1].entry(entry.key) {
                        throw error("duplicate key \(entry.key), first at line \(first.line)", line: entry.line)
                    }
                    sections[sections.count - 1].entries.append(entry)
                }
                try endOfLine()
            }
            return sections
        }

        func displayName(_ section: PipelineFileSection) -> String {
            section.name.map { "\(section.kind).\($0)" } ?? section.kind
        }

        mutating func skipBlankAndComments(acrossLines: Bool) {
            while let byte = current {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                    offset += 1
                } else if byte == UInt8(ascii: "#") {
                    while let next = current, next != UInt8(ascii: "\n") { offset += 1 }
                } else if byte == UInt8(ascii: "\n") && acrossLines {
                    offset += 1
                    line += 1
                } else {
                    return
                }
            }
        }

        mutating func endOfLine() throws(PipelineError) {
            skipBlankAndComments(acrossLines: false)
            guard let byte = current else { return }
            guard byte == UInt8(ascii: "\n") else { throw error("unexpected \(describe(byte)) after the value") }
            offset += 1
            line += 1
        }

        func describe(_ byte: UInt8) -> String {
            byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        }

        static func isWordByte(_ byte: UInt8, allowDash: Bool) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || (allowDash && byte == UInt8(ascii: "-"))
        }

        mutating func word(what: String, allowDash: Bool = false) throws(PipelineError) -> String {
            let start = offset
            while let byte = current, Self.isWordByte(byte, allowDash: allowDash) { offset += 1 }
            guard offset > start else {
                let found = current.map(describe) ?? "end of file"
                throw error("expected \(what) (lower-case letters, digits and _), found \(found)")
            }
            return String(decoding: bytes[start..<offset], as: UTF8.self)
        }

        mutating func header() throws(PipelineError) -> PipelineFileSection {
            let headerLine = line
            offset += 1
            skipBlankAndComments(acrossLines: false)
            let kind = try word(what: "a section kind")
            var name: String?
            if current == UInt8(ascii: ".") {
                offset += 1
                name = try word(what: "a section name", allowDash: true)
            }
            skipBlankAndComments(acrossLines: false)
            guard current == UInt8(ascii: "]") else { throw error("expected ] to close the section header") }
            offset += 1
            return PipelineFileSection(kind: kind, name: name, line: headerLine)
        }

        mutating func entry() throws(PipelineError) -> PipelineFileEntry {
            let entryLine = line
            let key = try word(what: "a key")
            skipBlankAndComments(acrossLines: false)
            guard current == UInt8(ascii: "=") else { throw error("expected = after \(key)") }
            offset += 1
            skipBlankAndComments(acrossLines: false)
            let value = try value(depth: 0)
            return PipelineFileEntry(key: key, value: value, line: entryLine)
        }

        mutating func value(depth: Int) throws(PipelineError) -> PipelineFileValue {
            guard let byte = current, byte != UInt8(ascii: "\n") else { throw error("expected a value") }
            switch byte {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["): return .array(try array(depth: depth + 1))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try integer())
            default:
                let start = offset
                while let next = current, Self.isWordByte(next, allowDash: false) { offset += 1 }
                let text = String(decoding: bytes[start..<offset], as: UTF8.self)
                switch text {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default:
                    throw error(
                        "expected a value (\"string\", integer, true, false or [array]), found "
                            + (text.isEmpty ? describe(byte) : "'\(text)'"))
                }
            }
        }

        mutating func integer() throws(PipelineError) -> Int64 {
            let start = offset
            if current == UInt8(ascii: "-") { offset += 1 }
            while let byte = current,
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            {
                offset += 1
            }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self).replacingUnderscores()
            guard let value = Int64(text) else { throw error("invalid integer '\(text)'") }
            return value
        }

        mutating func string() throws(PipelineError) -> String {
            let startLine = line
            offset += 1
            var out: [UInt8] = []
            while let byte = current {
                offset += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\n"):
                    throw error("unterminated string", line: startLine)
                case UInt8(ascii: "\\"):
                    guard let escaped = current else { break }
                    offset += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(escaped)
                    case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                    default: throw error("unknown escape \\\(Character(Unicode.Scalar(escaped)))")
                    }
                default:
                    out.append(byte)
                }
            }
            throw error("unterminated string", line: startLine)
        }

        mutating func array(depth: Int) throws(PipelineError) -> [PipelineFileValue] {
            guard depth <= arrayDepthMax else { throw error("arrays nested deeper than \(arrayDepthMax)") }
            let startLine = line
            offset += 1
            var items: [PipelineFileValue] = []
            while true {
                skipBlankAndComments(acrossLines: true)
                guard let byte = current else { throw error("unterminated array", line: startLine) }
                if byte == UInt8(ascii: "]") {
                    offset += 1
                    return items
                }
                items.append(try value(depth: depth))
                skipBlankAndComments(acrossLines: true)
                guard current != nil else { throw error("unterminated array", line: startLine) }
                if current == UInt8(ascii: ",") {
                    offset += 1
                } else if current != UInt8(ascii: "]") {
                    throw error("expected , or ] in the array opened at line \(startLine)")
                }
            }
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}

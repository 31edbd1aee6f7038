/// Newline-delimited JSON: one document per line, as in Delta's `_delta_log/*.json` commit files.
///
/// Lines end at `\n`; a `\r` before it is whitespace and so is accepted. Lines holding only whitespace (an empty
/// last line after the final `\n`, a blank line between actions) are skipped rather than rejected, as Delta
/// readers do. Every error names the 1-based line of the buffer and the byte column within that line; each line
/// is limited by `Options.bytesMax` on its own.
///
/// Spec: https://jsonlines.org; Delta transaction protocol, "Delta Log Entries".
public enum JSONLines {
    /// Parses every non-blank line of `bytes` into a document, in order.
    /// - Throws: the first `JSONError` met, with its line number in the whole buffer.
    public static func parse(
        _ bytes: [UInt8], options: JSONParser.Options = JSONParser.Options()
    ) throws(JSONError) -> [JSONValue] {
        let result: Result<[JSONValue], JSONError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONError) -> [JSONValue] in try parse(buffer, options: options) }
        }
        return try result.get()
    }

    /// Parses every non-blank line of raw `bytes` into a document, in order.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, options: JSONParser.Options = JSONParser.Options()
    ) throws(JSONError) -> [JSONValue] {
        let result: Result<[JSONValue], JSONError> = bytes.withMemoryRebound(to: UInt8.self) { buffer in
            Result { () throws(JSONError) -> [JSONValue] in try parse(buffer, options: options) }
        }
        return try result.get()
    }

    /// Calls `body` with each non-blank line's 1-based number and document, in order, without keeping the
    /// documents: the way to stream a large commit file into typed actions.
    /// - Throws: `JSONError` for malformed lines, or whatever `body` throws (parsing stops there).
    public static func forEach(
        in bytes: UnsafeRawBufferPointer, options: JSONParser.Options = JSONParser.Options(),
        _ body: (_ line: Int, _ document: JSONValue) throws -> Void
    ) throws {
        try bytes.withMemoryRebound(to: UInt8.self) { buffer in
            try forEachLine(in: buffer) { line, text in
                try body(line, try JSONParser.parse(text, options: options, firstLine: line))
            }
        }
    }

    /// Serializes `documents` as JSON lines, each followed by `\n`.
    /// - Throws: `JSONError.unrepresentable` (see `JSONWriter`); its path starts with `[index]` of the document.
    public static func serialize(_ documents: [JSONValue]) throws(JSONError) -> [UInt8] {
        var bytes: [UInt8] = []
        for (position, document) in documents.enumerated() {
            do {
                try JSONWriter.write(document, to: &bytes)
            } catch {
                throw JSONWriter.prefixing(error, with: "[\(position)]")
            }
            bytes.append(0x0A)
        }
        return bytes
    }

    static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, options: JSONParser.Options
    ) throws(JSONError) -> [JSONValue] {
        var documents: [JSONValue] = []
        try forEachLine(in: buffer) { (line, text) throws(JSONError) in
            documents.append(try JSONParser.parse(text, options: options, firstLine: line))
        }
        return documents
    }

    /// Calls `body` with each line that holds more than whitespace (without its `\n`) and its 1-based number.
    static func forEachLine<E: Error>(
        in buffer: UnsafeBufferPointer<UInt8>, _ body: (Int, UnsafeBufferPointer<UInt8>) throws(E) -> Void
    ) throws(E) {
        guard let base = buffer.baseAddress else { return }
        let count = buffer.count
        var lineStart = 0
        var line = 1
        while lineStart < count {
            let lineEnd = newlineOffset(in: base, from: lineStart, to: count) ?? count
            let text = UnsafeBufferPointer(start: base + lineStart, count: lineEnd - lineStart)
            if !isBlank(text) { try body(line, text) }
            lineStart = lineEnd + 1
            line += 1
        }
    }

    /// Offset of the first `\n` in `base[start..<end]`, eight bytes per step.
    private static func newlineOffset(in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while end - index >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let newlines = word ^ (ones &* 0x0A)
            if (newlines &- ones) & ~newlines & highs != 0 { break }
            index += 8
        }
        while index < end {
            if base[index] == 0x0A { return index }
            index += 1
        }
        return nil
    }

    private static func isBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }
}

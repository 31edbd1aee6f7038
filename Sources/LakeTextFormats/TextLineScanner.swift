#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits input into lines ending at LF (a CR before the LF is dropped), in place in the input window.
struct TextLineScanner {
    let input: ChunkedInput
    private let lineBytesMax: Int
    /// Next unread byte of the window.
    private(set) var position = 0
    /// Number (1-based) of the line returned last; 0 before the first.
    private(set) var line = 0
    /// Window offset where the line returned last starts.
    private(set) var lineStart = 0
    private var mark: (position: Int, line: Int)?

    init(input: ChunkedInput, lineBytesMax: Int) {
        self.input = input
        self.lineBytesMax = lineBytesMax
    }

    var sourceName: String { input.sourceName }

    /// Skips a UTF-8 byte order mark at the very start of the input.
    mutating func skipByteOrderMark() throws(TextFormatError) {
        while input.count - position < 3 && !input.isAtEnd { try refill() }
        if input.hasByteOrderMark(at: position) { position += 3 }
    }

    /// Remembers the current position; bytes from here on stay in the window until `rewindToMark()`.
    mutating func setMark() {
        mark = (position, line)
    }

    mutating func rewindToMark() {
        guard let mark else { return }
        position = mark.position
        line = mark.line
        self.mark = nil
    }

    /// The next line's bytes without the line end, valid until the next call; nil at the end of the input.
    /// - Throws: `TextFormatError` for a line longer than `lineBytesMax` or a read failure.
    mutating func nextLine() throws(TextFormatError) -> UnsafeBufferPointer<UInt8>? {
        var searched = 0  // bytes after `position` already known to hold no LF
        while true {
            let available = input.count - position
            if available > searched {
                let from = input.base + position + searched
                if let found = memchr(from, Int32(UInt8(ascii: "\n")), available - searched) {
                    let newline = input.base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    return take(upTo: newline, next: newline + 1)
                }
                searched = available
            }
            if input.isAtEnd {
                guard available > 0 else { return nil }
                return take(upTo: input.count, next: input.count)
            }
            if available > lineBytesMax {
                throw TextFormatError(
                    source: sourceName, line: line + 1, reason: "line is longer than \(lineBytesMax) bytes")
            }
            try refill()
        }
    }

    private mutating func take(upTo lineEnd: Int, next: Int) -> UnsafeBufferPointer<UInt8> {
        line += 1
        lineStart = position
        var end = lineEnd
        if end > position && input.base[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let bytes = UnsafeBufferPointer(start: input.base + position, count: end - position)
        position = next
        return bytes
    }

    private mutating func refill() throws(TextFormatError) {
        let keep = mark?.position ?? position
        let shift = try input.refill(discardingBefore: keep)
        position -= shift
        if mark != nil { mark?.position -= shift }
    }
}

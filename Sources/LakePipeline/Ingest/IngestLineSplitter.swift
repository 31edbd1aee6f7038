#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Cuts a byte stream into lines at LF, tracking each line's number and byte offset in the stream.
///
/// A line longer than `lineBytesMax` is not kept: its first `keptBytesMax` bytes are, and the rest is skipped up
/// to the next LF. At the end of the input a last line without LF counts as a line; before the end it waits for
/// more bytes. Memory: the unconsumed tail plus one chunk, at most about `lineBytesMax` plus a chunk.
struct IngestLineSplitter {
    /// One line cut from the stream; `offset` is the stream offset of its first byte.
    enum Piece {
        /// The line's bytes without the LF (a CR before it is kept; the JSON reader drops it).
        case line(ArraySlice<UInt8>, number: Int, offset: Int64)
        /// A line over `lineBytesMax` bytes, with its first bytes.
        case overlong(prefix: [UInt8], number: Int, offset: Int64)
    }

    let lineBytesMax: Int
    let keptBytesMax: Int
    private var window: [UInt8] = []
    /// First unconsumed byte of `window`.
    private var start = 0
    /// Bytes after `start` known to hold no LF.
    private var searched = 0
    /// Stream offset of `window[start]`: after a piece is returned, the offset just past that line's LF.
    private(set) var offset: Int64
    /// Lines consumed so far (the number of the last line returned).
    private(set) var lineNumber: Int
    private var overlong: (offset: Int64, prefix: [UInt8])?

    init(startOffset: Int64, startLine: Int, lineBytesMax: Int, keptBytesMax: Int) {
        offset = startOffset
        lineNumber = startLine
        self.lineBytesMax = lineBytesMax
        self.keptBytesMax = min(keptBytesMax, lineBytesMax)
    }

    /// True when bytes of an unfinished line are held.
    var holdsPartialLine: Bool { start < window.count || overlong != nil }

    mutating func append(_ bytes: [UInt8]) {
        if start > 0 {
            window.removeFirst(start)
            start = 0
        }
        window += bytes
    }

    /// The next complete line, or nil when the held bytes end inside a line (or hold nothing). With `atEnd`, the
    /// input is over and a final line without LF is returned.
    mutating func next(atEnd: Bool) -> Piece? {
        let end = window.count
        if let newline = findNewline(from: start + searched, to: end) {
            return take(through: newline, next: newline + 1)
        }
        searched = end - start
        if let held = overlong {
            offset += Int64(end - start)
            start = end
            searched = 0
            guard atEnd else { return nil }
            overlong = nil
            lineNumber += 1
            return .overlong(prefix: held.prefix, number: lineNumber, offset: held.offset)
        }
        if end - start > lineBytesMax {
            overlong = (offset, Array(window[start..<(start + keptBytesMax)]))
            offset += Int64(end - start)
            start = end
            searched = 0
            return atEnd ? next(atEnd: true) : nil
        }
        if atEnd && end > start { return take(through: end, next: end) }
        return nil
    }

    private mutating func take(through lineEnd: Int, next: Int) -> Piece {
        lineNumber += 1
        let piece: Piece
        if let held = overlong {
            overlong = nil
            piece = .overlong(prefix: held.prefix, number: lineNumber, offset: held.offset)
        } else if lineEnd - start > lineBytesMax {
            piece = .overlong(
                prefix: Array(window[start..<(start + keptBytesMax)]), number: lineNumber, offset: offset)
        } else {
            piece = .line(window[start..<lineEnd], number: lineNumber, offset: offset)
        }
        offset += Int64(next - start)
        start = next
        searched = 0
        return piece
    }

    private func findNewline(from: Int, to end: Int) -> Int? {
        guard from < end else { return nil }
        return window.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress,
                let found = memchr(base + from, Int32(UInt8(ascii: "\n")), end - from)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}

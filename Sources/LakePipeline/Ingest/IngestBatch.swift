/// The lines of one micro-batch that `StreamIngestor` has read but not committed yet.
///
/// Candidate lines are stored back to back in `bytes`, each followed by LF, so any run of them is one contiguous
/// JSON-lines text for the reader.
struct IngestBatch {
    /// One candidate line: `bytes[start..<end]` (LF at `end`), its number and the stream offset of its first byte.
    struct Line {
        var start: Int
        var end: Int
        var number: Int
        var offset: Int64
    }

    private(set) var bytes: [UInt8] = []
    private(set) var lines: [Line] = []
    /// Lines refused before parsing (over-long lines).
    var rejected: [RejectedLine] = []
    /// Stream offset just past the last byte consumed into this batch (blank lines included).
    var endOffset: Int64
    /// Monotonic time of the batch's first line, nil while it is empty.
    private(set) var firstMillis: Int64?

    init(endOffset: Int64) {
        self.endOffset = endOffset
    }

    /// Lines counted toward the batch size: candidates and refused ones.
    var lineCount: Int { lines.count + rejected.count }
    var isEmpty: Bool { lineCount == 0 }

    mutating func append(_ text: ArraySlice<UInt8>, number: Int, offset: Int64, nowMillis: Int64) {
        if firstMillis == nil { firstMillis = nowMillis }
        let start = bytes.count
        bytes += text
        lines.append(Line(start: start, end: bytes.count, number: number, offset: offset))
        bytes.append(UInt8(ascii: "\n"))
    }

    mutating func reject(_ line: RejectedLine, nowMillis: Int64) {
        if firstMillis == nil { firstMillis = nowMillis }
        rejected.append(line)
    }

    /// The text of candidates `range`, each line followed by LF.
    func text(of range: Range<Int>) -> [UInt8] {
        guard let first = range.first, let last = range.last else { return [] }
        return Array(bytes[lines[first].start...lines[last].end])
    }

    /// The bytes of candidate `index`, without LF.
    func bytes(of index: Int) -> ArraySlice<UInt8> {
        bytes[lines[index].start..<lines[index].end]
    }

    /// True for a line of only spaces, tabs and CRs.
    static func isBlank(_ text: ArraySlice<UInt8>) -> Bool {
        text.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}

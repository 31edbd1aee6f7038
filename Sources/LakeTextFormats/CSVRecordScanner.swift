/// One field of the current record: bytes `start..<end` of the input window, without the enclosing quotes.
struct CSVFieldSpan {
    var start: Int
    var end: Int
    var isQuoted: Bool
    /// The quoted text contains `""` pairs, each standing for one quote.
    var hasDoubledQuotes: Bool

    var count: Int { end - start }
}

/// Splits CSV input into records of field spans, in place in the input window (RFC 4180).
///
/// Records end at LF or CRLF; a lone CR is data. Quoted fields may hold delimiters, quotes written twice and line
/// breaks. A quote inside an unquoted field is kept as data. Records that are empty lines are skipped. A record
/// is tokenized again from its start whenever the window runs out in its middle, so a record always lies
/// contiguous in the window while its spans are in use.
struct CSVRecordScanner {
    let input: ChunkedInput
    private let delimiter: UInt8
    private let quote: UInt8
    private let recordBytesMax: Int
    /// Next unread byte of the window.
    private(set) var position = 0
    /// Line number (1-based) of the byte at `position`.
    private(set) var line = 1
    /// Fields of the record returned last.
    private(set) var fields: [CSVFieldSpan] = []
    /// Window offset and line of the record returned last.
    private(set) var recordStart = 0
    private(set) var recordLine = 1
    /// While set, the window keeps every byte from this offset on, so that `rewindToMark()` can return to it.
    private var mark: (position: Int, line: Int)?

    private enum ScanResult {
        case record(end: Int, newlines: Int)
        case needMore
        case endOfInput
    }

    init(input: ChunkedInput, options: CSVOptions) {
        self.input = input
        delimiter = options.delimiter
        quote = options.quote
        recordBytesMax = options.recordBytesMax
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

    /// Returns to the marked position and stops retaining bytes.
    mutating func rewindToMark() {
        guard let mark else { return }
        position = mark.position
        line = mark.line
        self.mark = nil
        fields.removeAll(keepingCapacity: true)
    }

    /// Reads the next record into `fields`.
    /// - Returns: false at the end of the input.
    /// - Throws: `TextFormatError` for an unterminated quote (at the line where it opened), a stray byte after a
    ///   closing quote, a record over `recordBytesMax`, or a read failure.
    mutating func nextRecord() throws(TextFormatError) -> Bool {
        while true {
            switch try scan(from: position) {
            case .record(let end, let newlines):
                recordStart = position
                recordLine = line
                position = end
                line += newlines
                if fields.count == 1 && !fields[0].isQuoted && fields[0].count == 0 { continue }  // empty line
                return true
            case .endOfInput:
                fields.removeAll(keepingCapacity: true)
                return false
            case .needMore:
                if input.count - position > recordBytesMax {
                    throw TextFormatError(
                        source: sourceName, line: line, column: 1,
                        reason: "record is longer than \(recordBytesMax) bytes (is a quote left open?)")
                }
                try refill()
            }
        }
    }

    private mutating func refill() throws(TextFormatError) {
        let keep = mark?.position ?? position
        let shift = try input.refill(discardingBefore: keep)
        position -= shift
        if mark != nil { mark?.position -= shift }
    }

    /// Tokenizes one record starting at `start`; `fields` holds its spans when the result is `.record`.
    private mutating func scan(from start: Int) throws(TextFormatError) -> ScanResult {
        let p = input.base
        let end = input.count
        let atEnd = input.isAtEnd
        let delimiter = self.delimiter
        let quote = self.quote
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        fields.removeAll(keepingCapacity: true)
        guard start < end else { return atEnd ? .endOfInput : .needMore }
        var index = start
        var newlines = 0
        while true {
            if index < end && p[index] == quote {
                let quoteOffset = index
                let quoteNewlines = newlines
                index += 1
                let fieldStart = index
                var doubled = false
                while true {
                    while index < end && p[index] != quote {
                        if p[index] == lineFeed { newlines += 1 }
                        index += 1
                    }
                    if index >= end {
                        guard atEnd else { return .needMore }
                        throw TextFormatError(
                            source: sourceName, line: line + quoteNewlines,
                            column: column(of: quoteOffset, from: start),
                            reason: "quoted field is never closed: the input ends inside it")
                    }
                    if index + 1 < end {
                        guard p[index + 1] == quote else { break }
                        doubled = true
                        index += 2
                    } else {
                        guard atEnd else { return .needMore }
                        break
                    }
                }
                fields.append(CSVFieldSpan(start: fieldStart, end: index, isQuoted: true, hasDoubledQuotes: doubled))
                index += 1
                if index >= end {
                    return atEnd ? .record(end: index, newlines: newlines) : .needMore
                }
                let next = p[index]
                if next == delimiter {
                    index += 1
                    continue
                }
                if next == lineFeed { return .record(end: index + 1, newlines: newlines + 1) }
                if next == carriageReturn {
                    if index + 1 < end {
                        if p[index + 1] == lineFeed { return .record(end: index + 2, newlines: newlines + 1) }
                    } else {
                        return atEnd ? .record(end: index + 1, newlines: newlines) : .needMore
                    }
                }
                throw TextFormatError(
                    source: sourceName, line: line + newlines, column: column(of: index, from: start),
                    reason: "unexpected character after a closing quote; expected a delimiter or the end of the line")
            }
            let fieldStart = index
            while index < end {
                let byte = p[index]
                if byte == delimiter || byte == lineFeed { break }
                index += 1
            }
            if index >= end {
                guard atEnd else { return .needMore }
                let fieldEnd = index > fieldStart && p[index - 1] == carriageReturn ? index - 1 : index
                fields.append(CSVFieldSpan(start: fieldStart, end: fieldEnd, isQuoted: false, hasDoubledQuotes: false))
                return .record(end: index, newlines: newlines)
            }
            if p[index] == delimiter {
                fields.append(CSVFieldSpan(start: fieldStart, end: index, isQuoted: false, hasDoubledQuotes: false))
                index += 1
                continue
            }
            let fieldEnd = index > fieldStart && p[index - 1] == carriageReturn ? index - 1 : index
            fields.append(CSVFieldSpan(start: fieldStart, end: fieldEnd, isQuoted: false, hasDoubledQuotes: false))
            return .record(end: index + 1, newlines: newlines + 1)
        }
    }

    /// 1-based byte column of window offset `offset`, for a record starting at `recordOffset` (a line start).
    func column(of offset: Int, from recordOffset: Int) -> Int {
        var lineStart = offset
        while lineStart > recordOffset && input.base[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        return offset - lineStart + 1
    }

    /// Line and 1-based column of window offset `offset` inside the record returned last.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var newlines = 0
        var index = recordStart
        while index < offset {
            if input.base[index] == UInt8(ascii: "\n") { newlines += 1 }
            index += 1
        }
        return (recordLine + newlines, column(of: offset, from: recordStart))
    }

    /// The bytes of a span of the current record. Valid until the next `nextRecord()`.
    func bytes(of span: CSVFieldSpan) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: input.base + span.start, count: span.count)
    }
}

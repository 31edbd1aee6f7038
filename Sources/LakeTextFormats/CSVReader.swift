import LakeColumnar

/// Reads a CSV file as a stream of `Batch`es, inferring column types from a bounded sample or taking them from a
/// schema.
///
/// Syntax (RFC 4180 with common relaxations): records end at LF or CRLF (a lone CR is data); quoted fields hold
/// delimiters, line breaks and doubled quotes; a quote inside an unquoted field is data; a byte after a closing
/// quote other than a delimiter or line end is an error; empty lines are skipped; a UTF-8 byte order mark is
/// ignored. utf8 values and header names must be valid UTF-8.
///
/// Columns and types:
/// - With a header, columns are the header's names in file order. A given schema fixes the type and nullability
///   of the columns it names (in any order); columns it does not name are inferred from the first
///   `inferenceRowsMax` rows (see `TextTypeGuess` for the rules). A schema field missing from the header is an
///   error. Without a header, schema fields apply by position and further columns are inferred as `column<N>`.
/// - Inferred columns are nullable. When a value after the sample does not fit the inferred type, reading stops
///   with an error that names the line, column and value and suggests a `--schema` entry; data is never coerced.
/// - An unquoted empty field, or an unquoted field equal to one of `nullStrings`, is null. A quoted empty field
///   is the empty string in utf8/binary columns and null in the others.
///
/// Memory: one read chunk plus the longest record, plus the inference sample while the schema is being inferred.
/// A copy of a reader shares its file position with the original; use one of them.
///
/// Spec: RFC 4180; value syntax in `TextColumnBuilder`.
public struct CSVReader {
    /// The columns every batch has.
    public let schema: Schema
    private let options: CSVOptions
    private var scanner: CSVRecordScanner
    private var builders: [TextColumnBuilder]
    /// Per column: the sample size when its type was inferred, nil when the schema gave it.
    private let inferenceRows: [Int?]
    private let nullStrings: [[UInt8]]
    private var isFinished = false
    private var failure: TextFormatError?

    /// Input bytes after which a batch ends early, keeping 32-bit offsets of variable-width columns safe.
    static let batchInputBytesMax = 1 << 30

    /// Opens `path` and reads the header and, when types must be inferred, the sample.
    /// - Throws: `TextFormatError` when the file cannot be read, the options are invalid, the header is malformed
    ///   (invalid UTF-8, a duplicate name), a schema field is not in the header, or a sampled row is malformed.
    public init(path: String, options: CSVOptions = CSVOptions(), schema: Schema? = nil) throws(TextFormatError) {
        try Self.check(options, schema: schema, source: path)
        let input = try ChunkedInput(path: path, chunkBytes: options.readChunkBytes)
        try self.init(input: input, options: options, schema: schema)
    }

    /// Reads CSV text held in memory; `sourceName` labels errors.
    public init(
        bytes: [UInt8], sourceName: String = "<memory>", options: CSVOptions = CSVOptions(), schema: Schema? = nil
    ) throws(TextFormatError) {
        try Self.check(options, schema: schema, source: sourceName)
        let input = ChunkedInput(bytes: bytes, sourceName: sourceName, chunkBytes: options.readChunkBytes)
        try self.init(input: input, options: options, schema: schema)
    }

    private static func check(_ options: CSVOptions, schema: Schema?, source: String) throws(TextFormatError) {
        if let problem = options.problem {
            throw TextFormatError(source: source, line: 0, reason: "invalid CSV options: \(problem)")
        }
        try schema?.checkUniqueNames(source: source)
    }

    private init(input: ChunkedInput, options: CSVOptions, schema given: Schema?) throws(TextFormatError) {
        self.options = options
        let nullStrings = options.nullStrings.map { Array($0.utf8) }
        self.nullStrings = nullStrings
        var scanner = CSVRecordScanner(input: input, options: options)
        try scanner.skipByteOrderMark()
        let (fields, inferenceRows) = try Self.resolveColumns(
            scanner: &scanner, options: options, given: given, nullStrings: nullStrings)
        if let fields {
            schema = Schema(fields, metadata: given?.metadata ?? [:])
            self.inferenceRows = inferenceRows
        } else {
            schema = given ?? Schema([])  // empty input with a schema: no rows
            self.inferenceRows = Array(repeating: nil, count: schema.fields.count)
            isFinished = true
        }
        self.scanner = scanner
        builders = try schema.fields.map { field throws(TextFormatError) in
            try TextColumnBuilder(field: field, binaryEncoding: options.binaryEncoding, source: scanner.sourceName)
        }
    }

    /// Reads the header (or peeks at the first row) and the inference sample, leaving the scanner at the first
    /// data row. Returns nil fields for an empty input that has a schema.
    private static func resolveColumns(
        scanner: inout CSVRecordScanner, options: CSVOptions, given: Schema?, nullStrings: [[UInt8]]
    ) throws(TextFormatError) -> (fields: [Field]?, inferenceRows: [Int?]) {
        let source = scanner.sourceName
        var names: [String]
        if options.hasHeader {
            guard try scanner.nextRecord() else {
                guard given != nil else {
                    throw TextFormatError(source: source, line: 1, reason: "the input is empty: expected a header row")
                }
                return (nil, [])
            }
            names = try Self.headerNames(scanner, quote: options.quote)
        } else {
            scanner.setMark()
            guard try scanner.nextRecord() else {
                guard given != nil else {
                    throw TextFormatError(
                        source: source, line: 1, reason: "the input is empty: no row to take the columns from")
                }
                return (nil, [])
            }
            let count = scanner.fields.count
            let firstLine = scanner.recordLine
            scanner.rewindToMark()
            let givenNames = given?.fields.map(\.name) ?? []
            guard givenNames.count <= count else {
                throw TextFormatError(
                    source: source, line: firstLine,
                    reason: "the schema has \(givenNames.count) fields but the first row only \(count)")
            }
            names = givenNames
            for index in givenNames.count..<count {
                var name = "column\(index + 1)"
                while givenNames.contains(name) { name += "_" }  // keep generated names clear of given ones
                names.append(name)
            }
        }

        // Given fields, by header name or by position.
        var fields: [Field?] = Array(repeating: nil, count: names.count)
        if let given {
            for (position, field) in given.fields.enumerated() {
                guard let index = options.hasHeader ? names.firstIndex(of: field.name) : position else {
                    throw TextFormatError(
                        source: source, line: 1, field: field.name,
                        reason: "schema field '\(field.name)' is not a column of the header")
                }
                fields[index] = field
            }
        }

        // Inference over the sample for the columns without a given type.
        var inferenceRows: [Int?] = Array(repeating: nil, count: names.count)
        if fields.contains(where: { $0 == nil }) {
            let guesses = try Self.inferTypes(
                scanner: &scanner, columnCount: names.count, isGiven: fields.map { $0 != nil }, options: options,
                nullStrings: nullStrings)
            for index in fields.indices where fields[index] == nil {
                fields[index] = Field(names[index], guesses[index].type)
                inferenceRows[index] = options.inferenceRowsMax
            }
        }
        return (fields.compactMap { $0 }, inferenceRows)
    }

    private static func headerNames(_ scanner: CSVRecordScanner, quote: UInt8) throws(TextFormatError) -> [String] {
        let quoteText = String(Character(Unicode.Scalar(quote)))
        var names: [String] = []
        var seen: Set<String> = []
        for (index, span) in scanner.fields.enumerated() {
            let bytes = scanner.bytes(of: span)
            if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
                let (line, column) = scanner.location(of: span.start + bad)
                throw TextFormatError(
                    source: scanner.sourceName, line: line, column: column,
                    reason: "header name \(index + 1) is not valid UTF-8")
            }
            var name = String(decoding: bytes, as: UTF8.self)
            if span.hasDoubledQuotes { name = name.replacing(quoteText + quoteText, with: quoteText) }
            if name.isEmpty { name = "column\(index + 1)" }
            guard seen.insert(name).inserted else {
                let (line, column) = scanner.location(of: span.start)
                throw TextFormatError(
                    source: scanner.sourceName, line: line, column: column, field: name,
                    reason: "duplicate column name '\(name)' in the header")
            }
            names.append(name)
        }
        return names
    }

    /// Reads up to `inferenceRowsMax` records, then rewinds so that batches start with the first of them.
    private static func inferTypes(
        scanner: inout CSVRecordScanner, columnCount: Int, isGiven: [Bool], options: CSVOptions,
        nullStrings: [[UInt8]]
    ) throws(TextFormatError) -> [TextTypeGuess] {
        var guesses = Array(repeating: TextTypeGuess(), count: columnCount)
        scanner.setMark()
        for _ in 0..<options.inferenceRowsMax {
            guard try scanner.nextRecord() else { break }
            try checkFieldCount(scanner, expected: columnCount)
            for (index, span) in scanner.fields.enumerated() where !isGiven[index] {
                let bytes = scanner.bytes(of: span)
                if isNull(span, bytes, nullStrings) || bytes.isEmpty { continue }
                guesses[index].observe(bytes)
            }
        }
        scanner.rewindToMark()
        return guesses
    }

    private static func checkFieldCount(_ scanner: CSVRecordScanner, expected: Int) throws(TextFormatError) {
        let count = scanner.fields.count
        guard count != expected else { return }
        throw TextFormatError(
            source: scanner.sourceName, line: scanner.recordLine,
            reason: "row has \(count) field\(count == 1 ? "" : "s"), expected \(expected)"
                + " (a delimiter or a quote inside an unquoted value?)")
    }

    @inline(__always)
    private static func isNull(
        _ span: CSVFieldSpan, _ bytes: UnsafeBufferPointer<UInt8>, _ nullStrings: [[UInt8]]
    )
        -> Bool
    {
        guard !span.isQuoted else { return false }
        if bytes.isEmpty { return true }
        for marker in nullStrings where marker.count == bytes.count {
            if marker.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return true }
        }
        return false
    }

    /// The next batch of at most `batchRowsMax` rows, or nil after the last.
    ///
    /// After an error the reader stays failed: every later call throws the same error.
    /// - Throws: `TextFormatError` for a ragged row, an unterminated quote, invalid UTF-8, a value that does not
    ///   fit its column, a null in a non-nullable column, or a read failure.
    public mutating func nextBatch() throws(TextFormatError) -> Batch? {
        if let failure { throw failure }
        do {
            return try readBatch()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func readBatch() throws(TextFormatError) -> Batch? {
        guard !isFinished else { return nil }
        let columnCount = builders.count
        let quote = options.quote
        var rows = 0
        var inputBytes = 0
        while rows < options.batchRowsMax && inputBytes < Self.batchInputBytesMax {
            guard try scanner.nextRecord() else {
                isFinished = true
                break
            }
            try Self.checkFieldCount(scanner, expected: columnCount)
            for index in 0..<columnCount {
                let span = scanner.fields[index]
                let bytes = scanner.bytes(of: span)
                do {
                    if Self.isNull(span, bytes, nullStrings) {
                        try builders[index].appendNull()
                    } else {
                        try builders[index].appendText(bytes, doubledQuote: span.hasDoubledQuotes ? quote : nil)
                    }
                } catch {
                    var at = span.start
                    if case .invalidUTF8(let offset) = error { at += offset }
                    let (line, column) = scanner.location(of: at)
                    throw TextFormatError.value(
                        error, text: bytes, field: builders[index].field, inferenceRows: inferenceRows[index],
                        source: scanner.sourceName, line: line, column: column)
                }
            }
            rows += 1
            inputBytes += scanner.position - scanner.recordStart
        }
        guard rows > 0 else { return nil }
        if columnCount == 0 { return Batch(rowCount: rows) }
        let capacity = options.batchRowsMax
        let columns = builders.indices.map { builders[$0].makeColumn(reservingCapacity: capacity) }
        return Batch(schema: schema, columns: columns)
    }
}

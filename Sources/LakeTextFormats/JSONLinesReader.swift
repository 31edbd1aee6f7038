import LakeColumnar

/// Reads newline-delimited JSON (one object per line) as a stream of `Batch`es.
///
/// Columns: the given schema's fields, then (unless `schemaIsComplete`) the other keys of the first
/// `inferenceRowsMax` rows in first-seen order, typed by `JSONTypeGuess` and nullable. A key missing from a row is
/// null there; a key that is not a column is an error or ignored (`unknownKeys`); a key twice in one row is an
/// error. Blank lines are skipped.
///
/// Values into column types: `null` is null; `true`/`false` fill bool (or utf8 as text); numbers fill integer,
/// float and decimal columns by their text (an integer column rejects `1.5` and `1e3`, a float column rejects
/// literals beyond its range such as `1e400` rather than storing infinity; `-0` in an integer column is 0), and
/// date32/time/timestamp columns as a count of the column's unit (days for date32); strings fill utf8 as they
/// are and any other type by parsing their contents like CSV text; objects and arrays fill utf8 columns with
/// their JSON text (nested column types come later). A utf8 column holds numbers and booleans as their text.
///
/// Memory: one read chunk plus the longest line, plus the sample while inferring. A copy of a reader shares its
/// file position with the original; use one of them.
///
/// Spec: RFC 8259, https://jsonlines.org
public struct JSONLinesReader {
    /// The columns every batch has.
    public let schema: Schema
    private let options: JSONLinesOptions
    private var lines: TextLineScanner
    private var builders: [TextColumnBuilder]
    private let inferenceRows: [Int?]
    private let lookup: ColumnLookup
    /// Per column, the row number that last set it (detects duplicate and missing keys).
    private var rowStamps: [Int]
    private var rowNumber = 0
    private var isFinished = false
    private var failure: TextFormatError?

    /// Opens `path` and, when columns must be found or typed, reads the sample.
    /// - Throws: `TextFormatError` when the file cannot be read, the options are invalid, or a sampled line is
    ///   not a JSON object.
    public init(
        path: String, options: JSONLinesOptions = JSONLinesOptions(), schema: Schema? = nil
    ) throws(TextFormatError) {
        try Self.check(options, schema: schema, source: path)
        let input = try ChunkedInput(path: path, chunkBytes: options.readChunkBytes)
        try self.init(input: input, options: options, schema: schema)
    }

    /// Reads JSON lines held in memory; `sourceName` labels errors.
    public init(
        bytes: [UInt8], sourceName: String = "<memory>", options: JSONLinesOptions = JSONLinesOptions(),
        schema: Schema? = nil
    ) throws(TextFormatError) {
        try Self.check(options, schema: schema, source: sourceName)
        let input = ChunkedInput(bytes: bytes, sourceName: sourceName, chunkBytes: options.readChunkBytes)
        try self.init(input: input, options: options, schema: schema)
    }

    private static func check(_ options: JSONLinesOptions, schema: Schema?, source: String) throws(TextFormatError) {
        if let problem = options.problem {
            throw TextFormatError(source: source, line: 0, reason: "invalid JSON-lines options: \(problem)")
        }
        try schema?.checkUniqueNames(source: source)
    }

    private init(input: ChunkedInput, options: JSONLinesOptions, schema given: Schema?) throws(TextFormatError) {
        self.options = options
        var lines = TextLineScanner(input: input, lineBytesMax: options.lineBytesMax)
        try lines.skipByteOrderMark()
        var fields = given?.fields ?? []
        var inferenceRows: [Int?] = Array(repeating: nil, count: fields.count)
        if given == nil || !options.schemaIsComplete {
            let discovered = try Self.inferColumns(lines: &lines, given: fields, options: options)
            fields += discovered
            inferenceRows += Array(repeating: options.inferenceRowsMax, count: discovered.count)
        }
        schema = Schema(fields, metadata: given?.metadata ?? [:])
        self.lines = lines
        self.inferenceRows = inferenceRows
        lookup = ColumnLookup(names: fields.map(\.name))
        rowStamps = Array(repeating: 0, count: fields.count)
        builders = try fields.map { field throws(TextFormatError) in
            try TextColumnBuilder(field: field, binaryEncoding: options.binaryEncoding, source: input.sourceName)
        }
    }

    /// Reads the sample: returns the keys outside `given` in first-seen order with their inferred types, and
    /// rewinds so that batches start with the first sampled line.
    private static func inferColumns(
        lines: inout TextLineScanner, given: [Field], options: JSONLinesOptions
    ) throws(TextFormatError) -> [Field] {
        var names = given.map(\.name)
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() where indexByName[name] == nil { indexByName[name] = index }
        var guesses = Array(repeating: JSONTypeGuess(), count: names.count)
        var stamps = Array(repeating: 0, count: names.count)
        lines.setMark()
        var sampled = 0
        while sampled < options.inferenceRowsMax, let text = try lines.nextLine() {
            guard !isBlank(text) else { continue }
            sampled += 1
            var scanner = JSONScanner(
                text, depthMax: options.nestingDepthMax, sourceName: lines.sourceName, line: lines.line)
            if try scanner.beginObject() {
                repeat {
                    scanner.skipWhitespace()
                    scanner.skipWhitespace()
                    let keyOffset = scanner.index
                    let key = try scanner.readKey()
                    let name = scanner.keyString(key)
                    let column: Int
                    if let known = indexByName[name] {
                        column = known
                    } else {
                        column = names.count
                        names.append(name)
                        indexByName[name] = column
                        guesses.append(JSONTypeGuess())
                        stamps.append(0)
                    }
                    guard stamps[column] != sampled else {
                        throw duplicateKey(name, scanner: scanner, offset: keyOffset)
                    }
                    stamps[column] = sampled
                    let token = try scanner.readValue(depth: 2)
                    guard column >= given.count else { continue }
                    switch token {
                    case .null: break
                    case .bool: guesses[column].observeBool()
                    case .number(let range, let isIntegral):
                        guesses[column].observeNumber(
                            UnsafeBufferPointer(rebasing: text[range]), isIntegral: isIntegral)
                    case .rawString(let range):
                        guesses[column].observeString(UnsafeBufferPointer(rebasing: text[range]))
                    case .decodedString:
                        scanner.valueBuffer.withUnsafeBufferPointer { guesses[column].observeString($0) }
                    case .nested: guesses[column].observeNested()
                    }
                } while try scanner.endMember()
            }
            try scanner.finish()
        }
        lines.rewindToMark()
        return (given.count..<names.count).map { Field(names[$0], guesses[$0].type) }
    }

    private static func isBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func duplicateKey(_ name: String, scanner: JSONScanner, offset: Int) -> TextFormatError {
        TextFormatError(
            source: scanner.sourceName, line: scanner.line, column: offset + 1, field: name,
            reason: "key '\(name)' appears twice in the object")
    }

    /// The next batch of at most `batchRowsMax` rows, or nil after the last.
    ///
    /// After an error the reader stays failed: every later call throws the same error.
    /// - Throws: `TextFormatError` for invalid JSON, a line that is not an object, an unknown or duplicate key, a
    ///   value that does not fit its column, a missing key or null in a non-nullable column, or a read failure.
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
        var rows = 0
        var inputBytes = 0
        while rows < options.batchRowsMax && inputBytes < CSVReader.batchInputBytesMax {
            guard let text = try lines.nextLine() else {
                isFinished = true
                break
            }
            guard !Self.isBlank(text) else { continue }
            try readRow(text)
            rows += 1
            inputBytes += text.count
        }
        guard rows > 0 else { return nil }
        if builders.isEmpty { return Batch(rowCount: rows) }
        let capacity = options.batchRowsMax
        let columns = builders.indices.map { builders[$0].makeColumn(reservingCapacity: capacity) }
        return Batch(schema: schema, columns: columns)
    }

    private mutating func readRow(_ text: UnsafeBufferPointer<UInt8>) throws(TextFormatError) {
        rowNumber += 1
        var scanner = JSONScanner(
            text, depthMax: options.nestingDepthMax, sourceName: lines.sourceName, line: lines.line)
        var predicted = 0
        if try scanner.beginObject() {
            repeat {
                scanner.skipWhitespace()
                let keyOffset = scanner.index
                let key = try scanner.readKey()
                let found =
                    key.isDecoded
                    ? scanner.keyBuffer.withUnsafeBufferPointer { lookup.index(of: $0, predicted: predicted) }
                    : lookup.index(of: UnsafeBufferPointer(rebasing: text[key.range]), predicted: predicted)
                scanner.skipWhitespace()
                let valueOffset = scanner.index
                let token = try scanner.readValue(depth: 2)
                guard let column = found else {
                    if options.unknownKeys == .ignore { continue }
                    throw unknownKey(scanner.keyString(key), scanner: scanner, offset: keyOffset)
                }
                guard rowStamps[column] != rowNumber else {
                    throw Self.duplicateKey(scanner.keyString(key), scanner: scanner, offset: keyOffset)
                }
                rowStamps[column] = rowNumber
                predicted = column + 1
                try append(token, to: column, text: text, scanner: scanner, valueOffset: valueOffset)
            } while try scanner.endMember()
        }
        try scanner.finish()
        for column in rowStamps.indices where rowStamps[column] != rowNumber {
            do {
                try builders[column].appendNull()
            } catch {
                let name = builders[column].field.name
                throw TextFormatError(
                    source: lines.sourceName, line: lines.line, field: name,
                    reason: "key '\(name)' is missing but the column is declared not null")
            }
        }
    }

    private mutating func append(
        _ token: JSONScanner.Token, to column: Int, text: UnsafeBufferPointer<UInt8>, scanner: JSONScanner,
        valueOffset: Int
    ) throws(TextFormatError) {
        do throws(ValueParseFailure) {
            switch token {
            case .null:
                try builders[column].appendNull()
            case .bool(let value):
                try builders[column].appendBool(value)
            case .number(let range, _):
                let number = UnsafeBufferPointer(rebasing: text[range])
                switch builders[column].kind {
                case .utf8: try builders[column].appendText(number, isValidUTF8: true)
                case .bool, .binary, .fixedSizeBinary: throw ValueParseFailure.malformed
                default:
                    if try !builders[column].appendTemporalCount(number) { try builders[column].appendText(number) }
                }
            case .rawString(let range):
                try builders[column].appendText(UnsafeBufferPointer(rebasing: text[range]), isValidUTF8: true)
            case .decodedString:
                try scanner.valueBuffer.withUnsafeBufferPointer { (decoded) throws(ValueParseFailure) in
                    try builders[column].appendText(decoded, isValidUTF8: true)
                }
            case .nested(let range):
                guard builders[column].kind == .utf8 else {
                    throw ValueParseFailure.invalid("is a JSON object or array, which only a utf8 column can hold")
                }
                try builders[column].appendText(UnsafeBufferPointer(rebasing: text[range]), isValidUTF8: true)
            }
        } catch {
            let shown = UnsafeBufferPointer(rebasing: text[valueOffset..<scanner.index])
            throw TextFormatError.value(
                error, text: shown, field: builders[column].field, inferenceRows: inferenceRows[column],
                source: lines.sourceName, line: lines.line, column: valueOffset + 1)
        }
    }

    private func unknownKey(_ name: String, scanner: JSONScanner, offset: Int) -> TextFormatError {
        let origin =
            options.schemaIsComplete
            ? "the schema" : "the schema or the first \(options.inferenceRowsMax) rows"
        return TextFormatError(
            source: scanner.sourceName, line: scanner.line, column: offset + 1, field: name,
            reason: "key '\(name)' is not a column: it is not in \(origin); declare it with --schema"
                + " '\(name):<type>' or ignore unknown keys")
    }
}

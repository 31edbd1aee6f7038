import LakeColumnar
import Testing

@testable import LakeTextFormats

/// Everything a reader produced: its schema and its batches.
struct ReadResult {
    var schema: Schema
    var batches: [Batch]

    var rowCount: Int { batches.reduce(0) { $0 + $1.rowCount } }

    /// The values of column `name` across all batches.
    func values(_ name: String) -> [Value] {
        guard let index = schema.index(of: name) else { return [] }
        return batches.flatMap { batch in (0..<batch.rowCount).map { batch.columns[index].value(at: $0) } }
    }

    func type(_ name: String) -> DataType? {
        schema.index(of: name).map { schema.fields[$0].type }
    }
}

func readCSV(
    _ text: String, options: CSVOptions = CSVOptions(), schema: Schema? = nil
) throws(TextFormatError) -> ReadResult {
    try readCSV(bytes: Array(text.utf8), options: options, schema: schema)
}

func readCSV(
    bytes: [UInt8], options: CSVOptions = CSVOptions(), schema: Schema? = nil
) throws(TextFormatError) -> ReadResult {
    var reader = try CSVReader(bytes: bytes, sourceName: "test.csv", options: options, schema: schema)
    var batches: [Batch] = []
    while let batch = try reader.nextBatch() { batches.append(batch) }
    return ReadResult(schema: reader.schema, batches: batches)
}

func readJSONLines(
    _ text: String, options: JSONLinesOptions = JSONLinesOptions(), schema: Schema? = nil
) throws(TextFormatError) -> ReadResult {
    try readJSONLines(bytes: Array(text.utf8), options: options, schema: schema)
}

func readJSONLines(
    bytes: [UInt8], options: JSONLinesOptions = JSONLinesOptions(), schema: Schema? = nil
) throws(TextFormatError) -> ReadResult {
    var reader = try JSONLinesReader(bytes: bytes, sourceName: "test.jsonl", options: options, schema: schema)
    var batches: [Batch] = []
    while let batch = try reader.nextBatch() { batches.append(batch) }
    return ReadResult(schema: reader.schema, batches: batches)
}

/// The `TextFormatError` `body` throws, or nil when it succeeds; any other error fails the test.
func textFormatError(_ body: () throws -> Void) -> TextFormatError? {
    do {
        try body()
        return nil
    } catch let error as TextFormatError {
        return error
    } catch {
        Issue.record("expected a TextFormatError, got \(error)")
        return nil
    }
}

/// Days since the epoch, for expectations.
func days(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
    CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))
}

/// Microseconds since the epoch of a UTC wall-clock time, for expectations.
func micros(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Int64 {
    (days(year, month, day) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)) * 1_000_000
}

extension Value {
    static func text(_ string: String) -> Value { .string(string) }
}

import LakeColumnar
import LakeTextFormats

extension StreamIngestor {
    /// The schema a new table gets from `batch`: the declared columns, then the other keys of the batch's lines
    /// with inferred types. Lines that stop inference (not a JSON object, a repeated key) are rejected.
    /// - Returns: the schema and the candidate indices rejected here, which parsing must skip.
    func inferSchema(
        _ batch: IngestBatch, rejected: inout [RejectedLine]
    ) throws(PipelineError) -> (Schema, excluded: Set<Int>) {
        var excluded: Set<Int> = []
        for _ in 0...batch.lines.count {
            let indices = batch.lines.indices.filter { !excluded.contains($0) }
            guard !indices.isEmpty else { break }
            var text: [UInt8] = []
            for index in indices {
                text += batch.bytes(of: index)
                text.append(UInt8(ascii: "\n"))
            }
            let readerOptions = JSONLinesOptions(
                inferenceRowsMax: indices.count, lineBytesMax: options.lineBytesMax, schemaIsComplete: false)
            do {
                let reader = try JSONLinesReader(
                    bytes: text, sourceName: input.name, options: readerOptions, schema: options.schema)
                return (Self.storable(reader.schema), excluded)
            } catch {
                guard error.line >= 1 && error.line <= indices.count else {
                    throw .stepFailed(step: Self.step, reason: error.description)
                }
                let index = indices[error.line - 1]
                excluded.insert(index)
                rejected.append(rejection(of: index, in: batch, error))
            }
        }
        return (options.schema ?? Schema([]), excluded)
    }

    /// The rows of `batch`'s candidate lines (all but `excluded`) typed by `schema`; each line that does not fit
    /// is added to `rejected` instead. Every line is read at most about twice: after a failure, the lines before
    /// it are read again alone and the ones after it go on.
    func parse(
        _ batch: IngestBatch, schema: Schema, excluding excluded: Set<Int>, rejected: inout [RejectedLine]
    ) throws(PipelineError) -> [Batch] {
        var pending: [Range<Int>] = []
        var runStart = 0
        for index in batch.lines.indices where excluded.contains(index) {
            pending.append(runStart..<index)
            runStart = index + 1
        }
        pending.append(runStart..<batch.lines.count)
        let readerOptions = JSONLinesOptions(
            batchRowsMax: 65_536, lineBytesMax: options.lineBytesMax, unknownKeys: .error, schemaIsComplete: true)
        var result: [Batch] = []
        var next = 0
        while next < pending.count {
            let range = pending[next]
            next += 1
            guard !range.isEmpty else { continue }
            do {
                var reader = try JSONLinesReader(
                    bytes: batch.text(of: range), sourceName: input.name, options: readerOptions, schema: schema)
                var read: [Batch] = []
                while let rows = try reader.nextBatch() { read.append(rows) }
                result += read
            } catch {
                guard error.line >= 1 && error.line <= range.count else {
                    throw .stepFailed(step: Self.step, reason: error.description)
                }
                let bad = range.lowerBound + error.line - 1
                rejected.append(rejection(of: bad, in: batch, error))
                pending.insert(contentsOf: [range.lowerBound..<bad, (bad + 1)..<range.upperBound], at: next)
            }
        }
        return result
    }

    private func rejection(of index: Int, in batch: IngestBatch, _ error: TextFormatError) -> RejectedLine {
        let line = batch.lines[index]
        return RejectedLine(
            source: input.name, line: line.number, column: error.column, offset: line.offset, reason: error.reason,
            bytes: batch.bytes(of: index))
    }

    /// `schema` with nanosecond timestamps as microsecond ones: Delta tables store microseconds.
    static func storable(_ schema: Schema) -> Schema {
        var schema = schema
        for index in schema.fields.indices {
            if case .timestamp(.nanoseconds, let utc) = schema.fields[index].type {
                schema.fields[index].type = .timestamp(.microseconds, utc: utc)
            }
        }
        return schema
    }
}

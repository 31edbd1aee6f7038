import Foundation
import LakeColumnar
import LakeCompression
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// A Parquet file this engine wrote for a test, with the rows it holds and the options it was written with.
struct WrittenFile {
    let url: URL
    let label: String
    let schema: Schema
    /// Every row written, in order.
    let rows: Batch
    let options: ParquetWriteOptions

    /// Writes `batches` to `directory/<name>` with `options` and returns the record of it.
    static func write(
        _ batches: [Batch],
        schema: Schema,
        options: ParquetWriteOptions,
        name: String,
        in directory: ScratchDirectory
    ) throws -> WrittenFile {
        let writer = try ParquetFileWriter(store: directory.store, path: name, schema: schema, options: options)
        for batch in batches { try writer.write(batch) }
        try writer.close()
        return WrittenFile(
            url: directory.file(name),
            label: name,
            schema: schema,
            rows: ParquetTestData.concatenate(batches, schema: schema),
            options: options
        )
    }

    /// The dump every reader must produce for this file.
    var expectedDump: CanonicalDump { CanonicalDump(batches: [rows], schema: schema) }

    /// Row ranges of the row groups the writer should have cut.
    var rowGroupRanges: [Range<Int>] {
        stride(from: 0, to: rows.rowCount, by: options.rowGroupRowsMax).map { start in
            start..<min(start + options.rowGroupRowsMax, rows.rowCount)
        }
    }
}

/// Compares files this engine wrote with what pyarrow and DuckDB read from them.
enum WrittenFileCheck {
    /// What a peer report is checked for.
    struct Checks: OptionSet {
        let rawValue: Int
        static let pyarrow = Checks(rawValue: 1)
        static let duckdb = Checks(rawValue: 2)
        static let statistics = Checks(rawValue: 4)
        static let ownReader = Checks(rawValue: 8)
        static let all: Checks = [.pyarrow, .duckdb, .statistics, .ownReader]
    }

    /// Runs the peers once over all `files` and records an issue per file that differs.
    static func verify(
        _ files: [WrittenFile],
        checks: Checks = .all,
        sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        var engines: [String] = []
        if checks.contains(.pyarrow) { engines.append("pyarrow") }
        if checks.contains(.duckdb) { engines.append("duckdb") }
        let reports = try PythonPeer.report(
            files.map(\.url),
            engines: engines.isEmpty ? ["pyarrow"] : engines,
            statistics: checks.contains(.statistics)
        )
        for (file, report) in zip(files, reports) {
            let problems = try self.problems(file, report, checks: checks)
            #expect(
                problems.isEmpty,
                "\(file.label):\n\(problems.joined(separator: "\n"))",
                sourceLocation: sourceLocation
            )
        }
    }

    static func problems(_ file: WrittenFile, _ report: PeerReport, checks: Checks) throws -> [String] {
        let expected = file.expectedDump
        var found: [String] = []
        if checks.contains(.pyarrow), let outcome = report.pyarrow {
            switch outcome {
            case .dump(let dump): found += dump.differences(from: expected).map { "pyarrow: " + $0 }
            case .failed(let error): found.append("pyarrow cannot read the file: \(error)")
            }
        }
        if checks.contains(.duckdb), let outcome = report.duckdb {
            switch outcome {
            case .dump(let dump):
                found += dump.differences(from: expected, comparingNullability: false).map { "duckdb: " + $0 }
            case .failed(let error): found.append("duckdb cannot read the file: \(error)")
            }
        }
        if checks.contains(.statistics), let outcome = report.stats {
            switch outcome {
            case .statistics(let statistics): found += statisticsProblems(file, statistics)
            case .failed(let error): found.append("pyarrow cannot read the metadata: \(error)")
            }
        }
        if checks.contains(.ownReader) {
            found += ownReaderProblems(file)
        }
        return found
    }

    /// Row groups, statistics, page-index presence, codecs and encodings as pyarrow reads them.
    static func statisticsProblems(_ file: WrittenFile, _ statistics: PeerReport.Statistics) -> [String] {
        var found: [String] = []
        let ranges = file.rowGroupRanges
        if statistics.rowGroups.map(\.numRows) != ranges.map(\.count) {
            found.append("row groups of \(statistics.rowGroups.map(\.numRows)) rows, expected \(ranges.map(\.count))")
            return found
        }
        if statistics.createdBy != file.options.createdBy {
            found.append("created_by \(statistics.createdBy ?? "nil"), expected \(file.options.createdBy)")
        }
        if statistics.keyValueMetadata != file.options.keyValueMetadata {
            found.append("key-value metadata \(statistics.keyValueMetadata), expected \(file.options.keyValueMetadata)")
        }
        for (group, range) in zip(statistics.rowGroups, ranges) {
            guard group.columns.map(\.name) == file.schema.fields.map(\.name) else {
                found.append("row group columns \(group.columns.map(\.name))")
                continue
            }
            for (index, chunk) in group.columns.enumerated() {
                let field = file.schema.fields[index]
                let columnOptions = file.options.columns[field.name]
                let wantsStatistics = columnOptions?.statistics ?? file.options.statistics
                if wantsStatistics {
                    found += ChunkStatisticsCheck.problems(chunk, column: file.rows.columns[index], rows: range)
                } else if chunk.hasStatistics && (chunk.hasMinMax || chunk.nullCount != nil) {
                    found.append("column '\(field.name)': statistics written although turned off")
                }
                if file.options.writePageIndex != chunk.hasOffsetIndex {
                    found.append("column '\(field.name)': has_offset_index \(chunk.hasOffsetIndex)")
                }
                let codec = columnOptions?.compression ?? file.options.compression
                if chunk.compression != pyarrowName(codec) {
                    found.append("column '\(field.name)': codec \(chunk.compression), expected \(pyarrowName(codec))")
                }
                let hasValues = range.contains { !file.rows.columns[index].isNull($0) }
                if let encoding = expectedEncoding(field, file.options, chunkHasValues: hasValues),
                    !chunk.encodings.contains(encoding)
                {
                    found.append("column '\(field.name)': encodings \(chunk.encodings) lack \(encoding)")
                }
            }
        }
        return found
    }

    /// This engine's reader must return exactly what was written, with the same schema.
    static func ownReaderProblems(_ file: WrittenFile) -> [String] {
        do {
            let reader = try ParquetFileReader(
                store: LocalObjectStore(root: file.url.deletingLastPathComponent().path),
                path: file.url.lastPathComponent
            )
            var found: [String] = []
            if reader.schema.fields != file.schema.fields {
                found.append("own reader: schema \(reader.schema.fields), expected \(file.schema.fields)")
                return found
            }
            let dump = CanonicalDump(batches: try reader.readAll(), schema: reader.schema)
            found += dump.differences(from: file.expectedDump).map { "own reader: " + $0 }
            return found
        } catch {
            return ["own reader failed: \(error)"]
        }
    }

    /// pyarrow's name for the codec of a column chunk.
    static func pyarrowName(_ codec: Codec) -> String {
        switch codec {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4"
        case .lz4Hadoop: "LZ4_HADOOP"
        case .brotli: "BROTLI"
        case .lzo: "LZO"
        }
    }

    /// The value encoding a column chunk must list for `field` under `options` (nil: nothing to check).
    static func expectedEncoding(_ field: Field, _ options: ParquetWriteOptions, chunkHasValues: Bool) -> String? {
        switch options.columns[field.name]?.encoding ?? options.encoding {
        case .dictionary: field.type == .bool ? "PLAIN" : chunkHasValues ? "RLE_DICTIONARY" : nil
        case .plain: "PLAIN"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        }
    }
}

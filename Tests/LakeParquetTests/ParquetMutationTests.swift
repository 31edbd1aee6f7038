import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// Seeded mutations of valid files (bit flips, overwritten bytes and ranges, truncations, insertions and
/// deletions, aimed at the footer half the time) must make the reader either throw a `ParquetError` or return
/// batches: never trap, never hang.
///
/// A trap kills the test process, so each test prints its seed first; rerun with `LAKE_MUTATION_SEED=<seed>`
/// and `LAKE_MUTATION_VERBOSE=1` to print every attempt before it runs and find the one that traps.
/// `LAKE_MUTATION_ATTEMPTS` changes the number of attempts per input file.
@Suite("Parquet mutations")
struct ParquetMutationTests {
    /// Inputs: fixtures that cover PLAIN, dictionary, DataPageV2 with delta encodings, zstd and the page index,
    /// nested columns (repetition and definition levels, v1 and v2 pages), plus a file this engine writes.
    static let inputs = [
        "plain.parquet", "dictionary.parquet", "data_page_v2_delta_snappy.parquet", "codec_zstd.parquet",
        "page_index.parquet", "written by lake", "nested_dictionary.parquet", "nested_v2_plain_zstd.parquet",
    ]
    static let attemptsPerInput = 500
    static let defaultSeed: UInt64 = 0x5EED_0F_BAD_F11E
    /// One attempt taking longer than this counts as a hang.
    static let attemptSecondsMax = 5.0

    /// How one attempt damaged the file, for messages.
    struct Mutation: CustomStringConvertible {
        var kind: String
        var offset: Int
        var length: Int
        var description: String { "\(kind) at \(offset) (\(length) bytes)" }
    }

    @Test("mutated files throw ParquetError or read, never trap or hang", .timeLimit(.minutes(2)), arguments: inputs)
    func mutatedFilesFailCleanly(input: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let baseSeed = environment["LAKE_MUTATION_SEED"].flatMap { UInt64($0, radix: 16) } ?? Self.defaultSeed
        let attempts = environment["LAKE_MUTATION_ATTEMPTS"].flatMap { Int($0) } ?? Self.attemptsPerInput
        let verbose = environment["LAKE_MUTATION_VERBOSE"] != nil
        let original = try Self.bytes(of: input)
        let seed =
            baseSeed ^ UInt64(truncatingIfNeeded: Self.inputs.firstIndex(of: input) ?? 0) &* 0x9E37_79B9_7F4A_7C15
        let seeds = "seed \(String(baseSeed, radix: 16)) (input seed \(String(seed, radix: 16)))"
        print("ParquetMutationTests: \(input): \(seeds), \(attempts) attempts")
        var generator = SeededGenerator(seed: seed)
        var outcomes = (failed: 0, read: 0)
        for attempt in 0..<attempts {
            var bytes = original
            let mutation = Self.mutate(&bytes, using: &generator)
            let label = "\(input) seed \(String(baseSeed, radix: 16)) attempt \(attempt): \(mutation)"
            if verbose { print("ParquetMutationTests: \(label)") }
            let start = Date()
            switch Self.readEverything(bytes) {
            case .success: outcomes.read += 1
            case .failure: outcomes.failed += 1
            }
            let seconds = Date().timeIntervalSince(start)
            #expect(seconds < Self.attemptSecondsMax, "\(label) took \(seconds) s")
        }
        // Most mutations must be detected; a reader that accepts everything is not checking.
        #expect(outcomes.failed > attempts / 10, "\(input): only \(outcomes.failed) of \(attempts) mutations failed")
    }

    /// Opens the file and exercises every reading path: all columns, statistics, the page index and a pruned,
    /// filtered scan.
    static func readEverything(_ bytes: [UInt8]) -> Result<Int, ParquetError> {
        do throws(ParquetError) {
            let store = SingleObjectStore(bytes: bytes)
            let reader = try ParquetFileReader(store: store, path: store.path)
            var rows = 0
            for batch in try reader.readAll() { rows += batch.rowCount }
            for group in 0..<reader.rowGroupCount {
                for column in reader.parquetSchema.columns.indices {
                    _ = reader.statisticsBounds(rowGroup: group, column: column)
                    _ = try reader.pageIndex(rowGroup: group, column: column)
                }
            }
            if let field = reader.schema.fields.first(where: { $0.type == .int32 || $0.type == .int64 }) {
                var scan = try reader.makeBatchReader(
                    predicates: [ParquetPredicate(field.name, .greater, .int(0))],
                    filterRows: true,
                    batchRowsMax: 7
                )
                while let batch = try scan.next() { rows += batch.rowCount }
            }
            return .success(rows)
        } catch {
            return .failure(error)
        }
    }

    /// Applies one seeded mutation to `bytes`; half of them land in the footer (the last 8 bytes plus the
    /// metadata), where a flipped bit changes structure rather than values.
    static func mutate(_ bytes: inout [UInt8], using generator: inout SeededGenerator) -> Mutation {
        let footerLength =
            bytes.count >= 8
            ? Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8 | Int(bytes[bytes.count - 6]) << 16
                | Int(bytes[bytes.count - 5]) << 24
            : 0
        let footerStart = max(0, bytes.count - 8 - min(footerLength, bytes.count))
        let inFooter = Bool.random(using: &generator)
        let region = inFooter ? footerStart..<bytes.count : 0..<bytes.count
        let offset = Int.random(in: region, using: &generator)
        switch Int.random(in: 0..<7, using: &generator) {
        case 0:
            let flips = Int.random(in: 1...8, using: &generator)
            for _ in 0..<flips {
                let position = Int.random(in: region, using: &generator)
                bytes[position] ^= 1 << UInt8.random(in: 0...7, using: &generator)
            }
            return Mutation(kind: "\(flips) bit flips", offset: offset, length: flips)
        case 1:
            let value =
                [0x00, 0xFF, 0x7F, 0x80, UInt8.random(in: 0...255, using: &generator)]
                .randomElement(using: &generator) ?? 0
            bytes[offset] = value
            return Mutation(kind: "byte set to \(value)", offset: offset, length: 1)
        case 2:
            let length = min(bytes.count - offset, Int.random(in: 1...64, using: &generator))
            let fill = Int.random(in: 0..<3, using: &generator)
            for position in offset..<(offset + length) {
                bytes[position] = fill == 0 ? 0 : fill == 1 ? 0xFF : UInt8.random(in: 0...255, using: &generator)
            }
            return Mutation(
                kind: ["range zeroed", "range set to 0xFF", "range randomized"][fill],
                offset: offset,
                length: length
            )
        case 3:
            bytes.removeSubrange(offset...)
            return Mutation(kind: "truncated", offset: offset, length: 0)
        case 4:
            let length = min(bytes.count - offset, Int.random(in: 1...16, using: &generator))
            bytes.removeSubrange(offset..<(offset + length))
            return Mutation(kind: "bytes deleted", offset: offset, length: length)
        case 5:
            let length = Int.random(in: 1...16, using: &generator)
            bytes.insert(contentsOf: (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }, at: offset)
            return Mutation(kind: "bytes inserted", offset: offset, length: length)
        default:
            // A varint-sized field set to a huge value: the most likely way to provoke a giant allocation.
            let length = min(bytes.count - offset, 5)
            for position in offset..<(offset + length) {
                bytes[position] = position == offset + length - 1 ? 0x7F : 0xFF
            }
            return Mutation(kind: "huge varint", offset: offset, length: length)
        }
    }

    /// The bytes of a fixture, or of a small file this engine writes (dictionary, page v2, gzip, several row
    /// groups and pages).
    static func bytes(of input: String) throws -> [UInt8] {
        guard input == "written by lake" else { return try FixturePaths.parquetBytes(input) }
        let directory = try ScratchDirectory("mutation-input")
        let schema = Schema([
            Field("id", .int64, nullable: false), Field("name", .utf8), Field("price", .float64),
            Field("amount", .decimal(precision: 20, scale: 4)), Field("at", .timestamp(.microseconds, utc: true)),
        ])
        let batch = ParquetTestData.batch(schema: schema, rows: 120, seed: 0xF11E)
        var options = ParquetWriteOptions()
        options.dataPageVersion = .v2
        options.compression = .gzip(level: 1)
        options.rowGroupRowsMax = 50
        options.dataPageRowsMax = 20
        options.columns["price"] = .init(encoding: .byteStreamSplit)
        options.columns["at"] = .init(encoding: .deltaBinaryPacked)
        let writer = try ParquetFileWriter(
            store: directory.store,
            path: "input.parquet",
            schema: schema,
            options: options
        )
        try writer.write(batch)
        try writer.close()
        return try directory.store.read("input.parquet")
    }
}

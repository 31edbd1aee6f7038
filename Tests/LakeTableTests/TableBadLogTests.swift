import Foundation
import LakeCore
import LakeTable
import LakeTestSupport
import Synchronization
import Testing

/// The bad-log corpus of `Fixtures/delta/` (spec/table-log.md §14): every case opens through `LocalObjectStore`
/// and must fail with the `TableLogError` case its manifest entry names, with a message that names the file (and
/// line) or the offending value; tables under `good/` must open. Also: every `bad/` directory has an entry,
/// opening never reads outside the table root or `_delta_log/`, and random damage to a valid log never traps.
///
/// Regenerate the fixtures with `python3 Tests/interop/make_delta_fixtures.py`.
@Suite("Table bad logs")
struct TableBadLogTests {
    /// One entry of `Fixtures/delta/MANIFEST.json`.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var path: String
        var covers: String
        var opens: Bool
        /// A `TableLogError` case name; nil for tables that must open.
        var expectedError: String?
        /// `snapshot`: `Snapshot.load` must fail (or succeed); `scan`: the snapshot loads, planning a scan fails.
        var stage: String
        var messageContains: [String]
        var expectedVersion: Int64?
        var expectedFiles: [String]?

        var testDescription: String { path }

        enum CodingKeys: String, CodingKey {
            case path, covers, opens, stage
            case expectedError = "expected_error"
            case messageContains = "message_contains"
            case expectedVersion = "expected_version"
            case expectedFiles = "expected_files"
        }
    }

    struct Manifest: Decodable {
        var cases: [Case]
    }

    static func deltaDirectory() throws -> URL {
        try FixturePaths.repositoryRoot().appendingPathComponent("Fixtures/delta", isDirectory: true)
    }

    static func manifestCases() throws -> [Case] {
        let url = try deltaDirectory().appendingPathComponent("MANIFEST.json")
        return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url)).cases
    }

    /// The enum case name of `error`, e.g. `"unsafePath"` (every `TableLogError` case has associated values, so
    /// the mirror's single child is labelled with it).
    static func caseName(_ error: TableLogError) -> String {
        Mirror(reflecting: error).children.first?.label ?? "\(error)"
    }

    /// Opens the table at `store`'s root the way the manifest's `stage` says: loads the snapshot and, for `scan`
    /// cases, plans a scan of it.
    static func open(_ store: any ObjectStore, stage: String) throws(TableLogError) -> Snapshot {
        let table = Table(store: store)
        if stage == "scan" { return try table.scan().snapshot }
        if stage == "read" {  // reads every row, which loads deletion vectors (make_dv_fixtures.py)
            let scan = try table.scan()
            _ = try scan.readAll()
            return scan.snapshot
        }
        return try table.snapshot()
    }

    @Test("each manifest case fails with its error case and names the file, or opens", arguments: try manifestCases())
    func manifestCaseBehaves(_ entry: Case) throws {
        let directory = try Self.deltaDirectory().appendingPathComponent(entry.path, isDirectory: true)
        let store = LocalObjectStore(root: directory.path)
        if entry.stage == "scan" || entry.stage == "read" {
            // The log itself is fine: only the scan may fail.
            #expect(throws: Never.self) { _ = try Snapshot.load(store: store) }
        }
        do throws(TableLogError) {
            let snapshot = try Self.open(store, stage: entry.stage)
            guard entry.opens else {
                let expected = entry.expectedError ?? ""
                Issue.record("\(entry.path) opened at version \(snapshot.version); expected \(expected)")
                return
            }
            if let version = entry.expectedVersion { #expect(snapshot.version == version) }
            if let files = entry.expectedFiles { #expect(snapshot.files.map(\.path) == files) }
        } catch {
            #expect(!entry.opens, "\(entry.path) must open (\(entry.covers)) but threw \(error)")
            #expect(
                Self.caseName(error) == entry.expectedError,
                "\(entry.path): \(error) — expected \(entry.expectedError ?? "success") (\(entry.covers))")
            for fragment in entry.messageContains {
                #expect(error.description.contains(fragment), "\(entry.path): message lacks \"\(fragment)\": \(error)")
            }
        }
    }

    @Test("every directory in Fixtures/delta/bad and good has a manifest entry")
    func everyFixtureHasAnEntry() throws {
        let listed = Set(try Self.manifestCases().map(\.path))
        let fileManager = FileManager.default
        var onDisk: [String] = []
        for group in ["bad", "good"] {
            let directory = try Self.deltaDirectory().appendingPathComponent(group, isDirectory: true)
            for name in try fileManager.contentsOfDirectory(atPath: directory.path) {
                onDisk.append("\(group)/\(name)")
            }
        }
        #expect(onDisk.contains { $0.hasPrefix("bad/") })
        for path in onDisk.sorted() {
            #expect(listed.contains(path), "\(path) has no entry in Fixtures/delta/MANIFEST.json")
        }
        for path in listed.sorted() {
            #expect(onDisk.contains(path), "the manifest lists \(path), which does not exist")
        }
    }

    @Test("a ../ data path is refused before anything outside the table root is touched")
    func parentPathNeverTouchesTheSentinel() throws {
        let scratch = try ScratchDirectory("badlog-sentinel")
        let table = scratch.url.appendingPathComponent("table", isDirectory: true)
        let source = try Self.deltaDirectory().appendingPathComponent("bad/add_path_parent", isDirectory: true)
        try FileManager.default.copyItem(at: source, to: table)
        let sentinel = scratch.url.appendingPathComponent("x.parquet")
        let sentinelBytes = Array("not a parquet file".utf8)
        try Data(sentinelBytes).write(to: sentinel)

        let store = RecordingStore(LocalObjectStore(root: table.path))
        do throws(TableLogError) {
            let scan = try Table(store: store).scan()
            _ = try scan.readAll()
            Issue.record("the ../x.parquet table opened and was read")
        } catch {
            #expect(Self.caseName(error) == "unsafePath", "\(error)")
            #expect(error == .unsafePath("../x.parquet", reason: "empty, \".\" or \"..\" path component"))
        }
        for path in store.touchedPaths {
            #expect(path.hasPrefix("_delta_log/"), "opening touched \(path)")
            #expect(!path.contains(".."), "opening touched \(path)")
        }
        #expect(try Data(contentsOf: sentinel) == Data(sentinelBytes))
    }

    @Test("opening any manifest table only reads inside _delta_log/", arguments: try manifestCases())
    func openingReadsOnlyTheLog(_ entry: Case) throws {
        let directory = try Self.deltaDirectory().appendingPathComponent(entry.path, isDirectory: true)
        let store = RecordingStore(LocalObjectStore(root: directory.path))
        _ = try? Self.open(store, stage: entry.stage == "read" ? "scan" : entry.stage)  // planning, not reading
        #expect(!store.touchedPaths.isEmpty)
        for path in store.touchedPaths {
            #expect(path.hasPrefix("_delta_log/"), "\(entry.path): opening touched \(path)")
        }
    }

    @Test("seeded damage to a valid log throws TableLogError or opens, never traps", .timeLimit(.minutes(2)))
    func mutatedLogsNeverTrap() throws {
        let source = try Self.deltaDirectory().appendingPathComponent("good/small_table/_delta_log", isDirectory: true)
        var commits: [[UInt8]] = []
        for version in 0..<3 {
            let url = source.appendingPathComponent(LogFileName.commitName(Int64(version)))
            commits.append([UInt8](try Data(contentsOf: url)))
        }
        let scratch = try ScratchDirectory("badlog-mutation")
        let logURL = scratch.url.appendingPathComponent("_delta_log", isDirectory: true)
        var generator = SeededGenerator(seed: 0xDE17_ABAD)
        var outcomes: [String: Int] = [:]
        for _ in 0..<500 {
            var damaged = commits
            let target = Int.random(in: 0..<damaged.count, using: &generator)
            let mutationCount = Int.random(in: 1...3, using: &generator)
            for _ in 0..<mutationCount {
                damaged[target] = Self.mutate(damaged[target], using: &generator)
            }
            try? FileManager.default.removeItem(at: logURL)
            try FileManager.default.createDirectory(at: logURL, withIntermediateDirectories: true)
            for (version, bytes) in damaged.enumerated() {
                try Data(bytes).write(to: logURL.appendingPathComponent(LogFileName.commitName(Int64(version))))
            }
            do throws(TableLogError) {
                let snapshot = try Table(store: scratch.store).scan().snapshot
                #expect(snapshot.version == 2)
                outcomes["opened", default: 0] += 1
            } catch {
                outcomes[Self.caseName(error), default: 0] += 1
            }
        }
        #expect(outcomes.values.reduce(0, +) == 500)
        // Seed 0xDE17_ABAD gives about 340 corruptEntry, 94 opened, 56 corruptLog and a few schema, type and
        // format errors: both the error paths and the success path are exercised.
        #expect(outcomes["opened", default: 0] > 0, "\(outcomes)")
        #expect(outcomes["corruptEntry", default: 0] > 0, "\(outcomes)")
        #expect(outcomes["corruptLog", default: 0] > 0, "\(outcomes)")
    }

    /// One random byte flip, truncation, line swap, line duplication, byte insertion or deletion.
    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var bytes = bytes
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
        case 1:
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &generator))
        case 2:
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            if lines.count >= 2 {
                let first = Int.random(in: 0..<lines.count, using: &generator)
                let second = Int.random(in: 0..<lines.count, using: &generator)
                lines.swapAt(first, second)
            }
            bytes = Array(lines.joined(separator: [0x0A]))
        case 3:
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
            if let line = lines.randomElement(using: &generator) { lines.append(line) }
            bytes = Array(lines.joined(separator: [0x0A])) + [0x0A]
        case 4:
            let index = Int.random(in: 0...bytes.count, using: &generator)
            let interesting: [UInt8] = Array("{}[]\",:\\0-e.%/ \u{7F}".utf8) + [0x00, 0xFF, 0xC3]
            bytes.insert(interesting.randomElement(using: &generator) ?? 0, at: index)
        default:
            bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator))
        }
        return bytes
    }
}

/// Forwards to a store and remembers every path listed, headed or read, so a test can prove what was touched.
private final class RecordingStore: ObjectStore {
    private let base: any ObjectStore
    private let touched = Mutex<[String]>([])

    init(_ base: any ObjectStore) {
        self.base = base
    }

    var touchedPaths: [String] { touched.withLock { $0 } }

    private func record(_ path: String) {
        touched.withLock { $0.append(path) }
    }

    func list(prefix: String, after start: String?) throws -> [ObjectInfo] {
        record(prefix)
        return try base.list(prefix: prefix, after: start)
    }

    func head(_ path: String) throws -> ObjectInfo {
        record(path)
        return try base.head(path)
    }

    func read(_ path: String, range: Range<Int64>?) throws -> [UInt8] {
        record(path)
        return try base.read(path, range: range)
    }

    func put(_ path: String, _ bytes: [UInt8]) throws {
        record(path)
        try base.put(path, bytes)
    }

    func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws {
        record(path)
        try base.putIfAbsent(path, bytes)
    }

    func delete(_ path: String) throws {
        record(path)
        try base.delete(path)
    }

    func makeWriter(_ path: String) throws -> any ObjectWriter {
        record(path)
        return try base.makeWriter(path)
    }
}

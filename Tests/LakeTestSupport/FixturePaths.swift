import Foundation

/// Locates the repository checkout and the Parquet fixtures under `Fixtures/parquet/`.
///
/// The root is found by walking up from this source file until a directory holds `Package.swift`; set the
/// environment variable `LAKE_REPOSITORY_ROOT` to override it (for example when the tests are built from a copy
/// of the sources outside the checkout).
///
/// Spec: `Fixtures/README.md` describes the folders; `Tests/interop/make_fixtures.py` regenerates them.
public enum FixturePaths {
    /// Why a fixture could not be located or read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case repositoryRootNotFound(searchedFrom: String)
        case missingFixture(path: String)

        public var description: String {
            switch self {
            case .repositoryRootNotFound(let start):
                return "no directory holding Package.swift above \(start); set LAKE_REPOSITORY_ROOT"
            case .missingFixture(let path):
                return "fixture \(path) does not exist; regenerate with `python3 Tests/interop/make_fixtures.py`"
            }
        }
    }

    /// The directory holding `Package.swift`.
    public static func repositoryRoot() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["LAKE_REPOSITORY_ROOT"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        let start = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        var directory = start
        let fileManager = FileManager.default
        // A path has finitely many ancestors; the bound only guards against a file system loop.
        for _ in 0..<64 {
            if fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        throw Failure.repositoryRootNotFound(searchedFrom: start.path)
    }

    /// `<root>/Fixtures/parquet`.
    public static func parquetDirectory() throws -> URL {
        try repositoryRoot().appendingPathComponent("Fixtures/parquet", isDirectory: true)
    }

    /// The fixture at `relativePath` inside `Fixtures/parquet`, e.g. `"bad/footer_garbage.parquet"`.
    ///
    /// - Throws: `Failure.missingFixture` when the file does not exist.
    public static func parquet(_ relativePath: String) throws -> URL {
        let url = try parquetDirectory().appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Failure.missingFixture(path: url.path)
        }
        return url
    }

    /// The bytes of a fixture.
    public static func parquetBytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: parquet(relativePath)))
    }

    /// `Fixtures/parquet/MANIFEST.json`, decoded.
    public static func manifest() throws -> FixtureManifest {
        try JSONDecoder().decode(FixtureManifest.self, from: Data(contentsOf: parquet("MANIFEST.json")))
    }

    /// The expected canonical dump stored next to a good fixture.
    public static func expectedDump(for file: FixtureManifest.GoodFile) throws -> CanonicalDump {
        try JSONDecoder().decode(CanonicalDump.self, from: Data(contentsOf: parquet(file.expected)))
    }

    /// Paths (relative to `Fixtures/parquet`) of every `*.parquet` file in `subdirectory` (`""` for the top
    /// level), sorted; lets a test fail when a file on disk has no manifest entry.
    public static func parquetFiles(in subdirectory: String) throws -> [String] {
        let directory = try parquetDirectory().appendingPathComponent(subdirectory, isDirectory: true)
        let prefix = subdirectory.isEmpty ? "" : subdirectory + "/"
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".parquet") }
            .map { prefix + $0 }
            .sorted()
    }
}

/// `Fixtures/parquet/MANIFEST.json`: who produced each fixture, what it covers, and what a reader must do.
public struct FixtureManifest: Decodable, Sendable {
    public struct Producer: Decodable, Sendable, Equatable {
        /// `"pyarrow"` or `"duckdb"`.
        public var tool: String
        public var version: String
    }

    /// What the other peer engine read from a good file, compared with the expected dump.
    public struct CrossCheck: Decodable, Sendable {
        public var engine: String
        public var readable: Bool
        /// The peer's error when `readable` is false.
        public var error: String?
        /// Columns whose type or values differ from the expected dump (empty when the peers agree).
        public var columnsDiffering: [String]?
        /// `"column: engine type"` for DuckDB columns that parquet_dump.py cast back to the file's type.
        public var typesCastBack: [String]?

        enum CodingKeys: String, CodingKey {
            case engine, readable, error
            case columnsDiffering = "columns_differing"
            case typesCastBack = "types_cast_back"
        }
    }

    /// A well-formed file with its expected dump.
    public struct GoodFile: Decodable, Sendable {
        /// Relative to `Fixtures/parquet`.
        public var path: String
        /// The expected dump, relative to `Fixtures/parquet`.
        public var expected: String
        /// The peer whose reading produced `expected` (`"pyarrow"` unless pyarrow cannot read the file).
        public var expectedEngine: String
        public var producer: Producer
        public var covers: String
        public var numRows: Int
        public var numRowGroups: Int
        public var numColumns: Int
        public var createdBy: String?
        public var physicalTypes: [String]
        public var codecs: [String]
        public var encodings: [String]
        public var pageTypes: [String]
        public var pagesPerChunkMax: Int
        public var hasPageIndex: Bool
        public var hasBloomFilter: Bool
        public var crossCheck: CrossCheck
        /// Why the peers disagree or a reader may legitimately differ, when they do.
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case path, expected, producer, covers, codecs, encodings, note
            case expectedEngine = "expected_engine"
            case numRows = "num_rows"
            case numRowGroups = "num_row_groups"
            case numColumns = "num_columns"
            case createdBy = "created_by"
            case physicalTypes = "physical_types"
            case pageTypes = "page_types"
            case pagesPerChunkMax = "pages_per_chunk_max"
            case hasPageIndex = "has_page_index"
            case hasBloomFilter = "has_bloom_filter"
            case crossCheck = "cross_check"
        }
    }

    /// A malformed (or unsupported) file and the error a reader must throw for it.
    public struct BadFile: Decodable, Sendable {
        /// Relative to `Fixtures/parquet`, e.g. `"bad/footer_garbage.parquet"`.
        public var path: String
        public var producer: Producer
        public var derivedFrom: String
        public var mutation: String
        /// The raw value of the expected `ParquetError.Kind`, e.g. `"invalidMetadata"`.
        public var expectedError: String
        public var reason: String
        /// What pyarrow and DuckDB say about the file (nil: the peer read it without error).
        public var peerErrors: [String: String?]

        enum CodingKeys: String, CodingKey {
            case path, producer, mutation, reason
            case derivedFrom = "derived_from"
            case expectedError = "expected_error"
            case peerErrors = "peer_errors"
        }
    }

    public var generator: String
    /// Peer name to version at generation time.
    public var peers: [String: String]
    public var good: [GoodFile]
    public var bad: [BadFile]

    /// The good fixture at `path`, if the manifest lists it.
    public func goodFile(_ path: String) -> GoodFile? { good.first { $0.path == path } }

    /// The bad fixture at `path`, if the manifest lists it.
    public func badFile(_ path: String) -> BadFile? { bad.first { $0.path == path } }
}

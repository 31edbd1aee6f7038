import Foundation
import LakeCore
import LakeParquet
import LakeTestSupport

/// Every case of `Tests/interop/pyarrow_write.py`, written fresh once per test process into a temporary
/// directory, with pyarrow's dump and statistics of each file.
///
/// Two Python processes produce the whole corpus (one writes, one dumps), so the per-case read tests stay cheap.
/// The directory is removed when the test process exits.
struct PyarrowCorpus: Sendable {
    /// The corpus, built on first use by whichever test needs it first.
    static let shared: Result<PyarrowCorpus, any Error> = Result { try PyarrowCorpus() }

    static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("lake-parquet-pyarrow-corpus-\(UUID().uuidString)", isDirectory: true)

    let reports: [String: PeerReport]

    private init() throws {
        try PythonPeer.requireModules()
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: PyarrowCorpus.directory) }
        try PythonPeer.writeAllParquetCases(to: Self.directory)
        let names = try PythonPeer.writerCases()
        let files = names.map { Self.directory.appendingPathComponent("\($0).parquet") }
        let reports = try PythonPeer.report(files, engines: ["pyarrow"], statistics: true)
        self.reports = Dictionary(uniqueKeysWithValues: zip(names, reports))
    }

    /// The store holding the corpus files, named `<case>.parquet`.
    var store: LocalObjectStore { LocalObjectStore(root: Self.directory.path) }

    /// pyarrow's dump of case `name`.
    func dump(_ name: String) throws -> CanonicalDump {
        guard let report = reports[name], let outcome = report.pyarrow else {
            throw PythonPeer.Failure.scriptFailed(
                script: "pyarrow_write.py",
                arguments: ["--case", name],
                exitStatus: 0,
                standardError: "no such case"
            )
        }
        return try outcome.dump(engine: "pyarrow", file: "\(name).parquet")
    }

    /// pyarrow's statistics of case `name`, when it could read them.
    func statistics(_ name: String) -> PeerReport.Statistics? {
        guard case .statistics(let statistics)? = reports[name]?.stats else { return nil }
        return statistics
    }

    /// This engine's reader of case `name`.
    func reader(_ name: String) throws -> ParquetFileReader {
        try ParquetFileReader(store: store, path: "\(name).parquet")
    }
}

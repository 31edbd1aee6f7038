import Foundation

extension PythonPeer {
    /// Reads every file of `files` with the peer `engines` (and pyarrow's statistics reader when `statistics` is
    /// true) in a single Python process, and returns one report per file in the same order.
    ///
    /// An engine that fails on one file is reported in that file's `Outcome`; only a failure of the script itself
    /// throws.
    /// - Throws: the `PythonPeer.Failure` cases, or a decoding error when the output is not the expected JSON.
    public static func report(
        _ files: [URL],
        engines: [String] = peerModules,
        statistics: Bool = false
    ) throws -> [PeerReport] {
        guard !files.isEmpty else { return [] }
        var arguments = files.map(\.path) + ["--engines", engines.joined(separator: ",")]
        if statistics { arguments.append("--stats") }
        let output = try run("parquet_report.py", arguments)
        let decoder = JSONDecoder()
        let reports = try output.standardOutput.split(separator: UInt8(ascii: "\n")).map { line in
            try decoder.decode(PeerReport.self, from: Data(line))
        }
        guard reports.map(\.path) == files.map(\.path) else {
            throw Failure.scriptFailed(
                script: "parquet_report.py",
                arguments: arguments,
                exitStatus: 0,
                standardError: "reported \(reports.count) files for \(files.count) inputs\n" + output.standardError
            )
        }
        return reports
    }

    /// Writes every case of `pyarrow_write.py` to `directory/<case>.parquet` in a single Python process.
    public static func writeAllParquetCases(to directory: URL, rows: Int? = nil, seed: Int? = nil) throws {
        var arguments = ["--out-dir", directory.path]
        if let rows { arguments += ["--rows", String(rows)] }
        if let seed { arguments += ["--seed", String(seed)] }
        _ = try run("pyarrow_write.py", arguments)
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL 15 cluster for the `postgres` benchmark, configured as run_peers.py's `PgCluster`:
/// initdb into a temporary folder, 127.0.0.1 and a socket in that folder only, a free port,
/// `synchronous_commit = off`, everything else at its default; run as the `postgres` user when we are root.
final class PostgresCluster {
    let directory: String
    let port: Int
    let binaries: String
    private let asUser: [String]

    init(binaries: String = ProcessInfo.processInfo.environment["BENCH_PG_BIN"] ?? "/usr/lib/postgresql/15/bin")
        throws
    {
        self.binaries = binaries
        directory = NSTemporaryDirectory() + "lake-bench-pg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        asUser = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: directory)
        }
        port = Int.random(in: 20_000..<60_000)
        try run([
            binaries + "/initdb", "-D", directory + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C",
        ])
        let settings =
            "\nlisten_addresses = '127.0.0.1'\nport = \(port)\nunix_socket_directories = '\(directory)'\n"
            + "synchronous_commit = off\n"
        let handle = FileHandle(forWritingAtPath: directory + "/data/postgresql.conf")
        handle?.seekToEndOfFile()
        handle?.write(Data(settings.utf8))
        try handle?.close()
        try run([binaries + "/pg_ctl", "-D", directory + "/data", "-l", directory + "/server.log", "-w", "start"])
    }

    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    /// psql's unaligned, tuples-only output of `sql`.
    @discardableResult
    func psql(_ sql: String) throws -> String {
        try run(
            [
                binaries + "/psql", "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-X", "-A", "-t", "-q",
                "-v", "ON_ERROR_STOP=1", "-c", sql,
            ], asServerUser: false
        )
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func stop() {
        _ = try? run([binaries + "/pg_ctl", "-D", directory + "/data", "-m", "fast", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The resident peak of the server backends is not measured; the client's is.
    @discardableResult
    private func run(_ command: [String], asServerUser: Bool = true) throws -> String {
        let log = directory + "/command-\(UUID().uuidString).log"
        let outcome = try ChildProcess(arguments: (asServerUser ? asUser : []) + command, logPath: log).run()
        try? FileManager.default.removeItem(atPath: log)
        guard outcome.exitCode == 0 else {
            throw ChildProcess.Failure(description: "\(command.joined(separator: " ")) failed: \(outcome.log)")
        }
        return outcome.log
    }
}

import Foundation
import LakeWarehouse
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster for tests: a `LocalPostgres` in a temporary folder, with the test settings
/// (`fsync`, `synchronous_commit`, `full_page_writes` off) and a port fixed for the cluster's life, so URLs stay
/// valid across `stop` and `startProcess`.
///
/// `shared()` starts one cluster per test process on first use; it is stopped when the process exits (an
/// `atexit` handler) or, if the process dies without exiting, by a reaper shell (started with `setsid`) that
/// polls the test process and stops the cluster and removes its folder once the process is gone. Tests that
/// stop or kill the server use a cluster of their own from `start()`.
///
/// Tests fail (never skip) when the PostgreSQL binaries are missing: `start()` throws `binariesMissing`. The
/// binaries are looked up in `LAKE_PG_BIN`, else `/usr/lib/postgresql/15/bin`.
///
/// Spec: spec/warehouse.md §8 (testing), §9 (local server).
public final class PostgresServer: Sendable {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case binariesMissing(directory: String)
        case commandFailed(command: String, exitStatus: Int32, output: String)

        public var description: String {
            switch self {
            case .binariesMissing(let directory):
                "PostgreSQL binaries (initdb, pg_ctl, postgres) not found in \(directory); install postgresql-15 "
                    + "(`make deps-system`) or set LAKE_PG_BIN"
            case .commandFailed(let command, let status, let output):
                "`\(command)` exited with status \(status): \(output)"
            }
        }
    }

    /// The folder holding the cluster's data (`data/`) and log (`server.log`).
    public let directory: String
    public let port: Int
    private let binaries: String
    private let server: LocalPostgres

    /// `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication, no password).
    public var url: String { url(database: "postgres") }

    public func url(database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)" }

    private static let sharedServer = Mutex<PostgresServer?>(nil)
    private static let startedServers = Mutex<[PostgresServer]>([])

    /// The cluster shared by the tests of this process, started on first use.
    public static func shared() throws -> PostgresServer {
        try sharedServer.withLock { server in
            if let server { return server }
            let started = try start()
            server = started
            return started
        }
    }

    /// A new cluster of this test's own.
    public static func start() throws -> PostgresServer {
        let binaries = LocalPostgres.binariesDirectory(environment: ProcessInfo.processInfo.environment)
        let server = try PostgresServer(binaries: binaries)
        startedServers.withLock { servers in
            if servers.isEmpty { atexit { PostgresServer.stopAllAtExit() } }
            servers.append(server)
        }
        try server.startProcess()
        return server
    }

    private init(binaries: String) throws {
        self.binaries = binaries
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lake-pg-\(UUID().uuidString)").path
        port = try LocalPostgres.freeLoopbackPort()
        let options = LocalPostgres.Options(
            database: "postgres", binariesDirectory: binaries,
            settings: [
                "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "50",
            ],
            port: port)
        do {
            server = try LocalPostgres(directory: directory, options: options)
        } catch .binariesMissing {
            throw Failure.binariesMissing(directory: binaries)
        }
        startReaper()
    }

    /// Starts the server process (again, after `stop`), waiting until it accepts connections.
    public func startProcess() throws {
        try server.start()
    }

    /// Stops the server: `immediate` kills it without a shutdown checkpoint (a crash, as far as clients and
    /// recovery are concerned); otherwise a fast, clean shutdown.
    public func stop(immediate: Bool = false) throws {
        try server.stop(immediate ? .immediate : .fast)
    }

    /// Stops the server if it runs and removes its folder.
    public func destroy() {
        try? server.stop(.immediate)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Creates database `name` and returns its URL.
    public func createDatabase(_ name: String) throws -> String {
        try server.createDatabase(name)
        return url(database: name)
    }

    /// Runs `sql` with psql and returns its unaligned, tuples-only output (a peer check independent of our
    /// client code).
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let arguments = [
            "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", database, "-X", "-A", "-t", "-q", "-v",
            "ON_ERROR_STOP=1", "-c", sql,
        ]
        let result = try ChildProcess.run(binaries + "/psql", arguments)
        guard result.exitStatus == 0 else {
            throw Failure.commandFailed(
                command: "psql -c \(sql)", exitStatus: result.exitStatus, output: result.text + result.standardError)
        }
        return result.text.trimmingCharacters(in: .newlines)
    }

    /// A shell in its own session that stops the cluster and removes its folder once this process is gone.
    private func startReaper() {
        let asUser = getuid() == 0 ? "/usr/sbin/runuser -u postgres -- " : ""
        let stop = asUser + "'\(binaries)/pg_ctl' -D '\(directory)/data' -m immediate stop"
        let script =
            "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf '\(directory)'"
        let reaper = Process()
        reaper.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        reaper.arguments = ["/bin/sh", "-c", script]
        reaper.standardInput = FileHandle.nullDevice
        reaper.standardOutput = FileHandle.nullDevice
        reaper.standardError = FileHandle.nullDevice
        try? reaper.run()
    }

    private static func stopAllAtExit() {
        let servers = startedServers.withLock { $0 }
        for server in servers { server.destroy() }
    }
}

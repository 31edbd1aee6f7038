import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster for tests: `initdb` into a temporary folder, listening on 127.0.0.1 and a unix
/// socket inside that folder only, on a free port, run as the `postgres` OS user when the tests run as root.
///
/// `shared()` starts one cluster per test process on first use; it is stopped when the process exits (an
/// `atexit` handler) or, if the process dies without exiting, by a reaper shell (started with `setsid`) that
/// polls the test process and stops the cluster and removes its folder once the process is gone. Tests that
/// stop or kill the server use a cluster of their own from `start()`.
///
/// Tests fail (never skip) when the PostgreSQL binaries are missing: `start()` throws `binariesMissing`. The
/// binaries are looked up in `LAKE_PG_BIN`, else `/usr/lib/postgresql/15/bin`.
///
/// Spec: spec/warehouse.md §8 (testing).
public final class PostgresServer: @unchecked Sendable {
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

    /// The folder holding the cluster's data, socket and log.
    public let directory: String
    public let port: Int
    private let binaries: String
    private let asUser: [String]
    private let isRunning = Mutex(false)

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
        let binaries = ProcessInfo.processInfo.environment["LAKE_PG_BIN"] ?? "/usr/lib/postgresql/15/bin"
        for tool in ["initdb", "pg_ctl", "postgres"]
        where !FileManager.default.isExecutableFile(atPath: binaries + "/" + tool) {
            throw Failure.binariesMissing(directory: binaries)
        }
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
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        asUser = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: directory)
        }
        port = try Self.freePort()
        try run(
            binaries + "/initdb",
            [
                "-D", directory + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync",
            ])
        let settings = """

            listen_addresses = '127.0.0.1'
            port = \(port)
            unix_socket_directories = '\(directory)'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 50

            """
        let configuration = FileHandle(forWritingAtPath: directory + "/data/postgresql.conf")
        configuration?.seekToEndOfFile()
        configuration?.write(Data(settings.utf8))
        try configuration?.close()
        startReaper()
    }

    /// Starts the server process (again, after `stop`), waiting until it accepts connections.
    public func startProcess() throws {
        try run(binaries + "/pg_ctl", ["-D", directory + "/data", "-l", directory + "/server.log", "-w", "start"])
        isRunning.withLock { $0 = true }
    }

    /// Stops the server: `immediate` kills it without a shutdown checkpoint (a crash, as far as clients and
    /// recovery are concerned); otherwise a fast, clean shutdown.
    public func stop(immediate: Bool = false) throws {
        try run(
            binaries + "/pg_ctl", ["-D", directory + "/data", "-m", immediate ? "immediate" : "fast", "-w", "stop"])
        isRunning.withLock { $0 = false }
    }

    /// Stops the server if it runs and removes its folder.
    public func destroy() {
        if isRunning.withLock({ $0 }) { try? stop(immediate: true) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Creates database `name` and returns its URL.
    public func createDatabase(_ name: String) throws -> String {
        try run(binaries + "/createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name])
        return url(database: name)
    }

    /// Runs `sql` with psql and returns its unaligned, tuples-only output (a peer check independent of our
    /// client code).
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let command = [
            binaries + "/psql", "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", database,
            "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql,
        ]
        let (status, output) = try Self.spawn(command, wait: true)
        guard status == 0 else {
            throw Failure.commandFailed(command: "psql -c \(sql)", exitStatus: status, output: output)
        }
        return output.trimmingCharacters(in: .newlines)
    }

    private func run(_ executable: String, _ arguments: [String]) throws {
        let command = asUser + [executable] + arguments
        let (status, output) = try Self.spawn(command, wait: true)
        guard status == 0 else {
            throw Failure.commandFailed(command: command.joined(separator: " "), exitStatus: status, output: output)
        }
    }

    /// Runs `command` with posix_spawn (stdout and stderr into a temporary file) and, with `wait`, waits for it
    /// with waitpid. Foundation's `Process` is not used here: its child monitoring missed the exit of `pg_ctl`
    /// (whose server keeps running in the background) and hung the tests.
    private static func spawn(_ command: [String], wait: Bool) throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lake-pg-out-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if wait {
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, &arguments, environ)
        guard spawned == 0 else {
            throw Failure.commandFailed(
                command: command.joined(separator: " "), exitStatus: spawned, output: "spawn failed")
        }
        guard wait else { return (0, "") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7F == 0
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), output)
    }

    /// A shell in its own session that stops the cluster and removes its folder once this process is gone.
    private func startReaper() {
        let stop = (asUser + [binaries + "/pg_ctl", "-D", directory + "/data", "-m", "immediate", "stop"])
            .joined(separator: " ")
        let script =
            "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf '\(directory)'"
        _ = try? Self.spawn(["/usr/bin/setsid", "/bin/sh", "-c", script], wait: false)
    }

    private static func stopAllAtExit() {
        let servers = startedServers.withLock { $0 }
        for server in servers { server.destroy() }
    }

    /// A port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.commandFailed(command: "socket", exitStatus: errno, output: "") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw Failure.commandFailed(command: "bind 127.0.0.1:0", exitStatus: errno, output: "") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

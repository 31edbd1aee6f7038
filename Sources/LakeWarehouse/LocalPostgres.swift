import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A PostgreSQL server of the lake's own, for runs that were given no warehouse URL (the pipeline demo) and for
/// tests: its cluster lives in a folder the caller chooses, it listens on 127.0.0.1 only, on a port that was free
/// when it started, plus a unix socket in a short temporary folder, and trusts every connection (no password).
///
/// ```swift
/// let server = try LocalPostgres(directory: root + "/_lake/postgres")
/// let url = try server.start()          // initdb the first time, then start; creates database "lake"
/// defer { try? server.stop() }
/// let connection = try WarehouseConnection(url)
/// ```
///
/// Layout of `directory`: `data/` (the cluster, made by `initdb` on the first start and reused afterwards) and
/// `server.log`. The port (unless `Options.port` fixes it) and the socket folder are chosen anew at each start
/// and passed on the command line, so an existing cluster never binds a stale port and never listens beyond
/// loopback whatever its `postgresql.conf` says.
///
/// - Root: PostgreSQL refuses to run as root, so when the process runs as root every program runs as the OS user
///   `postgres` (`runuser`), `directory` is handed to that user (mode 0700) and every parent folder must be
///   searchable by it.
/// - A killed earlier run: a `postmaster.pid` naming a live server of this cluster (left running because the run
///   that started it was killed) makes `start` stop that server first; one naming a dead process, or a process
///   that is not this cluster's server (a reused pid), is removed. After a crash the server runs its own
///   recovery on start.
/// - Lifetime: the server runs until `stop()`; dropping the value does not stop it. `start` on a value whose
///   server has died starts it again.
/// - One process per folder: two processes starting the same folder at once are not coordinated.
/// - Trust authentication: any local OS user can connect as the superuser `postgres`. That suits a private demo
///   server on loopback, not shared machines.
///
/// Spec: spec/warehouse.md §9 (local server).
public final class LocalPostgres: Sendable {
    /// Where Debian and Ubuntu install PostgreSQL 15's programs.
    public static let defaultBinariesDirectory = "/usr/lib/postgresql/15/bin"
    /// The environment variable that overrides `defaultBinariesDirectory` (see `binariesDirectory(environment:)`).
    public static let binariesEnvironmentVariable = "LAKE_PG_BIN"
    /// The database superuser every URL of this server names.
    public static let superuser = "postgres"
    /// The OS user that runs the server when this process runs as root.
    public static let serverOSUser = "postgres"
    static let requiredTools = ["initdb", "pg_ctl", "postgres"]
    /// Attempts at `pg_ctl start`, each on a freshly chosen port (another process may take the port between the
    /// probe and the server's bind).
    static let startAttemptsMax = 3
    /// How long `pg_ctl` waits for the server to start or stop (crash recovery included).
    static let serverWaitSecondsMax = 120
    static let runuserPath = "/usr/sbin/runuser"

    /// How the server is made and run.
    public struct Options: Sendable, Hashable {
        /// The database `start` creates (when missing) and whose URL it returns.
        public var database: String
        /// The folder holding `initdb`, `pg_ctl` and `postgres`.
        public var binariesDirectory: String
        /// Server settings passed as `-c name=value` at every start (e.g. `["fsync": "off"]` for tests). Names
        /// and values are limited to `[A-Za-z0-9_.:-]`.
        public var settings: [String: String]
        /// The port to listen on at every start; nil picks one that is free at each start (URLs then change
        /// from one start to the next).
        public var port: Int?

        public init(
            database: String = "lake", binariesDirectory: String = LocalPostgres.defaultBinariesDirectory,
            settings: [String: String] = [:], port: Int? = nil
        ) {
            self.database = database
            self.binariesDirectory = binariesDirectory
            self.settings = settings
            self.port = port
        }
    }

    /// How `stop` shuts the server down (`pg_ctl stop -m`).
    public enum ShutdownMode: String, Sendable, Hashable {
        /// Waits for clients to disconnect.
        case smart
        /// Disconnects clients, rolls back their transactions and writes a shutdown checkpoint.
        case fast
        /// Kills the server without a checkpoint: the next start runs crash recovery.
        case immediate
    }

    /// What a running server was started with.
    struct Running: Sendable {
        var port: Int
        var socketDirectory: String
    }

    /// The folder holding `data/` and `server.log`.
    public let directory: String
    public let options: Options
    /// The `runuser` prefix of every command when running as root, else empty.
    let asServerUser: [String]
    private let running = Mutex<Running?>(nil)

    /// The cluster's data directory.
    public var dataDirectory: String { directory + "/data" }
    /// The server's log file (appended to by every start).
    public var logPath: String { directory + "/server.log" }
    /// The port the server listens on, while it runs.
    public var port: Int? { running.withLock { $0?.port } }
    /// The folder of the server's unix socket, while it runs.
    public var socketDirectory: String? { running.withLock { $0?.socketDirectory } }
    public var isRunning: Bool { running.withLock { $0 != nil } }

    /// `environment[binariesEnvironmentVariable]`, else `defaultBinariesDirectory`.
    public static func binariesDirectory(environment: [String: String]) -> String {
        environment[binariesEnvironmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultBinariesDirectory
    }

    /// Checks the programs and options; touches nothing on disk (`start` does).
    /// - Throws: `binariesMissing` naming the missing programs; `invalidSetting` (also for a port outside
    ///   1...65535); `serverUserMissing` when
    ///   running as root without a `postgres` OS user; `unusableDirectory` for an empty path.
    public init(directory: String, options: Options = Options()) throws(LocalPostgresError) {
        guard !directory.isEmpty else { throw .unusableDirectory(path: directory, reason: "empty path") }
        var folder = directory
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        self.directory = folder
        self.options = options
        let missing = Self.requiredTools.filter { access(options.binariesDirectory + "/" + $0, X_OK) != 0 }
        guard missing.isEmpty else { throw .binariesMissing(directory: options.binariesDirectory, tools: missing) }
        for (name, value) in options.settings where !Self.isSafeSettingText(name) || !Self.isSafeSettingText(value) {
            throw .invalidSetting(name: name, value: value)
        }
        if let port = options.port, !(1...65_535).contains(port) {
            throw .invalidSetting(name: "port", value: String(port))
        }
        if geteuid() == 0 {
            guard getpwnam(Self.serverOSUser) != nil else { throw .serverUserMissing(name: Self.serverOSUser) }
            guard access(Self.runuserPath, X_OK) == 0 else {
                throw .binariesMissing(directory: "/usr/sbin", tools: ["runuser"])
            }
            asServerUser = [Self.runuserPath, "-u", Self.serverOSUser, "--"]
        } else {
            asServerUser = []
        }
    }

    /// Starts the server, creating the cluster on first use and `options.database` when missing, and returns the
    /// database's URL. Waits until the server accepts connections.
    /// - Throws: `unusableDirectory` when the folder cannot be created, handed to the server user, or holds a
    ///   `data/` folder that is not a cluster; `commandFailed` when `initdb` or stopping a leftover server fails;
    ///   `startFailed` with the end of the server log; `warehouse` when the database cannot be created (the server
    ///   is stopped again). Starting a running server returns its URL.
    @discardableResult
    public func start() throws(LocalPostgresError) -> WarehouseURL {
        try running.withLock { (running: inout Running?) throws(LocalPostgresError) in
            if let current = running, !isServerAlive() {
                // The server died (killed, or stopped behind our back): start it again.
                Self.removeFlatDirectory(current.socketDirectory)
                running = nil
            }
            if running == nil { running = try startServer() }
        }
        do {
            try createDatabase(options.database)
        } catch {
            try? stop(.fast)
            throw error
        }
        return try url(database: options.database)
    }

    /// Stops the server and removes its socket folder; does nothing when it is not running, and succeeds when the
    /// server has died meanwhile.
    /// - Throws: `commandFailed` when `pg_ctl stop` fails while the server still runs.
    public func stop(_ mode: ShutdownMode = .fast) throws(LocalPostgresError) {
        try running.withLock { (running: inout Running?) throws(LocalPostgresError) in
            guard let current = running else { return }
            do throws(LocalPostgresError) {
                try runCommand(
                    asServerUser + [
                        options.binariesDirectory + "/pg_ctl", "-D", dataDirectory, "-m", mode.rawValue, "-w", "-t",
                        String(Self.serverWaitSecondsMax), "stop",
                    ])
            } catch {
                // A server that is gone already (killed) counts as stopped.
                guard !isServerAlive() else { throw error }
            }
            running = nil
            Self.removeFlatDirectory(current.socketDirectory)
        }
    }

    /// `postgresql://postgres@127.0.0.1:<port>/<database>`, the database name percent-encoded; nil when the server
    /// is not running.
    public func urlText(database: String) -> String? {
        guard let port else { return nil }
        return "postgresql://\(Self.superuser)@127.0.0.1:\(port)/" + Self.percentEncoded(database)
    }

    /// The URL of `database` on the running server.
    /// - Throws: `notRunning`; `warehouse(.invalidURL)` should libpq refuse the text.
    public func url(database: String) throws(LocalPostgresError) -> WarehouseURL {
        guard let text = urlText(database: database) else { throw .notRunning }
        do {
            return try WarehouseURL(text)
        } catch {
            throw .warehouse(error)
        }
    }

    /// Creates database `name` unless it exists (two callers racing both succeed).
    /// - Throws: `notRunning`; `warehouse` when connecting or `CREATE DATABASE` fails.
    public func createDatabase(_ name: String) throws(LocalPostgresError) {
        let maintenance = try url(database: "postgres")
        do {
            let connection = try WarehouseConnection(maintenance)
            let exists = try connection.execute("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", [name])
            guard exists.rows.isEmpty else { return }
            do {
                try connection.execute("CREATE DATABASE \(try SQLIdentifier.quote(name))")
            } catch .server(let state, _) where state == "42P04" {
                // duplicate_database: created by a concurrent caller.
            }
        } catch {
            throw .warehouse(error)
        }
    }

    // MARK: - Starting

    /// Prepares the folder and cluster, clears a leftover server, and runs `pg_ctl start`.
    private func startServer() throws(LocalPostgresError) -> Running {
        try prepareDirectory()
        try initializeClusterIfNeeded()
        try clearLeftoverServer()
        var lastFailure = ""
        for attempt in 1...Self.startAttemptsMax {
            let port: Int
            if let fixed = options.port { port = fixed } else { port = try Self.freeLoopbackPort() }
            let socketDirectory = try makeSocketDirectory()
            var serverOptions = ["-c", "listen_addresses=127.0.0.1", "-p", String(port), "-k", socketDirectory]
            for (name, value) in options.settings.sorted(by: { $0.key < $1.key }) {
                serverOptions += ["-c", "\(name)=\(value)"]
            }
            do {
                try runCommand(
                    asServerUser + [
                        options.binariesDirectory + "/pg_ctl", "-D", dataDirectory, "-l", logPath, "-w", "-t",
                        String(Self.serverWaitSecondsMax), "-o", serverOptions.joined(separator: " "), "start",
                    ])
                return Running(port: port, socketDirectory: socketDirectory)
            } catch {
                lastFailure = "\(error)"
                Self.removeFlatDirectory(socketDirectory)
                // A server that came up after pg_ctl gave up waiting must not stay behind unmanaged.
                try? clearLeftoverServer()
                if attempt < Self.startAttemptsMax { usleep(500_000) }
            }
        }
        throw .startFailed(
            attempts: Self.startAttemptsMax, reason: lastFailure, logTail: Self.fileTail(logPath, bytesMax: 2_048))
    }

    /// Creates `directory` (and missing parents); as root, hands it to the server user and checks that user can
    /// reach it.
    private func prepareDirectory() throws(LocalPostgresError) {
        try Self.makeDirectories(directory)
        guard !asServerUser.isEmpty else { return }
        guard let user = getpwnam(Self.serverOSUser) else { throw .serverUserMissing(name: Self.serverOSUser) }
        let (uid, gid) = (user.pointee.pw_uid, user.pointee.pw_gid)
        guard chown(directory, uid, gid) == 0 else {
            throw .unusableDirectory(path: directory, reason: "chown to \(Self.serverOSUser): \(Self.errorText(errno))")
        }
        guard chmod(directory, 0o700) == 0 else {
            throw .unusableDirectory(path: directory, reason: "chmod 0700: \(Self.errorText(errno))")
        }
        let (status, _) = try Self.spawn(asServerUser + ["/usr/bin/test", "-w", directory, "-a", "-x", directory])
        guard status == 0 else {
            throw .unusableDirectory(
                path: directory,
                reason: "the OS user \(Self.serverOSUser) cannot reach it; every parent folder must be searchable "
                    + "by that user (put the lake root outside /root, or chmod o+x its parents)")
        }
    }

    /// Runs `initdb` unless `data/PG_VERSION` exists.
    private func initializeClusterIfNeeded() throws(LocalPostgresError) {
        if access(dataDirectory + "/PG_VERSION", F_OK) == 0 { return }
        if access(dataDirectory, F_OK) == 0 && !Self.isEmptyDirectory(dataDirectory) {
            throw .unusableDirectory(
                path: dataDirectory,
                reason: "exists, is not empty, and holds no PG_VERSION: not a PostgreSQL cluster (an interrupted "
                    + "initdb?); remove it to start afresh")
        }
        try runCommand(
            asServerUser + [
                options.binariesDirectory + "/initdb", "-D", dataDirectory, "-U", Self.superuser, "--auth=trust",
                "-E", "UTF8", "--locale=C",
            ])
    }

    /// Whether `data/postmaster.pid` names a live server of this cluster.
    private func isServerAlive() -> Bool {
        let text = Self.fileHead(dataDirectory + "/postmaster.pid", bytesMax: 64)
        guard let line = text.split(separator: "\n").first, let pid = pid_t(String(line).trimmingNewlines()), pid > 0
        else { return false }
        return Self.isAlive(pid) && Self.isServer(pid, of: dataDirectory)
    }

    /// Handles `postmaster.pid` from an earlier run: stops the server it names when that server is alive and
    /// serves this cluster, else removes the file.
    private func clearLeftoverServer() throws(LocalPostgresError) {
        let pidPath = dataDirectory + "/postmaster.pid"
        guard access(pidPath, F_OK) == 0 else { return }
        let lines = Self.fileHead(pidPath, bytesMax: 4_096).split(separator: "\n", omittingEmptySubsequences: false)
        let pid = lines.first.flatMap { pid_t(String($0).trimmingNewlines()) }
        if let pid, pid > 0, Self.isAlive(pid), Self.isServer(pid, of: dataDirectory) {
            try runCommand(
                asServerUser + [
                    options.binariesDirectory + "/pg_ctl", "-D", dataDirectory, "-m", "fast", "-w", "-t",
                    String(Self.serverWaitSecondsMax), "stop",
                ])
        } else {
            guard unlink(pidPath) == 0 || errno == ENOENT else {
                throw .unusableDirectory(path: pidPath, reason: "cannot remove stale file: \(Self.errorText(errno))")
            }
        }
        // Line 5 names the socket folder of that run; remove it when it is one of ours.
        if lines.count > 4 {
            let socketFolder = String(lines[4])
            if socketFolder.hasPrefix(Self.socketDirectoryPrefix) { Self.removeFlatDirectory(socketFolder) }
        }
    }

    /// A new `/tmp/lake-pg-XXXXXX` folder, owned by the server user: short, because a socket path may hold at
    /// most 107 bytes and a lake root may be deep.
    private func makeSocketDirectory() throws(LocalPostgresError) -> String {
        var template = Array((Self.socketDirectoryPrefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkdtemp($0) != nil } ?? false
        }
        guard made else { throw .system(call: "mkdtemp", code: errno) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if !asServerUser.isEmpty, let user = getpwnam(Self.serverOSUser) {
            guard chown(path, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                let code = errno
                Self.removeFlatDirectory(path)
                throw .system(call: "chown \(path)", code: code)
            }
        }
        return path
    }

    static let socketDirectoryPrefix = "/tmp/lake-pg-"

    /// Whether `text` may travel inside `pg_ctl -o` (which passes it through a shell) unquoted.
    static func isSafeSettingText(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
                    || byte == UInt8(ascii: "-")
            }
    }

    /// `text` with every byte outside the URI unreserved set percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            let unreserved =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~")
            if unreserved {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

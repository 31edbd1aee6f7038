import Foundation
import LakeWarehouse
import Testing

/// `LocalPostgres` against the real PostgreSQL 15 programs: each test runs a server of its own in a folder of its
/// own, as the pipeline demo does under `<lake root>/_lake/postgres`.
@Suite(.serialized) struct LocalPostgresTests {
    /// A fresh folder for one server, removed (after stopping the server) by `cleanUp`.
    static func makeFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "lake-local-pg-\(UUID().uuidString)/_lake/postgres"
        ).path
    }

    static func options(database: String = "lake") -> LocalPostgres.Options {
        LocalPostgres.Options(
            database: database,
            binariesDirectory: LocalPostgres.binariesDirectory(environment: ProcessInfo.processInfo.environment),
            settings: ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"])
    }

    static func cleanUp(_ server: LocalPostgres) {
        try? server.stop(.immediate)
        // directory is <temp>/lake-local-pg-<uuid>/_lake/postgres: remove the whole <temp>/lake-local-pg-<uuid>.
        let root = URL(fileURLWithPath: server.directory).deletingLastPathComponent().deletingLastPathComponent()
        try? FileManager.default.removeItem(at: root)
    }

    /// The pid in the first line of `data/postmaster.pid`.
    static func postmasterPID(_ server: LocalPostgres) throws -> pid_t {
        let text = try String(contentsOfFile: server.dataDirectory + "/postmaster.pid", encoding: .utf8)
        return try #require(text.split(separator: "\n").first.flatMap { pid_t($0) })
    }

    static func waitUntilGone(_ pid: pid_t) {
        for _ in 0..<200 where kill(pid, 0) == 0 { usleep(50_000) }
    }

    @Test func startCreatesTheClusterAndDatabaseAndListensOnLoopbackOnly() throws {
        let server = try LocalPostgres(directory: Self.makeFolder(), options: Self.options())
        defer { Self.cleanUp(server) }
        let url = try server.start()
        #expect(server.isRunning)
        #expect(FileManager.default.fileExists(atPath: server.dataDirectory + "/PG_VERSION"))
        #expect(url.description == "postgres://postgres@127.0.0.1:\(try #require(server.port))/lake")
        let connection = try WarehouseConnection(url)
        #expect(try connection.execute("SELECT current_database()").scalar == "lake")
        #expect(try connection.execute("SHOW listen_addresses").scalar == "127.0.0.1")
        #expect(try connection.execute("SHOW fsync").scalar == "off")
        let socketFolder = try #require(server.socketDirectory)
        #expect(socketFolder.hasPrefix("/tmp/lake-pg-"))
        #expect(try connection.execute("SHOW unix_socket_directories").scalar == socketFolder)
        // A second start of a running server is harmless and returns the same URL.
        #expect(try server.start().description == url.description)
    }

    @Test func stopShutsTheServerDownAndRemovesTheSocketFolder() throws {
        let server = try LocalPostgres(directory: Self.makeFolder(), options: Self.options())
        defer { Self.cleanUp(server) }
        let url = try server.start()
        let socketFolder = try #require(server.socketDirectory)
        try server.stop()
        #expect(!server.isRunning)
        #expect(server.port == nil)
        #expect(!FileManager.default.fileExists(atPath: socketFolder))
        #expect(!FileManager.default.fileExists(atPath: server.dataDirectory + "/postmaster.pid"))
        #expect(throws: WarehouseError.self) { try WarehouseConnection(url) }
        #expect(throws: LocalPostgresError.notRunning) { try server.url(database: "lake") }
        try server.stop()  // stopping a stopped server does nothing
    }

    @Test func restartOnTheSameFolderKeepsTheData() throws {
        let folder = Self.makeFolder()
        let first = try LocalPostgres(directory: folder, options: Self.options())
        defer { Self.cleanUp(first) }
        let connection = try WarehouseConnection(try first.start())
        try connection.execute("CREATE TABLE kept (id bigint PRIMARY KEY, label text)")
        try connection.execute("INSERT INTO kept SELECT g, 'row ' || g FROM generate_series(1, 500) g")
        try first.stop()
        let versionFile = try FileManager.default.attributesOfItem(atPath: folder + "/data/PG_VERSION")

        var fixedPort = Self.options()
        fixedPort.port = try LocalPostgres.freeLoopbackPort()
        let second = try LocalPostgres(directory: folder, options: fixedPort)
        defer { Self.cleanUp(second) }
        let secondURL = try second.start()
        #expect(second.port == fixedPort.port)
        let again = try WarehouseConnection(secondURL)
        #expect(try again.execute("SELECT count(*), sum(id) FROM kept").rows == [["500", "125250"]])
        // The cluster was reused, not made again.
        let versionFileAfter = try FileManager.default.attributesOfItem(atPath: folder + "/data/PG_VERSION")
        #expect(versionFile[.modificationDate] as? Date == versionFileAfter[.modificationDate] as? Date)
        // With a fixed port, a URL taken before a restart stays valid after it.
        try second.stop()
        try second.start()
        #expect(try WarehouseConnection(secondURL).execute("SELECT count(*) FROM kept").scalar == "500")
        try second.stop()
    }

    @Test func startRecoversAfterTheServerWasKilled() throws {
        let folder = Self.makeFolder()
        let first = try LocalPostgres(directory: folder, options: Self.options())
        defer { Self.cleanUp(first) }
        let connection = try WarehouseConnection(try first.start())
        try connection.execute("CREATE TABLE survivors AS SELECT g AS id FROM generate_series(1, 100) g")
        try connection.execute("CHECKPOINT")
        let pid = try Self.postmasterPID(first)
        #expect(kill(pid, SIGKILL) == 0)
        Self.waitUntilGone(pid)
        #expect(FileManager.default.fileExists(atPath: folder + "/data/postmaster.pid"))  // left behind

        let second = try LocalPostgres(directory: folder, options: Self.options())
        defer { Self.cleanUp(second) }
        let again = try WarehouseConnection(try second.start())
        #expect(try again.execute("SELECT count(*) FROM survivors").scalar == "100")
        try second.stop()
    }

    @Test func aServerThatDiedIsStartedAgainAndStoppingItSucceeds() throws {
        let server = try LocalPostgres(directory: Self.makeFolder(), options: Self.options())
        defer { Self.cleanUp(server) }
        try server.start()
        var pid = try Self.postmasterPID(server)
        #expect(kill(pid, SIGKILL) == 0)
        Self.waitUntilGone(pid)
        #expect(server.isRunning)  // as far as the value knows
        let url = try server.start()  // notices the death and starts it again
        #expect(try WarehouseConnection(url).execute("SELECT 1").scalar == "1")
        pid = try Self.postmasterPID(server)
        #expect(kill(pid, SIGKILL) == 0)
        Self.waitUntilGone(pid)
        try server.stop()
        #expect(!server.isRunning)
    }

    @Test func startStopsAServerLeftRunningByAnEarlierRun() throws {
        let folder = Self.makeFolder()
        // An earlier run that was killed before it could stop its server: its handle is simply never used again.
        let earlier = try LocalPostgres(directory: folder, options: Self.options())
        defer { Self.cleanUp(earlier) }
        let earlierURL = try earlier.start()
        let earlierPID = try Self.postmasterPID(earlier)

        let later = try LocalPostgres(directory: folder, options: Self.options())
        defer { Self.cleanUp(later) }
        let url = try later.start()
        Self.waitUntilGone(earlierPID)
        #expect(kill(earlierPID, 0) != 0)
        #expect(throws: WarehouseError.self) { try WarehouseConnection(earlierURL) }
        #expect(try WarehouseConnection(url).execute("SELECT 1").scalar == "1")
        try later.stop()
    }

    @Test func startRemovesAPidFileNamingAProcessThatIsNotThisServer() throws {
        let folder = Self.makeFolder()
        let first = try LocalPostgres(directory: folder, options: Self.options())
        defer { Self.cleanUp(first) }
        try first.start()
        try first.stop()
        // pid 1 is alive but is not this cluster's server (as after a reboot reused the pid); PostgreSQL itself
        // would refuse to start with this file in place.
        let stale = "1\n\(folder)/data\n1700000000\n5432\n/tmp/lake-pg-gone\n127.0.0.1\n  5432001         0\nready\n"
        try stale.write(toFile: folder + "/data/postmaster.pid", atomically: true, encoding: .utf8)
        let url = try first.start()
        #expect(try WarehouseConnection(url).execute("SELECT 1").scalar == "1")
        try first.stop()
    }

    @Test func databaseNamesNeedingEscapesWork() throws {
        let server = try LocalPostgres(directory: Self.makeFolder(), options: Self.options(database: "lake demo/ü"))
        defer { Self.cleanUp(server) }
        let url = try server.start()
        #expect(try WarehouseConnection(url).execute("SELECT current_database()").scalar == "lake demo/ü")
        #expect(server.urlText(database: "lake demo/ü")?.hasSuffix("/lake%20demo%2F%C3%BC") == true)
        try server.createDatabase("second")
        try server.createDatabase("second")  // exists already: nothing to do
        #expect(try WarehouseConnection(try server.url(database: "second")).isAlive)
        try server.stop()
    }

    @Test func missingProgramsAreReportedByName() throws {
        var options = Self.options()
        options.binariesDirectory = "/nonexistent/pg/bin"
        #expect(
            throws: LocalPostgresError.binariesMissing(
                directory: "/nonexistent/pg/bin", tools: ["initdb", "pg_ctl", "postgres"])
        ) {
            try LocalPostgres(directory: Self.makeFolder(), options: options)
        }
        let message = "\(LocalPostgresError.binariesMissing(directory: "/x", tools: ["initdb"]))"
        #expect(message.contains("LAKE_PG_BIN") && message.contains("initdb"))
        #expect(LocalPostgres.binariesDirectory(environment: ["LAKE_PG_BIN": "/opt/pg/bin"]) == "/opt/pg/bin")
        #expect(LocalPostgres.binariesDirectory(environment: [:]) == LocalPostgres.defaultBinariesDirectory)
    }

    @Test func settingsThatCouldEscapeTheCommandLineAreRefused() throws {
        var options = Self.options()
        options.settings = ["work_mem": "64MB; touch /tmp/x"]
        #expect(throws: LocalPostgresError.invalidSetting(name: "work_mem", value: "64MB; touch /tmp/x")) {
            try LocalPostgres(directory: Self.makeFolder(), options: options)
        }
    }

    @Test func aDataFolderThatIsNotAClusterIsNotOverwritten() throws {
        let folder = Self.makeFolder()
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        try "keep me".write(toFile: folder + "/data/notes.txt", atomically: true, encoding: .utf8)
        let server = try LocalPostgres(directory: folder, options: Self.options())
        defer { Self.cleanUp(server) }
        #expect {
            try server.start()
        } throws: { error in
            guard case .unusableDirectory(let path, _)? = error as? LocalPostgresError else { return false }
            return path == folder + "/data"
        }
        #expect(try String(contentsOfFile: folder + "/data/notes.txt", encoding: .utf8) == "keep me")
    }
}

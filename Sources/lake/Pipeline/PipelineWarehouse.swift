import ArgumentParser
import Foundation
import LakeCore
import LakeWarehouse

#if canImport(Glibc)
    import Glibc
#endif

/// The warehouse of a pipeline command: `--warehouse`, else `$LAKE_WAREHOUSE_URL`, else a PostgreSQL of the lake's
/// own under `<root>/_lake/postgres` (`LocalPostgres`), started here and stopped by `stop()`.
final class PipelineWarehouse {
    let url: WarehouseURL
    private let server: LocalPostgres?

    init(option: String?, root: String, progress: (String) -> Void) throws {
        if let text = option ?? ProcessInfo.processInfo.environment[WarehouseURL.environmentVariable],
            !text.isEmpty
        {
            url = try WarehouseURL(text)
            server = nil
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let options = LocalPostgres.Options(
            binariesDirectory: LocalPostgres.binariesDirectory(environment: environment))
        var server = try LocalPostgres(directory: root + "/_lake/postgres", options: options)
        progress("no warehouse URL given: starting a local PostgreSQL in \(server.directory)")
        var started: WarehouseURL?
        var failure: LocalPostgresError?
        do {
            started = try server.start()
        } catch {
            failure = error
        }
        if let failure {
            // As root the server runs as `postgres`, which cannot enter a root-only home (a clone under /root):
            // fall back to a folder of this lake root's own under /tmp, reused by later runs.
            guard geteuid() == 0 && !root.hasPrefix("/tmp/") else { throw failure }
            let fallback = "/tmp/lake-postgres-" + Self.folderKey(root)
            progress("starting in \(server.directory) failed (\(failure)); trying \(fallback)")
            server = try LocalPostgres(directory: fallback, options: options)
            started = try server.start()
        }
        guard let started else { throw ValidationError("the local PostgreSQL did not start") }
        url = started
        self.server = server
        progress("local PostgreSQL at \(url)")
    }

    /// 8 hex digits naming `root`, for a fallback folder that stays the same across runs.
    static func folderKey(_ root: String) -> String {
        let hex = String(CRC32.checksum(Array(root.utf8)), radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    /// Stops the server this value started, if any.
    func stop() {
        guard let server else { return }
        do {
            try server.stop()
        } catch {
            ProgressLine.writeError("warning: stopping the local PostgreSQL failed: \(error)\n")
        }
    }
}

import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Synchronization
import Testing

/// Two `deltalake` (delta-rs) processes and two of our threads append to one table at the same time: the log
/// serializes them through put-if-absent, so every commit lands exactly once and both engines read the same rows.
@Suite struct TablePeerRaceTests {
    static let peerCommits = 5
    static let peerRowsPerCommit: Int64 = 3
    static let ourCommits = 16

    @Test func deltalakeProcessesAndOurThreadsAppendingConcurrentlyEachCommitOnce() throws {
        try PythonPeer.requireModules(["deltalake", "pyarrow"])
        let scratch = try ScratchDirectory("peer-race")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        let path = scratch.url.appendingPathComponent("t").path
        let peerStarts: [Int64] = [5_000, 6_000]
        let ourStarts: [Int64] = [1_000, 2_000]
        let peerFailures = Mutex<[String]>([])
        let ourVersions = Mutex<[Int64]>([])
        let ourFailures = Mutex<[String]>([])
        let group = DispatchGroup()
        for start in peerStarts {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    _ = try PythonPeer.run("delta_append_loop.py", [path, String(Self.peerCommits), String(start)])
                } catch {
                    peerFailures.withLock { $0.append("peer \(start): \(error)") }
                }
            }
        }
        for start in ourStarts {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for commit in 0..<Self.ourCommits {
                    let first = start + Int64(commit) * 3
                    do {
                        let outcome = try table.append([TableRows.batch(first..<first + 3, seed: UInt64(first))])
                        ourVersions.withLock { $0.append(outcome.version) }
                    } catch {
                        ourFailures.withLock { $0.append("ours \(first): \(error)") }
                    }
                    usleep(80_000)
                }
            }
        }
        group.wait()
        #expect(peerFailures.withLock { $0 } == [])
        #expect(ourFailures.withLock { $0 } == [])

        let commitCount = Int64(peerStarts.count * Self.peerCommits + ourStarts.count * Self.ourCommits)
        let latest = try table.snapshot().version
        #expect(latest == commitCount, "one version per append")
        let logNames = try scratch.store.list(prefix: "t/_delta_log/", after: nil).map(\.path)
            .filter { $0.hasSuffix(".json") }
        #expect(logNames == (0...latest).map { "t/_delta_log/" + LogFileName.commitName($0) }, "no gaps")
        let versions = ourVersions.withLock { $0 }
        #expect(Set(versions).count == versions.count, "our appends got distinct versions")
        for version in 1...latest {
            let rows = try table.scan(version: version).readAll().reduce(0) { $0 + $1.rowCount }
            #expect(rows == Int(version) * 3, "every commit adds exactly its 3 rows (version \(version))")
        }

        let ours = TableRows.canonical(try table.scan().readAll())
        var expectedIds: [Int64] = []
        for start in peerStarts {
            expectedIds += Array(start..<start + Int64(Self.peerCommits) * Self.peerRowsPerCommit)
        }
        for start in ourStarts { expectedIds += Array(start..<start + Int64(Self.ourCommits) * 3) }
        #expect(ours.compactMap { $0["id"] } == expectedIds.sorted().map { "i:\($0)" })

        let output = try PythonPeer.run("delta_read_table.py", [path])
        let document = try #require(try JSONParser.parse(output.text).objectValue)
        #expect(document["version"]?.int64Value == latest)
        let peerRows = try #require(document["rows"]?.arrayValue)
        #expect(TableRows.canonical(peerRows: peerRows, schema: TableRows.schema) == ours)
    }
}

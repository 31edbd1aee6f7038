import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

/// `lake checkpoint` and the checkpoint line of `lake describe`, run through the built `lake` executable.
@Suite struct LakeCheckpointCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "lake-cli-checkpoint-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func lake(_ arguments: String...) throws -> ChildProcess.Result {
        let binary =
            try ProcessInfo.processInfo.environment["LAKE_BINARY"]
            ?? FixturePaths.repositoryRoot().appendingPathComponent(".build/debug/lake").path
        return try ChildProcess.run(binary, arguments, secondsMax: 120)
    }

    @Test func checkpointCommandWritesTheCheckpointAndDescribeShowsIt() throws {
        let schema = Schema([Field("id", .int64, nullable: false)])
        let table = Table(store: LocalObjectStore(root: directory.path))
        try table.create(schema: schema, properties: ["delta.checkpointInterval": "100"])
        for step in Int64(0)..<3 {
            var id = ColumnBuilder(type: .int64)
            try id.append(.int(step))
            try table.append([Batch(schema: schema, columns: [id.build()])])
        }
        let before = try lake("describe", directory.path)
        #expect(before.exitStatus == 0 && before.text.contains("last checkpoint: none"), "\(before.text)")

        let result = try lake("checkpoint", directory.path)
        #expect(result.exitStatus == 0, "\(result.standardError)")
        for expected in [
            "checkpoint of version 3: _delta_log/00000000000000000003.checkpoint.parquet",
            "5 actions (3 files, 0 tombstones)", "log cleanup: nothing expired",
        ] {
            #expect(result.text.contains(expected), "missing '\(expected)' in:\n\(result.text)")
        }
        #expect(try table.lastCheckpoint()?.version == 3)
        let described = try lake("describe", directory.path)
        #expect(described.text.contains("last checkpoint: version 3, 5 actions"), "\(described.text)")

        let missing = try lake("checkpoint", directory.appendingPathComponent("nope").path)
        #expect(missing.exitStatus == 1 && missing.standardError.contains("not a Delta table"))
    }
}

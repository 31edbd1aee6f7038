import Foundation
import LakeCore
import LakeTable

/// Writes to a table at controlled instants: each step uses a table whose clock reads the step's time and then sets
/// the modification time of every object the step created to that time, so that commit timestamps (§9) and file
/// ages match the clock.
struct ClockedWrites {
    static let day: Int64 = 86_400_000
    /// 2023-11-14T22:13:20Z.
    static let start: Int64 = 1_700_000_000_000

    let scratch: ScratchDirectory
    let root: String
    private var known: Set<String> = []

    init(_ scratch: ScratchDirectory, root: String = "t") {
        self.scratch = scratch
        self.root = root
    }

    /// The table as seen at `millis`.
    func table(at millis: Int64) -> Table {
        Table(store: scratch.store, root: root, clock: .fixed(millis))
    }

    /// Runs `body` with the table at `millis`, then stamps the objects it created with `millis`.
    @discardableResult
    mutating func at<T>(_ millis: Int64, _ body: (Table) throws -> T) throws -> T {
        let result = try body(table(at: millis))
        try stampNewObjects(millis)
        return result
    }

    /// Sets the modification time of every object not seen before to `millis`.
    mutating func stampNewObjects(_ millis: Int64) throws {
        for info in try scratch.store.list(prefix: "", after: nil) where !known.contains(info.path) {
            try Self.setModificationTime(scratch, info.path, millis)
            known.insert(info.path)
        }
    }

    /// Sets the modification time of `path` (relative to the scratch directory) to `millis`.
    static func setModificationTime(_ scratch: ScratchDirectory, _ path: String, _ millis: Int64) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: Double(millis) / 1_000)],
            ofItemAtPath: scratch.url.appendingPathComponent(path).path)
    }
}

import Foundation
import LakeCore
import LakeTable

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class ScratchDirectory {
    let url: URL

    /// Creates `<tmp>/lake-table-<label>-<uuid>`.
    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lake-table-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A local object store rooted at this directory.
    var store: LocalObjectStore { LocalObjectStore(root: url.path) }

    /// Writes commit `version` of the table at the store root with `lines` (each followed by `\n`).
    func writeCommit(_ version: Int64, _ lines: [String]) throws {
        let text = lines.map { $0 + "\n" }.joined()
        try store.put("_delta_log/" + LogFileName.commitName(version), Array(text.utf8))
    }
}

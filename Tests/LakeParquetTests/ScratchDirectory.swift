import Foundation
import LakeCore

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class ScratchDirectory {
    let url: URL

    /// Creates `<tmp>/lake-parquet-<label>-<uuid>`.
    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lake-parquet-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A local object store rooted at this directory.
    var store: LocalObjectStore { LocalObjectStore(root: url.path) }

    /// The file `name` inside the directory.
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}

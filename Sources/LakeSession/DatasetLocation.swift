import LakeCore

/// Where a table or a Parquet dataset lives: a directory of the local file system and a prefix under it.
///
/// Spec: spec/session.md (names and paths)
public struct DatasetLocation: Sendable, Hashable, CustomStringConvertible {
    /// Absolute directory the object store is rooted at.
    public var storeRoot: String
    /// The dataset's prefix under `storeRoot` (`silver/fact`), or `""` for the directory itself.
    public var prefix: String

    public init(storeRoot: String, prefix: String) {
        self.storeRoot = storeRoot
        self.prefix = prefix
    }

    public var store: LocalObjectStore { LocalObjectStore(root: storeRoot) }

    /// The absolute path of the dataset's directory.
    public var path: String { prefix.isEmpty ? storeRoot : storeRoot + "/" + prefix }

    public var description: String { path }

    /// Whether the directory holds a Delta log.
    var isDeltaTable: Bool { FileSystemPaths.isDirectory(path + "/_delta_log") }
}

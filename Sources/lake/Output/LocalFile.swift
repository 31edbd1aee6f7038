import LakeCore

/// A local file path split into an object store (its directory) and an object path (its name).
struct LocalFile {
    let store: LocalObjectStore
    let name: String

    init(_ path: String) {
        if let slash = path.lastIndex(of: "/") {
            let directory = String(path[..<slash])
            store = LocalObjectStore(root: directory.isEmpty ? "/" : directory)
            name = String(path[path.index(after: slash)...])
        } else {
            store = LocalObjectStore(root: ".")
            name = path
        }
    }
}

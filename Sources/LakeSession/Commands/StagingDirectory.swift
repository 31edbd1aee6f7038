#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A hidden directory beside a table's final directory where `CREATE TABLE AS` builds the whole table (commit 0
/// and the commit of its rows) before `publish()` renames it into place, so the table appears complete or not at
/// all, even if the process dies between the two commits.
///
/// The staging name `.<name>.tmp-<random>` is one that object-store listings and the catalog's table names skip.
/// Renaming a directory is atomic on POSIX file systems and fails when the destination is a non-empty directory,
/// so two racing creators cannot both publish. Local roots only: the session's stores are local directories.
///
/// Spec: spec/session.md (commands)
struct StagingDirectory: Sendable {
    /// The absolute path of the staging directory.
    let path: String
    /// The absolute path the table is published at.
    let destination: String

    /// Creates the parent directories of `destination` (as `mkdir -p`) and an empty staging directory beside it.
    /// - Throws: `file` when a directory cannot be created.
    init(for destination: String) throws(SessionError) {
        guard let slash = destination.lastIndex(of: "/"), destination != "/" else {
            throw .invalidArgument("cannot create a table at the file system root")
        }
        let parent = String(destination[..<slash])
        let name = String(destination[destination.index(after: slash)...])
        try Self.makeDirectories(parent.isEmpty ? "/" : parent)
        var generator = SystemRandomNumberGenerator()
        let suffix = String(UInt64.random(in: .min ... .max, using: &generator), radix: 16)
        path = parent + "/." + name + ".tmp-" + suffix
        self.destination = destination
        guard mkdir(path, 0o755) == 0 else {
            throw .file(path: path, reason: "cannot create the staging directory: \(Self.errorText())")
        }
    }

    /// Moves the staging directory to `destination` in one rename.
    /// - Throws: `file` when the destination exists and is not empty (another writer created it meanwhile) or the
    ///   rename fails otherwise; the staging directory is left for `remove()`.
    func publish() throws(SessionError) {
        guard rename(path, destination) == 0 else {
            let reason = errno == ENOTEMPTY || errno == EEXIST ? "it exists already" : Self.errorText()
            throw .file(path: destination, reason: "cannot publish the new table: \(reason)")
        }
    }

    /// Deletes the staging directory and everything in it; best effort (a failure leaves hidden debris that no
    /// listing shows).
    func remove() {
        Self.removeTree(path)
    }

    private static func makeDirectories(_ path: String) throws(SessionError) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw .file(path: current, reason: "cannot create the directory: \(errorText())")
            }
            guard FileSystemPaths.isDirectory(current) else {
                throw .file(path: current, reason: "exists and is not a directory")
            }
        }
    }

    private static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        if let handle = opendir(path) {
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(handle)
            for name in names { removeTree(path + "/" + name) }
        }
        rmdir(path)
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Local path helpers for locating a lake root and the tables under it.
enum FileSystemPaths {
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// `path` (absolute) with `.` and empty components removed and `..` applied lexically; `/` for the root.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

extension FileSystemPaths {
    /// Names of the directories directly inside `path` that do not start with `.` or `_`, sorted; empty when
    /// `path` cannot be read.
    static func subdirectories(of path: String) -> [String] {
        guard let handle = opendir(path) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") || name.hasPrefix("_") { continue }
            if isDirectory(path + "/" + name) { names.append(name) }
        }
        return names.sorted()
    }

    /// Whether `name` matches the shell pattern `pattern` (`*` and `?` never match `/`).
    static func matches(_ name: String, pattern: String) -> Bool {
        fnmatch(pattern, name, FNM_PATHNAME) == 0
    }
}

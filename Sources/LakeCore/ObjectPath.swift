/// Validation of object paths, shared by every `ObjectStore` implementation.
public enum ObjectPath {
    /// Characters a single path may hold at most.
    public static let bytesMax = 4_096

    /// Checks that `path` is relative, `/`-separated and free of empty, `.` and `..` components.
    /// - Throws: `ObjectStoreError.invalidPath` naming the offending rule.
    public static func validate(_ path: String) throws(ObjectStoreError) {
        if path.isEmpty { throw .invalidPath(path: path, reason: "empty path") }
        if path.utf8.count > bytesMax { throw .invalidPath(path: path, reason: "longer than \(bytesMax) bytes") }
        if path.hasPrefix("/") { throw .invalidPath(path: path, reason: "absolute paths are not allowed") }
        if path.utf8.contains(0) { throw .invalidPath(path: path, reason: "contains a NUL byte") }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "": throw .invalidPath(path: path, reason: "empty path component")
            case ".", "..": throw .invalidPath(path: path, reason: "'\(component)' components are not allowed")
            default: continue
            }
        }
    }

    /// Joins relative components with `/`.
    public static func join(_ parts: String...) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: "/")
    }
}

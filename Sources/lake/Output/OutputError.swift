/// Text output that could not be written: the destination and the system's reason.
struct OutputError: Error, CustomStringConvertible {
    /// The file's path, or `standard output`.
    let path: String
    let reason: String

    var description: String { "cannot write \(path): \(reason)" }
}

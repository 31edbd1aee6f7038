#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file an interactive `lake shell` appends what was typed to: `$LAKE_HISTORY`, else `~/.lake_history`.
///
/// Each entry (a statement, possibly of several lines, or a dot-command) is appended as typed followed by a line
/// feed, with `O_APPEND` so several shells can share one file. Failing to write history never stops the shell: the
/// first failure is reported once on standard error and history is off from then on.
///
/// Spec: spec/cli.md (`lake shell`)
struct ShellHistory {
    let path: String
    private var isDisabled = false

    init(path: String) {
        self.path = path
    }

    /// The history file of this environment, nil when neither `$LAKE_HISTORY` nor `$HOME` is set.
    static func defaultPath() -> String? {
        if let variable = getenv("LAKE_HISTORY"), variable.pointee != 0 { return String(cString: variable) }
        if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) + "/.lake_history" }
        return nil
    }

    mutating func append(_ entry: String) {
        guard !isDisabled else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            disable(reason: String(cString: strerror(errno)))
            return
        }
        defer { close(descriptor) }
        let bytes = Array((entry + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written != bytes.count { disable(reason: written < 0 ? String(cString: strerror(errno)) : "short write") }
    }

    private mutating func disable(reason: String) {
        isDisabled = true
        ProgressLine.writeError("warning: history is off: cannot write \(path): \(reason)\n")
    }
}

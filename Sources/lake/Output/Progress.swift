#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress display on standard error: redrawn in place on a terminal, printed at most every five
/// seconds otherwise, so logs stay readable.
struct ProgressLine {
    private var lastDrawNanoseconds: UInt64 = 0
    private let isTerminal = isatty(STDERR_FILENO) != 0

    mutating func update(_ text: @autoclosure () -> String) {
        let now = Self.monotonicNanoseconds()
        let interval: UInt64 = isTerminal ? 100_000_000 : 5_000_000_000
        guard now &- lastDrawNanoseconds >= interval else { return }
        lastDrawNanoseconds = now
        Self.writeError(isTerminal ? "\r\u{1B}[K" + text() : text() + "\n")
    }

    func finish(_ text: String) {
        Self.writeError((isTerminal ? "\r\u{1B}[K" : "") + text + "\n")
    }

    /// Writes `text` to standard error unbuffered.
    static func writeError(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress display on standard error for long work: redrawn in place (at most ten times a second) on a
/// terminal, printed as a plain line at most every five seconds otherwise, so logs stay readable; silent when
/// `quiet`. `summarize` prints the closing summary with the elapsed seconds.
struct ProgressLine {
    private var lastDrawNanoseconds: UInt64 = 0
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let startNanoseconds = Self.monotonicNanoseconds()
    /// True: nothing is drawn or printed.
    let quiet: Bool

    init(quiet: Bool = false) {
        self.quiet = quiet
    }

    /// Seconds since the display was created.
    var elapsedSeconds: Double {
        Double(Self.monotonicNanoseconds() &- startNanoseconds) / 1e9
    }

    /// Shows `text` unless the last line was drawn too recently (the text is then not even built).
    mutating func update(_ text: @autoclosure () -> String) {
        guard !quiet else { return }
        let now = Self.monotonicNanoseconds()
        let interval: UInt64 = isTerminal ? 100_000_000 : 5_000_000_000
        guard now &- lastDrawNanoseconds >= interval else { return }
        lastDrawNanoseconds = now
        Self.writeError(isTerminal ? "\r\u{1B}[K" + text() : text() + "\n")
    }

    /// Replaces the progress line with `text`.
    func finish(_ text: String) {
        guard !quiet else { return }
        Self.writeError((isTerminal ? "\r\u{1B}[K" : "") + text + "\n")
    }

    /// Replaces the progress line with the closing summary `text` followed by the elapsed time (`... in 1.24 s`).
    func summarize(_ text: String) {
        finish(text + " in \((elapsedSeconds * 100).rounded() / 100) s")
    }

    /// `bytes` as `12.3 MiB`, `512 B`.
    static func size(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        return "\((value * 10).rounded() / 10) \(units[unit])"
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

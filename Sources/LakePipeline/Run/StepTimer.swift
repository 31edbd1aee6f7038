import LakeTable

/// When a step started, on the run's clock (for the record) and on a monotonic clock (for its duration).
struct StepTimer {
    let startedMillis: Int64
    private let started: ContinuousClock.Instant

    init(clock: TableClock) {
        startedMillis = clock.nowMillis()
        started = ContinuousClock.now
    }

    /// Seconds since the start, measured monotonically.
    var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// `seconds` with two decimals (`0.25`), for progress lines and summaries.
    static func text(seconds: Double) -> String {
        let hundredths = Int64((max(0, seconds) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

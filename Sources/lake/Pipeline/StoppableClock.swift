import LakeHTTP

/// The system clock whose sleep ends early once a stop is requested, so `lake pipeline schedule` reacts to
/// SIGINT/SIGTERM within a fraction of a second instead of after the scheduler's up-to-60-second sleep.
struct StoppableClock: RetryClock {
    /// Sleeps are cut into slices this long, checking the stop request between them.
    static let sliceMillis: Int64 = 200
    let base = SystemRetryClock()
    let isStopRequested: @Sendable () -> Bool

    var nowMillis: Int64 { base.nowMillis }

    func sleep(millis: Int64) {
        var remaining = millis
        // Each slice sleeps at least one millisecond, so the loop ends after millis / slice + 1 rounds.
        while remaining > 0 && !isStopRequested() {
            let slice = min(remaining, Self.sliceMillis)
            base.sleep(millis: slice)
            remaining -= slice
        }
    }
}

/// The timed sections of the workers.
enum Stopwatch {
    /// Runs `body` `repeats` times (at least once) and returns the fastest time in seconds. Only `body` is inside
    /// the clock; `reset` runs before each repeat, outside it (to free or delete the previous repeat's result).
    static func fastest(repeats: Int, reset: () -> Void = {}, _ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            reset()
            let start = clock.now
            try body()
            best = min(best, (clock.now - start).seconds)
        }
        return best
    }
}

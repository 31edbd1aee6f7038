import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The wall clock and the sleep that `RetryingTransport` uses, injectable so tests neither sleep nor depend on
/// the time of day.
///
/// Contract: `nowMillis` is milliseconds since the Unix epoch (to resolve `Retry-After` dates); `sleep` blocks
/// the calling thread for about `millis` milliseconds (0 returns at once).
public protocol RetryClock: Sendable {
    var nowMillis: Int64 { get }
    func sleep(millis: Int64)
}

/// The real clock: `clock_gettime(CLOCK_REALTIME)` and `nanosleep`.
public struct SystemRetryClock: RetryClock {
    public init() {}

    public var nowMillis: Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000 + Int64(spec.tv_nsec) / 1_000_000
    }

    public func sleep(millis: Int64) {
        guard millis > 0 else { return }
        var request = timespec(tv_sec: Int(millis / 1_000), tv_nsec: Int(millis % 1_000) * 1_000_000)
        var remaining = timespec()
        // Resume after signals; the loop ends because each round sleeps the time still remaining.
        for _ in 0..<1_000 {
            guard nanosleep(&request, &remaining) != 0, errno == EINTR else { return }
            request = remaining
        }
    }
}

/// A clock that never sleeps: `sleep` records the delay and advances `nowMillis` by it. For tests and dry runs.
public final class ManualRetryClock: RetryClock {
    private struct State {
        var nowMillis: Int64
        var sleeps: [Int64] = []
    }

    private let state: Mutex<State>

    public init(nowMillis: Int64 = 0) {
        state = Mutex(State(nowMillis: nowMillis))
    }

    public var nowMillis: Int64 { state.withLock { $0.nowMillis } }

    /// Every delay passed to `sleep`, in call order.
    public var recordedSleeps: [Int64] { state.withLock { $0.sleeps } }

    public func sleep(millis: Int64) {
        state.withLock {
            $0.sleeps.append(millis)
            $0.nowMillis += max(0, millis)
        }
    }

    /// Moves the clock forward without recording a sleep.
    public func advance(millis: Int64) {
        state.withLock { $0.nowMillis += millis }
    }
}

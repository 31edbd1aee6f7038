#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The wall clock a table writer stamps actions with (`modificationTime`, `deletionTimestamp`, `commitInfo`
/// timestamps), injected so tests can fix time.
///
/// Spec: spec/table-log.md §3.6, §9.
public struct TableClock: Sendable {
    /// Milliseconds since the Unix epoch.
    public var nowMillis: @Sendable () -> Int64

    public init(nowMillis: @escaping @Sendable () -> Int64) {
        self.nowMillis = nowMillis
    }

    /// The system's real-time clock.
    public static let system = TableClock {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000 + Int64(time.tv_nsec) / 1_000_000
    }

    /// A clock that always reads `millis`.
    public static func fixed(_ millis: Int64) -> TableClock {
        TableClock { millis }
    }
}

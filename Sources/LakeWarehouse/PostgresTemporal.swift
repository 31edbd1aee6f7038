import LakeColumnar

/// Conversions between our temporal encodings (Unix epoch) and PostgreSQL's binary ones (2000-01-01 epoch,
/// microseconds), with PostgreSQL's valid ranges.
///
/// Rule for nanoseconds: PostgreSQL keeps microseconds, so nanosecond values are floored to the microsecond
/// (rounded toward negative infinity), which keeps every instant inside the microsecond it falls in:
/// 1969-12-31T23:59:59.999999999 becomes 23:59:59.999999, not 00:00:00.
///
/// Spec: spec/warehouse.md §2.2.
enum PostgresTemporal {
    /// Days from 1970-01-01 to 2000-01-01.
    static let epochDays: Int64 = 10_957
    /// Microseconds from 1970-01-01T00:00 to 2000-01-01T00:00.
    static let epochMicroseconds: Int64 = 946_684_800_000_000
    /// PostgreSQL's date range in its own day numbers: 4714-11-24 BC ..< 5874898-01-01.
    static let dateRange: Range<Int64> = -2_451_545..<(2_147_483_494 - 2_451_545)
    /// PostgreSQL's timestamp range in its own microseconds: 4714-11-24 BC ..< 294277-01-01.
    static let timestampRange: Range<Int64> = -211_813_488_000_000_000..<9_223_371_331_200_000_000
    /// Microseconds in a day; PostgreSQL's `time` accepts 0 through 24:00:00 inclusive.
    static let dayMicroseconds: Int64 = 86_400_000_000

    /// Floor division, for nanoseconds to microseconds.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient
    }

    /// `value` in `unit` as microseconds; nil on overflow.
    static func microseconds(_ value: Int64, unit: TimeUnit) -> Int64? {
        switch unit {
        case .milliseconds:
            let (product, overflow) = value.multipliedReportingOverflow(by: 1_000)
            return overflow ? nil : product
        case .microseconds: return value
        case .nanoseconds: return floorDivide(value, 1_000)
        }
    }

    /// A Unix-epoch timestamp in `unit` as PostgreSQL microseconds; nil outside PostgreSQL's range.
    static func postgresTimestamp(_ value: Int64, unit: TimeUnit) -> Int64? {
        guard let micros = microseconds(value, unit: unit) else { return nil }
        let (shifted, overflow) = micros.subtractingReportingOverflow(epochMicroseconds)
        return !overflow && timestampRange.contains(shifted) ? shifted : nil
    }

    /// A PostgreSQL timestamp as a Unix-epoch value in `unit`; nil when it does not fit (or is ±infinity).
    static func unixTimestamp(_ postgres: Int64, unit: TimeUnit) -> Int64? {
        guard timestampRange.contains(postgres) else { return nil }
        let micros = postgres + epochMicroseconds
        switch unit {
        case .milliseconds: return micros % 1_000 == 0 ? micros / 1_000 : nil
        case .microseconds: return micros
        case .nanoseconds:
            let (product, overflow) = micros.multipliedReportingOverflow(by: 1_000)
            return overflow ? nil : product
        }
    }
}

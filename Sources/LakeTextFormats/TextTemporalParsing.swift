import LakeColumnar

/// Parsers for ISO 8601 dates, times of day and timestamps written as text.
///
/// Accepted forms (ASCII, no surrounding whitespace):
/// - date: `YYYY-MM-DD` (years 0000...9999, proleptic Gregorian calendar);
/// - time: `HH:MM`, `HH:MM:SS`, `HH:MM:SS.f` with 1...9 fraction digits (00:00:00 ... 23:59:59.999999999);
/// - timestamp: a date alone (midnight), or a date, `T`, `t` or a space, a time, then optionally a zone:
///   `Z`, `z`, `+HH:MM`, `+HHMM` or `+HH` (or `-`). A zoned timestamp is converted to UTC.
enum TextTemporalParsing {
    /// A timestamp split into whole seconds since the epoch and the sub-second part.
    struct Timestamp: Equatable {
        /// Seconds since 1970-01-01T00:00:00, already shifted to UTC when `isZoned`.
        var seconds: Int64
        /// 0 ..< 1_000_000_000.
        var nanoseconds: Int64
        var isZoned: Bool
        /// True for a bare `YYYY-MM-DD`.
        var isDateOnly: Bool
    }

    @inline(__always)
    private static func twoDigits(_ p: UnsafePointer<UInt8>, _ index: Int) -> Int? {
        guard let high = TextNumberParsing.digit(p[index]), let low = TextNumberParsing.digit(p[index + 1]) else {
            return nil
        }
        return Int(high * 10 + low)
    }

    /// Parses `YYYY-MM-DD` at the start of `p`, which holds at least 10 bytes. Returns days since the epoch.
    private static func parseDatePrefix(_ p: UnsafePointer<UInt8>) -> Int? {
        guard let century = twoDigits(p, 0), let yearInCentury = twoDigits(p, 2), p[4] == UInt8(ascii: "-"),
            let month = twoDigits(p, 5), p[7] == UInt8(ascii: "-"), let day = twoDigits(p, 8)
        else { return nil }
        let year = century * 100 + yearInCentury
        guard (1...12).contains(month), day >= 1,
            day <= CivilCalendar.daysInMonth(year: Int64(year), month: Int64(month))
        else { return nil }
        return Int(CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// True when `bytes` looks like `dddd-dd-dd`, whether or not it names a real day.
    static func hasDateShape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 10 else { return false }
        for (index, byte) in bytes.enumerated() {
            let isDash = byte == UInt8(ascii: "-")
            if (index == 4 || index == 7) != isDash { return false }
            if !isDash && TextNumberParsing.digit(byte) == nil { return false }
        }
        return true
    }

    /// Days since the epoch of a `YYYY-MM-DD` date.
    static func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let p = bytes.baseAddress, bytes.count == 10, let days = parseDatePrefix(p) else { return nil }
        return Int32(exactly: days)
    }

    /// Parses a time of day at `p[start..<end]`, stopping before a zone designator. Returns the nanoseconds since
    /// midnight and where parsing stopped.
    private static func parseTimePrefix(
        _ p: UnsafePointer<UInt8>, from start: Int, to end: Int
    ) throws(ValueParseFailure) -> (nanoseconds: Int64, next: Int) {
        guard end - start >= 5, let hour = twoDigits(p, start), p[start + 2] == UInt8(ascii: ":"),
            let minute = twoDigits(p, start + 3)
        else { throw .malformed }
        var index = start + 5
        var second = 0
        var fraction: Int64 = 0
        if index < end && p[index] == UInt8(ascii: ":") {
            guard end - index >= 3, let parsed = twoDigits(p, index + 1) else { throw .malformed }
            second = parsed
            index += 3
            if index < end && p[index] == UInt8(ascii: ".") {
                index += 1
                var digits = 0
                while index < end, let d = TextNumberParsing.digit(p[index]) {
                    digits += 1
                    guard digits <= 9 else { throw ValueParseFailure.invalid("has more than 9 fraction digits") }
                    fraction = fraction * 10 + Int64(d)
                    index += 1
                }
                guard digits > 0 else { throw .malformed }
                for _ in digits..<9 { fraction *= 10 }
            }
        }
        guard hour < 24, minute < 60, second < 60 else {
            throw ValueParseFailure.invalid("is not a valid time of day")
        }
        let seconds = Int64(hour * 3_600 + minute * 60 + second)
        return (seconds * 1_000_000_000 + fraction, index)
    }

    /// Nanoseconds since midnight of a time of day.
    static func parseTimeOfDay(_ bytes: UnsafeBufferPointer<UInt8>) throws(ValueParseFailure) -> Int64 {
        guard let p = bytes.baseAddress else { throw .malformed }
        let (nanoseconds, next) = try parseTimePrefix(p, from: 0, to: bytes.count)
        guard next == bytes.count else { throw .malformed }
        return nanoseconds
    }

    static func parseTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) throws(ValueParseFailure) -> Timestamp {
        guard let p = bytes.baseAddress, bytes.count >= 10 else { throw .malformed }
        guard let days = parseDatePrefix(p) else {
            let isDateShaped = hasDateShape(UnsafeBufferPointer(rebasing: bytes[..<10]))
            throw isDateShaped ? .invalid("is not a valid calendar date") : .malformed
        }
        let count = bytes.count
        if count == 10 {
            return Timestamp(seconds: Int64(days) * 86_400, nanoseconds: 0, isZoned: false, isDateOnly: true)
        }
        let separator = p[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { throw .malformed }
        let (nanosecondsOfDay, next) = try parseTimePrefix(p, from: 11, to: count)
        var seconds = Int64(days) * 86_400 + nanosecondsOfDay / 1_000_000_000
        let nanoseconds = nanosecondsOfDay % 1_000_000_000
        var isZoned = false
        if next < count {
            let designator = p[next]
            if (designator == UInt8(ascii: "Z") || designator == UInt8(ascii: "z")) && next + 1 == count {
                isZoned = true
            } else if designator == UInt8(ascii: "+") || designator == UInt8(ascii: "-") {
                let offset = try parseZoneOffset(p, from: next + 1, to: count)
                seconds -= designator == UInt8(ascii: "+") ? offset : -offset
                isZoned = true
            } else {
                throw .malformed
            }
        }
        return Timestamp(seconds: seconds, nanoseconds: nanoseconds, isZoned: isZoned, isDateOnly: false)
    }

    /// `HH`, `HHMM` or `HH:MM` after the sign; returns the offset in seconds.
    private static func parseZoneOffset(
        _ p: UnsafePointer<UInt8>, from start: Int, to end: Int
    ) throws(ValueParseFailure) -> Int64 {
        let length = end - start
        guard length == 2 || length == 4 || length == 5, let hours = twoDigits(p, start) else { throw .malformed }
        var minutes = 0
        if length == 4 {
            guard let parsed = twoDigits(p, start + 2) else { throw .malformed }
            minutes = parsed
        } else if length == 5 {
            guard p[start + 2] == UInt8(ascii: ":"), let parsed = twoDigits(p, start + 3) else { throw .malformed }
            minutes = parsed
        }
        guard hours <= 23, minutes <= 59 else { throw ValueParseFailure.invalid("has an invalid zone offset") }
        return Int64(hours * 3_600 + minutes * 60)
    }

    /// Converts whole seconds plus nanoseconds into a count of `unit`.
    /// - Throws: when sub-unit digits are not zero (no silent truncation) or the count overflows Int64.
    static func count(
        seconds: Int64, nanoseconds: Int64, in unit: TimeUnit
    ) throws(ValueParseFailure) -> Int64 {
        let nanosecondsPerUnit = 1_000_000_000 / unit.perSecond
        guard nanoseconds % nanosecondsPerUnit == 0 else {
            throw ValueParseFailure.invalid("has fraction digits finer than the column's unit (\(unit.rawValue))")
        }
        let (scaled, overflowA) = seconds.multipliedReportingOverflow(by: unit.perSecond)
        let (total, overflowB) = scaled.addingReportingOverflow(nanoseconds / nanosecondsPerUnit)
        guard !overflowA && !overflowB else {
            throw ValueParseFailure.invalid("is out of range for a 64-bit count of \(unit.rawValue)")
        }
        return total
    }
}

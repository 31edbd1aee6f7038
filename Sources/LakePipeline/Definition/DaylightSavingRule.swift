import LakeColumnar

/// When a zone observes daylight saving time, as a POSIX `TZ` rule gives it (`CET-1CEST,M3.5.0,M10.5.0/3`):
/// the DST offset and the two yearly transitions. Only the current rule is known, no history, which is what a
/// scheduler looking forward needs.
///
/// Spec: spec/pipeline.md#frequency-groups
public struct DaylightSavingRule: Sendable, Hashable {
    /// `Mm.w.d/time`: day `weekday` (0 = Sunday) of week `week` (1...4, 5 = the last) of `month`, at
    /// `secondOfDay` local time.
    public struct Transition: Sendable, Hashable {
        public var month: Int
        public var week: Int
        public var weekday: Int
        public var secondOfDay: Int64

        public init(month: Int, week: Int, weekday: Int, secondOfDay: Int64 = 7_200) {
            precondition((1...12).contains(month) && (1...5).contains(week) && (0...6).contains(weekday))
            self.month = month
            self.week = week
            self.weekday = weekday
            self.secondOfDay = secondOfDay
        }

        /// Seconds since the epoch, in local wall time, of the transition in `year`.
        func localSeconds(year: Int64) -> Int64 {
            let first = CivilCalendar.days(year: year, month: Int64(month), day: 1)
            let firstWeekday = Int(((first % 7) + 7 + 4) % 7)  // 0 = Sunday; 1970-01-01 was a Thursday
            var day = 1 + Int64((weekday - firstWeekday + 7) % 7) + Int64(week - 1) * 7
            let length = CivilCalendar.daysInMonth(year: year, month: Int64(month))
            while day > length { day -= 7 }
            return (first + day - 1) * 86_400 + secondOfDay
        }
    }

    /// Offset from UTC while DST is in effect, seconds east.
    public var dstOffsetSeconds: Int64
    /// Start of DST, in standard local time.
    public var start: Transition
    /// End of DST, in daylight local time.
    public var end: Transition

    public init(dstOffsetSeconds: Int64, start: Transition, end: Transition) {
        self.dstOffsetSeconds = dstOffsetSeconds
        self.start = start
        self.end = end
    }

    /// Whether DST is in effect at `seconds` (UTC) for a zone whose standard offset is `standardOffset`.
    func isInEffect(atSeconds seconds: Int64, standardOffset: Int64) -> Bool {
        let local = seconds + standardOffset
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        let year = CivilCalendar.date(days: days).year
        let begins = start.localSeconds(year: year) - standardOffset
        let ends = end.localSeconds(year: year) - dstOffsetSeconds
        return begins < ends ? (seconds >= begins && seconds < ends) : (seconds >= begins || seconds < ends)
    }
}

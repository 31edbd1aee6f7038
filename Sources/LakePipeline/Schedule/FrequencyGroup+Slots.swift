/// Fire times ("slots") of a frequency group, in milliseconds since the Unix epoch (UTC).
///
/// A slot is a day the cadence includes (the weekday of the *local* date, in the group's zone) at one of the
/// group's times, converted to UTC with the offset in effect then (`ScheduleZone.utcMillis(localMillis:)`).
///
/// Spec: spec/pipeline.md#scheduler
extension FrequencyGroup {
    static let millisPerDay: Int64 = 86_400_000

    /// The slots of the local date `localDay` (days since 1970-01-01 in the zone), ascending; empty when the
    /// cadence skips that day.
    public func slots(onLocalDay localDay: Int64) -> [Int64] {
        guard cadence.includes(Weekday(daysSinceEpoch: localDay)) else { return [] }
        let slots = times.map {
            zone.utcMillis(localMillis: localDay * Self.millisPerDay + Int64($0.minuteOfDay) * 60_000)
        }
        // A time skipped by a DST change moves into the next hour and may meet another time of the group.
        return Array(Set(slots)).sorted()
    }

    /// The local date (days since the epoch in the group's zone) of the instant `millis`.
    public func localDay(of millis: Int64) -> Int64 {
        let local = millis + zone.offsetSeconds(atMillis: millis) * 1_000
        return local >= 0 ? local / Self.millisPerDay : -((-local + Self.millisPerDay - 1) / Self.millisPerDay)
    }

    /// The first slot strictly after `millis`. Every cadence fires within 8 days, so this always finds one.
    public func nextSlot(after millis: Int64) -> Int64 {
        let day = localDay(of: millis)
        for offset in Int64(0)...8 {
            if let slot = slots(onLocalDay: day + offset).first(where: { $0 > millis }) { return slot }
        }
        preconditionFailure("a frequency group fires at least once a week")
    }

    /// The last slot at or before `millis`.
    public func latestSlot(atOrBefore millis: Int64) -> Int64 {
        let day = localDay(of: millis)
        for offset in Int64(0)...8 {
            if let slot = slots(onLocalDay: day - offset).last(where: { $0 <= millis }) { return slot }
        }
        preconditionFailure("a frequency group fires at least once a week")
    }

    /// The slots in `lower <.. upper` (after `lower`, at or before `upper`), at most `countMax` of them from the
    /// start of the range.
    public func slots(after lower: Int64, through upper: Int64, countMax: Int = 10_000) -> [Int64] {
        var result: [Int64] = []
        var cursor = lower
        for _ in 0..<countMax {
            let slot = nextSlot(after: cursor)
            guard slot <= upper else { break }
            result.append(slot)
            cursor = slot
        }
        return result
    }
}

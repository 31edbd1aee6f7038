import LakeColumnar

extension DateTimeKernel {
    /// Years a calendar step may reach before it counts as out of range: beyond every date32 and timestamp.
    private static let calendarYearsMax: Int128 = 1_000_000_000_000

    /// `t + INTERVAL (months, days, microseconds)` on date32 (microseconds must be 0) or a timestamp of any unit.
    ///
    /// Months move the calendar date and clamp the day to the month's length; days then shift the date; the
    /// microseconds are added last (floored when the unit is coarser). The time of day is kept.
    /// - Throws: `arithmeticOverflow` when a valid row's result does not fit the type.
    static func addInterval(_ column: Column, months: Int64, days: Int64, microseconds: Int64)
        throws(ExecutionError) -> Column
    {
        let perDay: Int128
        var microsecondsPerTick: Int128 = 0
        var ticksPerMicrosecond: Int128 = 0
        switch column.type {
        case .date32:
            precondition(microseconds == 0, "binding turns dates into timestamps for sub-day intervals")
            perDay = 1
        case .timestamp(let unit, _):
            perDay = 86_400 * Int128(unit.perSecond)
            if unit.perSecond >= 1_000_000 {
                ticksPerMicrosecond = Int128(unit.perSecond / 1_000_000)
            } else {
                microsecondsPerTick = Int128(1_000_000 / unit.perSecond)
            }
        default:
            throw .typeMismatch("an interval cannot be added to \(column.type)")
        }
        let overflow = ExecutionError.arithmeticOverflow(operation: "\(column.type) + interval")
        let values = try column.int64Values()
        var result = [Int64](repeating: 0, count: values.count)
        for row in 0..<values.count where column.isValid(row) {
            let value = Int128(values[row])
            var day = floorDivide(value, perDay)
            let timeOfDay = value - day * perDay
            if months != 0 {
                let date = CivilCalendar.date(days: Int64(day))
                let monthIndex = Int128(date.year) * 12 + Int128(date.month - 1) + Int128(months)
                let year = floorDivide(monthIndex, 12)
                guard Swift.abs(year) <= calendarYearsMax else { throw overflow }
                let month = Int64(monthIndex - year * 12) + 1
                let dayOfMonth = min(date.day, CivilCalendar.daysInMonth(year: Int64(year), month: month))
                day = Int128(CivilCalendar.days(year: Int64(year), month: month, day: dayOfMonth))
            }
            day += Int128(days)
            var ticks = day * perDay + timeOfDay
            if ticksPerMicrosecond > 0 {
                ticks += Int128(microseconds) * ticksPerMicrosecond
            } else if microsecondsPerTick > 0 {
                ticks = floorDivide(ticks * microsecondsPerTick + Int128(microseconds), microsecondsPerTick)
            }
            guard let exact = Int64(exactly: ticks) else { throw overflow }
            result[row] = exact
        }
        return try Column.fromInt64(result, type: column.type, validity: column.validity, operation: "date + interval")
    }

    private static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}

import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct IntervalArithmeticTests {
    func plus(months: Int64 = 0, days: Int64 = 0, microseconds: Int64 = 0) -> Expression {
        .function(.addInterval(months: months, days: days, microseconds: microseconds), [col("x")])
    }

    @Test func monthsClampToTheEndOfTheMonth() throws {
        let batch = single(.date32, [.days(2024, 1, 31), .days(2023, 1, 31), .days(2024, 3, 31), .null])
        #expect(
            try evaluate(plus(months: 1), batch) == [.days(2024, 2, 29), .days(2023, 2, 28), .days(2024, 4, 30), .null])
        #expect(
            try evaluate(plus(months: -13), batch)
                == [.days(2022, 12, 31), .days(2021, 12, 31), .days(2023, 2, 28), .null])
        #expect(try plus(months: 1).bound(to: batch.schema).type == .date32)
    }

    @Test func monthsComeBeforeDays() throws {
        let batch = single(.date32, [.days(2024, 1, 31)])
        // Jan 31 + 1 month = Feb 29, + 1 day = Mar 1 (days first would give Mar 1 + 1 month = Apr 1).
        #expect(try evaluate(plus(months: 1, days: 1), batch) == [.days(2024, 3, 1)])
    }

    @Test func subDayIntervalsTurnDatesIntoTimestamps() throws {
        let batch = single(.date32, [.days(1969, 12, 31)])
        let expression = plus(days: 1, microseconds: 90 * 60_000_000)
        #expect(try expression.bound(to: batch.schema).type == .timestamp(.microseconds, utc: false))
        #expect(try evaluate(expression, batch) == [.micros(1970, 1, 1, 1, 30)])
    }

    @Test func timestampsKeepTheirUnitAndTimeOfDay() throws {
        let micros = single(.timestamp(.microseconds, utc: true), [.micros(2023, 10, 31, 23, 59, 59, 999_999)])
        #expect(try evaluate(plus(months: 4, microseconds: 1), micros) == [.micros(2024, 3, 1, 0, 0, 0, 0)])
        #expect(try plus(months: 4).bound(to: micros.schema).type == .timestamp(.microseconds, utc: true))
        let nanos = single(.timestamp(.nanoseconds, utc: false), [.int(-1)])
        #expect(try evaluate(plus(days: 1, microseconds: 2), nanos) == [.int(86_400_000_000_000 + 1_999)])
        let millis = single(.timestamp(.milliseconds, utc: false), [.int(1_000)])
        // 1.5 ms after 1 s floors to 1.001 s; 1.5 ms before floors to 0.998 s.
        #expect(try evaluate(plus(microseconds: 1_500), millis) == [.int(1_001)])
        #expect(try evaluate(plus(microseconds: -1_500), millis) == [.int(998)])
    }

    @Test func resultsOutOfRangeOverflow() {
        let dates = single(.date32, [.int(Int64(Int32.max) - 1)])
        #expect(throws: ExecutionError.self) { try evaluate(plus(days: 5), dates) }
        let stamps = single(.timestamp(.microseconds, utc: false), [.int(Int64.max - 10)])
        #expect(throws: ExecutionError.self) { try evaluate(plus(microseconds: 11), stamps) }
        #expect(throws: ExecutionError.self) { try evaluate(plus(months: Int64.max), stamps) }
        let nulls = single(.date32, [.null])
        #expect((try? evaluate(plus(months: Int64.max), nulls)) == [.null])
    }

    @Test func matchesACalendarReferenceOnRandomDates() throws {
        var generator = SeededGenerator(seed: 0x1D7)
        let days = (0..<500).map { _ in Int64.random(in: -200_000...200_000, using: &generator) }
        let months = Int64.random(in: -30...30, using: &generator)
        let batch = single(.date32, days.map { .int($0) })
        let expected: [Value] = days.map { day in
            let date = CivilCalendar.date(days: day)
            var year = date.year
            var month = date.month + months
            while month > 12 {
                month -= 12
                year += 1
            }
            while month < 1 {
                month += 12
                year -= 1
            }
            let clamped = min(date.day, CivilCalendar.daysInMonth(year: year, month: month))
            return .int(CivilCalendar.days(year: year, month: month, day: clamped) + 3)
        }
        #expect(try evaluate(plus(months: months, days: 3), batch) == expected)
    }
}

import LakeColumnar
import Testing

@Suite struct CivilCalendarTests {
    @Test func knownDatesHaveTheirDayCounts() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.days(year: 1900, month: 3, day: 1) == -25_508)
        #expect(CivilCalendar.days(year: 2024, month: 1, day: 1) == 19_723)
    }

    @Test func fourCenturiesOfDaysAreConsecutiveAndRoundTrip() {
        var expected = CivilCalendar.days(year: 1800, month: 1, day: 1)
        for year: Int64 in 1800..<2200 {
            for month: Int64 in 1...12 {
                for day in 1...CivilCalendar.daysInMonth(year: year, month: month) {
                    let days = CivilCalendar.days(year: year, month: month, day: day)
                    #expect(days == expected)
                    let date = CivilCalendar.date(days: days)
                    #expect(date.year == year && date.month == month && date.day == day)
                    expected += 1
                }
            }
        }
    }
}

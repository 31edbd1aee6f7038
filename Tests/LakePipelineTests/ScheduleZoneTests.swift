import LakePipeline
import Testing

/// Zones with daylight saving time, checked against the tz database's answers for 2026 (computed with Python's
/// zoneinfo when the tests were written).
@Suite struct ScheduleZoneTests {
    typealias F = ReferencePipelineFixture

    static func zone(_ text: String) throws -> ScheduleZone { try #require(ScheduleZone(parsing: text)) }

    @Test func newYorkSwitchesAtTheDocumentedInstants() throws {
        for name in ["America/New_York", "EST5EDT,M3.2.0,M11.1.0", "EST+5EDT4,M3.2.0/2:00,M11.1.0/02:00:00"] {
            let zone = try Self.zone(name)
            #expect(zone.offsetSeconds == -18_000)
            #expect(zone.offsetSeconds(atMillis: F.millis(2026, 3, 8, 6, 59)) == -18_000, "\(name)")
            #expect(zone.offsetSeconds(atMillis: F.millis(2026, 3, 8, 7, 0)) == -14_400, "\(name)")
            #expect(zone.offsetSeconds(atMillis: F.millis(2026, 11, 1, 5, 59)) == -14_400, "\(name)")
            #expect(zone.offsetSeconds(atMillis: F.millis(2026, 11, 1, 6, 0)) == -18_000, "\(name)")
        }
    }

    @Test func parisAndSydneyFollowTheirHemispheres() throws {
        let paris = try Self.zone("Europe/Paris")
        #expect(paris.offsetSeconds(atMillis: F.millis(2026, 3, 29, 0, 59)) == 3_600)
        #expect(paris.offsetSeconds(atMillis: F.millis(2026, 3, 29, 1, 0)) == 7_200)
        #expect(paris.offsetSeconds(atMillis: F.millis(2026, 10, 25, 0, 59)) == 7_200)
        #expect(paris.offsetSeconds(atMillis: F.millis(2026, 10, 25, 1, 0)) == 3_600)
        let sydney = try Self.zone("Australia/Sydney")
        #expect(sydney.offsetSeconds(atMillis: F.millis(2026, 1, 15)) == 39_600)
        #expect(sydney.offsetSeconds(atMillis: F.millis(2026, 7, 15)) == 36_000)
        #expect(sydney.offsetSeconds(atMillis: F.millis(2026, 4, 4, 15, 59)) == 39_600)
        #expect(sydney.offsetSeconds(atMillis: F.millis(2026, 4, 4, 16, 0)) == 36_000)
        #expect(sydney.offsetSeconds(atMillis: F.millis(2026, 10, 3, 15, 59)) == 36_000)
        #expect(sydney.offsetSeconds(atMillis: F.millis(2026, 10, 3, 16, 0)) == 39_600)
        #expect(try Self.zone("Asia/Kolkata").offsetSeconds(atMillis: F.millis(2026, 7, 1)) == 19_800)
    }

    @Test func groupTimesStayOnTheWallClockAcrossTheChange() throws {
        let group = FrequencyGroup(
            name: "open", cadence: .weekdays, times: [TimeOfDay(hour: 9, minute: 30)],
            zone: try Self.zone("America/New_York"), endpoints: [])
        // Friday 09:30 EST, then (weekend, DST starts Sunday) Monday 09:30 EDT.
        #expect(group.nextSlot(after: F.millis(2026, 3, 6, 0, 0)) == F.millis(2026, 3, 6, 14, 30))
        #expect(group.nextSlot(after: F.millis(2026, 3, 6, 14, 30)) == F.millis(2026, 3, 9, 13, 30))
    }

    @Test func skippedTimesMoveIntoTheNextHourAndRepeatedTimesFireOnce() throws {
        let zone = try Self.zone("America/New_York")
        let spring = FrequencyGroup(
            name: "s", cadence: .daily, times: [TimeOfDay(hour: 2, minute: 30), TimeOfDay(hour: 3, minute: 30)],
            zone: zone, endpoints: [])
        // 02:30 does not exist on 2026-03-08: it fires at 03:30 EDT (07:30 UTC), together with the 03:30 slot.
        #expect(spring.slots(onLocalDay: F.millis(2026, 3, 8) / 86_400_000) == [F.millis(2026, 3, 8, 7, 30)])
        let autumn = FrequencyGroup(
            name: "a", cadence: .daily, times: [TimeOfDay(hour: 1, minute: 30)], zone: zone, endpoints: [])
        // 01:30 happens twice on 2026-11-01: the first (EDT, 05:30 UTC) fires, the next slot is the day after.
        #expect(autumn.nextSlot(after: F.millis(2026, 11, 1, 0, 0)) == F.millis(2026, 11, 1, 5, 30))
        #expect(autumn.nextSlot(after: F.millis(2026, 11, 1, 5, 30)) == F.millis(2026, 11, 2, 6, 30))
    }

    @Test func unsupportedRulesAreRefused() {
        for text in [
            "America/Sao_Paulo", "EST", "EST5EDT", "EST5EDT,J60,J300", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.2.0",
            "XX5", "EST99",
        ] {
            #expect(ScheduleZone(parsing: text) == nil, "\(text)")
        }
        for name in ScheduleZone.knownNames.keys { #expect(ScheduleZone(parsing: name) != nil, "\(name)") }
    }
}

import LakeCore
import LakeHTTP
import LakePipeline
import Testing

@Suite struct PipelineSchedulerTests {
    typealias F = ReferencePipelineFixture

    static let weekdays = FrequencyGroup(
        name: "5x", cadence: .weekdays, times: [TimeOfDay(hour: 16, minute: 0), TimeOfDay(hour: 8, minute: 0)],
        zone: .utc, endpoints: [])
    static let daily = FrequencyGroup(
        name: "daily", cadence: .daily, times: [TimeOfDay(hour: 6, minute: 30)], zone: .utc, endpoints: [])
    static let weekly = FrequencyGroup(
        name: "weekly", cadence: .weekly(.sunday), times: [TimeOfDay(hour: 3, minute: 0)], zone: .utc, endpoints: [])
    /// 08:00 and 17:00 at UTC+05:30.
    static let offset = FrequencyGroup(
        name: "10x", cadence: .weekdays, times: [TimeOfDay(hour: 8, minute: 0), TimeOfDay(hour: 17, minute: 0)],
        zone: ScheduleZone(parsing: "+05:30") ?? .utc, endpoints: [])

    @Test func weekdayNumbersFollowTheCalendar() {
        #expect(Weekday(daysSinceEpoch: 0) == .thursday)
        #expect(Weekday(daysSinceEpoch: F.millis(2026, 11, 23) / 86_400_000) == .monday)
        #expect(Weekday(daysSinceEpoch: F.millis(2026, 11, 28) / 86_400_000) == .saturday)
        #expect(Weekday(daysSinceEpoch: -1) == .wednesday)
    }

    @Test func weekdayGroupsSkipTheWeekend() {
        // Friday 2026-11-27 16:00 is the last slot of the week; the next is Monday 08:00.
        let friday = F.millis(2026, 11, 27, 16, 0)
        #expect(Self.weekdays.nextSlot(after: F.millis(2026, 11, 27, 9, 0)) == friday)
        #expect(Self.weekdays.nextSlot(after: friday) == F.millis(2026, 11, 30, 8, 0))
        #expect(Self.weekdays.latestSlot(atOrBefore: F.millis(2026, 11, 29, 12, 0)) == friday)
        #expect(
            Self.weekdays.slots(after: F.millis(2026, 11, 27, 0, 0), through: F.millis(2026, 11, 30, 23, 59)).count == 4
        )
    }

    @Test func dailyAndWeeklySlots() {
        #expect(Self.daily.nextSlot(after: F.millis(2026, 11, 28, 6, 30)) == F.millis(2026, 11, 29, 6, 30))
        #expect(Self.daily.nextSlot(after: F.millis(2026, 11, 28, 6, 29)) == F.millis(2026, 11, 28, 6, 30))
        #expect(Self.weekly.nextSlot(after: F.millis(2026, 11, 23, 12, 0)) == F.millis(2026, 11, 29, 3, 0))
        #expect(Self.weekly.nextSlot(after: F.millis(2026, 11, 29, 3, 0)) == F.millis(2026, 12, 6, 3, 0))
        #expect(Self.weekly.latestSlot(atOrBefore: F.millis(2026, 12, 5, 0, 0)) == F.millis(2026, 11, 29, 3, 0))
    }

    @Test func fixedOffsetZonesShiftSlotsAndDecideTheWeekdayLocally() {
        // 08:00 at +05:30 is 02:30 UTC; 17:00 local is 11:30 UTC.
        #expect(Self.offset.nextSlot(after: F.millis(2026, 11, 23, 0, 0)) == F.millis(2026, 11, 23, 2, 30))
        #expect(Self.offset.nextSlot(after: F.millis(2026, 11, 23, 2, 30)) == F.millis(2026, 11, 23, 11, 30))
        // Sunday 2026-11-29 20:00 UTC is already Monday 01:30 local: the next slot is Monday 08:00 local.
        #expect(Self.offset.nextSlot(after: F.millis(2026, 11, 29, 20, 0)) == F.millis(2026, 11, 30, 2, 30))
        // Friday 19:00 UTC is Saturday 00:30 local: nothing until Monday.
        #expect(Self.offset.nextSlot(after: F.millis(2026, 11, 27, 19, 0)) == F.millis(2026, 11, 30, 2, 30))
        // A negative offset: 23:00 at -05:00 on Friday is Saturday 04:00 UTC and still fires.
        let west = FrequencyGroup(
            name: "w", cadence: .weekdays, times: [TimeOfDay(hour: 23, minute: 0)],
            zone: ScheduleZone(parsing: "-05:00") ?? .utc, endpoints: [])
        #expect(west.nextSlot(after: F.millis(2026, 11, 27, 12, 0)) == F.millis(2026, 11, 28, 4, 0))
        #expect(west.nextSlot(after: F.millis(2026, 11, 28, 4, 0)) == F.millis(2026, 12, 1, 4, 0))
    }

    @Test func firstStartFiresNothingForThePastThenFiresEachSlotOnce() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let scheduler = PipelineScheduler(groups: [Self.weekdays], store: scratch.store)
        #expect(try scheduler.claimDue(nowMillis: F.millis(2026, 11, 23, 9, 0)).isEmpty)
        #expect(try scheduler.claimDue(nowMillis: F.millis(2026, 11, 23, 15, 59)).isEmpty)
        let fires = try scheduler.claimDue(nowMillis: F.millis(2026, 11, 23, 16, 0, ))
        #expect(
            fires == [
                ScheduledFire(
                    group: "5x", slotMillis: F.millis(2026, 11, 23, 16, 0),
                    firedAtMillis: F.millis(2026, 11, 23, 16, 0), isCatchUp: false, skippedSlots: 0)
            ])
        #expect(try scheduler.claimDue(nowMillis: F.millis(2026, 11, 23, 16, 0) + 500).isEmpty)
        #expect(try scheduler.claimDue(nowMillis: F.millis(2026, 11, 23, 23, 0)).isEmpty)
    }

    @Test func restartMidDayNeverFiresAClaimedSlotAgain() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let first = PipelineScheduler(groups: [Self.weekdays, Self.daily], store: scratch.store)
        _ = try first.claimDue(nowMillis: F.millis(2026, 11, 23, 7, 0))
        let fired = try first.claimDue(nowMillis: F.millis(2026, 11, 24, 8, 0) + 2_000)
        #expect(fired.map(\.group) == ["5x", "daily"])
        // A new process (same lake root) at 08:10 the same day: both slots are already claimed.
        let restarted = PipelineScheduler(groups: [Self.weekdays, Self.daily], store: scratch.store)
        #expect(try restarted.claimDue(nowMillis: F.millis(2026, 11, 24, 8, 10)).isEmpty)
        let state = try SchedulerState.load(from: scratch.store)
        #expect(state.lastSlotMillis == ["5x": F.millis(2026, 11, 24, 8, 0), "daily": F.millis(2026, 11, 24, 6, 30)])
        #expect(state.history.count == 2)
        #expect(state.history[1].isCatchUp)  // daily 06:30 claimed at 08:00
        #expect(!state.history[0].isCatchUp)
    }

    @Test func downtimeCatchesUpOnceAndCountsSkippedSlots() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let scheduler = PipelineScheduler(groups: [Self.weekdays], store: scratch.store)
        _ = try scheduler.claimDue(nowMillis: F.millis(2026, 11, 23, 9, 0))
        // Down from Monday 09:00 to Thursday 12:00: 16:00 Mon, 08:00+16:00 Tue and Wed, 08:00 Thu were missed.
        let fires = try scheduler.claimDue(nowMillis: F.millis(2026, 11, 26, 12, 0))
        #expect(fires.count == 1)
        #expect(fires.first?.slotMillis == F.millis(2026, 11, 26, 8, 0))
        #expect(fires.first?.isCatchUp == true)
        #expect(fires.first?.skippedSlots == 5)
        #expect(try scheduler.claimDue(nowMillis: F.millis(2026, 11, 26, 12, 1)).isEmpty)
        // The weekend has no slot: Saturday after Friday's fire is quiet.
        _ = try scheduler.claimDue(nowMillis: F.millis(2026, 11, 27, 16, 0))
        #expect(try scheduler.claimDue(nowMillis: F.millis(2026, 11, 28, 16, 0)).isEmpty)
    }

    @Test func runLoopSleepsUntilTheNextSlotAndRunsEachFire() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let clock = ManualRetryClock(nowMillis: F.millis(2026, 11, 27, 15, 58))
        let scheduler = PipelineScheduler(groups: [Self.weekdays], store: scratch.store)
        var ran: [Int64] = []
        try scheduler.run(clock: clock, iterationsMax: 5) { fire in ran.append(fire.slotMillis) }
        #expect(ran == [F.millis(2026, 11, 27, 16, 0)])
        // Woke at most once a minute until 16:00, then slept towards Monday in 60 s steps.
        #expect(clock.recordedSleeps == [60_000, 60_000, 60_000, 60_000, 60_000])
        #expect(scheduler.nextFires(after: clock.nowMillis).first?.slotMillis == F.millis(2026, 11, 30, 8, 0))
    }

    @Test func failingRunsAreReportedAndStillClaimed() throws {
        struct Boom: Error {}
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let scheduler = PipelineScheduler(groups: [Self.daily], store: scratch.store)
        _ = try scheduler.claimDue(nowMillis: F.millis(2026, 11, 23, 0, 0))
        let clock = ManualRetryClock(nowMillis: F.millis(2026, 11, 23, 6, 30))
        var failures: [String] = []
        try scheduler.run(clock: clock, iterationsMax: 2, onFailure: { fire, _ in failures.append(fire.group) }) { _ in
            throw Boom()
        }
        #expect(failures == ["daily"])
        #expect(try SchedulerState.load(from: scratch.store).lastSlotMillis["daily"] == F.millis(2026, 11, 23, 6, 30))
    }

    @Test func corruptStateFileIsAStorageError() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        try scratch.store.put(SchedulerState.path, Array("{\"groups\": {\"daily\": {}}}".utf8))
        #expect(
            throws: PipelineError.storage(path: SchedulerState.path, reason: "group daily has no integer last_slot")
        ) {
            try SchedulerState.load(from: scratch.store)
        }
    }
}

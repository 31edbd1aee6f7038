import LakeCore
import LakeHTTP

/// Decides which frequency groups are due and remembers what it fired.
///
/// Rules (spec/pipeline.md#scheduler):
/// - A group seen for the first time fires nothing for the past: its state starts at its latest slot at or
///   before that moment, and the next slot is the first to fire.
/// - When the latest slot at or before now is later than the group's last claimed slot, that one slot fires;
///   earlier missed slots are skipped and counted. So after any downtime a group catches up at most once.
/// - A slot is claimed — the state written, atomically — *before* it is returned to run. A crash during the run
///   therefore never fires the slot again (at-most-once); the run records tell whether it finished.
/// - One scheduler per lake root; two processes sharing a root are not coordinated.
public struct PipelineScheduler: Sendable {
    /// A fire claimed later than this after its slot counts as a catch-up.
    public static let lateToleranceMillis: Int64 = 60_000
    /// The loop wakes at least this often, so a clock jump or a new state file is noticed.
    public static let sleepMillisMax: Int64 = 60_000

    public let groups: [FrequencyGroup]
    public let store: any ObjectStore

    public init(groups: [FrequencyGroup], store: any ObjectStore) {
        self.groups = groups
        self.store = store
    }

    /// Claims the due slots at `nowMillis` (one per group at most, in group order) and saves the state before
    /// returning them.
    public func claimDue(nowMillis: Int64) throws(PipelineError) -> [ScheduledFire] {
        var state = try SchedulerState.load(from: store)
        var fires: [ScheduledFire] = []
        var changed = false
        for group in groups {
            let latest = group.latestSlot(atOrBefore: nowMillis)
            guard let last = state.lastSlotMillis[group.name] else {
                state.lastSlotMillis[group.name] = latest
                changed = true
                continue
            }
            guard latest > last else { continue }
            let missed = group.slots(after: last, through: latest).count
            let fire = ScheduledFire(
                group: group.name, slotMillis: latest, firedAtMillis: nowMillis,
                isCatchUp: nowMillis - latest > Self.lateToleranceMillis, skippedSlots: max(0, missed - 1))
            state.lastSlotMillis[group.name] = latest
            state.history.append(fire)
            fires.append(fire)
            changed = true
        }
        if state.history.count > SchedulerState.historyCountMax {
            state.history.removeFirst(state.history.count - SchedulerState.historyCountMax)
        }
        if changed { try state.save(to: store) }
        return fires
    }

    /// The next slot of each group after `nowMillis`, soonest first (ties in group order).
    public func nextFires(after nowMillis: Int64) -> [(group: String, slotMillis: Int64)] {
        groups.map { ($0.name, $0.nextSlot(after: nowMillis)) }.enumerated()
            .sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element)
    }

    /// Runs the scheduler: claims due slots, calls `run` for each, sleeps until the next slot (at most
    /// `sleepMillisMax`), for `iterationsMax` wake-ups or until `shouldStop` says so. Errors from `run` are passed
    /// to `onFailure` and do not stop the loop; failing to read or write the state does.
    public func run(
        clock: any RetryClock, iterationsMax: Int = .max, shouldStop: () -> Bool = { false },
        onFailure: (ScheduledFire, any Error) -> Void = { _, _ in }, run: (ScheduledFire) throws -> Void
    ) throws(PipelineError) {
        guard !groups.isEmpty else { return }
        for _ in 0..<iterationsMax {
            if shouldStop() { return }
            for fire in try claimDue(nowMillis: clock.nowMillis) {
                do { try run(fire) } catch { onFailure(fire, error) }
            }
            if shouldStop() { return }
            let now = clock.nowMillis
            let next = nextFires(after: now).first?.slotMillis ?? now + Self.sleepMillisMax
            clock.sleep(millis: min(max(next - now, 1), Self.sleepMillisMax))
        }
    }
}

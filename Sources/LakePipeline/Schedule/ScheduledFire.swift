/// A slot of a frequency group the scheduler decided to run.
///
/// Spec: spec/pipeline.md#scheduler
public struct ScheduledFire: Sendable, Hashable {
    public var group: String
    /// The slot, milliseconds since the epoch (UTC).
    public var slotMillis: Int64
    /// When the scheduler claimed it.
    public var firedAtMillis: Int64
    /// True when the slot was claimed later than `PipelineScheduler.lateToleranceMillis` after its time (after a
    /// restart or a long run): the one catch-up run.
    public var isCatchUp: Bool
    /// Earlier slots missed since the last fire that are not run (at most one catch-up per group).
    public var skippedSlots: Int

    public init(group: String, slotMillis: Int64, firedAtMillis: Int64, isCatchUp: Bool, skippedSlots: Int) {
        self.group = group
        self.slotMillis = slotMillis
        self.firedAtMillis = firedAtMillis
        self.isCatchUp = isCatchUp
        self.skippedSlots = skippedSlots
    }
}

import LakeCore

/// What the scheduler has fired, persisted in `_lake/schedule_state.json` so a restart neither fires a slot
/// twice nor forgets where it was:
///
/// ```json
/// {"groups": {"daily": {"last_slot": 1763877600000, "last_slot_utc": "20261123_060000"}},
///  "history": [{"group": "daily", "slot": 1763877600000, "fired_at": 1763877601000, "catch_up": false,
///               "skipped": 0}]}
/// ```
///
/// `history` keeps the last `historyCountMax` fires, newest last. The file is replaced whole and atomically
/// (`ObjectStore.put`).
///
/// Spec: spec/pipeline.md#scheduler
public struct SchedulerState: Sendable, Hashable {
    public static let path = "_lake/schedule_state.json"
    public static let historyCountMax = 200

    /// Per group, the latest slot claimed (or, for a group first seen, the latest slot before that moment).
    public var lastSlotMillis: [String: Int64]
    /// Most recent fires, oldest first.
    public var history: [ScheduledFire]

    public init(lastSlotMillis: [String: Int64] = [:], history: [ScheduledFire] = []) {
        self.lastSlotMillis = lastSlotMillis
        self.history = history
    }

    /// The saved state, or an empty one when there is no state file yet.
    public static func load(from store: any ObjectStore) throws(PipelineError) -> SchedulerState {
        guard let object = try LakeStateFile.read(store, path) else { return SchedulerState() }
        var state = SchedulerState()
        if let groups = object["groups"] {
            guard case .object(let byGroup) = groups else { throw corrupt("groups is not an object") }
            for (group, value) in byGroup {
                guard let slot = value.objectValue?["last_slot"]?.int64Value else {
                    throw corrupt("group \(group) has no integer last_slot")
                }
                state.lastSlotMillis[group] = slot
            }
        }
        for item in object["history"]?.arrayValue ?? [] {
            guard let fire = item.objectValue, let group = fire["group"]?.stringValue,
                let slot = fire["slot"]?.int64Value, let firedAt = fire["fired_at"]?.int64Value
            else { throw corrupt("malformed history entry") }
            state.history.append(
                ScheduledFire(
                    group: group, slotMillis: slot, firedAtMillis: firedAt,
                    isCatchUp: fire["catch_up"]?.boolValue ?? false,
                    skippedSlots: Int(exactly: fire["skipped"]?.int64Value ?? 0) ?? 0))
        }
        return state
    }

    public func save(to store: any ObjectStore) throws(PipelineError) {
        let groups = lastSlotMillis.keys.sorted().map { group -> (String, JSONValue) in
            let slot = lastSlotMillis[group] ?? 0
            return (
                group,
                .object(["last_slot": .int64(slot), "last_slot_utc": .string(BronzeLayout.timestampText(millis: slot))])
            )
        }
        let history = history.suffix(Self.historyCountMax).map { fire -> JSONValue in
            .object([
                "group": .string(fire.group), "slot": .int64(fire.slotMillis), "fired_at": .int64(fire.firedAtMillis),
                "catch_up": .bool(fire.isCatchUp), "skipped": .int64(Int64(fire.skippedSlots)),
            ])
        }
        try LakeStateFile.write(
            store, Self.path, ["groups": .object(JSONObject(groups)), "history": .array(Array(history))])
    }

    private static func corrupt(_ reason: String) -> PipelineError { .storage(path: path, reason: reason) }
}

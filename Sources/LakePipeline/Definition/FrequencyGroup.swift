/// A named schedule (daily, weekly, 5x, 10x) and the endpoints and sources it extracts.
///
/// Models and loads are not listed per group: a group's plan runs the models that read (directly or through
/// other models) what its endpoints produce, and the loads of their outputs (`PipelinePlan`).
///
/// Spec: spec/pipeline.md#frequency-groups
public struct FrequencyGroup: Sendable, Hashable {
    public var name: String
    public var cadence: GroupCadence
    /// Sorted, without duplicates; at least one.
    public var times: [TimeOfDay]
    public var zone: ScheduleZone
    /// Names of the pipeline's endpoints and declared sources (CSV folders, PostgreSQL tables) it extracts; the
    /// extract stage runs them in the pipeline's extraction order (`PipelineDefinition.extractNames`).
    public var endpoints: [String]

    public init(name: String, cadence: GroupCadence, times: [TimeOfDay], zone: ScheduleZone, endpoints: [String]) {
        precondition(!times.isEmpty, "a frequency group fires at least once a day it runs")
        self.name = name
        self.cadence = cadence
        self.times = Array(Set(times)).sorted()
        self.zone = zone
        self.endpoints = endpoints
    }
}

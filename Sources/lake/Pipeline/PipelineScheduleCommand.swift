import ArgumentParser
import Foundation
import LakeCore
import LakePipeline
import LakeTable

/// `lake pipeline schedule`: a long-running scheduler that fires each frequency group at its slots
/// (`PipelineScheduler`: state in `_lake/schedule_state.json`, at most one catch-up per group after downtime)
/// and runs the group's plan. SIGINT or SIGTERM stops it cleanly after the run in progress.
///
/// `--once-at TIME` claims the slots due at TIME instead, runs them with a clock starting at TIME, and exits
/// (for tests and backfills). A group seen for the first time fires nothing (its state starts at that instant).
struct PipelineScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Fire the pipeline's frequency groups at their slots until stopped.")

    @OptionGroup var options: PipelineOptions
    @Option(help: "Serve the APIs from recorded payloads in DIR (its index.json).") var replay: String?
    @Option(
        help:
            "The warehouse URL (default: $LAKE_WAREHOUSE_URL, else a local PostgreSQL under ROOT/_lake/postgres)."
    )
    var warehouse: String?
    @Option(
        help: ArgumentHelp(
            "Claim and run the slots due at this UTC time, then exit.", valueName: "2026-11-23T08:00:00Z")
    )
    var onceAt: String?

    func run() throws {
        let definition = try options.definition(replay: replay != nil)
        let root = try options.rootPath()
        let scheduler = PipelineScheduler(
            groups: definition.groups, store: LocalObjectStore(root: root))
        let progress = { (line: String) in ProgressLine.writeError(line + "\n") }
        let server = try PipelineWarehouse(option: warehouse, root: root, progress: progress)
        defer { server.stop() }
        var failedRuns = 0
        let fireGroup = { (fire: ScheduledFire, clockStart: Int64?) throws in
            var line =
                "firing group \(fire.group) for slot \(PipelineTime.text(millis: fire.slotMillis)) UTC"
            if fire.isCatchUp {
                line +=
                    " (catch-up" + (fire.skippedSlots > 0 ? ", \(fire.skippedSlots) slot(s) skipped)" : ")")
            }
            progress(line)
            let report = try PipelineRunCommand.execute(
                options: options, root: root, group: fire.group, stage: .all, replay: replay,
                warehouse: server.url,
                clock: clockStart.map { PipelineTime.clock(startingAt: $0) } ?? .system)
            PipelineSummary.print(report)
            if !report.failures.isEmpty { failedRuns += 1 }
        }

        if let onceAt {
            let millis = try PipelineTime.millis(onceAt)
            let fires = try scheduler.claimDue(nowMillis: millis)
            if fires.isEmpty { progress("nothing due at \(PipelineTime.text(millis: millis)) UTC") }
            for fire in fires { try fireGroup(fire, millis) }
            if failedRuns > 0 { throw ExitCode(1) }
            return
        }

        StopSignal.install()
        let now = TableClock.system.nowMillis()
        for next in scheduler.nextFires(after: now) {
            progress("group \(next.group): next slot \(PipelineTime.text(millis: next.slotMillis)) UTC")
        }
        try scheduler.run(
            clock: StoppableClock(isStopRequested: { StopSignal.isRequested }),
            shouldStop: { StopSignal.isRequested },
            onFailure: { fire, error in progress("group \(fire.group) failed: \(error)") },
            run: { fire in try fireGroup(fire, nil) })
        progress("scheduler stopped")
    }
}

/// The runs of one tool on one task, reduced to the figures the report shows.
struct RunSummary: Codable {
    var runsSeconds: [Double]
    var minSeconds: Double
    var medianSeconds: Double
    /// (median - min) / min, in percent.
    var spreadPercent: Double
    var rows: Int
    var bytes: Int
    var rowsPerSecondMedian: Double
    /// File bytes (written, or read) / median seconds, in MB (10^6 bytes) per second.
    var megabytesPerSecondMedian: Double
    var peakRSSMiB: Double
    var rssBeforeMiB: Double
    var records: [RunRecord]

    init(_ records: [RunRecord]) {
        precondition(!records.isEmpty, "a summary needs at least one run")
        self.records = records
        runsSeconds = records.map(\.seconds)
        let sorted = runsSeconds.sorted()
        minSeconds = sorted[0]
        medianSeconds =
            sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        spreadPercent = minSeconds > 0 ? 100 * (medianSeconds - minSeconds) / minSeconds : 0
        rows = records[0].rows
        bytes = records[0].bytes
        rowsPerSecondMedian = Double(rows) / medianSeconds
        megabytesPerSecondMedian = Double(bytes) / 1e6 / medianSeconds
        peakRSSMiB = Double(records.compactMap(\.peakRSSKiB).max() ?? 0) / 1024
        rssBeforeMiB = Double(records.map(\.rssBeforeKiB).max() ?? 0) / 1024
    }
}

/// One task's outcome: both tools' summaries, the throughput ratio and the correctness checks.
struct TaskResult: Codable {
    struct Check: Codable {
        var name: String
        var passed: Bool
        var detail: String
    }

    var task: BenchTask
    var description: String
    var lake: RunSummary
    var pyarrow: RunSummary?
    /// pyarrow's reading of the first file lake wrote (write tasks).
    var pyarrowCheck: PeerCheck?
    var checks: [Check]

    /// Our throughput over pyarrow's, from the fastest run of each (BASELINES.md compares minimums).
    var ratioOfMinimums: Double? { pyarrow.map { $0.minSeconds / lake.minSeconds } }
    var ratioOfMedians: Double? { pyarrow.map { $0.medianSeconds / lake.medianSeconds } }

    enum CodingKeys: String, CodingKey {
        case task, description, lake, pyarrow, pyarrowCheck, checks, ratioOfMinimums, ratioOfMedians
    }

    init(task: BenchTask, lake: RunSummary, pyarrow: RunSummary?, pyarrowCheck: PeerCheck?, checks: [Check]) {
        self.task = task
        description = task.summary
        self.lake = lake
        self.pyarrow = pyarrow
        self.pyarrowCheck = pyarrowCheck
        self.checks = checks
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        task = try container.decode(BenchTask.self, forKey: .task)
        description = try container.decode(String.self, forKey: .description)
        lake = try container.decode(RunSummary.self, forKey: .lake)
        pyarrow = try container.decodeIfPresent(RunSummary.self, forKey: .pyarrow)
        pyarrowCheck = try container.decodeIfPresent(PeerCheck.self, forKey: .pyarrowCheck)
        checks = try container.decode([Check].self, forKey: .checks)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(task, forKey: .task)
        try container.encode(description, forKey: .description)
        try container.encode(lake, forKey: .lake)
        try container.encodeIfPresent(pyarrow, forKey: .pyarrow)
        try container.encodeIfPresent(pyarrowCheck, forKey: .pyarrowCheck)
        try container.encode(checks, forKey: .checks)
        try container.encodeIfPresent(ratioOfMinimums, forKey: .ratioOfMinimums)
        try container.encodeIfPresent(ratioOfMedians, forKey: .ratioOfMedians)
    }
}

import LakeColumnar

/// Where bronze snapshots go and how they are named.
///
/// `bronze/<endpoint>/<endpoint>-<yyyyMMdd_HHmmss>.parquet`, the time being the run's start in UTC. The names
/// sort in time order, so the latest snapshot is the last one listed.
///
/// Spec: spec/pipeline.md#bronze-layout
public enum BronzeLayout {
    /// `bronze/<endpoint>/`.
    public static func folder(endpoint: String) -> String { "bronze/\(endpoint)/" }

    /// The snapshot path of `endpoint` for a run started at `millis`.
    public static func snapshotPath(endpoint: String, millis: Int64) -> String {
        folder(endpoint: endpoint) + "\(endpoint)-\(timestampText(millis: millis)).parquet"
    }

    /// `yyyyMMdd_HHmmss` in UTC.
    public static func timestampText(millis: Int64) -> String {
        let seconds = floorDivide(millis, 1_000)
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let date = CivilCalendar.date(days: days)
        return pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2) + "_" + pad(secondOfDay / 3_600, 2)
            + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2)
    }

    /// `yyyy-MM` in UTC: the credit ledger's month.
    public static func monthText(millis: Int64) -> String {
        let date = CivilCalendar.date(days: floorDivide(floorDivide(millis, 1_000), 86_400))
        return pad(date.year, 4) + "-" + pad(date.month, 2)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// The zone a group's times of day are read in: UTC, a fixed UTC offset, a POSIX `TZ` rule, or a name from a
/// small built-in table.
///
/// Accepted spellings (`ScheduleZone(parsing:)`):
/// - `UTC`, `GMT`, `Z`, `Etc/UTC`, `Etc/GMT`, `Etc/GMT±N` (POSIX sign: `Etc/GMT+5` is UTC−05:00);
/// - `±HH:MM`, `±HH`, `UTC±HH:MM` (within ±18 h);
/// - a POSIX `TZ` rule `STD offset [DST [offset],Mm.w.d[/time],Mm.w.d[/time]]`, offsets west-positive as POSIX
///   has them (`EST5EDT,M3.2.0,M11.1.0`, `CET-1CEST,M3.5.0,M10.5.0/3`, `IST-5:30`);
/// - the names in `ScheduleZone.knownNames`, each mapped to its current POSIX rule (no historical changes).
///
/// With DST, a local time that does not exist (the hour skipped in spring) fires at the same wall-clock offset
/// into the new hour (02:30 becomes 03:30), and a local time that occurs twice (autumn) fires at the first one.
///
/// Spec: spec/pipeline.md#frequency-groups
public struct ScheduleZone: Sendable, Hashable, CustomStringConvertible {
    /// Standard offset from UTC in seconds (east positive), within ±18 h.
    public let offsetSeconds: Int64
    /// Nil when the zone keeps one offset all year.
    public let daylightSaving: DaylightSavingRule?
    /// The spelling it was given (`UTC`, `+05:30`, `Europe/Paris`).
    public let name: String

    public static let utc = ScheduleZone(name: "UTC", offsetSeconds: 0)

    public init(name: String, offsetSeconds: Int64, daylightSaving: DaylightSavingRule? = nil) {
        precondition(abs(offsetSeconds) <= 18 * 3_600, "UTC offsets stay within 18 hours")
        self.name = name
        self.offsetSeconds = offsetSeconds
        self.daylightSaving = daylightSaving
    }

    /// Zone names accepted besides UTC aliases and offsets, with the POSIX rule each stands for (rules in force
    /// since 2007 in North America and 1996 in Europe).
    public static let knownNames: [String: String] = [
        "Europe/London": "GMT0BST,M3.5.0/1,M10.5.0", "Europe/Dublin": "GMT0IST,M3.5.0/1,M10.5.0",
        "Europe/Lisbon": "WET0WEST,M3.5.0/1,M10.5.0", "Europe/Paris": "CET-1CEST,M3.5.0,M10.5.0/3",
        "Europe/Berlin": "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Amsterdam": "CET-1CEST,M3.5.0,M10.5.0/3",
        "Europe/Brussels": "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Madrid": "CET-1CEST,M3.5.0,M10.5.0/3",
        "Europe/Rome": "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Zurich": "CET-1CEST,M3.5.0,M10.5.0/3",
        "Europe/Vienna": "CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Stockholm": "CET-1CEST,M3.5.0,M10.5.0/3",
        "Europe/Athens": "EET-2EEST,M3.5.0/3,M10.5.0/4", "Europe/Helsinki": "EET-2EEST,M3.5.0/3,M10.5.0/4",
        "America/New_York": "EST5EDT,M3.2.0,M11.1.0", "America/Toronto": "EST5EDT,M3.2.0,M11.1.0",
        "America/Chicago": "CST6CDT,M3.2.0,M11.1.0", "America/Denver": "MST7MDT,M3.2.0,M11.1.0",
        "America/Los_Angeles": "PST8PDT,M3.2.0,M11.1.0", "America/Phoenix": "MST7",
        "Asia/Tokyo": "JST-9", "Asia/Seoul": "KST-9", "Asia/Shanghai": "CST-8", "Asia/Hong_Kong": "HKT-8",
        "Asia/Singapore": "<+08>-8", "Asia/Kolkata": "IST-5:30", "Asia/Dubai": "<+04>-4",
        "Australia/Sydney": "AEST-10AEDT,M10.1.0,M4.1.0/3",
    ]

    /// Parses the spellings listed on the type; nil for anything else.
    public init?(parsing text: String) {
        switch text {
        case "UTC", "GMT", "Z", "Etc/UTC", "Etc/GMT", "Etc/Zulu", "Etc/Universal", "Universal", "Zulu":
            self.init(name: text, offsetSeconds: 0)
            return
        default: break
        }
        if let rule = Self.knownNames[text] {
            guard let zone = POSIXZoneRule.parse(rule) else { return nil }
            self.init(name: text, offsetSeconds: zone.offset, daylightSaving: zone.daylightSaving)
            return
        }
        if text.hasPrefix("Etc/GMT") {
            let rest = text.dropFirst("Etc/GMT".count)
            guard let sign = rest.first, sign == "+" || sign == "-", (1...2).contains(rest.count - 1),
                rest.dropFirst().allSatisfy(\.isASCIIDigit), let hours = Int64(rest.dropFirst()), hours <= 14
            else { return nil }
            self.init(name: text, offsetSeconds: (sign == "+" ? -1 : 1) * hours * 3_600)
            return
        }
        if let first = text.first, first == "+" || first == "-" || text.hasPrefix("UTC+") || text.hasPrefix("UTC-") {
            var body = Substring(text)
            if body.hasPrefix("UTC") { body = body.dropFirst(3) }
            guard let sign = body.first else { return nil }
            let parts = body.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
                parts[0].count == 2, parts.count == 1 || parts[1].count == 2,
                let hours = Int64(parts[0]), hours <= 18
            else { return nil }
            let minutes = parts.count == 2 ? Int64(parts[1]) ?? 60 : 0
            guard minutes < 60, hours * 60 + minutes <= 18 * 60 else { return nil }
            self.init(name: text, offsetSeconds: (sign == "+" ? 1 : -1) * (hours * 3_600 + minutes * 60))
            return
        }
        guard let zone = POSIXZoneRule.parse(text) else { return nil }
        self.init(name: text, offsetSeconds: zone.offset, daylightSaving: zone.daylightSaving)
    }

    /// The offset in effect at `millis` (UTC), seconds east.
    public func offsetSeconds(atMillis millis: Int64) -> Int64 {
        guard let rule = daylightSaving else { return offsetSeconds }
        let seconds = millis >= 0 ? millis / 1_000 : -((-millis + 999) / 1_000)
        return rule.isInEffect(atSeconds: seconds, standardOffset: offsetSeconds)
            ? rule.dstOffsetSeconds : offsetSeconds
    }

    /// The UTC instant of local wall time `localMillis` (milliseconds since the epoch as if the zone were UTC):
    /// the earlier instant when the wall time occurs twice, the standard-offset reading when it is skipped.
    public func utcMillis(localMillis: Int64) -> Int64 {
        guard let rule = daylightSaving else { return localMillis - offsetSeconds * 1_000 }
        for offset in [max(offsetSeconds, rule.dstOffsetSeconds), min(offsetSeconds, rule.dstOffsetSeconds)] {
            let candidate = localMillis - offset * 1_000
            if offsetSeconds(atMillis: candidate) == offset { return candidate }
        }
        return localMillis - offsetSeconds * 1_000
    }

    public var description: String { name }
}

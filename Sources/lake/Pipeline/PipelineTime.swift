import ArgumentParser
import Foundation
import LakePipeline
import LakeSQL
import LakeTable
import Synchronization

/// Instants given on the command line (`--at`, `--once-at`) and clocks that start at them.
enum PipelineTime {
    /// Milliseconds since the epoch of `2026-11-20T12:00:00Z`, `2026-11-20 12:00:00` or `2026-11-20` (UTC).
    static func millis(_ text: String) throws -> Int64 {
        var normalized = text.replacingOccurrences(of: "T", with: " ")
        if normalized.hasSuffix("Z") { normalized.removeLast() }
        if normalized.count == 16 { normalized += ":00" }
        guard let micros = DateTimeText.parseTimestampMicroseconds(normalized) else {
            throw ValidationError("\(text) is not a UTC time like 2026-11-20T12:00:00Z")
        }
        return micros >= 0 ? micros / 1_000 : (micros - 999) / 1_000
    }

    /// A clock that reads `millis` at its first reading and advances with real time from then on, so a run's
    /// start (and its snapshot stamps) is exactly `millis`.
    static func clock(startingAt millis: Int64) -> TableClock {
        let firstReading = FirstReading()
        return TableClock {
            let now = TableClock.system.nowMillis()
            let started = firstReading.millis.withLock { first in
                if first == nil { first = now }
                return first ?? now
            }
            return millis + (now - started)
        }
    }

    /// `yyyy-MM-dd HH:mm:ss` (UTC).
    static func text(millis: Int64) -> String {
        let characters = Array(BronzeLayout.timestampText(millis: millis))  // yyyyMMdd_HHmmss
        guard characters.count == 15 else { return String(characters) }
        let part = { (range: Range<Int>) in String(characters[range]) }
        return
            "\(part(0..<4))-\(part(4..<6))-\(part(6..<8)) \(part(9..<11)):\(part(11..<13)):\(part(13..<15))"
    }
}

/// The system time at a clock's first reading.
private final class FirstReading: Sendable {
    let millis = Mutex<Int64?>(nil)
}

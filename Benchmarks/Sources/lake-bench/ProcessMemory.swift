import Foundation

/// Memory figures of the current process, from `/proc/self/status` (Linux).
enum ProcessMemory {
    /// Peak resident set size so far (`VmHWM`), in KiB; 0 where the figure is unavailable.
    static func peakResidentKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst("VmHWM:".count).filter(\.isNumber)
            return Int(digits) ?? 0
        }
        return 0
    }
}

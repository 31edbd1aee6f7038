import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program in a fresh process and measures it from outside: exit status, peak RSS (`wait4`) and the
/// `RESULT {json}` line it printed. The child's stdout and stderr go to a log file that stays for inspection.
struct ChildProcess {
    let arguments: [String]
    let logPath: String

    struct Outcome {
        var exitCode: Int32
        var peakRSSKiB: Int
        var wallSeconds: Double
        var log: String

        /// The JSON after the last `RESULT ` line, if the child printed one.
        var resultJSON: Data? {
            log.split(separator: "\n").last { $0.hasPrefix("RESULT ") }.map { Data($0.dropFirst(7).utf8) }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func run() throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let started = ContinuousClock.now
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else {
                throw Failure(description: "wait4 failed: \(String(cString: strerror(errno)))")
            }
        }
        let wall = (ContinuousClock.now - started).seconds
        // WIFEXITED / WEXITSTATUS, which Swift does not import: a normal exit has no signal in the low 7 bits.
        let exitCode: Int32 = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return Outcome(exitCode: exitCode, peakRSSKiB: Int(usage.ru_maxrss), wallSeconds: wall, log: log)
    }
}

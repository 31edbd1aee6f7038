import Foundation

/// Runs a program to completion and captures what it printed, for tests that drive peers and the `lake` binary.
///
/// stdout and stderr go to temporary files rather than pipes, so output of any size cannot block the child on a
/// full pipe buffer while the parent waits for it to exit. Standard input is empty.
public enum ChildProcess {
    /// What a finished child printed, and how it exited.
    public struct Result: Sendable {
        public var standardOutput: Data
        public var standardError: String
        public var exitStatus: Int32

        /// stdout decoded as UTF-8 (invalid sequences replaced).
        public var text: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case couldNotStart(executable: String, reason: String)
        case timedOut(command: String, seconds: Double)

        public var description: String {
            switch self {
            case .couldNotStart(let executable, let reason): "cannot start \(executable): \(reason)"
            case .timedOut(let command, let seconds): "`\(command)` did not finish within \(seconds) s; terminated"
            }
        }
    }

    /// Runs `executable arguments...` in `directory` with extra `environment` variables, waiting at most
    /// `secondsMax`.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
        secondsMax: Double = 600
    ) throws -> Result {
        let fileManager = FileManager.default
        let scratch = fileManager.temporaryDirectory.appendingPathComponent("lake-child-\(UUID().uuidString)")
        try fileManager.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        guard fileManager.createFile(atPath: stdoutURL.path, contents: nil),
            fileManager.createFile(atPath: stderrURL.path, contents: nil)
        else {
            throw Failure.couldNotStart(executable: executable, reason: "cannot create output files in \(scratch.path)")
        }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw Failure.couldNotStart(executable: executable, reason: "\(error)")
        }
        if finished.wait(timeout: .now() + secondsMax) == .timedOut {
            process.terminate()
            finished.wait()
            let command = ([executable] + arguments).joined(separator: " ")
            throw Failure.timedOut(command: command, seconds: secondsMax)
        }
        return Result(
            standardOutput: try Data(contentsOf: stdoutURL),
            standardError: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self),
            exitStatus: process.terminationStatus)
    }
}

import Foundation

/// Runs a Python program given as a string (`python3 -c`), for peer checks whose script is short enough to live
/// beside the test. Scripts under `Tests/interop/` go through `LakeTestSupport.PythonPeer` instead.
enum InlinePythonScript {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `python3 -c script arguments...`, which must exchange data through files and print nothing to stdout.
    ///
    /// stdout is discarded, so only stderr uses a pipe and a chatty child cannot block on a full pipe.
    ///
    /// - Throws: `Failure` with the script's stderr when it exits with a non-zero status.
    static func run(_ script: String, arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errorPipe = Pipe()
        process.standardError = errorPipe
        try process.run()
        let errors = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "python3 exited with status \(process.terminationStatus): "
                    + String(decoding: errors, as: UTF8.self))
        }
    }
}

import Foundation

/// Runs the Python interoperability scripts in `Tests/interop/` (pyarrow and DuckDB as peer implementations).
///
/// Interop tests must fail, not skip, when a peer is missing: call `requireModules(_:)` first, which throws an
/// error naming the missing module and the command that installs it.
///
/// The child's stdout and stderr go to temporary files rather than pipes, so a dump of any size cannot block
/// the child on a full pipe buffer while the parent waits for it to exit.
///
/// Spec: script usage and the canonical dump format are documented in `Tests/interop/parquet_dump.py`.
public enum PythonPeer {
    /// The interpreter, looked up on `PATH` through `/usr/bin/env`.
    public static let interpreter = "python3"
    /// The Python packages the interop scripts import.
    public static let peerModules = ["pyarrow", "duckdb"]
    /// How long one script may run before it is terminated.
    public static let runSecondsMax: Double = 600

    /// Why running a Python peer failed.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// `python3` could not be started at all.
        case interpreterUnavailable(reason: String)
        /// Python runs but lacks modules the interop tests need.
        case missingModules([String], installCommand: String)
        /// The script exited with a non-zero status.
        case scriptFailed(script: String, arguments: [String], exitStatus: Int32, standardError: String)
        /// The script ran longer than `runSecondsMax` and was terminated.
        case timedOut(script: String, seconds: Double)

        public var description: String {
            switch self {
            case .interpreterUnavailable(let reason):
                return "cannot run \(PythonPeer.interpreter): \(reason). Install Python 3 "
                    + "(e.g. `apt-get install python3 python3-pip`), then `\(PythonPeer.installCommand)`."
            case .missingModules(let modules, let installCommand):
                return "the interop tests need the Python module(s) \(modules.joined(separator: ", ")), which "
                    + "\(PythonPeer.interpreter) cannot import. Install them with `\(installCommand)` "
                    + "(or `make deps-python`)."
            case .scriptFailed(let script, let arguments, let exitStatus, let standardError):
                let command = ([script] + arguments).joined(separator: " ")
                return "`\(PythonPeer.interpreter) \(command)` exited with status \(exitStatus); stderr:\n"
                    + standardError
            case .timedOut(let script, let seconds):
                return "`\(PythonPeer.interpreter) \(script)` did not finish within \(seconds) s and was terminated"
            }
        }
    }

    /// What a script printed.
    public struct Output: Sendable {
        public var standardOutput: Data
        public var standardError: String

        /// stdout decoded as UTF-8 (invalid sequences replaced).
        public var text: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    /// The pip command that installs every peer module.
    public static var installCommand: String {
        "\(interpreter) -m pip install \(peerModules.joined(separator: " "))"
    }

    /// Throws `Failure.missingModules` naming each module of `modules` that `python3` cannot import.
    ///
    /// - Throws: `Failure.interpreterUnavailable` when `python3` cannot be started, `Failure.missingModules`
    ///   when some modules are missing.
    public static func requireModules(_ modules: [String] = peerModules) throws {
        let probe = """
            import importlib.util, sys
            print(",".join(name for name in sys.argv[1:] if importlib.util.find_spec(name) is None))
            """
        let output = try runInterpreter(arguments: ["-c", probe] + modules, displayName: "-c <module probe>")
        let missing = output.text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ",").map(String.init)
        guard missing.isEmpty else {
            let command = "\(interpreter) -m pip install \(missing.joined(separator: " "))"
            throw Failure.missingModules(missing, installCommand: command)
        }
    }

    /// Runs `python3 Tests/interop/<script> arguments...` from the repository root and returns its output.
    ///
    /// - Parameters:
    ///   - script: a file name in `Tests/interop/`, e.g. `"parquet_dump.py"`.
    ///   - arguments: passed unchanged; relative paths resolve against the repository root.
    /// - Throws: `Failure.scriptFailed` (with the script's stderr) on a non-zero exit, or the other `Failure`
    ///   cases; `FixturePaths.Failure.repositoryRootNotFound` when the checkout cannot be located.
    public static func run(_ script: String, _ arguments: [String] = []) throws -> Output {
        let path = try FixturePaths.repositoryRoot().appendingPathComponent("Tests/interop/\(script)").path
        return try runInterpreter(arguments: [path] + arguments, displayName: script)
    }

    /// The canonical JSON dump of a Parquet file read by a peer engine (`parquet_dump.py`).
    ///
    /// - Parameters:
    ///   - engine: `"pyarrow"` or `"duckdb"`; DuckDB columns are cast back to the file's types where safe.
    ///   - columns: names in output order, or nil for all columns.
    ///   - limit: the number of leading rows to dump, or nil for all.
    public static func dump(
        _ file: URL, engine: String = "pyarrow", columns: [String]? = nil, limit: Int? = nil
    ) throws -> CanonicalDump {
        var arguments = [file.path, "--engine", engine]
        if let columns { arguments += ["--columns", columns.joined(separator: ",")] }
        if let limit { arguments += ["--limit", String(limit)] }
        let output = try run("parquet_dump.py", arguments)
        return try JSONDecoder().decode(CanonicalDump.self, from: output.standardOutput)
    }

    /// Writes the deterministic dataset of `pyarrow_write.py` to `file` with the options of case `caseName`.
    public static func writeParquet(to file: URL, case caseName: String, rows: Int? = nil, seed: Int? = nil) throws {
        var arguments = [file.path, "--case", caseName]
        if let rows { arguments += ["--rows", String(rows)] }
        if let seed { arguments += ["--seed", String(seed)] }
        _ = try run("pyarrow_write.py", arguments)
    }

    /// The case names `pyarrow_write.py` knows, in its order.
    public static func writerCases() throws -> [String] {
        try run("pyarrow_write.py", ["--list"]).text.split(separator: "\n").map(String.init)
    }

    /// Runs `python3 arguments...` (for example `["-c", script, argument]`) from the repository root.
    /// - Throws: as `run(_:_:)`.
    public static func runInterpreter(arguments: [String], displayName: String) throws -> Output {
        let result: ChildProcess.Result
        do {
            result = try ChildProcess.run(
                "/usr/bin/env", [interpreter] + arguments,
                environment: ["PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"],
                directory: try? FixturePaths.repositoryRoot(), secondsMax: runSecondsMax)
        } catch ChildProcess.Failure.couldNotStart(_, let reason) {
            throw Failure.interpreterUnavailable(reason: reason)
        } catch ChildProcess.Failure.timedOut {
            throw Failure.timedOut(script: displayName, seconds: runSecondsMax)
        }
        let output = Output(standardOutput: result.standardOutput, standardError: result.standardError)
        // /usr/bin/env exits with 127 when it cannot find the interpreter.
        if result.exitStatus == 127 && output.standardError.contains(interpreter) {
            throw Failure.interpreterUnavailable(reason: output.standardError)
        }
        guard result.exitStatus == 0 else {
            throw Failure.scriptFailed(
                script: displayName, arguments: Array(arguments.dropFirst()), exitStatus: result.exitStatus,
                standardError: output.standardError)
        }
        return output
    }
}

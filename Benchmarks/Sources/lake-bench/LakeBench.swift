import LakeCore
import Foundation

/// `lake-bench`: release-mode benchmarks of lake against its peers.
///
/// ```
/// lake-bench parquet [--data DIR] [--runs N] [--tasks write_zstd,...] [--out DIR] [--json PATH]
///                    [--python PYTHON] [--no-peer]
/// lake-bench worker TASK [--data DIR] [--out DIR] [--keep] [--repeat N]
/// lake-bench delta [--data DIR] [--runs N] [--out DIR] [--json PATH] [--python PYTHON]
/// lake-bench delta-worker [--data DIR] [--out DIR]
/// lake-bench silver [--data DIR] [--runs N] [--tasks LIST] [--out DIR] [--json PATH] [--python PYTHON]
///                   [--peers PATH] [--last-values FORM] [--no-peer]
/// lake-bench silver-worker TASK [--data DIR] [--out DIR] [--repeat N] [--last-values FORM]
/// ```
/// `parquet` runs the whole comparison (each run in a fresh child process). `worker` runs one task once in this
/// process and prints `RESULT {json}`: what `parquet` spawns, and what to wrap in a profiler.
@main
struct LakeBench {
    /// This package's folder, found from this file's path, for the default data, peer script and report paths.
    static let packageDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let usage = """
        usage:
          lake-bench parquet [--data DIR] [--runs N] [--tasks LIST] [--out DIR] [--json PATH] [--python PYTHON]
                             [--no-peer]
          lake-bench worker TASK [--data DIR] [--out DIR] [--keep] [--repeat N]
          lake-bench delta [--data DIR] [--runs N] [--out DIR] [--json PATH] [--python PYTHON]
          lake-bench delta-worker [--data DIR] [--out DIR]
          lake-bench silver [--data DIR] [--runs N] [--tasks LIST] [--out DIR] [--json PATH] [--python PYTHON]
                            [--peers PATH] [--last-values FORM] [--no-peer]
          lake-bench silver-worker TASK [--data DIR] [--out DIR] [--repeat N] [--last-values FORM]

        --data    folder with listings.parquet (default \(packageDirectory)/data)
        --out     folder for written files and child logs (default DATA/out)
        --json    report path (default \(packageDirectory)/results/parquet.json; delta: results/delta.json)
        --runs    runs per tool and task (default 3; delta: 1)
        --tasks   comma-separated, from \(BenchTask.allCases.map(\.rawValue).joined(separator: ",")) (default all)
        --no-peer skip the pyarrow runs (silver: the DuckDB and Polars runs)
        --peers   silver: run_peers.py, whose workers run the peers (default /work/shared/bench/run_peers.py)
        --last-values  silver: arg_max or row_number_filter, the SQL form of the day's last values
                  (default: arg_max when the session runs it)
        silver tasks: \(SilverTask.allCases.map(\.rawValue).joined(separator: ",")) (default all)
        --repeat  worker only: run the timed section N times in one process (for profilers), report the fastest
        """

    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let command = arguments.first else { fail(usage) }
        arguments.removeFirst()
        do {
            switch command {
            case "parquet": try runParquet(arguments)
            case "postgres": try runPostgres(arguments)
            case "postgres-worker":
                ProcessAllocator.configureForColumnarWork()
                try runPostgresWorker(arguments)
            case "delta": try runDelta(arguments)
            case "delta-worker":
                ProcessAllocator.configureForColumnarWork()
                try runDeltaWorker(arguments)
            case "silver": try runSilver(arguments)
            case "silver-worker":
                ProcessAllocator.configureForColumnarWork()
                try runSilverWorker(arguments)
            case "worker":
                ProcessAllocator.configureForColumnarWork()  // as the lake tool configures itself
                try runWorker(arguments)
            case "-h", "--help", "help": print(usage)
            default: fail("unknown command '\(command)'\n\(usage)")
            }
        } catch {
            fail("error: \(error)")
        }
    }

    private static func runParquet(_ arguments: [String]) throws {
        var options = try Options(arguments, flags: ["--no-peer"])
        let data = options.take("--data") ?? packageDirectory + "/data"
        let runs = Int(options.take("--runs") ?? "3") ?? 0
        guard runs > 0 else { fail("--runs needs a positive number") }
        var tasks = BenchTask.allCases
        if let list = options.take("--tasks") {
            tasks = try list.split(separator: ",").map { name in
                guard let task = BenchTask(rawValue: String(name)) else {
                    throw Options.Failure("unknown task '\(name)'")
                }
                return task
            }
        }
        let suite = ParquetSuite(
            dataDirectory: absolute(data), outputDirectory: absolute(options.take("--out") ?? data + "/out"),
            jsonPath: absolute(options.take("--json") ?? packageDirectory + "/results/parquet.json"),
            python: options.take("--python") ?? "python3",
            peerScript: packageDirectory + "/peers/pyarrow_parquet.py", runs: runs, tasks: tasks,
            withPeer: !options.flag("--no-peer"))
        try options.finish()
        if try !suite.run() { fail("some checks failed") }
    }

    private static func runDelta(_ arguments: [String]) throws {
        var options = try Options(arguments, flags: [])
        let data = options.take("--data") ?? packageDirectory + "/data"
        let runs = Int(options.take("--runs") ?? "1") ?? 0
        guard runs > 0 else { fail("--runs needs a positive number") }
        let suite = DeltaSuite(
            dataDirectory: absolute(data), outputDirectory: absolute(options.take("--out") ?? data + "/out"),
            jsonPath: absolute(options.take("--json") ?? packageDirectory + "/results/delta.json"),
            python: options.take("--python") ?? "python3", peerScript: packageDirectory + "/peers/deltalake_ops.py",
            runs: runs)
        try options.finish()
        if try !suite.run() { fail("some checks failed or a step is below \(DeltaSuite.ratioMin)x") }
    }

    private static func runDeltaWorker(_ arguments: [String]) throws {
        var options = try Options(arguments, flags: [])
        let data = options.take("--data") ?? packageDirectory + "/data"
        let worker = DeltaWorker(
            dataDirectory: absolute(data), outputDirectory: absolute(options.take("--out") ?? data + "/out"))
        try options.finish()
        let result = try worker.run()
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print("RESULT " + String(decoding: json, as: UTF8.self))
    }

    private static func runWorker(_ arguments: [String]) throws {
        var rest = arguments
        guard let name = rest.first, let task = BenchTask(rawValue: name) else { fail(usage) }
        rest.removeFirst()
        var options = try Options(rest, flags: ["--keep"])
        let data = options.take("--data") ?? packageDirectory + "/data"
        var worker = Worker(
            task: task, dataDirectory: absolute(data),
            outputDirectory: absolute(options.take("--out") ?? data + "/out"),
            keepOutput: options.flag("--keep"))
        worker.repeats = Int(options.take("--repeat") ?? "1") ?? 1
        try options.finish()
        let record = try worker.run()
        let json = try JSONEncoder().encode(record)
        print("RESULT " + String(decoding: json, as: UTF8.self))
    }

    private static func runSilver(_ arguments: [String]) throws {
        var options = try Options(arguments, flags: ["--no-peer"])
        let data = options.take("--data") ?? packageDirectory + "/data"
        let runs = Int(options.take("--runs") ?? "3") ?? 0
        guard runs > 0 else { fail("--runs needs a positive number") }
        var tasks = SilverTask.allCases
        if let list = options.take("--tasks") {
            tasks = try list.split(separator: ",").map { name in
                guard let task = SilverTask(rawValue: String(name)) else {
                    throw Options.Failure("unknown silver task '\(name)'")
                }
                return task
            }
        }
        let suite = SilverSuite(
            dataDirectory: absolute(data), outputDirectory: absolute(options.take("--out") ?? data + "/out"),
            jsonPath: absolute(options.take("--json") ?? packageDirectory + "/results/silver.json"),
            python: options.take("--python") ?? "python3",
            peersScript: options.take("--peers") ?? "/work/shared/bench/run_peers.py",
            checkScript: packageDirectory + "/peers/silver_check.py", runs: runs, tasks: tasks,
            lastValues: try lastValueForm(&options), withPeers: !options.flag("--no-peer"))
        try options.finish()
        if try !suite.run() { fail("some checks failed") }
    }

    private static func runSilverWorker(_ arguments: [String]) throws {
        var rest = arguments
        guard let name = rest.first, let task = SilverTask(rawValue: name) else { fail(usage) }
        rest.removeFirst()
        var options = try Options(rest, flags: [])
        let data = options.take("--data") ?? packageDirectory + "/data"
        var worker = SilverWorker(
            task: task, dataDirectory: absolute(data),
            outputDirectory: absolute(options.take("--out") ?? data + "/out"), lastValues: try lastValueForm(&options))
        worker.repeats = Int(options.take("--repeat") ?? "1") ?? 1
        try options.finish()
        let json = try JSONSerialization.data(withJSONObject: try worker.run(), options: [.sortedKeys])
        print("RESULT " + String(decoding: json, as: UTF8.self))
    }

    private static func lastValueForm(_ options: inout Options) throws -> SilverQuery.LastValueForm? {
        guard let text = options.take("--last-values") else { return nil }
        guard let form = SilverQuery.LastValueForm(rawValue: text) else {
            throw Options.Failure("--last-values takes \(SilverQuery.LastValueForm.allCases.map(\.rawValue))")
        }
        return form
    }

    /// `lake-bench postgres [--data DIR] [--runs N] [--connections N] [--json PATH] [--python PYTHON] [--no-peer]`
    private static func runPostgres(_ arguments: [String]) throws {
        var options = try Options(arguments, flags: ["--no-peer"])
        let data = options.take("--data") ?? packageDirectory + "/data"
        let suite = PostgresSuite(
            dataDirectory: absolute(data),
            jsonPath: absolute(options.take("--json") ?? packageDirectory + "/results/postgres.json"),
            python: options.take("--python") ?? "python3", peerScript: packageDirectory + "/peers/psycopg_copy.py",
            runs: Int(options.take("--runs") ?? "3") ?? 3, connections: Int(options.take("--connections") ?? "1") ?? 1,
            withPeer: !options.flag("--no-peer"))
        try options.finish()
        if try !suite.run() { fail("some checks failed or lake is below the acceptance rate") }
    }

    private static func runPostgresWorker(_ arguments: [String]) throws {
        var options = try Options(arguments, flags: [])
        let worker = PostgresWorker(
            dataDirectory: absolute(options.take("--data") ?? packageDirectory + "/data"),
            url: options.take("--url") ?? "", table: options.take("--table") ?? "listings",
            connections: Int(options.take("--connections") ?? "1") ?? 1)
        try options.finish()
        let json = try JSONSerialization.data(withJSONObject: try worker.run(), options: [.sortedKeys])
        print("RESULT " + String(decoding: json, as: UTF8.self))
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
}

/// `--name value` options and `--flag` switches; every option given must be consumed.
struct Options {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    init(_ arguments: [String], flags known: Set<String>) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if known.contains(argument) {
                flags.insert(argument)
                index += 1
            } else if argument.hasPrefix("--"), index + 1 < arguments.count {
                values[argument] = arguments[index + 1]
                index += 2
            } else {
                throw Failure("unexpected argument '\(argument)'")
            }
        }
    }

    mutating func take(_ name: String) -> String? { values.removeValue(forKey: name) }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    func finish() throws {
        if let unknown = values.keys.sorted().first { throw Failure("unknown option '\(unknown)'") }
    }
}

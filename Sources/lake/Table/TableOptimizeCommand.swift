import ArgumentParser
import LakeTable

struct TableOptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Compact a Delta table's small files per partition into files near a target size.",
        discussion: """
            Rows and older versions are unchanged (the new commit has dataChange=false). With --zorder, every \
            file of each partition is rewritten with its rows sorted by the z-order of the given columns, so that \
            file statistics skip well on each of them.
            """)

    @Argument(help: "The table directory.") var table: String
    @Option(help: "Target file size: 128MB, 512KB or bytes (default: delta.targetFileSize, else 128MB).")
    var targetSize: String?
    @Option(help: "Z-order by these non-partition columns, comma-separated (1 to 8), e.g. --zorder a,b.")
    var zorder: String?
    @Flag(help: "No progress display and no summary on stderr.") var quiet = false

    func run() throws {
        let target = try targetSize.map(Self.bytes)
        let table = TableReport.open(table)
        var progress = ProgressLine(quiet: quiet)
        if let zorder {
            let columns = zorder.split(separator: ",", omittingEmptySubsequences: false).map { name in
                String(name.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
            }
            guard !columns.isEmpty, !columns.contains(where: \.isEmpty) else {
                throw ValidationError("--zorder expects column names separated by commas, found '\(zorder)'")
            }
            guard let outcome = try table.optimize(zOrderBy: columns, targetFileBytes: target) else {
                print("nothing to z-order: the table has no files")
                return
            }
            let metrics =
                try table.snapshot(version: outcome.version).commitInfo?.json["operationMetrics"]?
                .objectValue ?? [:]
            func metric(_ name: String) -> Int64 { metrics[name]?.stringValue.flatMap { Int64($0) } ?? 0 }
            progress.summarize(
                "read \(metric("numFilesRemoved")) files (\(ProgressLine.size(metric("numBytesRemoved")))), wrote "
                    + "\(metric("numFilesAdded")) files (\(ProgressLine.size(metric("numBytesAdded"))))")
            print("z-ordered by \(columns.joined(separator: ", ")) into version \(outcome.version)")
            return
        }
        let report = try table.optimize(
            targetFileBytes: target, partitionFilter: [], grouping: OptimizeGrouping()
        ) { state in
            progress.update(
                "optimize: read \(state.filesRead)/\(state.filesTotal) files "
                    + "(\(ProgressLine.size(state.bytesRead)) of \(ProgressLine.size(state.bytesTotal))), "
                    + "\(state.rowsRead) rows, \(state.commits) commits")
        }
        guard let first = report.versions.first, let last = report.versions.last else {
            progress.summarize("nothing to compact")
            print("nothing to compact: no partition has two files below the target size")
            return
        }
        progress.summarize(
            "read \(report.filesRemoved) files (\(ProgressLine.size(report.bytesRemoved))), wrote "
                + "\(report.filesAdded) files (\(ProgressLine.size(report.bytesAdded))), \(report.rowsWritten) rows, "
                + "\(report.versions.count) commits")
        if first == last {
            print("compacted into version \(last)")
        } else {
            print("compacted into versions \(first) to \(last)")
        }
    }

    /// `128MB`, `64KiB`, `1G` or plain bytes.
    static func bytes(_ text: String) throws -> Int64 {
        let units: [(String, Int64)] = [
            ("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10),
            ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1),
        ]
        let upper = text.uppercased()
        for (suffix, scale) in units where upper.hasSuffix(suffix) {
            if let number = Int64(upper.dropLast(suffix.count)), number > 0, number <= Int64.max / scale {
                return number * scale
            }
            break
        }
        guard let number = Int64(upper), number > 0 else {
            throw ValidationError("--target-size expects a size such as 128MB or 1048576, found '\(text)'")
        }
        return number
    }
}

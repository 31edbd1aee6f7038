import ArgumentParser
import LakeTable

struct TableOptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Compact a Delta table's small files per partition into files near a target size.",
        discussion: "Rows and older versions are unchanged (the new commit has dataChange=false). No z-order yet.")

    @Argument(help: "The table directory.") var table: String
    @Option(help: "Target file size: 128MB, 512KB or bytes (default: delta.targetFileSize, else 128MB).")
    var targetSize: String?

    func run() throws {
        let target = try targetSize.map(Self.bytes)
        guard let outcome = try TableReport.open(table).optimize(targetFileBytes: target) else {
            print("nothing to compact: no partition has two files below the target size")
            return
        }
        switch outcome {
        case .committed(let version), .alreadyApplied(let version):
            print("compacted into version \(version)")
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

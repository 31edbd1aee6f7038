import LakeColumnar
import LakeExec
import LakeTable

/// Streams a planned `TableScan` file by file: one live file's batches are in memory at a time.
struct DeltaScanSource: BatchSource {
    let scan: TableScan
    /// The table's name for error messages.
    let name: String
    var schema: Schema { scan.schema }
    private var fileIndex = 0
    private var pending: [Batch] = []
    private var pendingIndex = 0

    init(scan: TableScan, name: String) {
        self.scan = scan
        self.name = name
    }

    mutating func nextBatch() throws -> Batch? {
        while pendingIndex >= pending.count {
            guard fileIndex < scan.files.count else { return nil }
            let file = scan.files[fileIndex]
            fileIndex += 1
            do {
                pending = try scan.batches(of: file)
            } catch {
                throw SessionError.table(name, error)
            }
            pendingIndex = 0
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }
}

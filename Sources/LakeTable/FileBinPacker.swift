/// Chooses the files OPTIMIZE compacts: per partition, the live files smaller than the target, packed greedily
/// in snapshot order into bins whose total size stays within the target.
///
/// A bin that would hold a single file is dropped (rewriting one file gains nothing), so a partition with one
/// small file is left alone. A file as large as the target or larger is never a candidate.
///
/// Spec: spec/table-log.md §12 (10).
enum FileBinPacker {
    /// The bins of `files`, partitions in order of their first file, bins in packing order.
    /// - Precondition: `targetFileBytes > 0`.
    static func bins(of files: [ActiveFile], targetFileBytes: Int64) -> [[ActiveFile]] {
        precondition(targetFileBytes > 0, "the OPTIMIZE target size must be positive")
        var partitions: [[String: String?]: [ActiveFile]] = [:]
        var order: [[String: String?]] = []
        for file in files where file.add.size < targetFileBytes {
            let key = file.add.partitionValues
            if partitions[key] == nil { order.append(key) }
            partitions[key, default: []].append(file)
        }
        var bins: [[ActiveFile]] = []
        for key in order {
            var current: [ActiveFile] = []
            var currentBytes: Int64 = 0
            for file in partitions[key] ?? [] {
                let size = max(file.add.size, 0)
                if !current.isEmpty && currentBytes + size > targetFileBytes {
                    if current.count > 1 { bins.append(current) }
                    current = []
                    currentBytes = 0
                }
                current.append(file)
                currentBytes += size
            }
            if current.count > 1 { bins.append(current) }
        }
        return bins
    }
}

import Dispatch
import LakeCore
import Synchronization

/// Deletes many objects with several calls in flight: an object store's latency (or a file system's unlink of large
/// files) is paid once per worker, not once per object.
enum ObjectDeleter {
    /// Deletes calls in flight at once: enough to hide the latency of a local disk or a remote store, few enough not
    /// to flood either.
    static let concurrentDeletesMax = 8

    /// Deletes every path of `paths` from `store`.
    /// - Throws: the first failure met; the other paths may or may not be deleted then (deleting is idempotent,
    ///   so running the same deletion again finishes the work).
    static func delete(_ paths: [String], from store: any ObjectStore) throws(TableLogError) {
        guard paths.count > 1 else {
            for path in paths { try TableLocation.storeCall { try store.delete(path) } }
            return
        }
        let workers = min(concurrentDeletesMax, paths.count)
        let firstFailure = Mutex<TableLogError?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: paths.count, by: workers) {
                if firstFailure.withLock({ $0 != nil }) { return }
                do throws(TableLogError) {
                    try TableLocation.storeCall { try store.delete(paths[index]) }
                } catch {
                    firstFailure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        if let failure = firstFailure.withLock({ $0 }) { throw failure }
    }
}

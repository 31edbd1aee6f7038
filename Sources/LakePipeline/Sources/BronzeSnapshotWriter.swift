import LakeColumnar
import LakeCore
import LakeParquet

/// One bronze snapshot written while its batches arrive: the Parquet file is started at the first batch,
/// published by `finish` (atomically, through the store's writer) and discarded by `abort`.
///
/// Used by the sources that stream (PostgreSQL tables, CSV folders): unlike the API extraction, which flattens all
/// records first and writes one batch, the snapshot is never held in memory whole.
struct BronzeSnapshotWriter {
    let store: any ObjectStore
    let path: String
    let options: ParquetWriteOptions
    private var writer: ParquetFileWriter?
    /// The error that stopped writing, kept to report instead of the extractor's stand-in error.
    var failure: PipelineError?

    init(store: any ObjectStore, path: String, options: ParquetWriteOptions) {
        self.store = store
        self.path = path
        self.options = options
    }

    /// - Throws: `bronzeSnapshotExists` when a snapshot of that name exists (snapshots are never overwritten);
    ///   `storage` when the store cannot tell.
    func requireAbsent() throws(PipelineError) {
        do {
            _ = try store.head(path)
        } catch ObjectStoreError.notFound {
            return
        } catch {
            throw .storage(path: path, reason: "\(error)")
        }
        throw .bronzeSnapshotExists(path: path)
    }

    mutating func write(_ batch: Batch) throws(PipelineError) {
        do {
            if writer == nil {
                writer = try ParquetFileWriter(store: store, path: path, schema: batch.schema, options: options)
            }
            if batch.rowCount > 0 { try writer?.write(batch) }
        } catch {
            throw .storage(path: path, reason: "\(error)")
        }
    }

    /// Publishes the snapshot; false when no batch was written (nothing to publish).
    mutating func finish() throws(PipelineError) -> Bool {
        guard let writer else { return false }
        do {
            _ = try writer.close()
        } catch {
            throw .storage(path: path, reason: "\(error)")
        }
        self.writer = nil
        return true
    }

    mutating func abort() {
        writer?.abort()
        writer = nil
    }
}

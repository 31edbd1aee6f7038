import LakeColumnar
import LakeCore
import LakeParquet

/// Reads the actions of a checkpoint: classic and multi-part Parquet files, and V2 checkpoints (UUID-named JSON or
/// Parquet, or classic-named with a `checkpointMetadata` row) together with the sidecars they name.
///
/// Parquet checkpoints are read row group by row group, only the action columns (`stats_parsed`,
/// `partitionValues_parsed` and unknown columns are never decoded). Every failure, including a missing sidecar,
/// a sidecar name with `/`, a `checkpointMetadata.version` different from the file's version or a Parquet error,
/// is `corruptLog` naming the file, so `Snapshot.load` can fall back to an older checkpoint.
///
/// Spec: spec/table-log.md §8.1-§8.3.
enum CheckpointReader {
    /// The non-`commitInfo` actions of `checkpoint`, file by file in part order, then sidecar by sidecar.
    /// - Throws: `corruptLog` naming the file at fault; `io` for storage failures other than a missing file.
    static func actions(
        of checkpoint: CheckpointFiles, store: any ObjectStore, root: String
    ) throws(TableLogError) -> [Action] {
        var content = CheckpointDecoder.Content()
        for path in checkpoint.paths {
            if path.hasSuffix(".json") {
                try readJSON(path, store: store, into: &content)
            } else {
                try readParquet(path, store: store, columns: CheckpointSchema.readableColumns, into: &content)
            }
        }
        if let metadataVersion = content.checkpointMetadataVersion, metadataVersion != checkpoint.version {
            throw .corruptLog(
                path: checkpoint.displayPath,
                reason: "checkpointMetadata.version is \(metadataVersion), the file is version \(checkpoint.version)")
        }
        guard content.sidecars.count <= CheckpointLimits.sidecarsMax else {
            throw .corruptLog(
                path: checkpoint.displayPath,
                reason: "\(content.sidecars.count) sidecars exceed the limit of \(CheckpointLimits.sidecarsMax)")
        }
        let sidecarPrefix = TableLocation.logPrefix(root) + "_sidecars/"
        for sidecar in content.sidecars {
            let name: String
            do throws(TableLogError) {
                name = try PathCodec.decode(sidecar.path)
            } catch {
                throw .corruptLog(path: checkpoint.displayPath, reason: "sidecar path: \(error)")
            }
            guard !name.contains("/") else {
                throw .corruptLog(
                    path: checkpoint.displayPath, reason: "sidecar path \"\(sidecar.path)\" is not a plain file name")
            }
            var sidecarContent = CheckpointDecoder.Content()
            try readParquet(sidecarPrefix + name, store: store, columns: ["add", "remove"], into: &sidecarContent)
            content.actions.append(contentsOf: sidecarContent.actions)
        }
        var protocols = 0
        var metadatas = 0
        for action in content.actions {
            if case .protocol = action { protocols += 1 }
            if case .metadata = action { metadatas += 1 }
        }
        guard protocols == 1, metadatas == 1 else {
            throw .corruptLog(
                path: checkpoint.displayPath,
                reason: "a checkpoint holds exactly one protocol and one metaData, found \(protocols) and \(metadatas)")
        }
        return content.actions
    }

    /// Decodes the named columns (those present) of the Parquet file at `path`.
    private static func readParquet(
        _ path: String, store: any ObjectStore, columns: [String], into content: inout CheckpointDecoder.Content
    ) throws(TableLogError) {
        let reader: ParquetFileReader
        let indices: [Int]
        do throws(ParquetError) {
            reader = try ParquetFileReader(store: store, path: path)
            // Top-level columns by name; a present action column this reader cannot decode is an error, not skipped.
            let present = columns.filter { name in reader.parquetSchema.fields.contains { $0.name == name } }
            indices = try reader.columnIndices(present)
        } catch {
            throw .corruptLog(path: path, reason: "unreadable checkpoint: \(error)")
        }
        var firstRow = 0
        for group in 0..<reader.rowGroupCount {
            let batch: Batch
            do throws(ParquetError) {
                batch = try reader.readRowGroup(group, columnIndices: indices)
            } catch {
                throw .corruptLog(path: path, reason: "unreadable checkpoint: \(error)")
            }
            try CheckpointDecoder.decode(batch, firstRow: firstRow, path: path, into: &content)
            firstRow += batch.rowCount
        }
    }

    /// Decodes a JSON V2 checkpoint: one action per line, plus `checkpointMetadata` and `sidecar` lines.
    private static func readJSON(
        _ path: String, store: any ObjectStore, into content: inout CheckpointDecoder.Content
    ) throws(TableLogError) {
        let info: ObjectInfo
        let bytes: [UInt8]
        do {
            info = try store.head(path)
            guard info.sizeBytes <= Int64(CheckpointLimits.jsonBytesMax) else {
                throw TableLogError.corruptLog(
                    path: path, reason: "\(info.sizeBytes) bytes exceed the limit of \(CheckpointLimits.jsonBytesMax)")
            }
            bytes = try store.read(path)
        } catch let error as TableLogError {
            throw error
        } catch ObjectStoreError.notFound {
            throw .corruptLog(path: path, reason: "the checkpoint file is missing")
        } catch let error as ObjectStoreError {
            throw .io(error)
        } catch {
            throw .io(.io(path: path, operation: "read", code: 0, message: "\(error)"))
        }
        var decoded = CheckpointDecoder.Content()
        do {
            try bytes.withUnsafeBytes { buffer in
                try JSONLines.forEach(in: buffer, options: .init(bytesMax: TableLimits.logLineBytesMax)) {
                    line, document in
                    guard let object = document.objectValue, object.count == 1, let (key, body) = object.first else {
                        throw TableLogError.corruptEntry(path: path, line: line, reason: "expected a one-key object")
                    }
                    switch key {
                    case "checkpointMetadata":
                        guard decoded.checkpointMetadataVersion == nil, let version = body["version"]?.int64Value
                        else {
                            throw TableLogError.corruptEntry(
                                path: path, line: line, reason: "checkpointMetadata needs one integer version")
                        }
                        decoded.checkpointMetadataVersion = version
                    case "sidecar":
                        guard let sidecarPath = body["path"]?.stringValue else {
                            throw TableLogError.corruptEntry(path: path, line: line, reason: "sidecar.path is missing")
                        }
                        decoded.sidecars.append(
                            .init(path: sidecarPath, sizeInBytes: body["sizeInBytes"]?.int64Value ?? -1))
                    default:
                        switch try Action.decode(document, file: path, lineNumber: line) {
                        case .commitInfo?, nil: break
                        case let action?: decoded.actions.append(action)
                        }
                    }
                }
            }
        } catch let error as TableLogError {
            throw error
        } catch let error as JSONError {
            throw .corruptEntry(path: path, line: error.line ?? 0, reason: error.description)
        } catch {
            throw .corruptEntry(path: path, line: 0, reason: "\(error)")
        }
        content.actions.append(contentsOf: decoded.actions)
        content.sidecars.append(contentsOf: decoded.sidecars)
        if let version = decoded.checkpointMetadataVersion {
            guard content.checkpointMetadataVersion == nil else {
                throw .corruptLog(path: path, reason: "more than one checkpointMetadata action")
            }
            content.checkpointMetadataVersion = version
        }
    }
}

import LakeCore

/// Failures of reading or writing the Delta table log.
///
/// Every case carries the context needed to find the problem: the log file and 1-based line for entry errors, the
/// raw path value for unsafe paths, the feature or type name for refusals. `description` is the message shown to
/// users, e.g. `_delta_log/00000000000000000007.json line 3: add.size: expected integer, found string`.
///
/// Spec: spec/table-log.md §14.
public enum TableLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Line `line` of log file `path` is not a valid action; `reason` names the field and what was wrong.
    case corruptEntry(path: String, line: Int, reason: String)
    /// The log as a whole is inconsistent (no protocol after replay, a commit breaking the one-per-key rules).
    case corruptLog(path: String, reason: String)
    /// A path in the log (`add.path`, `remove.path`, ...) could make us read or delete outside the table root.
    case unsafePath(String, reason: String)
    /// The table needs a reader feature we do not implement; the associated value names it.
    case unsupportedFeature(String)
    /// The protocol asks for a reader or writer version above what the Delta protocol defines.
    case unsupportedProtocol(minReaderVersion: Int64, minWriterVersion: Int64)
    /// `metaData.format.provider` is not `parquet`.
    case unsupportedFormat(String)
    /// Column `column` has a type we cannot scan or write (`type` is its Delta or LakeColumnar name).
    case unsupportedType(column: String, type: String)
    /// The schema JSON does not describe a valid Delta schema.
    case invalidSchema(String)
    /// A partition value does not parse as the type of its column.
    case invalidPartitionValue(column: String, value: String, type: String)
    /// Version `version` does not exist; `latest` is the newest version of the table (nil: the table is empty).
    case versionNotFound(Int64, latest: Int64?)
    /// Commit `version` is needed to build the requested snapshot but is not in the log.
    case missingCommit(Int64)
    /// The requested version can only be reconstructed from the checkpoint at `version`, which this version of
    /// `LakeTable` does not read yet.
    case checkpointUnsupported(version: Int64)
    /// No `_delta_log/` entries exist under the table root.
    case notATable(String)
    /// The object store failed.
    case io(ObjectStoreError)
    /// `create` found commits under the table root.
    case tableExists(String)
    /// Batches given to a write do not fit the table schema; the reason names the column.
    case schemaMismatch(String)
    /// A write argument is invalid (unknown partition column, unknown `delta.*` property, ...).
    case invalidArgument(String)
    /// The table has `delta.appendOnly=true` and the operation would remove data.
    case appendOnlyViolation(operation: String)
    /// A data file could not be read or written; `reason` is the Parquet or conversion failure.
    case dataFile(path: String, reason: String)
    /// A concurrent commit won the race for version `attempted` and is incompatible with this transaction, or
    /// `TableLimits.commitAttemptsMax` attempts lost. `winner` is the version of the conflicting commit and
    /// `operation` its `commitInfo.operation`.
    case commitConflict(CommitConflictKind, attempted: Int64, winner: Int64, operation: String?)
    /// Time travel to `requestedMillis` precedes the earliest retained commit, whose timestamp is `earliestMillis`.
    case timestampTooEarly(requestedMillis: Int64, earliestMillis: Int64)
    /// RESTORE needs data file `path` (relative to the table root), which no longer exists (VACUUM removed it).
    case restoreFileMissing(String)
    /// VACUUM was asked to keep less history than the table's retention without `allowShortRetention`.
    case retentionTooShort(requestedMillis: Int64, minimumMillis: Int64)
    /// The deletion vector of data file `dataFile` is invalid or does not match its descriptor. `location` is the
    /// DV file (relative to the table root) or `inline`; `offset` is the byte position in that file (in the decoded
    /// bitmap for inline DVs) where the problem was found.
    case corruptDeletionVector(dataFile: String, location: String, offset: Int64, reason: String)

    public var description: String {
        switch self {
        case .corruptEntry(let path, let line, let reason):
            "\(path) line \(line): corrupt log entry: \(reason)"
        case .corruptLog(let path, let reason):
            "\(path): corrupt log: \(reason)"
        case .unsafePath(let path, let reason):
            "unsafe path \"\(path)\" in the log: \(reason)"
        case .unsupportedFeature(let name):
            "the table needs feature \"\(name)\", which is not supported"
        case .unsupportedProtocol(let reader, let writer):
            "unsupported protocol: minReaderVersion \(reader), minWriterVersion \(writer)"
        case .unsupportedFormat(let provider):
            "unsupported data file format \"\(provider)\" (only parquet is supported)"
        case .unsupportedType(let column, let type):
            "column \"\(column)\" has type \(type), which is not supported here"
        case .invalidSchema(let reason):
            "invalid table schema: \(reason)"
        case .invalidPartitionValue(let column, let value, let type):
            "partition value \"\(value)\" of column \"\(column)\" is not a valid \(type)"
        case .versionNotFound(let version, let latest):
            if let latest {
                "version \(version) does not exist; the latest version is \(latest)"
            } else {
                "version \(version) does not exist; the table has no commits"
            }
        case .missingCommit(let version):
            "commit \(version) is missing from the log"
        case .checkpointUnsupported(let version):
            "the snapshot needs the checkpoint at version \(version); reading checkpoints is not supported yet"
        case .notATable(let root):
            "\"\(root)\" is not a Delta table: no _delta_log entries"
        case .io(let error):
            "storage error: \(error)"
        case .tableExists(let root):
            "a table already exists at \"\(root)\""
        case .schemaMismatch(let reason):
            "schema mismatch: \(reason)"
        case .invalidArgument(let reason):
            "invalid argument: \(reason)"
        case .appendOnlyViolation(let operation):
            "\(operation) would remove data from an append-only table (delta.appendOnly=true)"
        case .dataFile(let path, let reason):
            "data file \(path): \(reason)"
        case .commitConflict(let kind, let attempted, let winner, let operation):
            "commit conflict (\(kind.rawValue)) at version \(attempted): version \(winner) "
                + "(\(operation ?? "unknown operation")) was committed concurrently"
        case .timestampTooEarly(let requested, let earliest):
            "no version exists at timestamp \(requested) ms: the earliest retained commit is at \(earliest) ms"
        case .restoreFileMissing(let path):
            "cannot restore: data file \(path) no longer exists (it was probably removed by VACUUM)"
        case .corruptDeletionVector(let dataFile, let location, let offset, let reason):
            "deletion vector of data file \(dataFile) (\(location), byte \(offset)): \(reason)"
        case .retentionTooShort(let requested, let minimum):
            "retention of \(requested / 3_600_000) h (\(requested) ms) is shorter than the table's "
                + "\(minimum / 3_600_000) h; pass allowShortRetention (CLI: --force-short-retention) to vacuum anyway"
        }
    }
}

/// One checkpoint found in a log listing: a classic file, a UUID-named V2 file, or every part of a multi-part set.
///
/// Spec: spec/table-log.md §2, §7.1 step 4.
public struct CheckpointFiles: Sendable, Hashable {
    /// How the checkpoint is stored; the cases are in order of preference when several share a version.
    public enum Kind: Int, Sendable, Hashable, Comparable {
        /// `V.checkpoint.parquet` (V1, or V2 with a `checkpointMetadata` row).
        case classic = 0
        /// `V.checkpoint.<uuid>.json` or `.parquet` (V2).
        case uuidNamed = 1
        /// `V.checkpoint.O.P.parquet`, every part present.
        case multiPart = 2

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var version: Int64
    public var kind: Kind
    /// Store paths of the files, in part order (one path unless `multiPart`).
    public var paths: [String]
    /// Total bytes of `paths` as listed.
    public var sizeBytes: Int64

    public init(version: Int64, kind: Kind, paths: [String], sizeBytes: Int64) {
        self.version = version
        self.kind = kind
        self.paths = paths
        self.sizeBytes = sizeBytes
    }

    /// The file named in messages: the only file, or the first part.
    public var displayPath: String { paths.first ?? "" }
}

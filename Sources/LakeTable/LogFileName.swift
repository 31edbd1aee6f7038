/// The kind of one file name directly under `_delta_log/`, classified by exact grammar.
///
/// A name matching no grammar (including `*.compacted.json`, `*.crc`, temporary files, anything in a
/// subfolder) is not a `LogFileName`: `init(fileName:)` returns nil and the file is ignored, never an error.
/// Names are never classified by a prefix alone.
///
/// Spec: spec/table-log.md §2.
public enum LogFileName: Sendable, Hashable {
    /// `V.json`
    case commit(version: Int64)
    /// `V.checkpoint.parquet`
    case checkpoint(version: Int64)
    /// `V.checkpoint.O.P.parquet`, `1 <= part <= parts`, `parts > 1`.
    case multiPartCheckpoint(version: Int64, part: Int, parts: Int)
    /// `V.checkpoint.<uuid>.json` or `V.checkpoint.<uuid>.parquet`.
    case uuidCheckpoint(version: Int64, uuid: String, isParquet: Bool)
    /// `_last_checkpoint`
    case lastCheckpoint

    /// The version the file belongs to; nil for `_last_checkpoint`.
    public var version: Int64? {
        switch self {
        case .commit(let version), .checkpoint(let version), .multiPartCheckpoint(let version, _, _),
            .uuidCheckpoint(let version, _, _):
            version
        case .lastCheckpoint: nil
        }
    }

    /// Whether the file is one of the checkpoint kinds.
    public var isCheckpoint: Bool {
        switch self {
        case .checkpoint, .multiPartCheckpoint, .uuidCheckpoint: true
        case .commit, .lastCheckpoint: false
        }
    }

    /// Classifies `fileName` (the last path component, without `_delta_log/`).
    public init?(fileName: String) {
        if fileName == "_last_checkpoint" {
            self = .lastCheckpoint
            return
        }
        let parts = fileName.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let version = Self.digits(parts[0], count: 20) else { return nil }
        switch parts.count {
        case 2 where parts[1] == "json":
            self = .commit(version: version)
        case 3 where parts[1] == "checkpoint" && parts[2] == "parquet":
            self = .checkpoint(version: version)
        case 4 where parts[1] == "checkpoint" && (parts[3] == "json" || parts[3] == "parquet"):
            guard Self.isUUID(parts[2]) else { return nil }
            self = .uuidCheckpoint(version: version, uuid: String(parts[2]), isParquet: parts[3] == "parquet")
        case 5 where parts[1] == "checkpoint" && parts[4] == "parquet":
            guard let part = Self.digits(parts[2], count: 10), let total = Self.digits(parts[3], count: 10),
                part >= 1, part <= total, total > 1
            else { return nil }
            self = .multiPartCheckpoint(version: version, part: Int(part), parts: Int(total))
        default:
            return nil
        }
    }

    /// The commit file name of `version`: 20 zero-padded digits plus `.json`.
    /// - Precondition: `version >= 0`.
    public static func commitName(_ version: Int64) -> String {
        precondition(version >= 0, "table versions are non-negative")
        let digits = String(version)
        return String(repeating: "0", count: 20 - digits.count) + digits + ".json"
    }

    /// A non-negative number written with exactly `count` decimal digits.
    private static func digits(_ text: Substring, count: Int) -> Int64? {
        guard text.utf8.count == count, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int64(text)
    }

    /// Canonical UUID text: 8-4-4-4-12 hexadecimal digits.
    private static func isUUID(_ text: Substring) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.utf8.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { group in
            group.utf8.allSatisfy { $0 < 0x80 && Character(Unicode.Scalar($0)).isHexDigit }
        }
    }
}

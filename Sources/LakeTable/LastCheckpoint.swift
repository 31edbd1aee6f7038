import LakeCore

/// The `_delta_log/_last_checkpoint` hint: which checkpoint is the newest, so readers can skip most of the listing.
///
/// The hint is never trusted: a file that does not parse, names a negative version or a `parts` outside
/// `2...CheckpointLimits.partsMax` reads as absent (`read` returns nil), and `LogSegment` still checks that
/// the named checkpoint exists. Fields we do not interpret (`checkpointSchema`, `checksum`, `tags`, ...) are ignored.
///
/// Spec: spec/table-log.md §8.4.
public struct LastCheckpoint: Sendable, Hashable {
    /// The checkpoint's table version.
    public var version: Int64
    /// Actions in the checkpoint (rows).
    public var size: Int64
    /// Parts of a multi-part checkpoint; nil for a single file.
    public var parts: Int?
    /// Total bytes of the checkpoint files.
    public var sizeInBytes: Int64?
    /// `add` actions in the checkpoint.
    public var numOfAddFiles: Int64?

    public init(version: Int64, size: Int64, parts: Int? = nil, sizeInBytes: Int64? = nil, numOfAddFiles: Int64? = nil)
    {
        self.version = version
        self.size = size
        self.parts = parts
        self.sizeInBytes = sizeInBytes
        self.numOfAddFiles = numOfAddFiles
    }

    /// The largest `_last_checkpoint` file we parse.
    static let fileBytesMax = 1 << 20

    /// The store path of the hint of the table at `root`.
    static func path(root: String) -> String {
        TableLocation.logPrefix(root) + "_last_checkpoint"
    }

    /// Parses the hint; nil when `bytes` is not a valid hint.
    public init?(parsing bytes: [UInt8]) {
        guard bytes.count <= Self.fileBytesMax,
            let object = try? JSONParser.parse(bytes, options: .init(depthMax: 16, bytesMax: Self.fileBytesMax))
                .objectValue,
            let version = object["version"]?.int64Value, version >= 0
        else { return nil }
        self.version = version
        size = object["size"]?.int64Value ?? 0
        if let parts = object["parts"], !parts.isNull {
            guard let count = parts.int64Value, count >= 1, count <= Int64(CheckpointLimits.partsMax) else {
                return nil
            }
            self.parts = count == 1 ? nil : Int(count)
        } else {
            parts = nil
        }
        sizeInBytes = object["sizeInBytes"]?.int64Value
        numOfAddFiles = object["numOfAddFiles"]?.int64Value
    }

    /// The JSON text we write: `version`, `size`, then `parts`, `sizeInBytes`, `numOfAddFiles` when known.
    public var encoded: [UInt8] {
        var object: JSONObject = ["version": .int64(version), "size": .int64(size)]
        object.setIfPresent("parts", parts.map { .int64(Int64($0)) })
        object.setIfPresent("sizeInBytes", sizeInBytes.map(JSONValue.int64))
        object.setIfPresent("numOfAddFiles", numOfAddFiles.map(JSONValue.int64))
        // Integers and strings only: serialization cannot fail.
        return (try? JSONWriter.serialize(.object(object))) ?? []
    }

    /// Reads the hint of the table at `root`; nil when it is absent or invalid.
    /// - Throws: `io` for storage failures other than a missing file.
    public static func read(store: any ObjectStore, root: String) throws(TableLogError) -> LastCheckpoint? {
        let path = path(root: root)
        do {
            let bytes = try store.read(path)
            return LastCheckpoint(parsing: bytes)
        } catch ObjectStoreError.notFound {
            return nil
        } catch let error as ObjectStoreError {
            throw .io(error)
        } catch {
            throw .io(.io(path: path, operation: "read", code: 0, message: "\(error)"))
        }
    }
}

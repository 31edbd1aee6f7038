/// Metadata of one stored object.
public struct ObjectInfo: Sendable, Hashable {
    /// Path relative to the store's root, `/`-separated, never starting with `/`.
    public var path: String
    public var sizeBytes: Int64
    /// Last modification time in milliseconds since the Unix epoch.
    public var modifiedMillis: Int64

    public init(path: String, sizeBytes: Int64, modifiedMillis: Int64) {
        self.path = path
        self.sizeBytes = sizeBytes
        self.modifiedMillis = modifiedMillis
    }
}

/// Storage for immutable objects addressed by relative paths.
///
/// Every layer above talks to storage only through this protocol, so tests can inject stores that fail, delay
/// or crash at a seeded point. The calls are synchronous: the engine's readers run on worker threads and
/// decide their own parallelism; a remote store blocks its caller the way `pread` does.
///
/// Paths are relative, `/`-separated and may not contain empty, `.` or `..` components; implementations reject
/// anything else with `ObjectStoreError.invalidPath` so that no path can escape the store's root.
///
/// Spec: spec/architecture.md#object-store
public protocol ObjectStore: Sendable {
    /// Objects whose path starts with `prefix` and sorts after `start` (when given), in ascending byte order.
    func list(prefix: String, after start: String?) throws -> [ObjectInfo]
    /// Size and modification time of one object. Throws `ObjectStoreError.notFound` if it is absent.
    func head(_ path: String) throws -> ObjectInfo
    /// The bytes of `range` (or the whole object when `range` is nil).
    /// Throws `ObjectStoreError.outOfRange` if the range extends past the end of the object.
    func read(_ path: String, range: Range<Int64>?) throws -> [UInt8]
    /// Creates or replaces `path` atomically: readers see the old object or the new one, never a mix.
    func put(_ path: String, _ bytes: [UInt8]) throws
    /// Creates `path` atomically; throws `ObjectStoreError.alreadyExists` if it exists. Commits rely on this.
    func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws
    /// Idempotent: deleting a missing object succeeds.
    func delete(_ path: String) throws
    /// Starts a streaming write. Nothing is visible at `path` until `ObjectWriter.finish()` returns.
    func makeWriter(_ path: String) throws -> any ObjectWriter
}

/// A streaming upload into an `ObjectStore`. The object appears atomically on `finish()`; `abort()` (or
/// dropping the writer unfinished) leaves no trace at the destination path.
public protocol ObjectWriter: AnyObject {
    /// Bytes written so far.
    var bytesWritten: Int64 { get }
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Publishes the object. After this call the writer accepts no more bytes.
    func finish() throws
    /// Discards everything written. Idempotent.
    func abort()
}

extension ObjectWriter {
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

extension ObjectStore {
    /// Reads the whole object.
    public func read(_ path: String) throws -> [UInt8] {
        try read(path, range: nil)
    }
}

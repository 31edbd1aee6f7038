import LakeCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `RejectedLineLog` kept as a local JSON-lines file, one `RejectedLine.json` object per line, appended to
/// and flushed to disk (`fsync`) on every `record`.
///
/// On open it reads the records already in the file (at most `existingBytesMax` of them) to learn which
/// resumable `(source, offset)` pairs it holds, so a batch re-read after a crash is not recorded twice. A torn last
/// line (a crash in the middle of a write) is ignored when reading and completed by a line break before the next
/// append.
///
/// Spec: spec/pipeline.md#rejected-lines
public final class RejectedLineFile: RejectedLineLog {
    /// The file's path.
    public let path: String
    private var recorded: Set<String> = []
    private var needsLineBreak = false

    /// Bytes of an existing file read to find the records it holds; a larger file is appended to without that
    /// check (a crash could then duplicate a record).
    public static let existingBytesMax = 256 << 20

    /// Opens (without creating) the log at `path` and learns which records it holds.
    /// - Throws: `PipelineError.storage` when the file exists but cannot be read.
    public init(path: String) throws(PipelineError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return }
            throw .storage(path: path, reason: "cannot open the rejected-line file: \(Self.systemMessage(errno))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while bytes.count < Self.existingBytesMax {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw .storage(path: path, reason: "cannot read the rejected-line file: \(Self.systemMessage(errno))")
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        needsLineBreak = bytes.last.map { $0 != UInt8(ascii: "\n") } ?? false
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard case .object(let object)? = try? JSONParser.parse(Array(line)),
                case .string(let source)? = object["source"], case .number(let offset)? = object["offset"],
                let offsetValue = offset.int64Value
            else { continue }
            recorded.insert(Self.key(source, offsetValue))
        }
    }

    public func record(
        _ lines: [RejectedLine], appId: String, rejectedAtMillis: Int64, isResumable: Bool
    ) throws {
        var bytes: [UInt8] = needsLineBreak ? [UInt8(ascii: "\n")] : []
        var keys: [String] = []
        for line in lines {
            let key = Self.key(line.source, line.offset)
            if isResumable {
                guard !recorded.contains(key), !keys.contains(key) else { continue }
                keys.append(key)
            }
            do {
                bytes += try JSONWriter.serialize(.object(line.json(appId: appId, rejectedAtMillis: rejectedAtMillis)))
            } catch {
                throw PipelineError.storage(path: path, reason: "cannot encode a rejected line: \(error)")
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        guard bytes.count > (needsLineBreak ? 1 : 0) else { return }
        try append(bytes)
        needsLineBreak = false
        recorded.formUnion(keys)
    }

    private func append(_ bytes: [UInt8]) throws(PipelineError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .storage(path: path, reason: "cannot open the rejected-line file: \(Self.systemMessage(errno))")
        }
        defer { close(descriptor) }
        var written = 0
        for _ in 0..<1_000_000 where written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { write(descriptor, $0 + written, buffer.count - written) } ?? 0
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw .storage(path: path, reason: "cannot write the rejected-line file: \(Self.systemMessage(errno))")
            }
            written += count
        }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw .storage(path: path, reason: "cannot flush the rejected-line file: \(Self.systemMessage(errno))")
        }
    }

    private static func key(_ source: String, _ offset: Int64) -> String {
        "\(offset)\u{0}\(source)"
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An `IngestInput` over a local file or standard input.
///
/// A regular file has stable offsets (ingest resumes by offset); read without `follow` it ends at its end, read
/// with `follow` it never ends: at its end the reader waits for the file to grow, like `tail -f` (a file replaced
/// by rotation is not reopened). Standard input (a pipe, a terminal or a redirected file), and a path naming a
/// pipe or a device, end when the writer closes them; their offsets are not stable.
///
/// Spec: spec/pipeline.md#streaming-ingest
public final class IngestFileInput: IngestInput {
    public let name: String
    public let offsetsAreStable: Bool
    private let descriptor: Int32
    private let follow: Bool
    private let ownsDescriptor: Bool
    private var isOver = false

    /// Opens `path` for reading.
    /// - Throws: `PipelineError.storage` when the file cannot be opened.
    public init(path: String, follow: Bool = false) throws(PipelineError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .storage(path: path, reason: "cannot open: \(Self.systemMessage(errno))")
        }
        var status = stat()
        let isRegular = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        self.name = path
        self.descriptor = descriptor
        // A named pipe or a device streams like standard input: its offsets name different bytes on each run.
        self.follow = follow && isRegular
        offsetsAreStable = isRegular
        ownsDescriptor = true
    }

    private init(standardInputNamed name: String) {
        self.name = name
        descriptor = STDIN_FILENO
        follow = false
        offsetsAreStable = false
        ownsDescriptor = false
    }

    /// Standard input, named `<stdin>`.
    public static func standardInput() -> IngestFileInput {
        IngestFileInput(standardInputNamed: "<stdin>")
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    public func read(bytesMax: Int, waitMilliseconds: Int) throws -> IngestChunk {
        precondition(bytesMax > 0, "a read asks for at least one byte")
        guard !isOver else { return .end }
        if !offsetsAreStable {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, Int32(clamping: max(0, waitMilliseconds)))
            if ready == 0 || (ready < 0 && errno == EINTR) { return .waiting }
            guard ready > 0 else { throw PipelineError.storage(path: name, reason: Self.systemMessage(errno)) }
        }
        var bytes = try readOnce(bytesMax)
        if bytes.isEmpty && follow {
            _ = poll(nil, 0, Int32(clamping: max(0, waitMilliseconds)))  // sleeps; a signal cuts it short
            bytes = try readOnce(bytesMax)
            return bytes.isEmpty ? .waiting : .bytes(bytes)
        }
        if bytes.isEmpty {
            isOver = true
            return .end
        }
        return .bytes(bytes)
    }

    private func readOnce(_ bytesMax: Int) throws(PipelineError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: bytesMax)
        for _ in 0..<1_000 {  // retries only after EINTR
            let count = buffer.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 {
                buffer.removeSubrange(count...)
                return buffer
            }
            if errno != EINTR { break }
        }
        throw .storage(path: name, reason: "read failed: \(Self.systemMessage(errno))")
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}

/// `read(2)`; a free function because `IngestFileInput.read` hides the C name inside the class.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

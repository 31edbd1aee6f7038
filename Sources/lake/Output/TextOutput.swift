#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered text destination over a file descriptor: standard output, or a file `lake` created.
///
/// Text is collected in memory and written with `write(2)` when the buffer passes `bufferBytesMax` and on `flush()`;
/// partial writes and `EINTR` are retried; a file is closed when the last reference goes away. A class because it
/// owns the descriptor and its buffer: every printer writing to one destination shares the same instance.
///
/// Writing to a closed pipe (`lake sql ... | head`) ends the process with `SIGPIPE`, as other command-line tools do.
final class TextOutput {
    /// Bytes collected before they are written out.
    static let bufferBytesMax = 64 << 10

    /// Where the text goes, for error messages: `standard output` or the file's path.
    let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var failure: String?

    private init(name: String, descriptor: Int32, ownsDescriptor: Bool) {
        self.name = name
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        buffer.reserveCapacity(Self.bufferBytesMax)
    }

    /// Standard output (never closed).
    static func standardOutput() -> TextOutput {
        TextOutput(name: "standard output", descriptor: STDOUT_FILENO, ownsDescriptor: false)
    }

    /// A new or truncated file at `path` (mode 0644 before the umask).
    /// - Throws: `OutputError` naming the path and the system's reason when the file cannot be created.
    static func creatingFile(atPath path: String) throws(OutputError) -> TextOutput {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: Self.systemReason()) }
        return TextOutput(name: path, descriptor: descriptor, ownsDescriptor: true)
    }

    deinit {
        if ownsDescriptor { closeDescriptor(descriptor) }
    }

    /// Appends `text`.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferBytesMax { writeBuffer() }
    }

    /// Appends `text` and a line feed.
    func writeLine(_ text: String) {
        write(text)
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Writes out what is buffered.
    /// - Throws: `OutputError` when a write failed (now or at an earlier automatic flush), e.g. a full disk; text
    ///   written after a failure is dropped.
    func flush() throws(OutputError) {
        writeBuffer()
        if let failure { throw OutputError(path: name, reason: failure) }
    }

    private func writeBuffer() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        // Text other code printed through the C library's buffer goes first, so lines keep their order.
        if !ownsDescriptor { fflush(nil) }
        buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            // Each round writes at least one byte or stops, so the loop is bounded by the buffer's size.
            while offset < bytes.count {
                let written = writeDescriptor(descriptor, base + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    failure = Self.systemReason()
                    return
                }
            }
        }
    }

    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}

/// `close(2)`, named apart from `TextOutput.close()`.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

/// `write(2)`, named apart from `TextOutput.write(_:)`.
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

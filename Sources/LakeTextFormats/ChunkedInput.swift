#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A growable window over an input read in chunks: the bytes `[0, count)` of `base` are the unconsumed tail of
/// the input that readers tokenize in place.
///
/// Readers keep offsets into the window; `refill(discardingBefore:)` moves the bytes from an offset on to the
/// front and tells by how much offsets shift. The window grows only when one record does not fit, so memory
/// stays at about one chunk plus the longest record (or the retained inference sample).
///
/// Owns the file descriptor and the memory; copies of readers share one input, so it is a class.
final class ChunkedInput {
    private enum Source {
        case file(descriptor: Int32)
        case memory([UInt8], offset: Int)
    }

    /// Name used in errors: the path, or the caller's label for in-memory input.
    let sourceName: String
    private var source: Source
    private let chunkBytes: Int
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Valid bytes in the window.
    private(set) var count = 0
    /// True once the source reported end of input; `count` bytes are then all that is left.
    private(set) var isAtEnd = false

    /// Opens `path` for reading.
    /// - Throws: `TextFormatError` (line 0) when the file cannot be opened.
    init(path: String, chunkBytes: Int) throws(TextFormatError) {
        precondition(chunkBytes > 0, "chunk size must be positive")
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TextFormatError(source: path, line: 0, reason: "cannot open: \(Self.systemMessage(errno))")
        }
        sourceName = path
        source = .file(descriptor: descriptor)
        self.chunkBytes = chunkBytes
        capacity = chunkBytes
        base = .allocate(capacity: chunkBytes)
    }

    /// Serves `bytes` in chunks of `chunkBytes` (small chunks let tests exercise every refill boundary).
    init(bytes: [UInt8], sourceName: String, chunkBytes: Int) {
        precondition(chunkBytes > 0, "chunk size must be positive")
        self.sourceName = sourceName
        source = .memory(bytes, offset: 0)
        self.chunkBytes = chunkBytes
        capacity = chunkBytes
        base = .allocate(capacity: chunkBytes)
    }

    deinit {
        if case .file(let descriptor) = source { close(descriptor) }
        base.deallocate()
    }

    /// Whether the loaded bytes at `position` start with the UTF-8 byte order mark (EF BB BF).
    func hasByteOrderMark(at position: Int) -> Bool {
        count - position >= 3 && base[position] == 0xEF && base[position + 1] == 0xBB && base[position + 2] == 0xBF
    }

    /// Drops the bytes before `keep`, moves the rest to the front and appends at least one byte from the source,
    /// unless the source is exhausted (then `isAtEnd` becomes true).
    /// - Returns: the number of bytes dropped; offsets the caller holds move down by this much.
    /// - Throws: `TextFormatError` (line 0) when reading fails.
    func refill(discardingBefore keep: Int) throws(TextFormatError) -> Int {
        precondition(keep >= 0 && keep <= count, "refill keeps bytes outside the window")
        guard !isAtEnd else { return 0 }
        if keep > 0 {
            base.update(from: base + keep, count: count - keep)
            count -= keep
        }
        if capacity - count < chunkBytes {
            let newCapacity = max(capacity * 2, count + chunkBytes)
            let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBase.update(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
        let added = try readSource(into: base + count, maxBytes: chunkBytes)
        if added == 0 { isAtEnd = true }
        count += added
        return keep
    }

    private func readSource(into target: UnsafeMutablePointer<UInt8>, maxBytes: Int) throws(TextFormatError) -> Int {
        switch source {
        case .file(let descriptor):
            for _ in 0..<1_000 {  // retries only after EINTR
                let result = read(descriptor, target, maxBytes)
                if result >= 0 { return result }
                if errno != EINTR { break }
            }
            throw TextFormatError(source: sourceName, line: 0, reason: "read failed: \(Self.systemMessage(errno))")
        case .memory(let bytes, let offset):
            let taken = min(maxBytes, bytes.count - offset)
            bytes.withUnsafeBufferPointer { buffer in
                if taken > 0, let start = buffer.baseAddress { target.update(from: start + offset, count: taken) }
            }
            source = .memory(bytes, offset: offset + taken)
            return taken
        }
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams bytes into a temporary file beside the destination and publishes it on `finish()`.
final class LocalObjectWriter: ObjectWriter {
    enum Mode { case replace, createNew }

    private let path: String
    private let destination: String
    private let temporary: String
    private let mode: Mode
    private var descriptor: Int32
    private(set) var bytesWritten: Int64 = 0

    init(store: LocalObjectStore, path: String, mode: Mode) throws {
        destination = try store.fullPath(path)
        self.path = path
        self.mode = mode
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        try store.createDirectories(directory)
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        temporary = store.root + "/" + (directory.isEmpty ? "" : directory + "/") + "." + name + ".tmp-" + token
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LocalObjectStore.ioError(path, "open") }
    }

    deinit { abort() }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(descriptor >= 0, "write after finish or abort")
        var done = 0
        while done < bytes.count {
            let n = systemWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                let error = LocalObjectStore.ioError(path, "write")
                abort()
                throw error
            }
            done += n
        }
        bytesWritten += Int64(bytes.count)
    }

    func finish() throws {
        precondition(descriptor >= 0, "finish after finish or abort")
        let flushFailed = fsync(descriptor) != 0
        let flushError = errno
        let closeFailed = close(descriptor) != 0
        let closeError = errno
        descriptor = -1
        guard !flushFailed, !closeFailed else {
            unlink(temporary)
            let (operation, code) = flushFailed ? ("fsync", flushError) : ("close", closeError)
            throw ObjectStoreError.io(
                path: path, operation: operation, code: code, message: String(cString: strerror(code)))
        }
        switch mode {
        case .replace:
            guard rename(temporary, destination) == 0 else {
                let error = LocalObjectStore.ioError(path, "rename")
                unlink(temporary)
                throw error
            }
        case .createNew:
            // link(2) fails with EEXIST when the destination exists: the atomic create-if-absent.
            let linked = link(temporary, destination) == 0
            let code = errno
            unlink(temporary)
            guard linked else {
                if code == EEXIST { throw ObjectStoreError.alreadyExists(path: path) }
                throw ObjectStoreError.io(
                    path: path, operation: "link", code: code, message: String(cString: strerror(code)))
            }
        }
        try syncDirectory()
    }

    /// Makes the new directory entry durable: without it a published object can vanish after a power loss.
    private func syncDirectory() throws {
        let directory = String(destination[..<(destination.lastIndex(of: "/") ?? destination.startIndex)])
        let handle = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard handle >= 0 else { throw LocalObjectStore.ioError(path, "open directory") }
        defer { close(handle) }
        guard fsync(handle) == 0 else { throw LocalObjectStore.ioError(path, "fsync directory") }
    }

    func abort() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary)
    }
}

/// `write(2)`, named apart from `ObjectWriter.write` so the method can call it.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

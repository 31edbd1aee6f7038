#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An `ObjectStore` over a directory of the local file system.
///
/// `put` and finished writers publish with write-to-temporary + `rename`, which is atomic on POSIX file
/// systems; `putIfAbsent` publishes with `link`, which fails if the destination exists, so two racing
/// writers can never both succeed. Temporary files are named `.<name>.tmp-<random>` beside the destination.
public struct LocalObjectStore: ObjectStore {
    /// Absolute or relative directory that every object path is resolved under.
    public let root: String

    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    func fullPath(_ path: String) throws(ObjectStoreError) -> String {
        try ObjectPath.validate(path)
        return root + "/" + path
    }

    public func list(prefix: String, after start: String?) throws -> [ObjectInfo] {
        // Walk the deepest directory that the prefix names, then filter by the full prefix.
        let directory = prefix.lastIndex(of: "/").map { String(prefix[..<$0]) } ?? ""
        if !directory.isEmpty { try ObjectPath.validate(directory) }
        var found: [ObjectInfo] = []
        try walk(directory: directory, into: &found)
        return found
            .filter { info in
                info.path.hasPrefix(prefix) && start.map { $0.utf8.lexicographicallyPrecedes(info.path.utf8) } ?? true
            }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    private func walk(directory: String, into found: inout [ObjectInfo]) throws {
        let absolute = directory.isEmpty ? root : root + "/" + directory
        guard let handle = opendir(absolute) else {
            if errno == ENOENT || errno == ENOTDIR { return }
            throw Self.ioError(absolute, "opendir")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." || (name.hasPrefix(".") && name.contains(".tmp-")) { continue }
            names.append(name)
        }
        for name in names {
            let relative = directory.isEmpty ? name : directory + "/" + name
            var status = stat()
            // lstat: symbolic links are neither followed nor listed, so a link cannot lead outside the root.
            guard lstat(root + "/" + relative, &status) == 0 else { continue }  // vanished meanwhile
            if (status.st_mode & S_IFMT) == S_IFLNK { continue }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                try walk(directory: relative, into: &found)
            } else {
                found.append(Self.info(relative, status))
            }
        }
    }

    public func head(_ path: String) throws -> ObjectInfo {
        let full = try fullPath(path)
        var status = stat()
        guard stat(full, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw ObjectStoreError.notFound(path: path) }
            throw Self.ioError(path, "stat")
        }
        return Self.info(path, status)
    }

    public func read(_ path: String, range: Range<Int64>?) throws -> [UInt8] {
        let full = try fullPath(path)
        let descriptor = open(full, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw ObjectStoreError.notFound(path: path) }
            throw Self.ioError(path, "open")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.ioError(path, "fstat") }
        let size = Int64(status.st_size)
        let wanted = range ?? 0..<size
        guard wanted.lowerBound >= 0, wanted.upperBound <= size else {
            throw ObjectStoreError.outOfRange(path: path, requested: wanted, size: size)
        }
        let count = Int(wanted.count)
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(wanted.lowerBound) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Self.ioError(path, "pread")
                }
                if n == 0 { throw ObjectStoreError.outOfRange(path: path, requested: wanted, size: size) }
                done += n
            }
            initialized = count
        }
    }

    public func put(_ path: String, _ bytes: [UInt8]) throws {
        let writer = try LocalObjectWriter(store: self, path: path, mode: .replace)
        try bytes.withUnsafeBytes { try writer.write($0) }
        try writer.finish()
    }

    public func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws {
        let writer = try LocalObjectWriter(store: self, path: path, mode: .createNew)
        try bytes.withUnsafeBytes { try writer.write($0) }
        try writer.finish()
    }

    public func delete(_ path: String) throws {
        let full = try fullPath(path)
        if unlink(full) != 0 && errno != ENOENT { throw Self.ioError(path, "unlink") }
    }

    public func makeWriter(_ path: String) throws -> any ObjectWriter {
        try LocalObjectWriter(store: self, path: path, mode: .replace)
    }

    /// Creates every missing directory of `relativeDirectory` under the root (and the root itself).
    func createDirectories(_ relativeDirectory: String) throws {
        var current = ""
        let parts = [root] + relativeDirectory.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            current = index == 0 ? part : current + "/" + part
            if current.isEmpty { continue }
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw Self.ioError(current, "mkdir") }
        }
    }

    static func info(_ path: String, _ status: stat) -> ObjectInfo {
        #if canImport(Darwin)
            let millis = Int64(status.st_mtimespec.tv_sec) * 1000 + Int64(status.st_mtimespec.tv_nsec) / 1_000_000
        #else
            let millis = Int64(status.st_mtim.tv_sec) * 1000 + Int64(status.st_mtim.tv_nsec) / 1_000_000
        #endif
        return ObjectInfo(path: path, sizeBytes: Int64(status.st_size), modifiedMillis: millis)
    }

    static func ioError(_ path: String, _ operation: String) -> ObjectStoreError {
        let code = errno
        return .io(path: path, operation: operation, code: code, message: String(cString: strerror(code)))
    }
}

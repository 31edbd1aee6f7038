#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Processes, files and sockets for `LocalPostgres`, through the C library only (the module has no Foundation).
extension LocalPostgres {
    /// Output kept from a command for error messages.
    static let commandOutputBytesMax = 16_384

    /// Runs `command` and throws `commandFailed` unless it exits with status 0.
    func runCommand(_ command: [String]) throws(LocalPostgresError) {
        let (status, output) = try Self.spawn(command)
        guard status == 0 else {
            throw .commandFailed(command: command.joined(separator: " "), exitStatus: status, output: output)
        }
    }

    /// Runs `command` (an absolute program path, then its arguments) with `posix_spawn`, stdin from /dev/null and
    /// stdout plus stderr into a temporary file, and waits for it. Returns the exit status (128 + signal when
    /// killed) and the output's first `commandOutputBytesMax` bytes.
    ///
    /// A file rather than a pipe: `pg_ctl start` leaves a server running that could otherwise keep the pipe open,
    /// so reading to the end of a pipe would wait for the server to stop.
    static func spawn(_ command: [String]) throws(LocalPostgresError) -> (status: Int32, output: String) {
        precondition(!command.isEmpty, "spawn needs a program")
        var template = Array("/tmp/lake-pg-out-XXXXXX".utf8CString)
        let outputDescriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard outputDescriptor >= 0 else { throw .system(call: "mkstemp", code: errno) }
        let outputPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer {
            close(outputDescriptor)
            unlink(outputPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 2)
        posix_spawn_file_actions_addclose(&actions, outputDescriptor)
        var arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, &arguments, environ)
        guard spawned == 0 else { throw .system(call: "posix_spawn \(command[0])", code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw .system(call: "waitpid", code: errno) }
        }
        let output = fileHead(outputPath, bytesMax: commandOutputBytesMax)
        let signal = status & 0x7F
        return (signal == 0 ? (status >> 8) & 0xFF : 128 + signal, output)
    }

    /// A port on 127.0.0.1 that was free a moment ago (bound to port 0, read back, released): for
    /// `Options.port` when a server must keep its port across restarts.
    public static func freeLoopbackPort() throws(LocalPostgresError) -> Int {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw .system(call: "socket", code: errno) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw .system(call: "bind 127.0.0.1:0", code: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// `mkdir -p path` with mode 0755 for new folders.
    static func makeDirectories(_ path: String) throws(LocalPostgresError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) == 0 || errno == EEXIST {
                guard isDirectory(prefix) else {
                    throw .unusableDirectory(path: path, reason: "\(prefix) exists and is not a folder")
                }
                continue
            }
            throw .unusableDirectory(path: path, reason: "cannot create \(prefix): \(errorText(errno))")
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var information = stat()
        return stat(path, &information) == 0 && (information.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in folder `path` other than `.` and `..` (empty when it cannot be read).
    static func directoryEntries(_ path: String) -> [String] {
        guard let handle = opendir(path) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func isEmptyDirectory(_ path: String) -> Bool { isDirectory(path) && directoryEntries(path).isEmpty }

    /// Removes the files directly inside `path`, then `path` (socket folders hold no subfolders). Best effort.
    static func removeFlatDirectory(_ path: String) {
        for name in directoryEntries(path) { unlink(path + "/" + name) }
        rmdir(path)
    }

    /// The first `bytesMax` bytes of a file as UTF-8 text (invalid sequences replaced); empty when unreadable.
    static func fileHead(_ path: String, bytesMax: Int) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: bytesMax)
        var filled = 0
        while filled < bytesMax {
            let count = bytes.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress.map { $0 + filled }, bytesMax - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return String(decoding: bytes.prefix(filled), as: UTF8.self)
    }

    /// The last `bytesMax` bytes of a file as text; empty when unreadable.
    static func fileTail(_ path: String, bytesMax: Int) -> String {
        var information = stat()
        guard stat(path, &information) == 0 else { return "" }
        let size = Int(information.st_size)
        guard size > bytesMax else { return fileHead(path, bytesMax: bytesMax) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: bytesMax)
        let count = bytes.withUnsafeMutableBytes { raw in
            pread(descriptor, raw.baseAddress, bytesMax, off_t(size - bytesMax))
        }
        return count > 0 ? String(decoding: bytes.prefix(count), as: UTF8.self) : ""
    }

    /// Whether process `pid` exists (EPERM means it exists but belongs to another user).
    static func isAlive(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    /// Whether process `pid` is a PostgreSQL server of the cluster in `dataDirectory`: the server makes its data
    /// directory its working directory. When that link may not be read (another user's process, without ptrace
    /// rights), its command line decides: a `postgres` program started with `-D` naming this data directory. Where
    /// `/proc` is absent, or neither can be read, a live pid counts as the server (its file is then never removed
    /// from under it; stopping it fails with pg_ctl's own message).
    static func isServer(_ pid: pid_t, of dataDirectory: String) -> Bool {
        guard isDirectory("/proc/self") else { return true }
        guard let data = resolvedPath(dataDirectory) else { return false }
        if let working = resolvedLink("/proc/\(pid)/cwd") { return working == data }
        let commandLine = fileHead("/proc/\(pid)/cmdline", bytesMax: 16_384)
        guard !commandLine.isEmpty else { return isAlive(pid) }
        let arguments = commandLine.split(separator: "\u{0}").map(String.init)
        guard let program = arguments.first, program.hasSuffix("postgres") || program.hasSuffix("postmaster") else {
            return false
        }
        return zip(arguments, arguments.dropFirst()).contains { flag, value in
            flag == "-D" && (value == dataDirectory || resolvedPath(value) == data)
        }
    }

    static func resolvedLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.baseAddress.map { readlink(path, $0, Int(PATH_MAX)) } ?? -1
        }
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `strerror(code)`.
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text) + " (errno \(code))"
    }
}

import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1 for client and pipeline tests, answering each request through a handler
/// that can script faults: status sequences, delays past the client's timeout, cut connections and truncated
/// bodies.
///
/// One request per connection (`Connection: close`). The port is chosen by the kernel. Every request is
/// recorded (method, path, query, headers, body) so tests can check what the client sent. Connections run on
/// their own threads, so a delayed reply does not hold up others. Call `stop()` when done: the accept thread
/// keeps the server alive until then.
///
/// ```swift
/// let routes = ScriptedRoutes()
/// routes.script("/v1/x", [.status(503), .json(#"{"ok":true}"#)])
/// let server = try LoopbackHTTPServer(handler: routes.reply)
/// defer { server.stop() }
/// ```
public final class LoopbackHTTPServer: Sendable {
    /// A request as received.
    public struct Request: Sendable {
        public var method: String
        /// The path without the query, percent-encoding kept.
        public var path: String
        /// The raw query (without `?`), empty when absent.
        public var query: String
        /// Header names lower-cased, in arrival order.
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        /// The value of the first header named `name` (case-insensitive).
        public func header(_ name: String) -> String? {
            let wanted = name.lowercased()
            return headers.first { $0.name == wanted }?.value
        }

        /// Query parameters, percent-decoded (`+` is a space), in order.
        public var queryItems: [(name: String, value: String)] {
            query.split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                let decode = { (text: String) in
                    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
                }
                return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
            }
        }

        /// The decoded value of the first query parameter `name`.
        public func queryValue(_ name: String) -> String? {
            queryItems.first { $0.name == name }?.value
        }

        /// Every header line and the body as text, for checking that something never reached the server or
        /// did.
        public var rawText: String {
            "\(method) \(path)?\(query)\n" + headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
                + "\n" + String(decoding: body, as: UTF8.self)
        }
    }

    /// What the server does with a request.
    public indirect enum Reply: Sendable {
        /// A complete response; `Content-Length` and `Connection: close` are added.
        case respond(status: Int, headers: [(name: String, value: String)], body: [UInt8])
        /// Waits `millis` milliseconds (at most 60 s), then does `reply` (writing to a client that gave up fails
        /// silently).
        case delayed(millis: Int, Reply)
        /// Closes the connection without sending anything.
        case closeConnection
        /// Sends the status line, headers and a `Content-Length` of the whole body, then only the first
        /// `bytesSent` bytes of the body, then closes.
        case truncated(status: Int, body: [UInt8], bytesSent: Int)

        /// A status with an empty body and optional extra headers.
        public static func status(_ code: Int, headers: [(name: String, value: String)] = []) -> Reply {
            .respond(status: code, headers: headers, body: Array("status \(code)".utf8))
        }

        /// 200 with a JSON body.
        public static func json(_ text: String, status: Int = 200) -> Reply {
            .respond(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
        }

        /// 429 with `Retry-After: value`.
        public static func tooManyRequests(retryAfter value: String) -> Reply {
            .respond(status: 429, headers: [("Retry-After", value)], body: Array("slow down".utf8))
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case socket(operation: String, errno: Int32)

        public var description: String {
            switch self {
            case .socket(let operation, let code): "loopback server: \(operation) failed (errno \(code))"
            }
        }
    }

    /// The port the server listens on.
    public let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (Request) -> Reply
    private let received = Mutex<[Request]>([])
    private let running = Atomic<Bool>(true)
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    /// Time a connection may take to send its request before the server gives up on it.
    static let requestReadSecondsMax = 10
    static let requestBytesMax = 1 << 20

    public init(handler: @escaping @Sendable (Request) -> Reply) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket(operation: "socket", errno: errno) }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            throw Failure.socket(operation: "bind/listen", errno: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw Failure.socket(operation: "getsockname", errno: code)
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Requests received so far, in arrival order.
    public var requests: [Request] { received.withLock { $0 } }

    /// Requests received for `path`.
    public func requests(to path: String) -> [Request] { requests.filter { $0.path == path } }

    /// Stops accepting connections and closes the listening socket. Idempotent. Connections already accepted
    /// finish on their own threads.
    public func stop() {
        guard running.exchange(false, ordering: .sequentiallyConsistent) else { return }
        acceptLoopDone.wait()
        close(listener)
    }

    private func acceptLoop() {
        defer { acceptLoopDone.signal() }
        while running.load(ordering: .sequentiallyConsistent) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 50)
            guard ready > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var timeout = timeval(tv_sec: Self.requestReadSecondsMax, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = readRequest(connection) else { return }
        received.withLock { $0.append(request) }
        perform(handler(request), on: connection)
    }

    private func perform(_ reply: Reply, on connection: Int32) {
        switch reply {
        case .respond(let status, let headers, let body):
            sendAll(connection, head(status: status, headers: headers, contentLength: body.count) + body)
        case .delayed(let millis, let next):
            usleep(UInt32(min(max(0, millis), 60_000)) * 1_000)
            perform(next, on: connection)
        case .closeConnection:
            shutdown(connection, Int32(SHUT_RDWR))
        case .truncated(let status, let body, let bytesSent):
            let prefix = Array(body.prefix(max(0, bytesSent)))
            sendAll(connection, head(status: status, headers: [], contentLength: body.count) + prefix)
            shutdown(connection, Int32(SHUT_RDWR))
        }
    }

    private func head(status: Int, headers: [(name: String, value: String)], contentLength: Int) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for header in headers { text += "\(header.name): \(header.value)\r\n" }
        text += "Content-Length: \(contentLength)\r\nConnection: close\r\n\r\n"
        return Array(text.utf8)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    private func sendAll(_ connection: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var headerEnd: Int?
        while headerEnd == nil {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
            guard buffer.count <= Self.requestBytesMax else { return nil }
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
        }
        guard let headerEnd else { return nil }
        let headText = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ").map(String.init)
        guard requestLine.count >= 2 else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        let contentLength = headers.first { $0.name == "content-length" }.flatMap { Int($0.value) } ?? 0
        var body = Array(buffer[(headerEnd + 4)...])
        while body.count < contentLength && body.count <= Self.requestBytesMax {
            let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            body.append(contentsOf: chunk[0..<count])
        }
        let target = requestLine[1]
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        return Request(
            method: requestLine[0], path: parts[0], query: parts.count > 1 ? parts[1] : "", headers: headers,
            body: body)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

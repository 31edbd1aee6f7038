import CLibPQ

/// One libpq connection: parameterised statements, scripts (migrations), and binary COPY in and out.
///
/// A connection is used by one thread at a time (libpq's rule); parallel loads open one connection per worker.
/// Statements that carry values always go through `execute(_:_:)`, which sends the values as parameters
/// (`PQexecParams`), never inside the SQL text. Notices (e.g. "relation already exists, skipping") are discarded.
/// Every message from libpq or the server passes through `WarehouseURL.redact` before it is thrown.
///
/// Spec: spec/warehouse.md §1.
public final class WarehouseConnection {
    private let handle: OpaquePointer
    public let url: WarehouseURL

    /// Opens a connection with `client_encoding=UTF8` and `application_name=lake`.
    /// - Throws: `connection` with libpq's reason (redacted).
    public init(_ url: WarehouseURL) throws(WarehouseError) {
        self.url = url
        let keywords = ["dbname", "client_encoding", "fallback_application_name"]
        let values = [url.connectionString, "UTF8", "lake"]
        let connection = Self.withCStrings(keywords) { keywordPointers in
            Self.withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else { throw .connection("libpq could not allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = url.redact(String(cString: PQerrorMessage(connection)).trimmingNewlines())
            PQfinish(connection)
            throw .connection("\(url): \(reason)")
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
    }

    deinit { PQfinish(handle) }

    /// Whether the connection is still usable (false after the server went away).
    public var isAlive: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The process id of the server backend serving this connection.
    public var serverProcessID: Int32 { PQbackendPID(handle) }

    /// Runs one statement with `parameters` bound to `$1`, `$2`, ... as text (nil is NULL).
    /// - Throws: `server` when the statement fails; `connection` when the connection is lost.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(WarehouseError) -> QueryResult {
        // A C string ends at NUL, so such a value would be cut short silently; PostgreSQL text cannot hold it.
        guard !parameters.contains(where: { $0?.utf8.contains(0) == true }) else {
            throw .server(sqlState: "22021", message: "a statement parameter holds a NUL character")
        }
        let result = Self.withOptionalCStrings(parameters) { pointers in
            PQexecParams(handle, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        return try consume(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
    }

    /// Runs a script of one or more statements without parameters (migration files), in the simple query
    /// protocol. The script is trusted SQL text from a file, never built from data values.
    public func executeScript(_ sql: String) throws(WarehouseError) {
        var failure: WarehouseError?
        // PQexec returns the last statement's result; earlier failures stop the script and are returned.
        let result = PQexec(handle, sql)
        do { _ = try consume(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY]) } catch {
            failure = error
        }
        if let failure { throw failure }
    }

    /// Runs `COPY ... FROM STDIN` and lets `body` send the data; returns the rows the server copied.
    ///
    /// When `body` throws, the COPY is ended with an error so the server discards it, and `body`'s error is
    /// rethrown.
    public func copyIn(
        _ sql: String, _ body: (inout CopyInStream) throws(WarehouseError) -> Void
    ) throws(WarehouseError) -> Int {
        _ = try consume(PQexec(handle, sql), expecting: [PGRES_COPY_IN])
        var stream = CopyInStream(handle: handle, url: url)
        do {
            try body(&stream)
        } catch {
            _ = PQputCopyEnd(handle, "lake: load aborted")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            let reason = lastError()
            drainResults()
            throw reason
        }
        let result = try consume(PQgetResult(handle), expecting: [PGRES_COMMAND_OK])
        drainResults()
        return result.affectedRows ?? 0
    }

    /// Runs `COPY ... TO STDOUT` and hands each chunk the server sends to `receive`.
    public func copyOut(_ sql: String, _ receive: (UnsafeRawBufferPointer) throws(WarehouseError) -> Void)
        throws(WarehouseError)
    {
        _ = try consume(PQexec(handle, sql), expecting: [PGRES_COPY_OUT])
        // Each iteration receives one row (or the end); the bound only guards against a server that never ends.
        for _ in 0..<Int.max {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length == -1 { break }
            guard length >= 0, let buffer else {
                let reason = lastError()
                drainResults()
                throw reason
            }
            defer { PQfreemem(buffer) }
            do {
                try receive(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
            } catch {
                _ = PQrequestCancel(handle)
                drainResults()
                throw error
            }
        }
        _ = try consume(PQgetResult(handle), expecting: [PGRES_COMMAND_OK])
        drainResults()
    }

    /// Converts a result into a value or an error, and frees it.
    private func consume(_ result: OpaquePointer?, expecting statuses: [ExecStatusType]) throws(WarehouseError)
        -> QueryResult
    {
        guard let result else { throw lastError() }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard statuses.contains(status) else {
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT {
                // An unexpected COPY (a script containing COPY ... STDIN): end it before reporting.
                if status == PGRES_COPY_IN { _ = PQputCopyEnd(handle, "lake: unexpected COPY") }
                drainResults()
                throw .server(sqlState: nil, message: "unexpected COPY in a statement")
            }
            throw error(from: result)
        }
        var names: [String] = []
        let columnCount = Int(PQnfields(result))
        for column in 0..<columnCount { names.append(PQfname(result, Int32(column)).map { String(cString: $0) } ?? "") }
        var rows: [[String?]] = []
        let rowCount = Int(PQntuples(result))
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(nil)
                } else {
                    values.append(PQgetvalue(result, Int32(row), Int32(column)).map { String(cString: $0) } ?? "")
                }
            }
            rows.append(values)
        }
        let tag = String(cString: PQcmdTuples(result))
        return QueryResult(columnNames: names, rows: rows, affectedRows: Int(tag))
    }

    private func error(from result: OpaquePointer) -> WarehouseError {
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: value)
        }
        let primary = field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingNewlines()
        let detail = field("D").map { " (\($0))" } ?? ""
        let message = url.redact(primary + detail)
        if PQstatus(handle) != CONNECTION_OK || primary.isEmpty {
            let connectionMessage = url.redact(String(cString: PQerrorMessage(handle)).trimmingNewlines())
            return .connection(connectionMessage.isEmpty ? message : connectionMessage)
        }
        return .server(sqlState: field("C"), message: message)
    }

    func lastError() -> WarehouseError {
        let message = url.redact(String(cString: PQerrorMessage(handle)).trimmingNewlines())
        return PQstatus(handle) == CONNECTION_OK ? .server(sqlState: nil, message: message) : .connection(message)
    }

    /// Reads and frees results until libpq has none left, so the connection is ready for the next command.
    private func drainResults() {
        // A command yields a handful of results; the bound only guards against a misbehaving server.
        for _ in 0..<1_000 {
            guard let result = PQgetResult(handle) else { return }
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_COPY_IN { _ = PQputCopyEnd(handle, "lake: abandoned") }
            if PQstatus(handle) != CONNECTION_OK { return }
        }
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        withOptionalCStrings(strings) { body($0 + [nil]) }
    }

    /// Calls `body` with NUL-terminated copies of `strings` (nil stays nil), freed afterwards.
    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { string in
            guard let string else { return nil }
            let bytes = Array(string.utf8)
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { copy[index] = CChar(bitPattern: byte) }
            copy[bytes.count] = 0
            return copy
        }
        defer { copies.forEach { $0?.deallocate() } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

/// The sending side of a `COPY ... FROM STDIN`; only `WarehouseConnection.copyIn` makes one.
public struct CopyInStream {
    let handle: OpaquePointer
    let url: WarehouseURL
    /// Bytes sent so far.
    public private(set) var bytesSent = 0
    /// libpq takes at most `Int32.max` bytes per call; larger buffers go in pieces of this size.
    static let pieceBytesMax = 1 << 30

    /// Sends `bytes` (blocking until libpq has queued them).
    /// - Throws: `connection` when the server has gone away.
    public mutating func send(_ bytes: [UInt8]) throws(WarehouseError) {
        var failed = false
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count && !failed {
                let count = min(Self.pieceBytesMax, raw.count - offset)
                let base = raw.baseAddress.map { UnsafeRawPointer($0 + offset).assumingMemoryBound(to: CChar.self) }
                failed = PQputCopyData(handle, base, Int32(count)) != 1
                offset += count
            }
        }
        if failed {
            let message = url.redact(String(cString: PQerrorMessage(handle)).trimmingNewlines())
            throw .connection(message.isEmpty ? "the server stopped accepting COPY data" : message)
        }
        bytesSent += bytes.count
    }
}

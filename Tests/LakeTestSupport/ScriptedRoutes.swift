import Synchronization

/// Per-path scripts for `LoopbackHTTPServer`: each path answers with its queued replies in order, then with the
/// fallback (404 unless set).
///
/// ```swift
/// let routes = ScriptedRoutes()
/// routes.script("/flaky", [.status(500), .tooManyRequests(retryAfter: "2"), .json("[]")])
/// let server = try LoopbackHTTPServer(handler: routes.reply)
/// ```
public final class ScriptedRoutes: Sendable {
    private struct State {
        var queues: [String: [LoopbackHTTPServer.Reply]] = [:]
        var fallback: @Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply = { _ in .status(404) }
    }

    private let state = Mutex(State())

    public init() {}

    /// Queues `replies` for `path` after any already queued.
    public func script(_ path: String, _ replies: [LoopbackHTTPServer.Reply]) {
        state.withLock { $0.queues[path, default: []].append(contentsOf: replies) }
    }

    /// What a path answers once its queue is empty.
    public func setFallback(_ fallback: @escaping @Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply) {
        state.withLock { $0.fallback = fallback }
    }

    /// The server's handler.
    public var reply: @Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply {
        { [self] request in
            let (next, fallback) = state.withLock {
                state -> (LoopbackHTTPServer.Reply?, @Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply)
                in
                if var queue = state.queues[request.path], !queue.isEmpty {
                    let first = queue.removeFirst()
                    state.queues[request.path] = queue
                    return (first, state.fallback)
                }
                return (nil, state.fallback)
            }
            return next ?? fallback(request)
        }
    }
}

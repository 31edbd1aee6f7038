import LakeCore
import LakeHTTP

/// Serves recorded-shape payloads instead of calling an API, so the pipeline runs offline.
///
/// The payload folder (normally `Fixtures/api/`, reached through an `ObjectStore` rooted there) holds
/// `index.json`:
/// ```json
/// {"routes": [{"path": "/v1/cryptocurrency/listings/latest", "query": {"start": "1"},
///              "file": "cmc/listings_latest_start_1.json", "select_ids": false}, ...]}
/// ```
/// A request matches the first route whose `path` ends the request's path (so any base URL works) and whose
/// `query` pairs all appear in the request; other request parameters are ignored. With `select_ids`, the
/// payload's `data` object is cut down to the keys named by the request's comma-separated `id` parameter,
/// which is how the info endpoints answer. No match answers 404; the status line is always 200 otherwise.
///
/// Spec: spec/pipeline.md#replay
public struct ReplayTransport: HTTPTransport {
    public struct Route: Sendable, Hashable {
        public var path: String
        public var query: [HTTPQueryItem]
        public var file: String
        public var selectsIDs: Bool
    }

    public let store: any ObjectStore
    public let routes: [Route]

    /// Reads the route index at `indexPath` in `store`.
    /// - Throws: `storage` when the index is missing or malformed.
    public init(store: any ObjectStore, indexPath: String = "index.json") throws(PipelineError) {
        self.store = store
        guard let index = try LakeStateFile.read(store, indexPath) else {
            throw .storage(path: indexPath, reason: "replay index not found")
        }
        guard case .array(let entries)? = index["routes"] else {
            throw .storage(path: indexPath, reason: "replay index lacks a routes array")
        }
        var routes: [Route] = []
        for (position, entry) in entries.enumerated() {
            guard case .object(let object) = entry, case .string(let path)? = object["path"],
                case .string(let file)? = object["file"]
            else { throw .storage(path: indexPath, reason: "route \(position) lacks path or file") }
            var query: [HTTPQueryItem] = []
            if case .object(let pairs)? = object["query"] {
                for (name, value) in pairs {
                    guard case .string(let text) = value else {
                        throw .storage(path: indexPath, reason: "route \(position): query \(name) is not a string")
                    }
                    query.append(HTTPQueryItem(name, text))
                }
            }
            let selects = object["select_ids"]?.boolValue ?? false
            routes.append(Route(path: path, query: query, file: file, selectsIDs: selects))
        }
        self.routes = routes
    }

    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        try response(path: Self.path(of: request.url), query: request.query, url: request.urlWithQuery)
    }

    /// The answer for a request to `path` with decoded `query` items (also used by test servers).
    public func response(path: String, query: [HTTPQueryItem], url: String) throws(HTTPError) -> HTTPResponse {
        let route = routes.first { route in
            path.hasSuffix(route.path) && route.query.allSatisfy { query.contains($0) }
        }
        guard let route else {
            return HTTPResponse(status: 404, body: Array("no recorded payload for \(path)".utf8), url: url)
        }
        var body: [UInt8]
        do {
            body = try store.read(route.file)
        } catch {
            throw .transport(url: url, reason: "replay payload \(route.file) unreadable: \(error)")
        }
        if route.selectsIDs, let ids = query.first(where: { $0.name == "id" })?.value {
            body = try Self.selecting(ids: ids.split(separator: ",").map(String.init), from: body, url: url)
        }
        return HTTPResponse(
            status: 200, headers: [HTTPHeader("Content-Type", "application/json")], body: body, url: url)
    }

    private static func selecting(ids: [String], from body: [UInt8], url: String) throws(HTTPError) -> [UInt8] {
        do {
            guard case .object(var root) = try JSONParser.parse(body), case .object(let data)? = root["data"] else {
                throw HTTPError.transport(url: url, reason: "replay payload with select_ids needs a data object")
            }
            let wanted = Set(ids)
            let kept = JSONObject(data.filter { wanted.contains($0.key) }.map { ($0.key, $0.value) })
            _ = root.updateValue(.object(kept), forKey: "data")
            return try JSONWriter.serialize(.object(root))
        } catch let error as HTTPError {
            throw error
        } catch {
            throw .transport(url: url, reason: "replay payload unparseable: \(error)")
        }
    }

    /// The path part of an absolute URL (`/` when there is none), without query or fragment.
    static func path(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        var path = rest[slash...]
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        return String(path)
    }
}

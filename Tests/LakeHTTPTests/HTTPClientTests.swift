import Foundation
import LakeHTTP
import LakeTestSupport
import Synchronization
import Testing

/// The libcurl client against a real server on loopback.
@Suite struct HTTPClientTests {
    let client = HTTPClient(options: HTTPClientOptions(connectTimeoutMillis: 2_000, totalTimeoutMillis: 5_000))

    @Test func getSendsEncodedQueryAndHeaders() throws {
        let routes = ScriptedRoutes()
        routes.script("/v1/cryptocurrency/listings/latest", [.json(#"{"data":[]}"#)])
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        let response = try client.send(
            HTTPRequest(
                url: server.baseURL + "/v1/cryptocurrency/listings/latest",
                query: [.init("start", "1"), .init("convert", "USD,EUR"), .init("tag", "a b&c")],
                headers: [HTTPHeader("Accept", "application/json")]))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"data":[]}"#)
        #expect(response.headerValue("content-type") == "application/json")
        let received = try #require(server.requests.first)
        #expect(received.method == "GET")
        #expect(received.query == "start=1&convert=USD%2CEUR&tag=a%20b%26c")
        #expect(received.queryValue("tag") == "a b&c")
        #expect(received.header("accept") == "application/json")
        #expect(received.header("user-agent") == "lake/0.1")
    }

    @Test func postSendsTheBodyWithEmbeddedNulBytes() throws {
        let routes = ScriptedRoutes()
        routes.setFallback { request in .respond(status: 201, headers: [], body: request.body) }
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        let body: [UInt8] = [0x7B, 0x00, 0x01, 0x7D]
        let response = try client.send(HTTPRequest(method: .post, url: server.baseURL + "/echo", body: body))
        #expect(response.status == 201)
        #expect(response.body == body)
        #expect(server.requests.first?.method == "POST")
    }

    @Test func aSlowServerTimesOut() throws {
        let routes = ScriptedRoutes()
        routes.script("/slow", [.delayed(millis: 1_500, .json("{}"))])
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        let quick = HTTPClient(options: HTTPClientOptions(totalTimeoutMillis: 200))
        let started = Date()
        #expect {
            try quick.send(HTTPRequest(url: server.baseURL + "/slow"))
        } throws: { error in
            guard case HTTPError.timedOut(let url, _) = error else { return false }
            return url == server.baseURL + "/slow"
        }
        #expect(Date().timeIntervalSince(started) < 1.4)
    }

    @Test func aCutConnectionAndATruncatedBodyAreTransportErrors() throws {
        let routes = ScriptedRoutes()
        routes.script("/cut", [.closeConnection])
        routes.script("/truncated", [.truncated(status: 200, body: Array(#"{"data":[1,2,3]}"#.utf8), bytesSent: 6)])
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        for path in ["/cut", "/truncated"] {
            #expect("\(path)") {
                try client.send(HTTPRequest(url: server.baseURL + path))
            } throws: { error in
                guard case HTTPError.transport(let url, let reason) = error else { return false }
                return url.hasSuffix(path) && !reason.isEmpty
            }
        }
    }

    @Test func aRefusedConnectionIsATransportError() throws {
        let server = try LoopbackHTTPServer { _ in .status(200) }
        let url = server.baseURL + "/gone"
        server.stop()
        #expect {
            try client.send(HTTPRequest(url: url))
        } throws: { error in
            if case HTTPError.transport = error { return true }
            return false
        }
    }

    @Test func responsesLargerThanTheLimitAreRefused() throws {
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
        let routes = ScriptedRoutes()
        routes.setFallback { _ in .respond(status: 200, headers: [], body: big) }
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        let small = HTTPClient(options: HTTPClientOptions(responseBytesMax: 1_000))
        #expect(throws: HTTPError.responseTooLarge(url: server.baseURL + "/big", bytesMax: 1_000)) {
            try small.send(HTTPRequest(url: server.baseURL + "/big"))
        }
        let exact = HTTPClient(options: HTTPClientOptions(responseBytesMax: 10_000))
        #expect(try exact.send(HTTPRequest(url: server.baseURL + "/big")).body.count == 10_000)
    }

    @Test func redirectsAreFollowedUpToTheLimit() throws {
        let routes = ScriptedRoutes()
        routes.setFallback { request in
            switch request.path {
            case "/moved": .respond(status: 302, headers: [("Location", "/target")], body: [])
            case "/loop": .respond(status: 302, headers: [("Location", "/loop")], body: [])
            case "/target": .json(#"{"here":true}"#)
            default: .status(404)
            }
        }
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        let response = try client.send(HTTPRequest(url: server.baseURL + "/moved"))
        #expect(response.status == 200)
        #expect(response.url == server.baseURL + "/target")
        let bounded = HTTPClient(options: HTTPClientOptions(redirectsMax: 3))
        #expect(throws: HTTPError.tooManyRedirects(url: server.baseURL + "/loop", redirectsMax: 3)) {
            try bounded.send(HTTPRequest(url: server.baseURL + "/loop"))
        }
        #expect(server.requests(to: "/loop").count == 4)
    }

    @Test func malformedRequestsAreRefusedBeforeSending() {
        #expect(throws: HTTPError.self) { try client.send(HTTPRequest(url: "ftp://127.0.0.1/x")) }
        #expect(throws: HTTPError.self) { try client.send(HTTPRequest(url: "http://127.0.0.1/a b")) }
        #expect {
            try client.send(HTTPRequest(url: "http://127.0.0.1:1/x", headers: [HTTPHeader("X", "a\r\nInjected: 1")]))
        } throws: { error in
            guard case HTTPError.invalidRequest = error else { return false }
            return true
        }
    }

    @Test func concurrentRequestsShareNothing() throws {
        let server = try LoopbackHTTPServer { request in .json(#"{"path":"\#(request.path)"}"#) }
        defer { server.stop() }
        let results = Mutex<[Int: String]>([:])
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let body =
                (try? client.send(HTTPRequest(url: server.baseURL + "/item/\(index)")))
                .map { String(decoding: $0.body, as: UTF8.self) } ?? "failed"
            results.withLock { $0[index] = body }
        }
        let bodies = results.withLock { $0 }
        for index in 0..<16 {
            #expect(bodies[index] == #"{"path":"/item/\#(index)"}"#)
        }
    }
}

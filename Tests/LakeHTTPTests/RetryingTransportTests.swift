import LakeHTTP
import LakeTestSupport
import Testing

/// Retries through the real client against scripted faults on loopback; the clock records delays instead of
/// sleeping.
@Suite struct RetryingTransportTests {
    static let key = "k3y-VALUE-never-printed"
    let credential = APICredential(headerName: "X-CMC_PRO_API_KEY", environmentVariable: "LAKE_TEST_CMC_KEY")
    let client = HTTPClient(options: HTTPClientOptions(connectTimeoutMillis: 2_000, totalTimeoutMillis: 3_000))

    func transport(_ clock: ManualRetryClock, attempts: Int = 4, delayMaxMillis: Int64 = 60_000)
        -> RetryingTransport
    {
        RetryingTransport(
            base: client,
            policy: RetryPolicy(attemptsMax: attempts, baseDelayMillis: 1_000, delayMaxMillis: delayMaxMillis),
            clock: clock, jitterSeed: 0xC0FFEE)
    }

    func request(_ server: LoopbackHTTPServer, _ path: String) throws -> HTTPRequest {
        HTTPRequest(
            url: server.baseURL + path,
            headers: [try credential.header(environment: ["LAKE_TEST_CMC_KEY": Self.key])])
    }

    @Test func serverErrorsAreRetriedUntilSuccess() throws {
        let routes = ScriptedRoutes()
        routes.script("/flaky", [.status(500), .status(503), .closeConnection, .json(#"{"ok":1}"#)])
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        let clock = ManualRetryClock()
        let response = try transport(clock).send(try request(server, "/flaky"))
        #expect(response.status == 200)
        #expect(server.requests(to: "/flaky").count == 4)
        let sleeps = clock.recordedSleeps
        #expect(sleeps.count == 3)
        for (index, delay) in sleeps.enumerated() {
            #expect((0...(Int64(1_000) << index)).contains(delay), "retry \(index + 1) slept \(delay) ms")
        }
        // The same seed gives the same delays on a second run.
        routes.script("/flaky", [.status(500), .status(503), .closeConnection, .json(#"{"ok":1}"#)])
        let again = ManualRetryClock()
        _ = try transport(again).send(try request(server, "/flaky"))
        #expect(again.recordedSleeps == sleeps)
    }

    @Test func givesUpAfterTheLastAttemptWithTheLastFailure() throws {
        let server = try LoopbackHTTPServer { _ in .status(503) }
        defer { server.stop() }
        let clock = ManualRetryClock()
        let url = server.baseURL + "/down"
        #expect(throws: HTTPError.retriesExhausted(url: url, attempts: 3, last: .status(url: url, code: 503))) {
            try transport(clock, attempts: 3).send(try request(server, "/down"))
        }
        #expect(server.requests.count == 3)
        #expect(clock.recordedSleeps.count == 2)
    }

    @Test func retryAfterSecondsAndDatesAreObeyedAndCapped() throws {
        let clock = ManualRetryClock(nowMillis: 1_700_000_000_000)
        let date = HTTPDate.format(millis: clock.nowMillis + 30_000)
        let routes = ScriptedRoutes()
        routes.script(
            "/limited",
            [
                .tooManyRequests(retryAfter: "7"), .tooManyRequests(retryAfter: date),
                .tooManyRequests(retryAfter: "3600"),
                .json("{}"),
            ])
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        let response = try transport(clock, attempts: 4, delayMaxMillis: 120_000).send(try request(server, "/limited"))
        #expect(response.status == 200)
        #expect(clock.recordedSleeps == [7_000, 30_000 - 7_000, 120_000])
    }

    @Test func clientErrorsAreNotRetried() throws {
        let routes = ScriptedRoutes()
        routes.script("/bad", [.status(400)])
        routes.script("/unauthorized", [.status(401)])
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        let clock = ManualRetryClock()
        for (path, code) in [("/bad", 400), ("/unauthorized", 401)] {
            let response = try transport(clock).send(try request(server, path))
            #expect(response.status == code)
            #expect(throws: HTTPError.status(url: server.baseURL + path, code: code)) { try response.requireSuccess() }
            #expect(server.requests(to: path).count == 1)
        }
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test func timeoutsAreRetriedThenReported() throws {
        let server = try LoopbackHTTPServer { _ in .delayed(millis: 1_000, .json("{}")) }
        defer { server.stop() }
        let impatient = RetryingTransport(
            base: HTTPClient(options: HTTPClientOptions(totalTimeoutMillis: 150)), policy: RetryPolicy(attemptsMax: 2),
            clock: ManualRetryClock(), jitterSeed: 1)
        #expect {
            try impatient.send(try request(server, "/slow"))
        } throws: { error in
            guard case HTTPError.retriesExhausted(_, 2, .timedOut) = error else { return false }
            return true
        }
        #expect(server.requests.count == 2)
    }

    @Test func theKeyIsSentButNeverAppearsInErrors() throws {
        let routes = ScriptedRoutes()
        // The server echoes the key back in bodies and headers; none of it may reach an error message.
        routes.setFallback { request in
            let key = request.header("x-cmc_pro_api_key") ?? "missing"
            switch request.path {
            case "/unauthorized": return .respond(status: 401, headers: [("X-Echo", key)], body: Array(key.utf8))
            case "/slow": return .delayed(millis: 1_000, .json("{}"))
            default: return .respond(status: 503, headers: [("X-Echo", key)], body: Array(key.utf8))
            }
        }
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        var messages: [String] = []
        let unauthorized = try transport(ManualRetryClock()).send(try request(server, "/unauthorized"))
        do {
            _ = try unauthorized.requireSuccess()
        } catch {
            messages.append("\(error)")
        }
        do {
            _ = try transport(ManualRetryClock(), attempts: 2).send(try request(server, "/down"))
        } catch {
            messages.append("\(error)")
            messages.append(String(reflecting: error))
        }
        let impatient = RetryingTransport(
            base: HTTPClient(options: HTTPClientOptions(totalTimeoutMillis: 100)), policy: .never,
            clock: ManualRetryClock())
        do {
            _ = try impatient.send(try request(server, "/slow"))
        } catch {
            messages.append("\(error)")
        }
        messages.append("\(try request(server, "/x"))")
        #expect(messages.count == 5)
        for message in messages {
            #expect(!message.contains(Self.key), "\(message)")
        }
        #expect(server.requests.count >= 4)
        #expect(server.requests.allSatisfy { $0.header("x-cmc_pro_api_key") == Self.key })
    }

    @Test func errorsMentioningTheKeyAreRedacted() throws {
        // A base transport whose failure text contains the key (as a misbehaving proxy might echo it).
        struct EchoingTransport: HTTPTransport {
            func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
                throw .transport(url: request.url, reason: "proxy said: bad key \(request.headers[0].value)")
            }
        }
        let retrying = RetryingTransport(
            base: EchoingTransport(), policy: RetryPolicy(attemptsMax: 2), clock: ManualRetryClock(), jitterSeed: 3)
        let request = HTTPRequest(url: "http://h/x", headers: [HTTPHeader("X-Key", Self.key, isSensitive: true)])
        #expect {
            try retrying.send(request)
        } throws: { error in
            let text = "\(error)"
            return !text.contains(Self.key) && text.contains("<redacted>")
        }
    }
}

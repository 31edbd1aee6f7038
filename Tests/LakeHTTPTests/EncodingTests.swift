import LakeHTTP
import Testing

@Suite struct PercentEncodingTests {
    @Test func unreservedCharactersPassThroughAndEverythingElseIsEscaped() {
        #expect(PercentEncoding.encode("AZaz09-._~") == "AZaz09-._~")
        #expect(PercentEncoding.encode("1,1027,825") == "1%2C1027%2C825")
        #expect(PercentEncoding.encode("a b&c=d+e/f?") == "a%20b%26c%3Dd%2Be%2Ff%3F")
        #expect(PercentEncoding.encode("€") == "%E2%82%AC")
    }

    @Test func decodingInvertsEncodingAndRejectsBrokenEscapes() {
        for text in ["", "plain", "a b&c=d", "日本語, ok", "%literal%"] {
            #expect(PercentEncoding.decode(PercentEncoding.encode(text)) == text)
        }
        #expect(PercentEncoding.decode("a+b", plusIsSpace: true) == "a b")
        #expect(PercentEncoding.decode("%4") == nil)
        #expect(PercentEncoding.decode("%zz") == nil)
        #expect(PercentEncoding.decode("%FF") == nil)  // not UTF-8
    }

    @Test func queryItemsAreAppendedWithTheRightSeparator() {
        let plain = HTTPRequest(url: "http://h/x", query: [.init("start", "1"), .init("convert", "USD,EUR")])
        #expect(plain.urlWithQuery == "http://h/x?start=1&convert=USD%2CEUR")
        let withQuery = HTTPRequest(url: "http://h/x?a=1", query: [.init("b", "2 3")])
        #expect(withQuery.urlWithQuery == "http://h/x?a=1&b=2%203")
        #expect(HTTPRequest(url: "http://h/x").urlWithQuery == "http://h/x")
    }
}

@Suite struct RetryAfterTests {
    @Test func delaySecondsAreMilliseconds() {
        #expect(RetryAfter.delayMillis("7", nowMillis: 0) == 7_000)
        #expect(RetryAfter.delayMillis(" 0 ", nowMillis: 0) == 0)
        #expect(RetryAfter.delayMillis("99999999999999999999", nowMillis: 0) == RetryAfter.secondsMax * 1_000)
    }

    @Test func httpDatesInAllThreeFormsAreMeasuredFromNow() {
        // 1994-11-06T08:49:37Z
        let date: Int64 = 784_111_777_000
        for text in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            #expect(HTTPDate.parseMillis(text) == date, "\(text)")
            #expect(RetryAfter.delayMillis(text, nowMillis: date - 12_000) == 12_000)
        }
        #expect(RetryAfter.delayMillis("Sun, 06 Nov 1994 08:49:37 GMT", nowMillis: date + 5_000) == 0)
    }

    @Test func formattingRoundTripsAcrossYears() {
        var generator = SeededSplitMix(seed: 0x5EED)
        for _ in 0..<500 {
            let millis = Int64.random(in: 0...4_102_444_800_000, using: &generator) / 1_000 * 1_000
            #expect(HTTPDate.parseMillis(HTTPDate.format(millis: millis)) == millis)
        }
        #expect(HTTPDate.format(millis: 784_111_777_000) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func garbageIsNotADelay() {
        for text in [
            "", "soon", "-5", "1.5", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
        ] {
            #expect(RetryAfter.delayMillis(text, nowMillis: 0) == nil, "\(text)")
        }
    }
}

@Suite struct RetryPolicyTests {
    @Test func fullJitterStaysWithinTheExponentialCeilingAndTheCap() {
        let policy = RetryPolicy(attemptsMax: 10, baseDelayMillis: 100, delayMaxMillis: 1_000)
        var generator = SeededSplitMix(seed: 42)
        for retry in 1...9 {
            let ceiling = min(1_000, Int64(100) << (retry - 1))
            var seenAboveHalf = false
            for _ in 0..<200 {
                let delay = policy.backoffMillis(beforeRetry: retry, using: &generator)
                #expect((0...ceiling).contains(delay))
                if delay > ceiling / 2 { seenAboveHalf = true }
            }
            #expect(seenAboveHalf, "jitter should spread over the whole range")
        }
    }

    @Test func theSameSeedGivesTheSameDelays() {
        let policy = RetryPolicy()
        var first = SeededSplitMix(seed: 7)
        var second = SeededSplitMix(seed: 7)
        let a = (1...5).map { policy.backoffMillis(beforeRetry: $0, using: &first) }
        let b = (1...5).map { policy.backoffMillis(beforeRetry: $0, using: &second) }
        #expect(a == b)
    }

    @Test func onlyTooManyRequestsServerErrorsAndTransportFailuresAreRetried() {
        let policy = RetryPolicy()
        #expect(policy.isRetryable(status: 429))
        #expect((500..<600).allSatisfy { policy.isRetryable(status: $0) })
        #expect(![200, 301, 400, 401, 403, 404, 409, 422].contains { policy.isRetryable(status: $0) })
        #expect(policy.isRetryable(HTTPError.transport(url: "u", reason: "reset")))
        #expect(policy.isRetryable(HTTPError.timedOut(url: "u", reason: "slow")))
        #expect(!policy.isRetryable(HTTPError.responseTooLarge(url: "u", bytesMax: 1)))
        #expect(!policy.isRetryable(HTTPError.missingCredential(variable: "K")))
    }

    @Test func retryAfterIsCappedAtTheMaximumDelay() {
        let policy = RetryPolicy(delayMaxMillis: 10_000)
        #expect(policy.retryAfterMillis("3600", nowMillis: 0) == 10_000)
        #expect(policy.retryAfterMillis("3", nowMillis: 0) == 3_000)
    }
}

/// SplitMix64, local to the tests so they do not depend on LakeCore's generator.
struct SeededSplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import LakeCore
import LakeHTTP
import LakePipeline
import Testing

/// Seeded byte mutations of the recorded payloads: every run must end with a clean record, succeeded or failed
/// with an error, never a trap.
@Suite struct PayloadMutationTests {
    /// Answers every request with `body`.
    struct FixedTransport: HTTPTransport {
        let body: [UInt8]
        func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
            HTTPResponse(status: 200, body: body, url: request.urlWithQuery)
        }
    }

    @Test(arguments: [
        ("cmc/listings_latest_start_1.json", "listings_latest"),
        ("cmc/global_metrics_quotes_latest.json", "global_metrics_quotes_latest"),
        ("coingecko/coins_markets_page_1.json", "coingecko_markets"),
    ])
    func mutatedPayloadsFailCleanly(file: String, endpoint: String) throws {
        let seed: UInt64 = 0x00BA_D5EE_D000 &+ UInt64(file.utf8.count)
        var generator = SeededGenerator(seed: seed)
        let original = try APIFixtures.store().read(file)
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        var outcomes: [RunRecord.Status: Int] = [:]
        for iteration in 0..<25 {
            var bytes = original
            let edits = Int.random(in: 1...4, using: &generator)
            for _ in 0..<edits {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1:
                    bytes.removeSubrange(
                        position..<min(bytes.count, position + Int.random(in: 1...40, using: &generator)))
                default: bytes = Array(bytes.prefix(position))
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "{")] }
            }
            let runner = ExtractionRunner(
                store: scratch.store, transport: FixedTransport(body: bytes),
                sources: [
                    .coinMarketCap(baseURL: "http://fixed.invalid", keyVariable: nil),
                    .coinGecko(baseURL: "http://fixed.invalid", keyVariable: nil),
                ],
                endpoints: [
                    .listingsLatest(pageSize: 100, itemsMax: 100), .globalMetricsQuotesLatest(),
                    .coinGeckoMarkets(perPage: 100, pagesMax: 1),
                ],
                environment: [:], clock: .fixed(runStartMillis + Int64(iteration) * 1_000))
            let report = try runner.run(only: [endpoint])
            let record = try #require(report.records.first, "seed \(seed) iteration \(iteration)")
            #expect(record.status == .succeeded || record.error != nil, "seed \(seed) iteration \(iteration)")
            outcomes[record.status, default: 0] += 1
        }
        #expect((outcomes[.failed] ?? 0) > 0, "mutations should break some payloads (seed \(seed))")
    }
}

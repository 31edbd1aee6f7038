import Foundation
import LakeColumnar
import LakeCore
import LakeHTTP
import LakeParquet
import LakePipeline
import LakeTable
import LakeTestSupport
import Synchronization

/// A fresh directory under the system's temporary folder, removed by `remove()`.
struct PipelineScratch {
    let url: URL
    let store: LocalObjectStore

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lake-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        store = LocalObjectStore(root: url.path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The recorded-shape payloads in `Fixtures/api/`.
enum APIFixtures {
    static func store() throws -> LocalObjectStore {
        LocalObjectStore(root: try FixturePaths.repositoryRoot().appendingPathComponent("Fixtures/api").path)
    }

    static func replay() throws -> ReplayTransport {
        try ReplayTransport(store: store())
    }

    /// Every reference endpoint with page sizes small enough to page through the fixtures.
    static var endpoints: [Endpoint] {
        [
            .listingsLatest(pageSize: 5, itemsMax: 100), .cryptocurrencyMap(), .cryptocurrencyInfo(),
            .cryptocurrencyCategories(), .cryptocurrencyCategory(), .globalMetricsQuotesLatest(), .fearAndGreedLatest(),
            .exchangeMap(), .exchangeInfo(), .exchangeAssets(), .coinGeckoMarkets(perPage: 5, pagesMax: 4),
        ]
    }
}

/// 2026-11-20T12:00:00Z.
let runStartMillis: Int64 = 1_795_176_000_000

/// Counts requests passed to another transport.
final class CountingTransport: HTTPTransport {
    let base: any HTTPTransport
    private let sent = Mutex<[HTTPRequest]>([])

    init(_ base: any HTTPTransport) { self.base = base }

    var requests: [HTTPRequest] { sent.withLock { $0 } }

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        sent.withLock { $0.append(request) }
        return try base.send(request)
    }
}

/// Every batch of a bronze snapshot, concatenated into rows of values by column name.
struct BronzeTable {
    let schema: Schema
    let rows: [[String: Value]]

    init(store: any ObjectStore, path: String) throws {
        let reader = try ParquetFileReader(store: store, path: path)
        schema = reader.schema
        var rows: [[String: Value]] = []
        for batch in try reader.readAll() {
            for row in 0..<batch.rowCount {
                var values: [String: Value] = [:]
                for (field, column) in zip(batch.schema.fields, batch.columns) {
                    values[field.name] = column.value(at: row)
                }
                rows.append(values)
            }
        }
        self.rows = rows
    }

    func type(of column: String) -> DataType? {
        schema.index(of: column).map { schema.fields[$0].type }
    }

    func column(_ name: String) -> [Value] { rows.map { $0[name] ?? .null } }
}

import LakeCore

/// Credits used per source in the current calendar month (UTC), persisted in `_lake/credit_ledger.json`.
///
/// ```json
/// {"month":"2026-11","used":{"coinmarketcap":412,"coingecko":9}}
/// ```
/// A ledger of an earlier month reads as empty: budgets restart on the first of each month.
///
/// Spec: spec/pipeline.md#credit-budget
public struct CreditLedger: Sendable, Equatable {
    public static let path = "_lake/credit_ledger.json"

    /// `yyyy-MM` of the month the counts belong to.
    public var month: String
    public var used: [String: Int64]

    public init(month: String, used: [String: Int64] = [:]) {
        self.month = month
        self.used = used
    }

    /// The ledger for `month`: the stored one when it is of that month, else an empty one.
    /// - Throws: `storage` when the file exists but cannot be read or parsed.
    public static func load(from store: any ObjectStore, month: String) throws(PipelineError) -> CreditLedger {
        guard let object = try LakeStateFile.read(store, path) else { return CreditLedger(month: month) }
        guard case .string(let storedMonth)? = object["month"], case .object(let counts)? = object["used"] else {
            throw .storage(path: path, reason: "expected {\"month\": string, \"used\": object}")
        }
        guard storedMonth == month else { return CreditLedger(month: month) }
        var used: [String: Int64] = [:]
        for (source, value) in counts {
            guard let count = value.int64Value, count >= 0 else {
                throw .storage(path: path, reason: "used.\(source) is not a non-negative integer")
            }
            used[source] = count
        }
        return CreditLedger(month: month, used: used)
    }

    public func save(to store: any ObjectStore) throws(PipelineError) {
        let counts = JSONObject(used.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number(.int64($0.value))) })
        try LakeStateFile.write(store, Self.path, ["month": .string(month), "used": .object(counts)])
    }

    /// Credits still spendable by `source` this month above its reserve.
    public func available(for source: APISource) -> Int64 {
        max(0, source.spendableCredits - (used[source.name] ?? 0))
    }

    /// Throws unless `credits` more fit under `source`'s budget minus reserve.
    public func requireRoom(_ credits: Int64, for source: APISource) throws(PipelineError) {
        let available = available(for: source)
        guard credits <= available else {
            throw .creditBudgetExceeded(source: source.name, needed: credits, available: available)
        }
    }

    public mutating func charge(_ credits: Int64, to source: String) {
        used[source, default: 0] += max(0, credits)
    }
}

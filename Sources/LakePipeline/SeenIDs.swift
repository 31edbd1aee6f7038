import LakeCore

/// Ids each incremental endpoint has extracted successfully, persisted in `_lake/seen_ids.json`.
///
/// ```json
/// {"cryptocurrency_info":["1","1027"],"exchange_info":["270"]}
/// ```
/// Ids are kept as text so numeric and string ids (category ids are hex strings) share one form.
///
/// Spec: spec/pipeline.md#incremental-extraction
public struct SeenIDs: Sendable, Equatable {
    public static let path = "_lake/seen_ids.json"

    public var byEndpoint: [String: Set<String>]

    public init(byEndpoint: [String: Set<String>] = [:]) {
        self.byEndpoint = byEndpoint
    }

    public static func load(from store: any ObjectStore) throws(PipelineError) -> SeenIDs {
        guard let object = try LakeStateFile.read(store, path) else { return SeenIDs() }
        var result: [String: Set<String>] = [:]
        for (endpoint, value) in object {
            guard case .array(let items) = value else {
                throw .storage(path: path, reason: "\(endpoint) is not an array of ids")
            }
            var ids: Set<String> = []
            for item in items {
                guard case .string(let id) = item else {
                    throw .storage(path: path, reason: "\(endpoint) holds a non-string id")
                }
                ids.insert(id)
            }
            result[endpoint] = ids
        }
        return SeenIDs(byEndpoint: result)
    }

    public func save(to store: any ObjectStore) throws(PipelineError) {
        let members = byEndpoint.sorted { $0.key < $1.key }.map { entry in
            (entry.key, JSONValue.array(entry.value.sorted(by: Self.idOrder).map { .string($0) }))
        }
        try LakeStateFile.write(store, Self.path, JSONObject(members))
    }

    /// Numeric ids in numeric order, then the others in byte order: stable files that read naturally.
    static func idOrder(_ a: String, _ b: String) -> Bool {
        switch (Int64(a), Int64(b)) {
        case (let x?, let y?): x < y
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): a < b
        }
    }
}

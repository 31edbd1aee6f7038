import LakeCore

/// The files each CSV folder source has taken, with the snapshot that holds them, persisted in
/// `_lake/csv_files.json`.
///
/// ```json
/// {"prices":{"inbox/prices/2024-05-01.csv":"bronze/prices/prices-20240501_060000.parquet"}}
/// ```
///
/// Spec: spec/pipeline.md#csv-folder-sources
public struct CSVTakenFiles: Sendable, Equatable {
    public static let path = "_lake/csv_files.json"

    /// Per source, file path → snapshot path.
    public var bySource: [String: [String: String]]

    public init(bySource: [String: [String: String]] = [:]) {
        self.bySource = bySource
    }

    /// Whether `source` has taken `file`.
    public func contains(_ file: String, source: String) -> Bool {
        bySource[source]?[file] != nil
    }

    /// - Throws: `storage` when the file is not the JSON shape above.
    public static func load(from store: any ObjectStore) throws(PipelineError) -> CSVTakenFiles {
        guard let object = try LakeStateFile.read(store, path) else { return CSVTakenFiles() }
        var result: [String: [String: String]] = [:]
        for (source, value) in object {
            guard case .object(let files) = value else {
                throw .storage(path: path, reason: "\(source) is not an object of file paths")
            }
            var taken: [String: String] = [:]
            for (file, snapshot) in files {
                guard case .string(let snapshotPath) = snapshot else {
                    throw .storage(path: path, reason: "\(source): \(file) does not name a snapshot")
                }
                taken[file] = snapshotPath
            }
            result[source] = taken
        }
        return CSVTakenFiles(bySource: result)
    }

    public func save(to store: any ObjectStore) throws(PipelineError) {
        let members = bySource.sorted { $0.key < $1.key }.map { entry in
            (
                entry.key,
                JSONValue.object(JSONObject(entry.value.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
            )
        }
        try LakeStateFile.write(store, Self.path, JSONObject(members))
    }
}

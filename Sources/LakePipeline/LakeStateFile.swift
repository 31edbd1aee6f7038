import LakeCore

/// Small JSON state documents under the lake root's `_lake/` folder, read and replaced whole.
///
/// A write replaces the object atomically (`ObjectStore.put`), so a reader sees the old state or the new one.
/// One process runs the extraction at a time; concurrent runs are not coordinated here.
///
/// Spec: spec/pipeline.md#lake-state
enum LakeStateFile {
    static let bytesMax = 16 << 20

    /// The document at `path`, or nil when it does not exist.
    static func read(_ store: any ObjectStore, _ path: String) throws(PipelineError) -> JSONObject? {
        let bytes: [UInt8]
        do {
            bytes = try store.read(path)
        } catch ObjectStoreError.notFound {
            return nil
        } catch {
            throw .storage(path: path, reason: "\(error)")
        }
        guard bytes.count <= bytesMax else {
            throw .storage(path: path, reason: "state file larger than \(bytesMax) bytes")
        }
        do {
            guard case .object(let object) = try JSONParser.parse(bytes) else {
                throw PipelineError.storage(path: path, reason: "state file is not a JSON object")
            }
            return object
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: path, reason: "corrupt state file: \(error)")
        }
    }

    static func write(_ store: any ObjectStore, _ path: String, _ object: JSONObject) throws(PipelineError) {
        do {
            var bytes = try JSONWriter.serialize(.object(object))
            bytes.append(UInt8(ascii: "\n"))
            try store.put(path, bytes)
        } catch {
            throw .storage(path: path, reason: "\(error)")
        }
    }
}

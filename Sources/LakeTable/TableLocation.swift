import LakeCore

/// Paths of a table inside an object store, and the mapping of store failures to `TableLogError`.
enum TableLocation {
    /// `<root>/_delta_log/` (or `_delta_log/` for the store root).
    static func logPrefix(_ root: String) -> String {
        ObjectPath.join(root, "_delta_log") + "/"
    }

    /// The store path of `relativePath` (already checked by `PathCodec.decode`) inside the table.
    static func objectPath(_ root: String, _ relativePath: String) -> String {
        ObjectPath.join(root, relativePath)
    }

    /// Runs a store call, turning its failures into `TableLogError.io`.
    static func storeCall<T>(_ body: () throws -> T) throws(TableLogError) -> T {
        do {
            return try body()
        } catch let error as ObjectStoreError {
            throw .io(error)
        } catch {
            throw .io(.io(path: "", operation: "object store call", code: 0, message: "\(error)"))
        }
    }
}

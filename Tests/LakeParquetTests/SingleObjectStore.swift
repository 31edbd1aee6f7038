import LakeCore

/// A read-only `ObjectStore` holding one object in memory, so a reader can open thousands of mutated files
/// without touching the disk. Every write operation throws `ObjectStoreError.invalidPath`.
struct SingleObjectStore: ObjectStore {
    let path: String
    let bytes: [UInt8]

    init(path: String = "mutant.parquet", bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    func list(prefix: String, after start: String?) throws -> [ObjectInfo] {
        guard path.hasPrefix(prefix), start.map({ path > $0 }) ?? true else { return [] }
        return [try head(path)]
    }

    func head(_ path: String) throws -> ObjectInfo {
        guard path == self.path else { throw ObjectStoreError.notFound(path: path) }
        return ObjectInfo(path: path, sizeBytes: Int64(bytes.count), modifiedMillis: 0)
    }

    func read(_ path: String, range: Range<Int64>?) throws -> [UInt8] {
        guard path == self.path else { throw ObjectStoreError.notFound(path: path) }
        let size = Int64(bytes.count)
        let wanted = range ?? 0..<size
        guard wanted.lowerBound >= 0, wanted.upperBound <= size else {
            throw ObjectStoreError.outOfRange(path: path, requested: wanted, size: size)
        }
        return Array(bytes[Int(wanted.lowerBound)..<Int(wanted.upperBound)])
    }

    func put(_ path: String, _ bytes: [UInt8]) throws { throw readOnly(path) }
    func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws { throw readOnly(path) }
    func delete(_ path: String) throws { throw readOnly(path) }
    func makeWriter(_ path: String) throws -> any ObjectWriter { throw readOnly(path) }

    private func readOnly(_ path: String) -> ObjectStoreError {
        .invalidPath(path: path, reason: "SingleObjectStore is read-only")
    }
}

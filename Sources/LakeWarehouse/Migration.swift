import LakeCore

/// One versioned SQL migration: a file `NNNN_name.sql` (at least four digits, then `_`, a name of letters,
/// digits, `_` or `-`, then `.sql`), applied once, in version order, inside a transaction of its own.
///
/// A migration file must not contain transaction control (`BEGIN`, `COMMIT`) or `COPY ... FROM STDIN`: the
/// runner wraps it in its own transaction together with its `lake_migrations` row.
///
/// Spec: spec/warehouse.md §3.2 (migrations).
public struct Migration: Sendable, Hashable {
    public var version: Int64
    public var name: String
    public var sql: String
    /// CRC-32 of the file's bytes as 8 hex digits: an applied migration whose file changed afterwards is refused.
    public var checksum: String

    public init(version: Int64, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        let value = CRC32.checksum(Array(sql.utf8))
        let hex = String(value, radix: 16)
        checksum = String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// A migration file is at most this large.
    public static let fileBytesMax: Int64 = 16 << 20

    /// Parses `0001_create_dimensions.sql` into its version and name; nil for other names.
    public static func parseFileName(_ fileName: String) -> (version: Int64, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count >= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int64(digits),
            !name.isEmpty,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { return nil }
        return (version, String(name))
    }

    /// The migrations in the top level of `store` (under `prefix`), sorted by version. Files not ending in
    /// `.sql` are ignored.
    /// - Throws: `migration` for a `.sql` file with a malformed name, two files with one version, a file that is
    ///   not UTF-8 or larger than `fileBytesMax`, or a storage failure.
    public static func load(from store: any ObjectStore, prefix: String = "") throws(WarehouseError) -> [Migration] {
        let objects: [ObjectInfo]
        do { objects = try store.list(prefix: prefix, after: nil) } catch {
            throw .migration(file: prefix.isEmpty ? "." : prefix, reason: "cannot list the folder: \(error)")
        }
        var migrations: [Migration] = []
        var seen: [Int64: String] = [:]
        for object in objects {
            let fileName = String(object.path.dropFirst(prefix.count))
            guard !fileName.contains("/"), fileName.hasSuffix(".sql") else { continue }
            guard let (version, name) = parseFileName(fileName) else {
                throw .migration(file: fileName, reason: "name must look like 0001_create_tables.sql")
            }
            if let other = seen[version] {
                throw .migration(file: fileName, reason: "version \(version) is also used by \(other)")
            }
            seen[version] = fileName
            guard object.sizeBytes <= fileBytesMax else {
                throw .migration(file: fileName, reason: "larger than \(fileBytesMax) bytes")
            }
            let bytes: [UInt8]
            do { bytes = try store.read(object.path, range: nil) } catch {
                throw .migration(file: fileName, reason: "cannot read: \(error)")
            }
            guard let sql = String(validating: bytes, as: UTF8.self) else {
                throw .migration(file: fileName, reason: "not valid UTF-8")
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }
}

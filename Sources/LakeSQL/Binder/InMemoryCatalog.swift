import LakeColumnar

/// A catalog over tables held in memory, keyed by dotted name, matched case-insensitively; versions are kept per
/// table so time travel can be tested. Paths and table functions resolve when registered under their text.
///
/// Spec: spec/sql.md §8.1.
public struct InMemoryCatalog: Catalog {
    /// One registered table: its schema at each version (index = version) and its partition columns.
    public struct Entry: Sendable, Hashable {
        public var versions: [Schema]
        public var partitionColumns: [String]
        /// Timestamps (as written in `TIMESTAMP AS OF`) mapped to versions.
        public var versionsByTimestamp: [String: Int64]

        public init(versions: [Schema], partitionColumns: [String] = [], versionsByTimestamp: [String: Int64] = [:]) {
            precondition(!versions.isEmpty, "a table has at least one version")
            self.versions = versions
            self.partitionColumns = partitionColumns
            self.versionsByTimestamp = versionsByTimestamp
        }
    }

    /// Thrown for a version or timestamp the table does not have.
    public struct VersionNotFound: Error, CustomStringConvertible {
        public var description: String
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Registers `schema` as version 0 of `name` (`silver.fact`, a path, or `read_parquet('x')`), or adds it as
    /// the next version when the name is already known.
    public mutating func register(_ name: String, _ schema: Schema, partitionColumns: [String] = []) {
        let key = name.lowercased()
        if var entry = entries[key] {
            entry.versions.append(schema)
            entries[key] = entry
        } else {
            entries[key] = Entry(versions: [schema], partitionColumns: partitionColumns)
        }
    }

    /// Makes `TIMESTAMP AS OF timestamp` on `name` read `version`.
    public mutating func setTimestamp(_ timestamp: String, of name: String, version: Int64) {
        entries[name.lowercased()]?.versionsByTimestamp[timestamp] = version
    }

    public func resolveTable(_ locator: TableLocator, at timeTravel: TimeTravel?) throws -> ResolvedTable? {
        let key = locator.description.lowercased()
        guard let entry = entries[key] else { return nil }
        let latest = Int64(entry.versions.count - 1)
        var version = latest
        switch timeTravel {
        case nil: break
        case .version(let wanted):
            guard wanted >= 0, wanted <= latest else {
                throw VersionNotFound(description: "version \(wanted) does not exist; the latest is \(latest)")
            }
            version = wanted
        case .timestamp(let text):
            guard let found = entry.versionsByTimestamp[text], found >= 0, found <= latest else {
                throw VersionNotFound(description: "no version at or before \(text)")
            }
            version = found
        }
        let schema = entry.versions[Int(version)]
        let identity: String
        switch locator {
        case .name(let parts): identity = parts.joined(separator: ".").lowercased()
        case .path, .function: identity = locator.description
        }
        let isVersioned: Bool
        if case .function = locator { isVersioned = false } else { isVersioned = true }
        return ResolvedTable(
            handle: TableHandle(identity: identity, version: isVersioned ? version : nil), schema: schema,
            partitionColumns: entry.partitionColumns)
    }

    public func tableNames() -> [String] { entries.keys.sorted() }
}

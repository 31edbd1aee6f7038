import LakeCore

/// The `domainMetadata` action: configuration owned by a named domain (a table feature or an application).
///
/// Spec: spec/table-log.md §3.7.
public struct DomainMetadataAction: Sendable, Hashable {
    public var domain: String
    /// Free text owned by the domain, often JSON.
    public var configuration: String
    /// True when this action deletes the domain.
    public var removed: Bool

    public init(domain: String, configuration: String, removed: Bool = false) {
        self.domain = domain
        self.configuration = configuration
        self.removed = removed
    }

    /// Decodes the body of a `domainMetadata` action; `path` names it in errors (`domainMetadata`).
    public init(json: JSONObject, at path: String) throws(JSONError) {
        domain = try json.requireString("domain", in: path)
        configuration = try json.requireString("configuration", in: path)
        removed = try json.requireBool("removed", in: path)
    }

    public var json: JSONObject {
        ["domain": .string(domain), "configuration": .string(configuration), "removed": .bool(removed)]
    }
}

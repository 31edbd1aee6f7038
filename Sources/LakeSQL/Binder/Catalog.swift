/// Where the binder looks tables up. LakeSQL does no I/O: the session implements this over the lake root and the
/// table log; tests use `InMemoryCatalog`.
///
/// Contract: resolving is deterministic for one bind (the binder may ask for the same table twice and expects the
/// same snapshot); a missing table is `nil`, not an error, so the binder can report it with a suggestion from
/// `tableNames`; a table that exists but cannot be read (a corrupt log, a version before the oldest one kept)
/// throws, and the binder reports the error's description as `SQLError.Kind.catalogFailure`.
///
/// Spec: spec/sql.md §8.1.
public protocol Catalog: Sendable {
    /// The table `locator` names, read at `timeTravel` (nil: the latest snapshot), or nil when there is none.
    func resolveTable(_ locator: TableLocator, at timeTravel: TimeTravel?) throws -> ResolvedTable?
    /// Names of known tables (dotted), for "did you mean" suggestions; may be empty.
    func tableNames() -> [String]
}

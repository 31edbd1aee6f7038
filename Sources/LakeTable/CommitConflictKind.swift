/// The check of spec/table-log.md §10.3 that a concurrent commit failed, carried by
/// `TableLogError.commitConflict`.
///
/// Spec: spec/table-log.md §10.3.
public enum CommitConflictKind: String, Sendable, Hashable, CaseIterable {
    /// The winner changed the protocol.
    case protocolChanged
    /// The winner changed the metadata (schema, partitioning, properties).
    case metadataChanged
    /// The winner added files that our transaction's read could have seen.
    case concurrentAppend
    /// The winner removed a file our transaction read.
    case concurrentDeleteRead
    /// The winner removed a file our transaction also removes.
    case concurrentDeleteDelete
    /// The winner committed a `txn` for our application id with a lower version.
    case concurrentTransaction
    /// The winner wrote a `domainMetadata` action for a domain our transaction also writes.
    case concurrentDomainUpdate
    /// Every attempt up to `TableLimits.commitAttemptsMax` lost the race.
    case retriesExhausted
}

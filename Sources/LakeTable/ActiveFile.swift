/// A live logical file of a snapshot: a data file plus its deletion vector, if any.
///
/// Spec: spec/table-log.md §7.2.
public struct ActiveFile: Sendable, Hashable {
    /// The data file's object path relative to the table root, decoded and checked by `PathCodec.decode`.
    public var path: String
    /// The `add` action that made the file live, as written in the log.
    public var add: AddAction

    public init(path: String, add: AddAction) {
        self.path = path
        self.add = add
    }
}

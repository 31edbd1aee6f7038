import LakeTable

/// The text of the error cases whose reason the operation tests check.
extension TableLogError {
    /// The reason of `invalidArgument`, nil for other cases.
    var invalidArgumentReason: String? {
        if case .invalidArgument(let reason) = self { return reason }
        return nil
    }

    /// The reason of `schemaMismatch`, nil for other cases.
    var schemaMismatchReason: String? {
        if case .schemaMismatch(let reason) = self { return reason }
        return nil
    }
}

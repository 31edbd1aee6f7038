import LakeColumnar

extension Column {
    /// A non-null boolean column of `flags`, for command results.
    static func bools(_ flags: [Bool]) -> Column {
        var builder = ColumnBuilder(type: .bool, capacity: flags.count)
        for flag in flags {
            // A bool value always fits a bool builder; the catch only satisfies the throwing signature.
            do { try builder.append(.bool(flag)) } catch { builder.appendNull() }
        }
        return builder.build()
    }
}

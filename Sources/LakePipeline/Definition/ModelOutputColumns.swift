import LakeSQL

/// The output column names of a model query when they can be read off its SELECT list (no `*`), lower-cased;
/// nil otherwise. Used to check partition columns and merge keys before the binder exists to do it fully.
enum ModelOutputColumns {
    static func names(of query: Query) -> [String]? {
        var body = query.body
        while true {
            switch body {
            case .parenthesized(let inner): body = inner.body
            case .setOperation(let operation): body = operation.left
            case .values: return nil
            case .select(let select):
                var names: [String] = []
                for item in select.items {
                    guard case .expression(let expression, let alias) = item else { return nil }
                    if let alias {
                        names.append(alias.value.lowercased())
                    } else if case .column(let name) = expression.kind {
                        names.append(name.name.value.lowercased())
                    } else {
                        return nil
                    }
                }
                return names
            }
        }
    }
}

import LakeColumnar

/// One column visible to expressions: the plan column at the same position, with the names it can be called by.
///
/// Spec: spec/sql.md §8.2.
struct ScopeColumn: Sendable, Hashable {
    /// The table name or alias that qualifies it (`[silver, fact]`, `[f]`); empty for computed columns.
    var relation: [Identifier]
    var name: String
    var type: DataType
    /// The right-hand copy of a `USING` column: reachable only qualified, and left out of `*`.
    var isUsingDuplicate = false
}

/// The columns an expression may reference, in plan column order, with SQL's name resolution rules.
///
/// Spec: spec/sql.md §8.2.
struct Scope: Sendable {
    var columns: [ScopeColumn]

    /// The outcome of looking a name up.
    enum Lookup {
        case found(Int)
        case notFound
        /// Positions of every column the name matches.
        case ambiguous([Int])
    }

    /// Whether `written` names `actual`: exactly when quoted, ignoring case when not.
    static func matches(_ written: Identifier, _ actual: String) -> Bool {
        written.isQuoted ? written.value == actual : written.value.lowercased() == actual.lowercased()
    }

    /// Whether the qualifier `written` (`f`, `silver.fact`) names `relation`: it must equal the relation's last
    /// parts.
    static func qualifies(_ written: [Identifier], _ relation: [Identifier]) -> Bool {
        guard !written.isEmpty, written.count <= relation.count else { return false }
        return zip(written, relation.suffix(written.count)).allSatisfy { matches($0, $1.value) }
    }

    func lookup(_ name: ObjectName) -> Lookup {
        let column = name.name
        let qualifier = Array(name.parts.dropLast())
        var found: [Int] = []
        for (index, candidate) in columns.enumerated() where Scope.matches(column, candidate.name) {
            if qualifier.isEmpty {
                if !candidate.isUsingDuplicate { found.append(index) }
            } else if Scope.qualifies(qualifier, candidate.relation) {
                found.append(index)
            }
        }
        switch found.count {
        case 0: return .notFound
        case 1: return .found(found[0])
        default: return .ambiguous(found)
        }
    }

    /// `f.price`, or `price` for a column without a relation.
    func qualifiedName(_ index: Int) -> String {
        let column = columns[index]
        guard let last = column.relation.last else { return column.name }
        return "\(last.value).\(column.name)"
    }

    /// Candidates for "did you mean": plain names, or `relation.name` when the reference was qualified.
    func suggestionCandidates(qualified: Bool) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        for index in columns.indices {
            let name = qualified ? qualifiedName(index) : columns[index].name
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// Whether a column of `relation` exists (for `t.*`).
    func hasRelation(_ qualifier: [Identifier]) -> Bool {
        columns.contains { Scope.qualifies(qualifier, $0.relation) }
    }

    /// The same columns under one new relation name (a derived table's or CTE's alias).
    func renamed(relation: [Identifier]) -> Scope {
        Scope(columns: columns.map { ScopeColumn(relation: relation, name: $0.name, type: $0.type) })
    }

    /// Columns named after a plan's output, under `relation`.
    static func of(_ schema: Schema, relation: [Identifier]) -> Scope {
        Scope(columns: schema.fields.map { ScopeColumn(relation: relation, name: $0.name, type: $0.type) })
    }
}

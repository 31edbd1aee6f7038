/// A word with a meaning in lake's SQL, matched case-insensitively.
///
/// Reserved keywords never name a table, column or alias unless quoted (`"select"`). Non-reserved keywords are
/// keywords only where the grammar expects them and identifiers elsewhere, so a column may be called `version` or
/// `date`. No keyword of either kind serves as an implicit alias (`SELECT a b`): a keyword after an expression or a
/// table always continues the statement. Write `AS version` to alias with a non-reserved keyword.
///
/// Spec: spec/sql.md §3.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    // Reserved.
    case all = "ALL"
    case and = "AND"
    case anti = "ANTI"
    case `as` = "AS"
    case asc = "ASC"
    case between = "BETWEEN"
    case by = "BY"
    case `case` = "CASE"
    case cast = "CAST"
    case cross = "CROSS"
    case desc = "DESC"
    case distinct = "DISTINCT"
    case `else` = "ELSE"
    case end = "END"
    case except = "EXCEPT"
    case exists = "EXISTS"
    case `false` = "FALSE"
    case from = "FROM"
    case full = "FULL"
    case group = "GROUP"
    case having = "HAVING"
    case ilike = "ILIKE"
    case `in` = "IN"
    case inner = "INNER"
    case intersect = "INTERSECT"
    case `is` = "IS"
    case join = "JOIN"
    case left = "LEFT"
    case like = "LIKE"
    case limit = "LIMIT"
    case not = "NOT"
    case null = "NULL"
    case offset = "OFFSET"
    case on = "ON"
    case or = "OR"
    case order = "ORDER"
    case outer = "OUTER"
    case right = "RIGHT"
    case select = "SELECT"
    case semi = "SEMI"
    case then = "THEN"
    case `true` = "TRUE"
    case union = "UNION"
    case using = "USING"
    case when = "WHEN"
    case `where` = "WHERE"
    case with = "WITH"
    // Non-reserved.
    case create = "CREATE"
    case current = "CURRENT"
    case date = "DATE"
    case delete = "DELETE"
    case describe = "DESCRIBE"
    case dry = "DRY"
    case explain = "EXPLAIN"
    case extract = "EXTRACT"
    case filter = "FILTER"
    case first = "FIRST"
    case following = "FOLLOWING"
    case history = "HISTORY"
    case hours = "HOURS"
    case `if` = "IF"
    case insert = "INSERT"
    case interval = "INTERVAL"
    case into = "INTO"
    case last = "LAST"
    case matched = "MATCHED"
    case merge = "MERGE"
    case nulls = "NULLS"
    case of = "OF"
    case optimize = "OPTIMIZE"
    case over = "OVER"
    case overwrite = "OVERWRITE"
    case partition = "PARTITION"
    case partitioned = "PARTITIONED"
    case preceding = "PRECEDING"
    case qualify = "QUALIFY"
    case range = "RANGE"
    case recursive = "RECURSIVE"
    case replace = "REPLACE"
    case restore = "RESTORE"
    case retain = "RETAIN"
    case row = "ROW"
    case rows = "ROWS"
    case run = "RUN"
    case set = "SET"
    case show = "SHOW"
    case source = "SOURCE"
    case table = "TABLE"
    case tables = "TABLES"
    case target = "TARGET"
    case timestamp = "TIMESTAMP"
    case to = "TO"
    case tryCast = "TRY_CAST"
    case unbounded = "UNBOUNDED"
    case update = "UPDATE"
    case vacuum = "VACUUM"
    case values = "VALUES"
    case version = "VERSION"
    case zorder = "ZORDER"

    /// The keyword spelled by `word` in any letter case, or nil.
    public init?(word: String) {
        guard word.utf8.count <= Keyword.longestSpellingBytes, let keyword = Keyword.bySpelling[word.uppercased()]
        else { return nil }
        self = keyword
    }

    /// True for keywords that can never be an unquoted identifier.
    public var isReserved: Bool { Keyword.reserved.contains(self) }

    private static let reserved: Set<Keyword> = [
        .all, .and, .anti, .as, .asc, .between, .by, .case, .cast, .cross, .desc, .distinct, .else, .end, .except,
        .exists, .false, .from, .full, .group, .having, .ilike, .in, .inner, .intersect, .is, .join, .left, .like,
        .limit, .not, .null, .offset, .on, .or, .order, .outer, .right, .select, .semi, .then, .true, .union, .using,
        .when, .where, .with,
    ]
    private static let bySpelling: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, $0) })
    private static let longestSpellingBytes = Keyword.allCases.map(\.rawValue.utf8.count).max() ?? 0
}

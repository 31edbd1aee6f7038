/// "Did you mean ...?" for misspelled names: the closest candidate by edit distance, if it is close enough.
///
/// Used for keywords in syntax errors now, and for columns and tables by the binder.
///
/// Spec: spec/sql.md §5.
public enum NameSuggestion {
    /// The longest name compared, in characters; longer names are never suggested or matched.
    public static let nameCharactersMax = 128

    /// The candidate nearest to `name`, compared case-insensitively, or nil when none is close.
    ///
    /// Close means an edit distance (insertions, deletions, substitutions and swaps of adjacent characters) of at
    /// most one third of the longer name, rounded down, and at least 1, so `FORM` suggests `FROM` and `x` suggests
    /// nothing from `[y]`. An exact case-insensitive match is returned first. Ties go to the earliest candidate.
    ///
    /// - Complexity: O(candidates × n × m) for names of n and m characters.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        guard !target.isEmpty, target.count <= nameCharactersMax else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            guard other.count <= nameCharactersMax else { continue }
            if other == target { return candidate }
            let allowed = max(1, max(target.count, other.count) / 3)
            guard abs(other.count - target.count) <= allowed else { continue }
            let distance = editDistance(target, other)
            if distance <= allowed, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The optimal-string-alignment distance between `a` and `b`: the fewest insertions, deletions, substitutions
    /// and adjacent transpositions turning one into the other.
    ///
    /// - Complexity: O(n × m) time, O(m) memory.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                row[j] = value
            }
            (previousPrevious, previous, row) = (previous, row, previousPrevious)
        }
        return previous[b.count]
    }
}

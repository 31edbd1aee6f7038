/// What a token is.
///
/// Spec: spec/sql.md §1.
public enum TokenKind: Sendable, Hashable {
    /// A bare word. `keyword` is set when the word spells a keyword; `word` keeps the spelling as written, which
    /// is the identifier's name when a non-reserved keyword stands for an identifier.
    case word(String, keyword: Keyword?)
    /// `"name"` or `` `name` ``, with the quotes removed and doubled quotes unescaped.
    case quotedIdentifier(String)
    /// `'text'`, with the quotes removed and `''` unescaped.
    case string(String)
    /// A numeric literal as written: `42`, `1.50`, `.5`, `6.02e23`.
    case number(String)
    case symbol(Symbol)
    /// After the last token; every token list ends with exactly one.
    case end
}

/// One lexical unit of SQL text with the place it starts.
///
/// Spec: spec/sql.md §1.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    /// Where the token's first character is.
    public var location: SourceLocation
    /// The token exactly as written (with quotes and escapes); empty for `.end`.
    public var text: String

    public init(kind: TokenKind, location: SourceLocation, text: String) {
        self.kind = kind
        self.location = location
        self.text = text
    }

    /// How the token is named in error messages: `'FORM'`, `')'`, `end of input`; a string literal shows as written
    /// (`'abc'`). Text past 40 characters is cut to 37 and `...`.
    public var displayName: String {
        let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
        switch kind {
        case .end: return "end of input"
        case .string: return shown
        default: return "'\(shown)'"
        }
    }
}

extension SQLError {
    /// The message with the offending line of `source` and a caret under the offending text:
    ///
    ///     error: expected FROM or end of statement, found 'FORM'
    ///      --> line 2, column 8
    ///       |
    ///     2 | SELECT a
    ///       |        ^^^^
    ///
    /// `source` must be the text that produced the error; if the location lies outside it (a different text was
    /// passed), only the first two lines are returned. Tabs before the caret are kept so it lines up in a terminal.
    public func rendered(in source: String) -> String {
        var output = "error: \(reason)\n --> \(location)"
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return output }
        var lineText = Substring(lines[location.line - 1])
        if lineText.last == "\r" { lineText = lineText.dropLast() }
        let scalars = Array(lineText.unicodeScalars)
        let caretStart = min(max(location.column - 1, 0), scalars.count)
        var padding = ""
        for scalar in scalars[..<caretStart] {
            padding.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        // The caret spans the offending text, clipped to the end of the line; at least one caret is drawn.
        var caretScalars = 0
        var remainingBytes = length
        var index = caretStart
        while remainingBytes > 0, index < scalars.count {
            remainingBytes -= String(scalars[index]).utf8.count
            caretScalars += 1
            index += 1
        }
        let gutter = String(repeating: " ", count: String(location.line).count)
        output += "\n\(gutter) |\n\(location.line) | \(String(String.UnicodeScalarView(scalars)))"
        output += "\n\(gutter) | \(padding)\(String(repeating: "^", count: max(1, caretScalars)))"
        return output
    }
}

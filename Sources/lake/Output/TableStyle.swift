/// Limits of the aligned-table layout.
struct TableStyle {
    /// Rows printed; the footer counts the rows left out beyond it.
    var rowsMax: Int
    /// Characters a cell shows before it is cut with `…`; nil shows every character (`--wide`).
    var cellCharactersMax: Int?

    /// The default cut of long text.
    static let cellCharactersDefault = 60

    init(rowsMax: Int = .max, cellCharactersMax: Int? = TableStyle.cellCharactersDefault) {
        precondition(rowsMax >= 0, "a negative row limit")
        precondition(cellCharactersMax.map { $0 >= 1 } ?? true, "cells must show at least one character")
        self.rowsMax = rowsMax
        self.cellCharactersMax = cellCharactersMax
    }
}

/// A SQL test file in the style of sqllogictest (as DuckDB uses it): records separated by blank lines.
///
/// ```
/// # a comment line
/// statement ok
/// CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, NULL)) AS v(id, name)
///
/// statement error unknown column
/// SELECT nope FROM t
///
/// query IT rowsort
/// SELECT id, name FROM t
/// ----
/// 1	a
/// 2	NULL
/// ```
///
/// `statement ok` must succeed; `statement error [text]` must fail, with `text` (when given) inside the error's
/// description, compared case-insensitively. `query <types> [rowsort|nosort]` has one letter per column (`I`
/// integer, `R` float or decimal, `T` text, `B` boolean, `D` date or timestamp; only the count is checked), the SQL,
/// `----`, then the expected rows: values separated by tabs (or, in a line without tabs, by runs of spaces),
/// `NULL` for null and `(empty)` for the empty string. `rowsort` compares the rows sorted as text; `nosort` (the
/// default) in result order.
///
/// Spec: spec/session.md (SQL test files)
struct SQLLogicTestFile {
    enum Record {
        case statement(sql: String, expectedError: String?, line: Int)
        case query(sql: String, columnCount: Int, sortsRows: Bool, expected: [[String]], line: Int)
    }

    /// Why a file does not parse, with its 1-based line.
    struct FormatError: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "line \(line): \(reason)" }
    }

    var records: [Record]

    init(parsing text: String) throws(FormatError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
        var records: [Record] = []
        var index = 0
        func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }
        while index < lines.count {
            let header = lines[index]
            let headerLine = index + 1
            index += 1
            if isBlank(header) || header.hasPrefix("#") { continue }
            let words = header.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            var sqlLines: [String] = []
            while index < lines.count, !isBlank(lines[index]), lines[index] != "----" {
                sqlLines.append(lines[index])
                index += 1
            }
            let sql = sqlLines.joined(separator: "\n")
            guard !sql.isEmpty else {
                throw FormatError(line: headerLine, reason: "'\(header)' has no SQL")
            }
            switch words.first {
            case "statement":
                if index < lines.count, lines[index] == "----" {
                    throw FormatError(line: index + 1, reason: "a statement has no expected rows")
                }
                switch words.dropFirst().first {
                case "ok":
                    records.append(.statement(sql: sql, expectedError: nil, line: headerLine))
                case "error":
                    let text = words.dropFirst(2).joined(separator: " ")
                    records.append(.statement(sql: sql, expectedError: text, line: headerLine))
                default:
                    throw FormatError(
                        line: headerLine, reason: "expected 'statement ok' or 'statement error'")
                }
            case "query":
                guard words.count >= 2, words.count <= 3 else {
                    throw FormatError(line: headerLine, reason: "expected 'query <types> [rowsort|nosort]'")
                }
                let mode = words.count == 3 ? words[2] : "nosort"
                guard mode == "rowsort" || mode == "nosort" else {
                    throw FormatError(line: headerLine, reason: "unknown sort mode '\(mode)'")
                }
                var expected: [[String]] = []
                if index < lines.count, lines[index] == "----" {
                    index += 1
                    while index < lines.count, !isBlank(lines[index]) {
                        expected.append(Self.values(of: lines[index]))
                        index += 1
                    }
                }
                for (offset, row) in expected.enumerated() where row.count != words[1].count {
                    throw FormatError(
                        line: headerLine,
                        reason: "expected row \(offset + 1) has \(row.count) values for \(words[1])")
                }
                records.append(
                    .query(
                        sql: sql, columnCount: words[1].count, sortsRows: mode == "rowsort", expected: expected,
                        line: headerLine))
            default:
                throw FormatError(line: headerLine, reason: "unknown record '\(header)'")
            }
        }
        self.records = records
    }

    /// The values of an expected row: tab-separated, or space-separated in a line without tabs.
    static func values(of line: String) -> [String] {
        if line.contains("\t") {
            return line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        return line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }
}

import Foundation
import LakeColumnar
import LakeSession
import Testing

/// Runs a `SQLLogicTestFile` from `Tests/LakeSessionTests/sql/` against a fresh, empty lake root (the file's own
/// statements create its tables), recording one test issue per record that does not behave as the file says.
///
/// Spec: spec/session.md (SQL test files)
enum SQLLogicTestRunner {
    /// The directory of the test files.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "sql", isDirectory: true)
    }

    /// Runs `sql/<name>` and returns the number of records run.
    @discardableResult
    static func run(_ name: String) throws -> Int {
        let url = directory.appendingPathComponent(name)
        let file = try SQLLogicTestFile(parsing: String(contentsOf: url, encoding: .utf8))
        let lake = try TemporaryLake("sqllogic")
        let session = try lake.session()
        for record in file.records {
            switch record {
            case .statement(let sql, let expectedError, let line):
                check(sql, expectedError: expectedError, in: session, at: "\(name):\(line)")
            case .query(let sql, let columnCount, let sortsRows, let expected, let line):
                check(
                    sql, columnCount: columnCount, sortsRows: sortsRows, expected: expected, in: session,
                    at: "\(name):\(line)")
            }
        }
        return file.records.count
    }

    private static func check(
        _ sql: String, expectedError: String?, in session: LakeSession, at place: String
    ) {
        do {
            _ = try session.execute(sql)
            if let expectedError {
                let wanted = expectedError.isEmpty ? "an error" : "an error containing '\(expectedError)'"
                Issue.record("\(place): expected \(wanted), the statement succeeded:\n\(sql)")
            }
        } catch {
            guard let expectedError else {
                Issue.record("\(place): statement failed:\n\(sql)\n\(error.description)")
                return
            }
            if !expectedError.isEmpty
                && !error.description.lowercased().contains(expectedError.lowercased())
            {
                Issue.record(
                    "\(place): expected an error containing '\(expectedError)', got:\n\(error.description)")
            }
        }
    }

    private static func check(
        _ sql: String, columnCount: Int, sortsRows: Bool, expected: [[String]], in session: LakeSession,
        at place: String
    ) {
        let result: QueryResult
        do {
            result = try session.execute(sql)
        } catch {
            Issue.record("\(place): query failed:\n\(sql)\n\(error.description)")
            return
        }
        guard result.schema.fields.count == columnCount else {
            Issue.record(
                "\(place): expected \(columnCount) columns, the query returned \(result.schema.fields.count)"
            )
            return
        }
        var actual = rows(of: result)
        var wanted = expected
        if sortsRows {
            actual.sort { $0.joined(separator: "\t") < $1.joined(separator: "\t") }
            wanted.sort { $0.joined(separator: "\t") < $1.joined(separator: "\t") }
        }
        if actual != wanted {
            let show = { (rows: [[String]]) in
                rows.map { $0.joined(separator: "\t") }.joined(separator: "\n")
            }
            Issue.record(
                "\(place): wrong result for\n\(sql)\n--- expected\n\(show(wanted))\n--- actual\n\(show(actual))"
            )
        }
    }

    /// The result's rows as the files spell them.
    static func rows(of result: QueryResult) -> [[String]] {
        result.batches.flatMap { batch in
            (0..<batch.rowCount).map { row in batch.columns.map { text($0, row: row) } }
        }
    }

    /// `NULL`, `(empty)`, `true`/`false`, timestamps as `YYYY-MM-DD HH:MM:SS[.ffffff]`; otherwise the CLI's text.
    static func text(_ column: Column, row: Int) -> String {
        guard let text = ValueFormatter.text(column, row: row) else { return "NULL" }
        if text.isEmpty { return "(empty)" }
        if case .timestamp = column.type {
            var spaced = text.replacingOccurrences(of: "T", with: " ")
            if spaced.hasSuffix("Z") { spaced.removeLast() }
            return spaced
        }
        return text
    }
}

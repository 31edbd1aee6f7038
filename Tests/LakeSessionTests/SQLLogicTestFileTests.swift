import Testing

/// The format of the SQL test files: records, expected rows, and the mistakes a file can contain.
@Suite struct SQLLogicTestFileTests {
    @Test func parsesStatementsQueriesCommentsAndBothRowSeparators() throws {
        let text = """
            # setup
            statement ok
            CREATE TABLE t AS
            SELECT 1 AS a

            statement error unknown column
            SELECT nope FROM t

            query IT rowsort
            SELECT a, 'x y' FROM t
            ----
            1\tx y
            2   z

            query I
            SELECT 1 WHERE false
            ----
            """
        let file = try SQLLogicTestFile(parsing: text)
        #expect(file.records.count == 4)
        guard file.records.count == 4 else { return }
        guard case .statement(let create, nil, 2) = file.records[0] else {
            Issue.record("record 1 is \(file.records[0])")
            return
        }
        #expect(create == "CREATE TABLE t AS\nSELECT 1 AS a")
        guard case .statement(_, "unknown column", 6) = file.records[1] else {
            Issue.record("record 2 is \(file.records[1])")
            return
        }
        guard case .query(_, 2, true, let rows, 9) = file.records[2] else {
            Issue.record("record 3 is \(file.records[2])")
            return
        }
        #expect(rows == [["1", "x y"], ["2", "z"]])
        guard case .query(_, 1, false, let none, 15) = file.records[3] else {
            Issue.record("record 4 is \(file.records[3])")
            return
        }
        #expect(none.isEmpty)
    }

    @Test(arguments: [
        ("statement maybe\nSELECT 1", 1),
        ("query I\n\n", 1),
        ("query II\nSELECT 1, 2\n----\n1", 1),
        ("query I sideways\nSELECT 1", 1),
        ("statement ok\nSELECT 1\n----\n1", 3),
        ("# fine\n\nselect 1", 3),
    ])
    func malformedFilesNameTheLine(text: String, line: Int) {
        #expect {
            try SQLLogicTestFile(parsing: text)
        } throws: { error in
            (error as? SQLLogicTestFile.FormatError)?.line == line
        }
    }
}

import LakeSQL
import Testing

@Suite struct ScriptTests {
    @Test func scriptStatementsKeepTheirTextAndLocation() throws {
        let script = "SELECT 1;\n  -- next\n  VACUUM t RETAIN 2 HOURS ;\n\nDESCRIBE 'a;b'"
        let statements = try SQLParser.parseScriptStatements(script)
        #expect(statements.map(\.text) == ["SELECT 1", "VACUUM t RETAIN 2 HOURS", "DESCRIBE 'a;b'"])
        #expect(statements.map(\.location.line) == [1, 3, 5])
        #expect(statements[1].location.column == 3)
        #expect(try statements.map { try SQLParser.parseStatement($0.text) } == statements.map(\.statement))
    }

    @Test(arguments: [
        ("SELECT 1;", true),
        ("SELECT 1", false),
        ("SELECT 1; -- done", true),
        ("SELECT ';", false),
        ("SELECT 1 /* ; */", false),
        ("SELECT \"a;", false),
        (";", false),
        ("", false),
        ("SELECT # ;", true),
    ])
    func inputIsCompleteWhenItEndsWithASemicolonOutsideStringsAndComments(text: String, complete: Bool) {
        #expect(SQLParser.isCompleteInput(text) == complete)
    }
}

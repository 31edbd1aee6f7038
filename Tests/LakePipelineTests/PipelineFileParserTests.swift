import LakePipeline
import Testing

@Suite struct PipelineFileParserTests {
    @Test func readsSectionsKeysAndEveryValueKind() throws {
        let text = """
            # comment
            [pipeline]
            name = "x"   # trailing comment
            [group.10x]
            count = -1_000
            on = true
            times = [
                "08:00",  # first
                "09:00",
            ]
            nested = [[1, 2], []]
            escaped = "a \\"b\\" \\\\ # not a comment"
            """
        let sections = try PipelineFileParser.parse(text, file: "p.toml")
        #expect(sections.count == 2)
        #expect(sections[0].kind == "pipeline" && sections[0].name == nil && sections[0].line == 2)
        #expect(sections[1].kind == "group" && sections[1].name == "10x" && sections[1].line == 4)
        #expect(sections[1].entry("count")?.value == .integer(-1_000))
        #expect(sections[1].entry("on")?.value == .bool(true))
        #expect(sections[1].entry("times")?.value == .array([.string("08:00"), .string("09:00")]))
        #expect(sections[1].entry("times")?.line == 7)
        #expect(sections[1].entry("nested")?.value == .array([.array([.integer(1), .integer(2)]), .array([])]))
        #expect(sections[1].entry("escaped")?.value == .string("a \"b\" \\ # not a comment"))
    }

    @Test(arguments: [
        ("[a]\nx = \"open\n", "p.toml:2", "unterminated string"),
        ("[a]\nx = 1\nx = 2\n", "p.toml:3", "duplicate key x, first at line 2"),
        ("[a.b]\n[a.b]\n", "p.toml:2", "duplicate section [a.b], first at line 1"),
        ("x = 1\n", "p.toml:1", "expected a [section] before any key"),
        ("[a]\nx = [1, 2\n", "p.toml:2", "unterminated array"),
        ("[a]\nx = yes\n", "p.toml:2", "expected a value (\"string\", integer, true, false or [array]), found 'yes'"),
        ("[a]\nx = 1 2\n", "p.toml:2", "unexpected '2' after the value"),
        ("[a]\nx = 99999999999999999999\n", "p.toml:2", "invalid integer '99999999999999999999'"),
        ("[A]\n", "p.toml:1", "expected a section kind (lower-case letters, digits and _), found 'A'"),
        ("[a]\n\n\nx = [1\n2]\n", "p.toml:5", "expected , or ] in the array opened at line 4"),
    ])
    func reportsMalformedTextWithFileAndLine(text: String, location: String, reason: String) {
        #expect(throws: PipelineError.invalidDefinition(location: location, reason: reason)) {
            try PipelineFileParser.parse(text, file: "p.toml")
        }
    }

    @Test func refusesDeeplyNestedArraysWithoutRecursingFurther() {
        let text = "[a]\nx = " + String(repeating: "[", count: 10_000)
        #expect(throws: PipelineError.invalidDefinition(location: "p.toml:2", reason: "arrays nested deeper than 4")) {
            try PipelineFileParser.parse(text, file: "p.toml")
        }
    }
}

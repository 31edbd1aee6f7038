import LakeSQL
import Testing

@Test func sourceLocationDescribesLineAndColumn() {
    #expect(SourceLocation(line: 3, column: 14, offset: 40).description == "line 3, column 14")
}

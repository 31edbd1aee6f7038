import LakeColumnar
import Testing

@testable import LakeTextFormats

@Suite struct CSVErrorTests {
    @Test func raggedRowNamesItsLineAndFieldCounts() {
        let text = "a,b,c\n1,2,3\n4,5,6\n7,8,9\n\"x\ny\",1,2\n10,11,12\n13,14\n15,16,17\n"
        let error = textFormatError { _ = try readCSV(text) }
        #expect(error?.line == 8)  // the multi-line record occupies lines 5 and 6; 13,14 is line 8
        #expect(error?.reason.contains("row has 2 fields, expected 3") == true)
        #expect(error?.source == "test.csv")
    }

    @Test func raggedRowAtLineSevenAfterTheSampleIsReportedByNextBatch() throws {
        let text = "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12,13\n"
        var reader = try CSVReader(bytes: Array(text.utf8), options: CSVOptions(inferenceRowsMax: 2))
        let error = textFormatError { _ = try reader.nextBatch() }
        #expect(error?.line == 7)
        #expect(error?.reason.contains("row has 3 fields, expected 2") == true)
        // The reader stays failed.
        #expect(textFormatError { _ = try reader.nextBatch() } == error)
    }

    @Test func tooFewFieldsIsAnErrorToo() {
        let error = textFormatError { _ = try readCSV("a,b\n1,2\n3\n") }
        #expect(error?.line == 3)
        #expect(error?.reason.contains("row has 1 field, expected 2") == true)
    }

    @Test func invalidUTF8IsReportedWithLineAndColumn() {
        var bytes = Array("name,n\nok,1\nab".utf8)
        bytes += [0xC3, 0x28]  // a lead byte followed by a non-continuation byte
        bytes += Array(",2\n".utf8)
        let error = textFormatError { _ = try readCSV(bytes: bytes) }
        #expect(error?.line == 3)
        #expect(error?.column == 3)
        #expect(error?.field == "name")
        #expect(error?.reason.contains("not valid UTF-8") == true)
    }

    @Test func invalidUTF8InsideAMultiLineFieldPointsAtItsOwnLine() {
        var bytes = Array("t\n\"first\nsecond ".utf8)
        bytes += [0xED, 0xA0, 0x80]  // an encoded UTF-16 surrogate
        bytes += Array("\"\n".utf8)
        let error = textFormatError { _ = try readCSV(bytes: bytes) }
        #expect(error?.line == 3)
        #expect(error?.column == 8)
    }

    @Test func invalidUTF8InTheHeaderIsAnError() {
        let bytes: [UInt8] = Array("a,".utf8) + [0xFF] + Array("\n1,2\n".utf8)
        let error = textFormatError { _ = try readCSV(bytes: bytes) }
        #expect(error?.line == 1)
        #expect(error?.column == 3)
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpened() {
        let error = textFormatError { _ = try readCSV("a,b\n1,2\n3,\"open\nmore\nlines\n") }
        #expect(error?.line == 3)
        #expect(error?.column == 3)
        #expect(error?.reason.contains("never closed") == true)
    }

    @Test func unterminatedQuoteIsFoundWithTinyChunksToo() {
        let error = textFormatError {
            _ = try readCSV("a\n1\n\"x\n\n", options: CSVOptions(readChunkBytes: 1))
        }
        #expect(error?.line == 3)
    }

    @Test func characterAfterClosingQuoteIsAnError() {
        let error = textFormatError { _ = try readCSV("a,b\n\"x\"y,1\n") }
        #expect(error?.line == 2)
        #expect(error?.column == 4)
    }

    @Test func typeConflictAfterTheSampleNamesLineColumnValueAndSuggestsASchema() throws {
        var text = "id,price\n"
        for row in 1...20 { text += "\(row),\(row)\n" }
        text += "21,12.5\n"
        var reader = try CSVReader(
            bytes: Array(text.utf8), sourceName: "prices.csv", options: CSVOptions(inferenceRowsMax: 10))
        #expect(reader.schema.fields[1].type == .int64)
        let error = textFormatError { while try reader.nextBatch() != nil {} }
        #expect(error?.source == "prices.csv")
        #expect(error?.line == 22)
        #expect(error?.column == 4)
        #expect(error?.field == "price")
        let reason = error?.reason ?? ""
        #expect(reason.contains("value \"12.5\" does not parse as int64"))
        #expect(reason.contains("first 10 rows"))
        #expect(reason.contains("--schema 'price:float64'"))
    }

    @Test func typeConflictWithTextSuggestsUTF8() throws {
        let error = textFormatError {
            _ = try readCSV("d\n2024-01-01\n2024-01-02\nsoon\n", options: CSVOptions(inferenceRowsMax: 2))
        }
        #expect(error?.line == 4)
        #expect(error?.reason.contains("--schema 'd:utf8'") == true)
    }

    @Test func nullInANonNullableColumnIsAnError() throws {
        let schema = Schema([Field("id", .int64, nullable: false)])
        let error = textFormatError { _ = try readCSV("id\n1\n\n\"\"\n", schema: schema) }
        #expect(error?.line == 4)
        #expect(error?.reason.contains("declared not null") == true)
    }

    @Test func overlongRecordIsAnError() {
        let error = textFormatError {
            _ = try readCSV(
                "a\n\"" + String(repeating: "x", count: 100), options: CSVOptions(readChunkBytes: 8, recordBytesMax: 32)
            )
        }
        #expect(error?.line == 2)
        #expect(error?.reason.contains("longer than 32 bytes") == true)
    }

    @Test func headerProblemsAreErrors() {
        #expect(
            textFormatError { _ = try readCSV("a,b,a\n1,2,3\n") }?.reason.contains("duplicate column name 'a'") == true)
        #expect(textFormatError { _ = try readCSV("") }?.reason.contains("empty") == true)
        let schema = Schema([Field("missing", .int64)])
        #expect(textFormatError { _ = try readCSV("a\n1\n", schema: schema) }?.field == "missing")
    }

    @Test func missingFileAndBadOptionsAreErrors() {
        let missing = textFormatError { _ = try CSVReader(path: "/nonexistent/lake/file.csv") }
        #expect(missing?.line == 0)
        #expect(missing?.reason.contains("cannot open") == true)
        let options = CSVOptions(delimiter: UInt8(ascii: "\""))
        #expect(textFormatError { _ = try readCSV("a\n", options: options) }?.reason.contains("differ") == true)
    }

    @Test func errorDescriptionHasSourceLineAndColumn() {
        let error = TextFormatError(source: "f.csv", line: 3, column: 7, reason: "bad")
        #expect(error.description == "f.csv:3:7: bad")
        #expect(TextFormatError(source: "f.csv", line: 0, reason: "gone").description == "f.csv: gone")
    }
}

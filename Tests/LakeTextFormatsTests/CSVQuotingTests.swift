import LakeColumnar
import Testing

@testable import LakeTextFormats

@Suite struct CSVQuotingTests {
    @Test func quotedFieldsHoldDelimitersDoubledQuotesAndNewlines() throws {
        let text = "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",\"\"\"\"\n"
        let result = try readCSV(text)
        #expect(result.values("a") == [.text("x,y"), .text("line1\nline2")])
        #expect(result.values("b") == [.text("say \"hi\""), .text("\"")])
    }

    @Test func crlfAndLfLineEndsGiveTheSameRows() throws {
        let lf = try readCSV("a,b\n1,x\n2,\"y\nz\"\n3,w")
        let crlf = try readCSV("a,b\r\n1,x\r\n2,\"y\nz\"\r\n3,w\r\n")
        #expect(lf.batches == crlf.batches)
        #expect(crlf.values("b") == [.text("x"), .text("y\nz"), .text("w")])
    }

    @Test func embeddedCRLFInsideQuotesIsKeptAndCountsAsALine() throws {
        let result = try readCSV("a,b\r\n\"p\r\nq\",1\r\n")
        #expect(result.values("a") == [.text("p\r\nq")])
        let error = textFormatError { _ = try readCSV("a,b\r\n\"p\r\nq\",1\r\n\"r\",oops,extra\r\n") }
        #expect(error?.line == 4)
    }

    @Test func quotedEmptyIsEmptyTextButUnquotedEmptyIsNull() throws {
        let result = try readCSV("s,n\n\"\",\"\"\n,\n\"NULL\",NULL\n", options: CSVOptions(nullStrings: ["NULL"]))
        #expect(result.type("s") == .utf8)
        #expect(result.values("s") == [.text(""), .null, .text("NULL")])
        // Column n has no non-null sampled value, so it is utf8 too, where a quoted empty field is "".
        #expect(result.values("n") == [.text(""), .null, .null])
    }

    @Test func nullStringsMatchOnlyUnquotedFields() throws {
        let result = try readCSV("a\n\\N\n\"\\N\"\nx\n", options: CSVOptions(nullStrings: ["\\N"]))
        #expect(result.values("a") == [.null, .text("\\N"), .text("x")])
    }

    @Test func lastFieldMayBeEmptyAndTheFinalLineEndIsOptional() throws {
        let result = try readCSV("a,b,c\n1,2,\n4,5,6")
        #expect(result.values("c") == [.null, .int(6)])
        let quotedAtEnd = try readCSV("a,b\n1,\"x\"")
        #expect(quotedAtEnd.values("b") == [.text("x")])
    }

    @Test func blankLinesAreSkippedAndAByteOrderMarkIsIgnored() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id\n\n1\r\n\r\n2\n\n".utf8)
        let result = try readCSV(bytes: bytes)
        #expect(result.schema.fields.map(\.name) == ["id"])
        #expect(result.values("id") == [.int(1), .int(2)])
    }

    @Test func quoteInsideAnUnquotedFieldIsData() throws {
        let result = try readCSV("size,name\n5\",tv 5\"\n")
        #expect(result.values("size") == [.text("5\"")])
        #expect(result.values("name") == [.text("tv 5\"")])
    }

    @Test func loneCarriageReturnIsData() throws {
        let result = try readCSV("a,b\nx\ry,1\n")
        #expect(result.values("a") == [.text("x\ry")])
    }

    @Test func tabDelimiterAndCustomQuote() throws {
        let options = CSVOptions(delimiter: UInt8(ascii: "\t"), quote: UInt8(ascii: "'"))
        let result = try readCSV("a\tb\n'x\ty'\t'it''s'\n", options: options)
        #expect(result.values("a") == [.text("x\ty")])
        #expect(result.values("b") == [.text("it's")])
    }

    @Test func headerNamesAreUnquotedAndEmptyOnesAreNumbered() throws {
        let result = try readCSV("\"a,1\",,\"q\"\"\"\n1,2,3\n")
        #expect(result.schema.fields.map(\.name) == ["a,1", "column2", "q\""])
    }

    @Test func multiByteUTF8TextRoundTrips() throws {
        let result = try readCSV("name\nzoë\n日本\n\"🙂,ok\"\n")
        #expect(result.values("name") == [.text("zoë"), .text("日本"), .text("🙂,ok")])
    }

    @Test func quotedNumbersStillInferAsNumbers() throws {
        let result = try readCSV("n\n\"1\"\n\"2\"\n")
        #expect(result.type("n") == .int64)
        #expect(result.values("n") == [.int(1), .int(2)])
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64, 1 << 20])
    func everyReadChunkSizeGivesTheSameResult(chunkBytes: Int) throws {
        let text =
            "id,text,when\r\n1,\"a,\"\"b\"\"\nc\",2024-01-01\r\n2,plain,2024-01-02 10:00:00\r\n3,,\r\n4,\"\",2024-01-04"
        let reference = try readCSV(text)
        let chunked = try readCSV(text, options: CSVOptions(readChunkBytes: chunkBytes))
        #expect(chunked.schema == reference.schema)
        #expect(chunked.batches == reference.batches)
        #expect(reference.values("text")[0] == .text("a,\"b\"\nc"))
    }
}

import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct StringEditFunctionTests {
    func call(_ function: ScalarFunction, _ arguments: Expression...) -> Expression { .function(function, arguments) }

    @Test func leftAndRightCountCharactersAndAcceptNegativeLengths() throws {
        let batch = single(.utf8, [.string("héllo"), .string("ab"), .string(""), .null])
        #expect(
            try evaluate(call(.left, col("x"), lit(2)), batch) == [.string("hé"), .string("ab"), .string(""), .null])
        #expect(
            try evaluate(call(.right, col("x"), lit(4)), batch)
                == [.string("éllo"), .string("ab"), .string(""), .null])
        #expect(
            try evaluate(call(.left, col("x"), lit(-1)), batch) == [.string("héll"), .string("a"), .string(""), .null])
        #expect(
            try evaluate(call(.right, col("x"), lit(-4)), batch) == [.string("o"), .string(""), .string(""), .null])
        #expect(try evaluate(call(.left, col("x"), nullLiteral), batch) == [.null, .null, .null, .null])
    }

    @Test func replaceSubstitutesNonOverlappingOccurrences() throws {
        let batch = single(.utf8, [.string("aaa"), .string("a-b-c"), .string("ééé"), .null])
        #expect(
            try evaluate(call(.replace, col("x"), lit("aa"), lit("b")), batch)
                == [.string("ba"), .string("a-b-c"), .string("ééé"), .null])
        #expect(
            try evaluate(call(.replace, col("x"), lit("é"), lit("e")), batch)
                == [.string("aaa"), .string("a-b-c"), .string("eee"), .null])
        #expect(
            try evaluate(call(.replace, col("x"), lit(""), lit("!")), batch)
                == [.string("aaa"), .string("a-b-c"), .string("ééé"), .null])
    }

    @Test func reverseKeepsMultiByteCharactersWhole() throws {
        let batch = single(.utf8, [.string("héllo→"), .string(""), .null])
        #expect(try evaluate(call(.reverse, col("x")), batch) == [.string("→olléh"), .string(""), .null])
    }

    @Test func oneSidedTrimsRemoveSpacesAtOneEnd() throws {
        let batch = single(.utf8, [.string("  a b  "), .string("   "), .string("\tx ")])
        #expect(try evaluate(call(.ltrim, col("x")), batch) == [.string("a b  "), .string(""), .string("\tx ")])
        #expect(try evaluate(call(.rtrim, col("x")), batch) == [.string("  a b"), .string(""), .string("\tx")])
    }

    @Test func affixAndContainmentTests() throws {
        let batch = makeBatch([
            ("s", makeColumn(.utf8, [.string("lakehouse"), .string("lake"), .string(""), .null])),
            ("p", makeColumn(.utf8, [.string("lake"), .string("lakehouse"), .string(""), .string("x")])),
        ])
        #expect(
            try evaluate(call(.startsWith, col("s"), col("p")), batch) == [
                .bool(true), .bool(false), .bool(true), .null,
            ])
        #expect(
            try evaluate(call(.endsWith, col("s"), lit("house")), batch)
                == [.bool(true), .bool(false), .bool(false), .null])
        #expect(
            try evaluate(call(.contains, col("s"), lit("keh")), batch) == [
                .bool(true), .bool(false), .bool(false), .null,
            ])
        #expect(try call(.contains, col("s"), col("p")).bound(to: batch.schema).type == .bool)
        #expect(throws: ExecutionError.self) { try call(.contains, col("s"), lit(1)).bound(to: batch.schema) }
    }

    @Test func containsMatchesTheStandardLibraryOnRandomText() throws {
        var generator = SeededGenerator(seed: 0x5EA)
        let alphabet = ["a", "b", "é"]
        func word(_ length: ClosedRange<Int>) -> String {
            (0..<Int.random(in: length, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                .joined()
        }
        let texts = (0..<300).map { _ in word(0...8) }
        let parts = (0..<300).map { _ in word(0...3) }
        let batch = makeBatch([
            ("s", makeColumn(.utf8, texts.map { .string($0) })), ("p", makeColumn(.utf8, parts.map { .string($0) })),
        ])
        let expected: [Value] = zip(texts, parts).map { .bool($1.isEmpty || $0.contains($1)) }
        #expect(try evaluate(call(.contains, col("s"), col("p")), batch) == expected)
        let replaced: [Value] = zip(texts, parts).map { text, part in
            .string(part.isEmpty ? text : text.replacing(part, with: "_"))
        }
        #expect(try evaluate(call(.replace, col("s"), col("p"), lit("_")), batch) == replaced)
    }
}

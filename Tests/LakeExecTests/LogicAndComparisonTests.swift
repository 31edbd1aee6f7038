import LakeColumnar
import LakeExec
import Testing

@Suite struct LogicAndComparisonTests {
    static let truth: [Value] = [.bool(true), .bool(false), .null]

    /// Every pair of {true, false, null}, as two columns a and b.
    static var pairs: Batch {
        var a: [Value] = []
        var b: [Value] = []
        for x in truth {
            for y in truth {
                a.append(x)
                b.append(y)
            }
        }
        return makeBatch([("a", makeColumn(.bool, a)), ("b", makeColumn(.bool, b))])
    }

    @Test func andOrFollowThreeValuedLogicOnEveryPair() throws {
        // Rows: TT TF TN FT FF FN NT NF NN
        #expect(
            try evaluate(col("a") && col("b"), Self.pairs) == [
                .bool(true), .bool(false), .null, .bool(false), .bool(false), .bool(false), .null, .bool(false), .null,
            ])
        #expect(
            try evaluate(col("a") || col("b"), Self.pairs) == [
                .bool(true), .bool(true), .bool(true), .bool(true), .bool(false), .null, .bool(true), .null, .null,
            ])
        #expect(
            try evaluate(!col("a"), Self.pairs) == [
                .bool(false), .bool(false), .bool(false), .bool(true), .bool(true), .bool(true), .null, .null, .null,
            ])
        #expect(try evaluate(col("a").isNull, Self.pairs).filter { $0 == .bool(true) }.count == 3)
        #expect(
            try evaluate(col("b").isNotNull, Self.pairs) == [
                .bool(true), .bool(true), .bool(false), .bool(true), .bool(true), .bool(false), .bool(true),
                .bool(true),
                .bool(false),
            ])
    }

    @Test func floatComparisonsTreatNaNAsLargestAndNegativeZeroAsZero() throws {
        let batch = makeBatch([
            (
                "a",
                makeColumn(
                    .float64, [.float64(.nan), .float64(.nan), .float64(-0.0), .float64(.infinity), .float64(1)])
            ),
            ("b", makeColumn(.float64, [.float64(.nan), .float64(.infinity), .float64(0.0), .float64(.nan), .null])),
        ])
        #expect(
            try evaluate(col("a").equals(col("b")), batch) == [
                .bool(true), .bool(false), .bool(true), .bool(false), .null,
            ])
        #expect(
            try evaluate(col("a") > col("b"), batch) == [.bool(false), .bool(true), .bool(false), .bool(false), .null])
        #expect(
            try evaluate(col("a") < col("b"), batch) == [.bool(false), .bool(false), .bool(false), .bool(true), .null])
    }

    @Test func mixedNumericTypesCompareExactly() throws {
        let batch = makeBatch([
            ("u", makeColumn(.uint64, [.uint(UInt64.max), .uint(5)])),
            ("i", makeColumn(.int64, [.int(-1), .int(5)])),
            ("d", makeColumn(.decimal(precision: 4, scale: 2), [.decimal(150), .decimal(500)])),
            ("f", makeColumn(.float32, [.float32(1.5), .float32(5)])),
        ])
        #expect(try evaluate(col("u") > col("i"), batch) == [.bool(true), .bool(false)])
        #expect(try evaluate(col("u").equals(col("i")), batch) == [.bool(false), .bool(true)])
        #expect(try evaluate(col("d").equals(col("f")), batch) == [.bool(true), .bool(true)])
        #expect(try evaluate(col("d") < col("i"), batch) == [.bool(false), .bool(false)])
        #expect(try evaluate(col("d") <= lit(5), batch) == [.bool(true), .bool(true)])
    }

    @Test func stringsCompareByCodePoint() throws {
        let batch = makeBatch([
            ("a", makeColumn(.utf8, [.string("apple"), .string("Zebra"), .string("é"), .string(""), .string("ab")])),
            ("b", makeColumn(.utf8, [.string("apples"), .string("apple"), .string("z"), .string(""), .string("ab")])),
        ])
        #expect(
            try evaluate(col("a") < col("b"), batch) == [
                .bool(true), .bool(true), .bool(false), .bool(false), .bool(false),
            ])
        #expect(
            try evaluate(col("a").equals(col("b")), batch) == [
                .bool(false), .bool(false), .bool(false), .bool(true), .bool(true),
            ])
    }

    @Test func inListIsNullWhenNoMatchAndANullIsInvolved() throws {
        let batch = single(.int32, [.int(1), .int(4), .null])
        #expect(try evaluate(col("x").isIn([lit(1), lit(2)]), batch) == [.bool(true), .bool(false), .null])
        #expect(try evaluate(col("x").isIn([lit(1), nullLiteral]), batch) == [.bool(true), .null, .null])
        #expect(
            try evaluate(.inList(col("x"), [lit(1), nullLiteral], negated: true), batch) == [
                .bool(false), .null, .null,
            ])
        #expect(throws: ExecutionError.invalidArgument(function: "IN", reason: "the list is empty")) {
            try evaluate(col("x").isIn([]), batch)
        }
    }

    @Test func betweenIsInclusiveAndNullAware() throws {
        let batch = single(.int64, [.int(1), .int(5), .int(10), .int(11), .null])
        #expect(
            try evaluate(col("x").between(lit(5), and: lit(10)), batch) == [
                .bool(false), .bool(true), .bool(true), .bool(false), .null,
            ])
        #expect(
            try evaluate(.between(col("x"), low: lit(5), high: nullLiteral, negated: false), batch) == [
                .bool(false), .null, .null, .null, .null,
            ])
    }

    @Test func incomparableTypesFailAtBinding() {
        let batch = makeBatch([("s", makeColumn(.utf8, [.string("1")])), ("n", makeColumn(.int64, [.int(1)]))])
        #expect(throws: ExecutionError.typeMismatch("comparison = mixes utf8 and int64")) {
            try col("s").equals(col("n")).bound(to: batch.schema)
        }
        #expect(throws: ExecutionError.columnNotFound("missing", available: ["s", "n"])) {
            try col("missing").bound(to: batch.schema)
        }
        #expect(throws: ExecutionError.typeMismatch("AND needs bool, got int64")) {
            try (col("n") && lit(true)).bound(to: batch.schema)
        }
    }

    @Test func columnNamesResolveCaseInsensitivelyWhenUnique() throws {
        let batch = makeBatch([("Price", makeColumn(.int64, [.int(3)]))])
        #expect(try evaluate(col("price") + lit(1), batch) == [.int(4)])
    }
}

@Suite struct ConditionalExpressionTests {
    @Test func caseEvaluatesResultsOnlyForSelectedRows() throws {
        let batch = makeBatch([
            ("a", makeColumn(.int64, [.int(10), .int(7), .int(3), .null])),
            ("b", makeColumn(.int64, [.int(2), .int(0), .int(0), .int(1)])),
        ])
        let guarded = Expression.caseWhen(
            [WhenClause(col("b").notEquals(lit(0)), then: col("a").integerDivided(by: col("b")))], otherwise: lit(-1))
        #expect(try evaluate(guarded, batch) == [.int(5), .int(-1), .int(-1), .null])
        let firstMatch = Expression.caseWhen(
            [WhenClause(col("a") > lit(5), then: lit("big")), WhenClause(col("a") > lit(1), then: lit("small"))],
            otherwise: nil)
        #expect(try evaluate(firstMatch, batch) == [.string("big"), .string("big"), .string("small"), .null])
    }

    @Test func caseResultTypesPromoteToACommonType() throws {
        let batch = single(.int32, [.int(1), .int(2)])
        let expression = Expression.caseWhen([WhenClause(col("x").equals(lit(1)), then: col("x"))], otherwise: lit(2.5))
        let bound = try expression.bound(to: batch.schema)
        #expect(bound.type == .float64)
        #expect(values(try bound.evaluate(batch)) == [.float64(1), .float64(2.5)])
    }

    @Test func coalesceTakesTheFirstNonNullLazily() throws {
        let batch = makeBatch([
            ("a", makeColumn(.int64, [.null, .int(1), .null])),
            ("b", makeColumn(.int64, [.int(2), .int(0), .null])),
        ])
        #expect(try evaluate(.coalesce([col("a"), col("b"), lit(9)]), batch) == [.int(2), .int(1), .int(9)])
        #expect(
            try evaluate(
                .coalesce([col("a"), lit(100).integerDivided(by: col("b"))]),
                makeBatch([
                    ("a", makeColumn(.int64, [.int(1)])), ("b", makeColumn(.int64, [.int(0)])),
                ])) == [.int(1)])
    }

    @Test func nullIfReturnsNullOnEquality() throws {
        let batch = single(.utf8, [.string(""), .string("x"), .null])
        #expect(try evaluate(.nullIf(col("x"), lit("")), batch) == [.null, .string("x"), .null])
    }
}

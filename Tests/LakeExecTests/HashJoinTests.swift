import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct HashJoinTests {
    /// Left: (id int32, name utf8); right: (key int64, amount int64). Keys repeat and include nulls.
    static func inputs(seed: UInt64) -> (left: DataFrame, right: DataFrame, leftRows: [[Value]], rightRows: [[Value]]) {
        var generator = SeededGenerator(seed: seed)
        func key() -> Value {
            Int.random(in: 0..<8, using: &generator) == 0 ? .null : .int(Int64.random(in: 0..<12, using: &generator))
        }
        let leftRows: [[Value]] = (0..<150).map { index in [key(), .string("l\(index)")] }
        let rightRows: [[Value]] = (0..<120).map { _ in [key(), .int(Int64.random(in: 0..<100, using: &generator))] }
        let leftSchema = Schema([Field("id", .int32), Field("name", .utf8)])
        let rightSchema = Schema([Field("key", .int64), Field("amount", .int64)])
        return (
            DataFrame(name: "left", schema: leftSchema, batches: makeBatches(leftRows, schema: leftSchema, batchRows: 40)),
            DataFrame(name: "right", schema: rightSchema, batches: makeBatches(rightRows, schema: rightSchema, batchRows: 33)),
            leftRows, rightRows
        )
    }

    /// Nested-loop reference with the executor's documented output order.
    static func reference(_ type: JoinType, left: [[Value]], right: [[Value]], residual: ([Value], [Value]) -> Bool)
        -> [[Value]]
    {
        var output: [[Value]] = []
        var rightMatched = [Bool](repeating: false, count: right.count)
        for l in left {
            var matched = false
            for (index, r) in right.enumerated() where l[0] != .null && l[0] == r[0] && residual(l, r) {
                matched = true
                rightMatched[index] = true
                if type != .semi && type != .anti { output.append(l + r) }
            }
            switch type {
            case .semi where matched, .anti where !matched: output.append(l)
            case .left where !matched, .full where !matched: output.append(l + [.null, .null])
            default: break
            }
        }
        if type == .right || type == .full {
            for (index, r) in right.enumerated() where !rightMatched[index] { output.append([.null, .null] + r) }
        }
        return output
    }

    @Test(arguments: JoinType.allCases)
    func joinsMatchANestedLoopReference(type: JoinType) throws {
        let input = Self.inputs(seed: 0x7013)
        let joined = try input.left.join(input.right, on: [JoinKey(col("id"), col("key"))], type: type).collect()
        let expected = Self.reference(type, left: input.leftRows, right: input.rightRows) { _, _ in true }
        #expect(rows(joined) == expected)
    }

    @Test(arguments: JoinType.allCases)
    func residualConditionsDecideWhatCountsAsAMatch(type: JoinType) throws {
        let input = Self.inputs(seed: 0x2E51)
        let residual = col("amount") > lit(40) && .not(.function(.like, [col("name"), lit("%7")]))
        let joined = try input.left.join(
            input.right, on: [JoinKey(col("id"), col("key"))], type: type, residual: residual
        )
        .collect()
        let expected = Self.reference(type, left: input.leftRows, right: input.rightRows) { l, r in
            guard case .int(let amount) = r[1], case .string(let name) = l[1] else { return false }
            return amount > 40 && !name.hasSuffix("7")
        }
        #expect(rows(joined) == expected)
    }

    @Test func outerJoinSchemasMakeTheMissingSideNullable() throws {
        let input = Self.inputs(seed: 1)
        let schema = Schema([Field("id", .int32, nullable: false)])
        let required = DataFrame(
            name: "r", schema: schema, batches: [Batch(schema: schema, columns: [makeColumn(.int32, [.int(1)])])])
        let left = try required.join(input.right, on: [JoinKey(col("id"), col("key"))], type: .right).schema()
        #expect(left.fields.map(\.isNullable) == [true, true, true])
        let semi = try required.join(input.right, on: [JoinKey(col("id"), col("key"))], type: .semi).schema()
        #expect(semi.fields.map(\.name) == ["id"])
    }

    @Test func joinKeysOfDifferentWidthsAndEmptyBuildSides() throws {
        let input = Self.inputs(seed: 2)
        let emptySchema = Schema([Field("key", .int64), Field("amount", .int64)])
        let empty = DataFrame(name: "empty", schema: emptySchema, batches: [])
        let left = try input.left.join(empty, on: [JoinKey(col("id"), col("key"))], type: .left).collect()
        #expect(rows(left) == input.leftRows.map { $0 + [.null, .null] })
        let inner = try input.left.join(empty, on: [JoinKey(col("id"), col("key"))], type: .inner).collect()
        #expect(inner.isEmpty)
        let anti = try input.left.join(empty, on: [JoinKey(col("id"), col("key"))], type: .anti).collect()
        #expect(rows(anti) == input.leftRows)
    }

    @Test func buildSideOverTheMemoryLimitFails() {
        let input = Self.inputs(seed: 3)
        #expect {
            try input.left.join(input.right, on: [JoinKey(col("id"), col("key"))])
                .collect(options: ExecutionOptions(memoryLimitBytes: 512))
        } throws: { error in
            guard case ExecutionError.memoryLimitExceeded(let name, _, _) = error else { return false }
            return name == "hash join"
        }
    }

    @Test func incompatibleKeyTypesFailAtPlanning() {
        let input = Self.inputs(seed: 4)
        #expect(throws: ExecutionError.typeMismatch("join key mixes utf8 and int64")) {
            try input.left.join(input.right, on: [JoinKey(col("name"), col("key"))]).collect()
        }
    }
}

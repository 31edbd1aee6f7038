import LakeColumnar
import LakeCore
import Testing

@testable import LakeParquet

/// Levels straight from a file are untrusted: seeded damage to the shredded levels of every nested shape
/// (levels changed within their range, entries dropped or repeated) must make assembly throw `.invalidData` or
/// return a well-formed column, never trap on a `Column` invariant.
@Suite struct LevelAssemblerFuzzTests {
    static let attempts = 1_000

    @Test func shreddedLevelsAssembleBackToTheColumn() throws {
        let batch = try NestedRoundTripTests.batch(rows: 200, seed: 0xA55E)
        let schema = try ParquetSchema(elements: try ParquetSchema.elements(for: batch.schema))
        for (index, field) in schema.fields.enumerated() {
            let node = try #require(field.node)
            let leaves = try LevelShredder.shred(batch.columns[index], node: node)
            let column = try LevelAssembler.assemble(node, leaves: leaves, columns: schema.columns, rowCount: 200)
            #expect(column == batch.columns[index], "column '\(field.name)'")
        }
    }

    @Test func damagedLevelsThrowOrAssemble() throws {
        let rows = 60
        let batch = try NestedRoundTripTests.batch(rows: rows, seed: 0xBAD)
        let schema = try ParquetSchema(elements: try ParquetSchema.elements(for: batch.schema))
        var generator = SeededGenerator(seed: 0xF0221)
        var outcomes = (thrown: 0, assembled: 0)
        for (index, field) in schema.fields.enumerated() where !field.isFlat {
            let node = try #require(field.node)
            let original = try LevelShredder.shred(batch.columns[index], node: node)
            for _ in 0..<Self.attempts {
                var leaves = original
                let leaf = Int.random(in: 0..<leaves.count, using: &generator)
                let column = schema.columns[node.leaves.lowerBound + leaf]
                Self.damage(&leaves[leaf], column: column, using: &generator)
                do throws(ParquetError) {
                    let assembled = try LevelAssembler.assemble(
                        node, leaves: leaves, columns: schema.columns, rowCount: rows)
                    #expect(assembled.count == rows)
                    outcomes.assembled += 1
                } catch {
                    #expect(error.kind == .invalidData, "\(field.name): \(error)")
                    outcomes.thrown += 1
                }
            }
        }
        #expect(outcomes.thrown > 0)
    }

    /// Changes one level within its legal range, or drops or repeats one entry (levels only: the values stay).
    static func damage(_ leaf: inout LeafLevels, column: ParquetColumn, using generator: inout SeededGenerator) {
        guard leaf.entryCount > 0 else { return }
        let entry = Int.random(in: 0..<leaf.entryCount, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            leaf.definition[entry] = UInt32.random(in: 0...UInt32(column.maxDefinitionLevel), using: &generator)
        case 1:
            leaf.repetition[entry] = UInt32.random(in: 0...UInt32(column.maxRepetitionLevel), using: &generator)
        case 2:
            leaf.definition.remove(at: entry)
            leaf.repetition.remove(at: entry)
        default:
            leaf.definition.insert(leaf.definition[entry], at: entry)
            leaf.repetition.insert(leaf.repetition[entry], at: entry)
        }
    }
}

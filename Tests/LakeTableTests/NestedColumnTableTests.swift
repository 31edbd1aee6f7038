import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

/// Tables with struct, list and map columns: written and scanned by us, read by deltalake, kept by checkpoints.
@Suite struct NestedColumnTableTests {
    static let schema = Schema([
        Field("id", .int64, nullable: false),
        Field("tags", .list(Field("element", .utf8))),
        Field("quote", .struct([Field("price", .float64), Field("volume", .int64)])),
        Field("ranks", .map(key: Field("key", .utf8, nullable: false), value: Field("value", .int64))),
    ])

    /// Rows `ids` with seeded nested values: empty and null lists, null structs and struct fields, empty maps.
    static func batch(_ ids: Range<Int64>, seed: UInt64) throws -> Batch {
        var generator = SeededGenerator(seed: seed)
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        for id in ids {
            try builders[0].append(.int(id))
            switch id % 4 {
            case 0: builders[1].appendNull()
            case 1: try builders[1].append(.list([]))
            default:
                let count = Int.random(in: 1...3, using: &generator)
                try builders[1].append(.list((0..<count).map { _ in
                    Bool.random(using: &generator) ? .null : .string("t\(Int.random(in: 0..<9, using: &generator))")
                }))
            }
            if id % 5 == 0 {
                builders[2].appendNull()
            } else {
                let price = Value.float64(Double(Int.random(in: 1...99_999, using: &generator)) / 100)
                try builders[2].append(.struct([price, id % 3 == 0 ? .null : .int(id * 10)]))
            }
            let entries = Int(id % 3)
            try builders[3].append(.map(
                keys: (0..<entries).map { .string("k\($0)") },
                values: (0..<entries).map { _ in .int(Int64.random(in: 0..<100, using: &generator)) }))
        }
        return Batch(schema: schema, columns: builders.map { $0.build() })
    }

    @Test func scansReturnTheNestedValuesWritten() throws {
        let scratch = try ScratchDirectory("nested-table-scan")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: Self.schema)
        let first = try Self.batch(0..<40, seed: 1)
        let second = try Self.batch(40..<55, seed: 2)
        try table.append([first])
        try table.append([second])
        #expect(TableRows.canonical(try table.scan().readAll()) == TableRows.canonical([first, second]))
        #expect(TableRows.canonical(try table.scan(version: 1).readAll()) == TableRows.canonical([first]))
        let stats = try table.snapshot().files.map(\.add.stats)
        #expect(stats.allSatisfy { $0?.contains("\"tags\"") == false }, "nested columns get no statistics")
    }

    @Test func deltalakeReadsOurNestedTableAtEveryVersionAfterACheckpoint() throws {
        let scratch = try ScratchDirectory("nested-table-interop")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: Self.schema)
        try table.append([try Self.batch(0..<30, seed: 3)])
        try table.append([try Self.batch(30..<60, seed: 4)])
        _ = try table.checkpoint()
        try table.append([try Self.batch(60..<70, seed: 5)])
        try TableInteropTests().expectSameRowsAtEveryVersion(scratch, root: "t")
        let reopened = Table(store: scratch.store, root: "t")
        #expect(TableRows.canonical(try reopened.scan().readAll()).count == 70)
    }
}

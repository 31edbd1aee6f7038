import LakeColumnar
import LakeCore
import LakeTable
import Testing

/// Appends with `schemaEvolution: .addNewColumns`, and the refusal without it.
@Suite struct TableSchemaEvolutionTests {
    /// `TableRows.batch(ids, seed:)` plus a `score` (int32, every third row null) and a `note` column.
    static func widerBatch(_ ids: Range<Int64>, seed: UInt64) -> Batch {
        let base = TableRows.batch(ids, seed: seed)
        var score = ColumnBuilder(type: .int32)
        var note = ColumnBuilder(type: .utf8)
        for id in ids {
            if id % 3 == 0 { score.appendNull() } else { try? score.append(.int(id * 7)) }
            try? note.append(.string("note \(id)"))
        }
        return Batch(
            schema: Schema(TableRows.schema.fields + [Field("score", .int32), Field("note", .utf8)]),
            columns: base.columns + [score.build(), note.build()])
    }

    @Test func appendWithNewColumnsFailsWithoutTheOptionNamingThem() throws {
        let scratch = try ScratchDirectory("evolution-refused")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        let error = #expect(throws: TableLogError.self) { try table.append([Self.widerBatch(0..<5, seed: 601)]) }
        let reason = error?.schemaMismatchReason ?? ""
        #expect(reason.contains("\"score\"") && reason.contains("\"note\""), "\(reason)")
        #expect(try table.snapshot().version == 0)
    }

    @Test func appendAddsNullableColumnsAndOldFilesReadThemAsNull() throws {
        let scratch = try ScratchDirectory("evolution-added")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        let old = TableRows.batch(0..<10, seed: 602)
        try table.append([old])
        let wider = Self.widerBatch(10..<20, seed: 603)
        #expect(try table.append([wider], schemaEvolution: .addNewColumns) == .committed(version: 2))
        let snapshot = try table.snapshot()
        #expect(snapshot.schema.fields.map(\.name) == ["id", "price", "name", "day", "score", "note"])
        #expect(snapshot.schema.fields.suffix(2).map(\.nullable) == [true, true])
        let rows = TableRows.canonical(try table.scan().readAll())
        #expect(rows.count == 20)
        #expect(rows.prefix(10).allSatisfy { $0["score"] == "null" && $0["note"] == "null" })
        #expect(Array(rows.suffix(10)) == TableRows.canonical([wider]))
        // The version before the change keeps its schema.
        #expect(try table.scan(version: 1).schema.fields.count == 4)
        // Later appends without the new columns write them as nulls, and need no option.
        try table.append([TableRows.batch(20..<22, seed: 604)])
        #expect(try table.scan(columns: ["note"]).readAll().reduce(0) { $0 + $1.columns[0].nullCount } == 12)
    }

    /// `widerBatch` with its `note` column renamed.
    static func renamedNote(_ batch: Batch, to name: String) -> Batch {
        var fields = batch.schema.fields
        fields[5].name = name
        return Batch(schema: Schema(fields), columns: batch.columns)
    }

    @Test func evolutionCommitsAfterABlindAppendButNotAfterAnotherSchemaChange() throws {
        let scratch = try ScratchDirectory("evolution-race")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        let evolve = try table.prepareWrite(
            .append, [Self.widerBatch(0..<3, seed: 605)], schemaEvolution: .addNewColumns)
        try table.append([TableRows.batch(10..<12, seed: 606)])
        #expect(try evolve.commit() == .committed(version: 2), "a blind append reads nothing: still compatible")
        let second = try table.prepareWrite(
            .append, [Self.renamedNote(Self.widerBatch(20..<22, seed: 607), to: "extra")],
            schemaEvolution: .addNewColumns)
        try table.append(
            [Self.renamedNote(Self.widerBatch(30..<31, seed: 608), to: "other")], schemaEvolution: .addNewColumns)
        #expect(throws: TableLogError.commitConflict(.metadataChanged, attempted: 3, winner: 3, operation: "WRITE")) {
            try second.commit()
        }
        #expect(try table.snapshot().schema.fields.map(\.name).suffix(3) == ["score", "note", "other"])
    }

    @Test func newColumnsMustAgreeOnTheirTypeAcrossBatches() throws {
        let scratch = try ScratchDirectory("evolution-types")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        let wider = Self.widerBatch(0..<2, seed: 609)
        var fields = wider.schema.fields
        fields[4].type = .int64
        var score = ColumnBuilder(type: .int64)
        try score.append(.int(1))
        try score.append(.int(2))
        var columns = wider.columns
        columns[4] = score.build()
        let conflicting = Batch(schema: Schema(fields), columns: columns)
        let error = #expect(throws: TableLogError.self) {
            try table.append([wider, conflicting], schemaEvolution: .addNewColumns)
        }
        #expect(error?.schemaMismatchReason?.contains("\"score\"") == true)
    }
}

import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeTestSupport
import Testing

/// Merge, partition overwrite, schema evolution and z-order, checked against the `deltalake` Python package
/// (delta-rs) at every version, in both directions.
@Suite struct TableOperationsInteropTests {
    let interop = TableInteropTests()

    @Test func deltalakeReadsOurTableAfterMergesAndAPartitionOverwrite() throws {
        let scratch = try ScratchDirectory("interop-merge-replace")
        let table = Table(store: scratch.store, root: "t")
        let schema = TableRows.regionalBatch(0..<1, seed: 0).schema
        try table.create(schema: schema, partitionColumns: ["region"])
        try table.append([TableRows.regionalBatch(0..<30, seed: 1_001)])
        try table.append([TableRows.regionalBatch(30..<40, seed: 1_002)])
        try table.merge([TableRows.regionalBatch(25..<45, seed: 1_003)], on: ["id"], mode: .upsert)
        try table.merge([TableRows.regionalBatch(40..<50, seed: 1_004)], on: ["id"], mode: .insertMissing)
        try table.overwrite(
            [TablePartitionOverwriteTests.rows(500..<506, region: "us", seed: 1_005)],
            replaceWhere: [ParquetPredicate("region", .equal, .string("us"))])
        #expect(try table.snapshot().version == 5)
        try interop.expectSameRowsAtEveryVersion(scratch, root: "t")
    }

    @Test func deltalakeReadsOurTableAfterSchemaEvolution() throws {
        let scratch = try ScratchDirectory("interop-evolution")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<10, seed: 1_006)])
        try table.append([TableSchemaEvolutionTests.widerBatch(10..<20, seed: 1_007)], schemaEvolution: .addNewColumns)
        try table.append([TableRows.batch(20..<25, seed: 1_008)])
        try table.merge([TableSchemaEvolutionTests.widerBatch(5..<12, seed: 1_009)], on: ["id"], mode: .upsert)
        try interop.expectSameRowsAtEveryVersion(scratch, root: "t")
    }

    @Test func deltalakeReadsOurZOrderedTables() throws {
        for partitionColumns in [[], ["region"]] {
            let scratch = try ScratchDirectory("interop-zorder")
            let table = try TableZOrderTests.table(scratch, partitionColumns: partitionColumns)
            try table.optimize(
                zOrderBy: ["x", "key"], targetFileBytes: try TableZOrderTests.targetBytes(table, files: 3))
            try table.optimize(zOrderBy: ["day"])
            try interop.expectSameRowsAtEveryVersion(scratch, root: "t")
        }
    }

    @Test(arguments: ["merge", "replacewhere"])
    func weReadDeltalakeTablesAndDeltalakeReadsOurMergeIntoThem(name: String) throws {
        try PythonPeer.requireModules(["deltalake", "pyarrow"])
        let scratch = try ScratchDirectory("interop-theirs-\(name)")
        _ = try PythonPeer.run("delta_write_table.py", [scratch.url.appendingPathComponent("t").path, name, "73"])
        try interop.expectSameRowsAtEveryVersion(scratch, root: "t")
        let table = Table(store: scratch.store, root: "t")
        let schema = try table.snapshot().schema.columnarSchema()
        let source = TableRows.batch(18..<26, seed: 1_010).projecting(
            schema.fields.compactMap { TableRows.schema.index(of: $0.name) })
        if schema.index(of: "region") == nil {
            try table.merge([source], on: ["id"], mode: .upsert)
            try table.merge(
                [TableRows.batch(60..<62, seed: 1_011).projecting([0, 1, 2])], on: ["id"], mode: .insertMissing)
        } else {
            var region = ColumnBuilder(type: .utf8)
            for _ in 0..<source.rowCount { try region.append(.string("eu")) }
            let regional = Batch(schema: schema, columns: source.columns + [region.build()])
            try table.merge([regional], on: ["id"], mode: .upsert)
            try table.overwrite(
                [regional], replaceWhere: [ParquetPredicate("region", .equal, .string("eu"))])
        }
        try interop.expectSameRowsAtEveryVersion(scratch, root: "t")
    }
}

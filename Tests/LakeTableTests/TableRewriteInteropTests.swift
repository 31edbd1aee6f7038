import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeTestSupport
import Testing

/// Tables rewritten by OPTIMIZE and DELETE, read by the `deltalake` Python package at every version, row by row.
@Suite struct TableRewriteInteropTests {
    @Test func deltalakeReadsOurTableAfterOptimizeAndDelete() throws {
        let scratch = try ScratchDirectory("interop-optimize-delete")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        for index in 0..<4 {
            let start = Int64(index) * 25
            try table.append([TableRows.batch(start..<start + 25, seed: UInt64(400 + index))])
        }
        #expect(try table.optimize() == .committed(version: 5))
        try table.delete(where: [ParquetPredicate("price", .greater, .float64(0))])
        #expect(try table.snapshot().commitInfo?.operation == "DELETE")
        try TableInteropTests().expectSameRowsAtEveryVersion(scratch, root: "t")
    }

    @Test func deltalakeReadsOurPartitionedTableAfterOptimizeAndDelete() throws {
        let scratch = try ScratchDirectory("interop-optimize-delete-partitioned")
        let table = Table(store: scratch.store, root: "t")
        let schema = TableRows.regionalBatch(0..<1, seed: 0).schema
        try table.create(schema: schema, partitionColumns: ["region"])
        for index in 0..<3 {
            let start = Int64(index) * 20
            try table.append([TableRows.regionalBatch(start..<start + 20, seed: UInt64(410 + index))])
        }
        #expect(try table.optimize() != nil)
        try table.delete(where: [ParquetPredicate("region", .equal, .string("eu"))])
        try table.delete(where: [
            ParquetPredicate("id", .less, .int(30)), ParquetPredicate("region", .equal, .string("us")),
        ])
        try TableInteropTests().expectSameRowsAtEveryVersion(scratch, root: "t")
    }
}

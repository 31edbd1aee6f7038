import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeTestSupport
import Testing

/// Appends to a column-mapped table (spec/table-log.md §11.3): data files, statistics, partition values and
/// directories use physical names, and deltalake reads the result.
@Suite("Column mapping writes")
struct ColumnMappingWriteTests {
    /// `good/colmap-name` up to version 2 (mode `name` at protocol 2/5, before the DV commit) in a scratch copy.
    static func mappedTable() throws -> (ScratchDirectory, Table) {
        let scratch = try ScratchDirectory("colmap-write")
        let source = try TableBadLogTests.deltaDirectory().appendingPathComponent("good/colmap-name", isDirectory: true)
        let target = scratch.url.appendingPathComponent("t", isDirectory: true)
        try FileManager.default.copyItem(at: source, to: target)
        try FileManager.default.removeItem(
            at: target.appendingPathComponent("_delta_log/" + LogFileName.commitName(3)))
        return (scratch, Table(store: scratch.store, root: "t"))
    }

    static func batch(ids: [Int64], prices: [Double?], regions: [String?]) -> Batch {
        var id = ColumnBuilder(type: .int64)
        var price = ColumnBuilder(type: .float64)
        var region = ColumnBuilder(type: .utf8)
        for index in ids.indices {
            try? id.append(.int(ids[index]))
            try? price.append(prices[index].map(Value.float64) ?? .null)
            try? region.append(regions[index].map(Value.string) ?? .null)
        }
        return Batch(
            schema: Schema([Field("id", .int64, nullable: false), Field("price", .float64), Field("region", .utf8)]),
            columns: [id.build(), price.build(), region.build()])
    }

    @Test func appendWritesPhysicalNamesAndDeltalakeReadsTheRows() throws {
        let (scratch, table) = try Self.mappedTable()
        let before = TableRows.canonical(try table.scan().readAll())
        let oldPaths = Set(try table.snapshot().files.map(\.path))
        try table.append([Self.batch(ids: [20, 21, 22], prices: [1.25, nil, 3.5], regions: ["eu", "ap", nil])])
        let snapshot = try table.snapshot()
        #expect(snapshot.version == 3)
        let mapping = try table.scan().columnMapping
        #expect(mapping.mode == .name)
        let physicalRegion = mapping.physicalName(of: "region")
        let physicalPrice = mapping.physicalName(of: "price")
        let added = snapshot.files.filter { !oldPaths.contains($0.path) }
        #expect(added.count == 3)
        for file in added {
            #expect(Array(file.add.partitionValues.keys) == [physicalRegion])
            #expect(file.path.hasPrefix(physicalRegion + "="))
            let text = try #require(file.add.stats)
            let stats = try #require(try JSONParser.parse(text).objectValue)
            #expect(
                stats["minValues"]?.objectValue?.keys.contains(physicalPrice) == true
                    || stats["nullCount"]?.objectValue?[physicalPrice] != nil)
            #expect(stats["nullCount"]?.objectValue?["price"] == nil)
            let reader = try ParquetFileReader(store: scratch.store, path: "t/" + file.path)
            #expect(reader.schema.fields.map(\.name) == [mapping.physicalName(of: "id"), physicalPrice])
        }
        let after = TableRows.canonical(try table.scan().readAll())
        #expect(after.count == before.count + 3)
        let path = scratch.url.appendingPathComponent("t").path
        for version: Int64 in [2, 3] {
            let scan = try table.scan(version: version)
            let peer = try DeletionVectorFixtureTests.peerRows(path, version: version, schema: scan.schema)
            #expect(peer == TableRows.canonical(try scan.readAll()), "version \(version)")
        }
        let pruned = try table.scan(predicates: [ParquetPredicate("region", .equal, .string("ap"))])
        #expect(pruned.files.count == 1)
    }

    @Test func idModeAndDeletionVectorTablesAreRefusedForWriting() throws {
        let directory = try TableBadLogTests.deltaDirectory()
        for (name, feature) in [
            ("good/colmap-id-physical", "columnMapping"), ("good/dv-64bit-bucket", "deletionVectors"),
        ] {
            let scratch = try ScratchDirectory("colmap-refuse")
            try FileManager.default.copyItem(
                at: directory.appendingPathComponent(name, isDirectory: true),
                to: scratch.url.appendingPathComponent("t", isDirectory: true))
            let table = Table(store: scratch.store, root: "t")
            let schema = try table.scan().schema
            var columns: [Column] = []
            for field in schema.fields {
                var builder = ColumnBuilder(type: field.type)
                try? builder.append(field.type == .utf8 ? .string("x") : .int(99))
                columns.append(builder.build())
            }
            do throws(TableLogError) {
                try table.append([Batch(schema: schema, columns: columns)])
                Issue.record("\(name) accepted an append")
            } catch {
                guard case .unsupportedFeature(let named) = error else {
                    Issue.record("\(name): \(error)")
                    continue
                }
                #expect(named.hasPrefix(feature), "\(name): \(error)")
            }
            #expect(try table.snapshot().version == 1, "\(name): nothing may be committed")
        }
    }

    @Test func legacyWriterFiveNeedsMetadataShowingItsImpliedFeaturesUnused() throws {
        let protocolAction = ProtocolAction(minReaderVersion: 2, minWriterVersion: 5)
        let schema = DeltaSchema(fields: [DeltaField(name: "a", type: .long)])
        let plain = MetadataAction(id: "t", schemaString: "{}", configuration: [ColumnMapping.modeKey: "name"])
        #expect(throws: TableLogError.unsupportedFeature("columnMapping")) {
            try ProtocolGate.checkWritable(protocolAction, schema: schema)
        }
        try ProtocolGate.checkWritable(protocolAction, schema: schema, metadata: plain)
        var constrained = plain
        constrained.configuration["delta.constraints.positive"] = "a > 0"
        #expect(throws: TableLogError.unsupportedFeature("checkConstraints")) {
            try ProtocolGate.checkWritable(protocolAction, schema: schema, metadata: constrained)
        }
        var feed = plain
        feed.configuration["delta.enableChangeDataFeed"] = "true"
        #expect(throws: TableLogError.unsupportedFeature("changeDataFeed")) {
            try ProtocolGate.checkWritable(protocolAction, schema: schema, metadata: feed)
        }
        let features = ProtocolAction(
            minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["columnMapping"],
            writerFeatures: ["columnMapping"])
        try ProtocolGate.checkWritable(features, schema: schema)
    }

    @Test func createInNameModeAnnotatesEveryColumnAndDeltalakeReadsTheTable() throws {
        let scratch = try ScratchDirectory("colmap-create")
        let table = Table(store: scratch.store, root: "t")
        try table.create(
            schema: TableRows.regionalBatch(0..<1, seed: 1).schema, partitionColumns: ["region"],
            properties: [ColumnMapping.modeKey: "name"])
        let created = try table.snapshot()
        #expect(created.protocolAction.readerFeatures == ["columnMapping"])
        #expect(created.protocolAction.writerFeatures == ["columnMapping"])
        #expect(created.metadata.configuration[ColumnMapping.maxColumnIdKey] == "5")
        let mapping = try table.scan().columnMapping
        #expect(mapping.fieldIDs == ["id": 1, "price": 2, "name": 3, "day": 4, "region": 5])
        #expect(mapping.physicalNames.values.allSatisfy { $0.hasPrefix("col-") && $0.count == 40 })
        try table.append([TableRows.regionalBatch(0..<40, seed: 77)])
        try table.append([TableRows.regionalBatch(40..<50, seed: 78)])
        let ours = TableRows.canonical(try table.scan().readAll())
        let written = [TableRows.regionalBatch(0..<40, seed: 77), TableRows.regionalBatch(40..<50, seed: 78)]
        #expect(ours == TableRows.canonical(written))
        #expect(ours.count == 50)
        for file in try table.snapshot().files {
            let reader = try ParquetFileReader(store: scratch.store, path: "t/" + file.path)
            #expect(reader.schema.fields.allSatisfy { $0.name.hasPrefix("col-") })
            #expect(file.add.partitionValues.keys.allSatisfy { $0 == mapping.physicalName(of: "region") })
        }
        let path = scratch.url.appendingPathComponent("t").path
        for version: Int64 in 1...2 {
            let scan = try table.scan(version: version)
            let peer = try DeletionVectorFixtureTests.peerRows(path, version: version, schema: scan.schema)
            #expect(peer == TableRows.canonical(try scan.readAll()), "version \(version)")
        }
        #expect(throws: TableLogError.self) {
            try Table(store: scratch.store, root: "u").create(
                schema: TableRows.schema, properties: [ColumnMapping.modeKey: "id"])
        }
    }
}

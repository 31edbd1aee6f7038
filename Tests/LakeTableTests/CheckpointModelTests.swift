import LakeColumnar
import LakeCore
import Testing

@testable import LakeTable

/// Checkpoint rows <-> actions, `_last_checkpoint`, and how the log segment picks (and falls back from) a
/// checkpoint. None of these need Parquet: rows are checked in memory, checkpoints on storage are JSON V2 files
/// or deliberately broken files.
@Suite struct CheckpointModelTests {
    static let descriptor = DeletionVectorDescriptor(
        storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^", offset: 4, sizeInBytes: 40, cardinality: 6)

    /// One action of every kind a checkpoint holds, with optional fields both present and absent.
    static let actions: [Action] = [
        .protocol(
            ProtocolAction(
                minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["deletionVectors"],
                writerFeatures: ["deletionVectors", "appendOnly"])),
        .metadata(
            MetadataAction(
                id: "5f2b1c3e-0000-4000-8000-000000000001", name: "prices", description: nil,
                formatOptions: ["k": "v"], schemaString: LogLines.schemaString.replacingOccurrences(of: "\\", with: ""),
                partitionColumns: ["region"], configuration: ["delta.checkpointInterval": "3", "owner": "x"],
                createdTime: 1_735_689_600_000)),
        .transaction(TransactionAction(appId: "app", version: 7, lastUpdated: 1_735_689_600_000)),
        .transaction(TransactionAction(appId: "other", version: 1)),
        .domainMetadata(DomainMetadataAction(domain: "delta.rowTracking", configuration: #"{"x":1}"#)),
        .add(
            AddAction(
                path: "region=eu/a.parquet", partitionValues: ["region": "eu"], size: 100,
                modificationTime: 1_735_689_600_000, stats: #"{"numRecords":3}"#, tags: ["t": "1"],
                deletionVector: descriptor, baseRowId: 5, defaultRowCommitVersion: 2)),
        .add(
            AddAction(
                path: "region=__HIVE_DEFAULT_PARTITION__/b.parquet", partitionValues: ["region": nil], size: 7,
                modificationTime: 1, dataChange: false)),
        .remove(
            RemoveAction(
                path: "region=eu/old.parquet", deletionTimestamp: 1_735_689_700_000, dataChange: true,
                extendedFileMetadata: true, partitionValues: ["region": "eu"], size: 100)),
        .remove(RemoveAction(path: "c.parquet", deletionTimestamp: 5, dataChange: false)),
    ]

    static func decode(_ batch: Batch, path: String = "cp") throws(TableLogError) -> CheckpointDecoder.Content {
        var content = CheckpointDecoder.Content()
        try CheckpointDecoder.decode(batch, firstRow: 0, path: path, into: &content)
        return content
    }

    @Test func rowsRoundTripEveryActionKind() throws {
        let batch = try CheckpointEncoder.batch(Self.actions, path: "cp")
        #expect(batch.rowCount == Self.actions.count)
        #expect(batch.schema.fields.map(\.name) == ["txn", "add", "remove", "metaData", "protocol", "domainMetadata"])
        for row in 0..<batch.rowCount {
            #expect(batch.columns.filter { !$0.isNull(row) }.count == 1, "row \(row) has exactly one action")
        }
        let decoded = try Self.decode(batch).actions
        // Decoding goes column by column; compare as sets of actions.
        #expect(Set(decoded) == Set(Self.actions))
        #expect(decoded.count == Self.actions.count)
    }

    @Test func sameActionsGiveTheSameRows() throws {
        let first = try CheckpointEncoder.batch(Self.actions, path: "cp")
        let second = try CheckpointEncoder.batch(Self.actions, path: "cp")
        #expect(first == second)
    }

    /// A one-column batch whose column `name` is a struct of `fields` holding `value`.
    static func hostile(_ name: String, _ fields: [Field], _ value: Value) throws -> Batch {
        var builder = ColumnBuilder(type: .struct(fields))
        try builder.append(value)
        return Batch(schema: Schema([Field(name, .struct(fields))]), columns: [builder.build()])
    }

    @Test func malformedRowsAreErrorsNamingFileRowAndField() throws {
        let wrongType = try Self.hostile(
            "add", [Field("path", .utf8), Field("size", .utf8)], .struct([.string("a"), .string("big")]))
        #expect(
            throws: TableLogError.corruptLog(
                path: "_delta_log/x.parquet", reason: "row 0: add.partitionValues is missing or null")
        ) {
            try Self.decode(wrongType, path: "_delta_log/x.parquet")
        }
        let badSize = try Self.hostile(
            "add",
            [
                Field("path", .utf8), Field("partitionValues", CheckpointSchema.stringMap(nullableValues: true)),
                Field("size", .utf8),
            ], .struct([.string("a"), .map(keys: [], values: []), .string("big")]))
        #expect(throws: TableLogError.corruptLog(path: "cp", reason: "row 0: add.size: expected an integer")) {
            try Self.decode(badSize)
        }
        let noPath = try Self.hostile("txn", [Field("version", .int64)], .struct([.int(1)]))
        #expect(throws: TableLogError.corruptLog(path: "cp", reason: "row 0: txn.appId is missing or null")) {
            try Self.decode(noPath)
        }
        let narrow = try Self.hostile(
            "protocol", [Field("minReaderVersion", .int64), Field("minWriterVersion", .int64)],
            .struct([.int(1 << 40), .int(2)]))
        #expect(
            throws: TableLogError.corruptLog(
                path: "cp", reason: "row 0: protocol.minReaderVersion: expected a 32-bit integer")
        ) {
            try Self.decode(narrow)
        }
        var flat = ColumnBuilder(type: .int64)
        try flat.append(.int(1))
        let notStruct = Batch(schema: Schema([Field("add", .int64)]), columns: [flat.build()])
        #expect(throws: TableLogError.corruptLog(path: "cp", reason: "checkpoint column add is not a struct")) {
            try Self.decode(notStruct)
        }
        let negative = try Self.hostile(
            "add",
            [
                Field("path", .utf8), Field("partitionValues", CheckpointSchema.stringMap(nullableValues: true)),
                Field("size", .int64), Field("modificationTime", .int64),
            ], .struct([.string("a"), .map(keys: [], values: []), .int(-1), .int(0)]))
        #expect(throws: TableLogError.corruptLog(path: "cp", reason: "row 0: add.size is negative (-1)")) {
            try Self.decode(negative)
        }
    }

    @Test func unknownColumnsAndFieldsAreIgnoredAndFieldsFoundByName() throws {
        // Fields reordered, plus a `stats_parsed` struct and an unknown top-level column, as other engines write.
        let fields = [
            Field("stats_parsed", .struct([Field("numRecords", .int64)])), Field("size", .int64),
            Field("modificationTime", .int64), Field("dataChange", .bool), Field("path", .utf8),
            Field("partitionValues", CheckpointSchema.stringMap(nullableValues: true)),
        ]
        var add = ColumnBuilder(type: .struct(fields))
        try add.append(
            .struct([
                .struct([.int(3)]), .int(9), .int(1), .bool(true), .string("a.parquet"), .map(keys: [], values: []),
            ]))
        add.appendNull()
        var other = ColumnBuilder(type: .int32)
        other.appendNull()
        try other.append(.int(4))
        let batch = Batch(
            schema: Schema([Field("add", .struct(fields)), Field("future", .int32)]),
            columns: [add.build(), other.build()])
        let content = try Self.decode(batch)
        #expect(content.actions == [.add(AddAction(path: "a.parquet", size: 9, modificationTime: 1))])
    }

    @Test func lastCheckpointHintParsesOnlyValidFiles() {
        let hint = LastCheckpoint(version: 12, size: 30, sizeInBytes: 4_096, numOfAddFiles: 20)
        #expect(
            String(decoding: hint.encoded, as: UTF8.self)
                == #"{"version":12,"size":30,"sizeInBytes":4096,"numOfAddFiles":20}"#)
        #expect(LastCheckpoint(parsing: hint.encoded) == hint)
        let extra = Array(
            #"{"version":3,"size":4,"parts":2,"checksum":"abc","checkpointSchema":{"type":"struct"}}"#.utf8)
        #expect(LastCheckpoint(parsing: extra) == LastCheckpoint(version: 3, size: 4, parts: 2))
        for bad in [
            "", "{", "[]", #"{"version":-1}"#, #"{"version":"3"}"#, #"{"version":3,"parts":0}"#, #"{"size":3}"#,
        ] {
            #expect(LastCheckpoint(parsing: Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    // MARK: - Segments on storage

    var create: [String] { [LogLines.commitInfo, LogLines.protocolLine(), LogLines.metadata()] }

    func table(_ commits: [[String]]) throws -> ScratchDirectory {
        let scratch = try ScratchDirectory("checkpoint-model")
        for (version, lines) in commits.enumerated() { try scratch.writeCommit(Int64(version), lines) }
        return scratch
    }

    static let uuid = "3a0d65cd-4056-49b8-937b-95f9e3ee90e5"

    @Test func jsonV2CheckpointReplacesTheCommitsBeforeIt() throws {
        let scratch = try table([
            create + [LogLines.add("a.parquet")], [LogLines.add("b.parquet")], [LogLines.remove("a.parquet")],
            [LogLines.add("c.parquet")],
        ])
        let checkpoint = [
            #"{"checkpointMetadata":{"version":2}}"#, LogLines.protocolLine(), LogLines.metadata(),
            LogLines.add("b.parquet"), LogLines.remove("a.parquet"), LogLines.txn("app", 4),
        ]
        try scratch.store.put(
            "_delta_log/00000000000000000002.checkpoint.\(Self.uuid).json",
            Array(checkpoint.map { $0 + "\n" }.joined().utf8))
        for version in 0...2 { try scratch.store.delete("_delta_log/" + LogFileName.commitName(Int64(version))) }
        let segment = try LogSegment.build(store: scratch.store, root: "")
        #expect(segment.checkpoint?.version == 2 && segment.checkpoint?.kind == .uuidNamed)
        #expect(segment.commitPaths == ["_delta_log/00000000000000000003.json"])
        let snapshot = try Snapshot.load(store: scratch.store)
        #expect(snapshot.files.map(\.path) == ["b.parquet", "c.parquet"])
        #expect(snapshot.tombstones.map(\.path) == ["a.parquet"])
        #expect(snapshot.transactionVersion(appId: "app") == 4)
        #expect(snapshot.skippedCheckpoints.isEmpty)
        let atCheckpoint = try Snapshot.load(store: scratch.store, version: 2)
        #expect(atCheckpoint.files.map(\.path) == ["b.parquet"] && atCheckpoint.commitInfo == nil)
        #expect(throws: TableLogError.missingCommit(0)) { try Snapshot.load(store: scratch.store, version: 1) }
    }

    @Test func v2CheckpointWithWrongMetadataVersionOrMissingSidecarFallsBackToCommits() throws {
        let scratch = try table([create + [LogLines.add("a.parquet")], [LogLines.add("b.parquet")]])
        let wrongVersion = [#"{"checkpointMetadata":{"version":7}}"#, LogLines.protocolLine(), LogLines.metadata()]
        try scratch.store.put(
            "_delta_log/00000000000000000001.checkpoint.\(Self.uuid).json",
            Array(wrongVersion.map { $0 + "\n" }.joined().utf8))
        let snapshot = try Snapshot.load(store: scratch.store)
        #expect(snapshot.files.map(\.path) == ["a.parquet", "b.parquet"])
        #expect(snapshot.skippedCheckpoints.count == 1)
        #expect(snapshot.skippedCheckpoints.first?.contains("checkpointMetadata.version is 7") == true)

        let sidecar = [
            #"{"checkpointMetadata":{"version":1}}"#, LogLines.protocolLine(), LogLines.metadata(),
            #"{"sidecar":{"path":"016ae953-37a9-438e-8683-9a9a4a79a395.parquet","#
                + #""sizeInBytes":10,"modificationTime":1}}"#,
        ]
        try scratch.store.put(
            "_delta_log/00000000000000000001.checkpoint.\(Self.uuid).json",
            Array(sidecar.map { $0 + "\n" }.joined().utf8))
        let withSidecar = try Snapshot.load(store: scratch.store)
        #expect(withSidecar.files.map(\.path) == ["a.parquet", "b.parquet"])
        #expect(withSidecar.skippedCheckpoints.first?.contains("_sidecars/016ae953") == true)

        let escaping = [
            LogLines.protocolLine(), LogLines.metadata(),
            #"{"sidecar":{"path":"..%2F..%2Fx.parquet","sizeInBytes":1}}"#,
        ]
        try scratch.store.put(
            "_delta_log/00000000000000000001.checkpoint.\(Self.uuid).json",
            Array(escaping.map { $0 + "\n" }.joined().utf8))
        #expect(try Snapshot.load(store: scratch.store).skippedCheckpoints.count == 1)
    }

    @Test func brokenCheckpointFallsBackToOlderCheckpointOrCommitsAndOtherwiseNamesTheFile() throws {
        let scratch = try table([
            create + [LogLines.add("a.parquet")], [LogLines.add("b.parquet")], [LogLines.add("c.parquet")],
        ])
        let good = [LogLines.protocolLine(), LogLines.metadata(), LogLines.add("a.parquet")]
        try scratch.store.put(
            "_delta_log/00000000000000000000.checkpoint.\(Self.uuid).json", Array(good.map { $0 + "\n" }.joined().utf8))
        try scratch.store.put("_delta_log/00000000000000000002.checkpoint.parquet", Array("PAR1junkPAR1".utf8))
        try scratch.store.put("_delta_log/_last_checkpoint", LastCheckpoint(version: 2, size: 3).encoded)
        try scratch.store.delete("_delta_log/" + LogFileName.commitName(0))
        let snapshot = try Snapshot.load(store: scratch.store)
        #expect(snapshot.files.map(\.path) == ["a.parquet", "b.parquet", "c.parquet"])
        #expect(snapshot.skippedCheckpoints.count == 1)
        #expect(snapshot.skippedCheckpoints[0].hasPrefix("_delta_log/00000000000000000002.checkpoint.parquet: "))

        // Without the older checkpoint nothing can replace the broken one: the error names it.
        try scratch.store.delete("_delta_log/00000000000000000000.checkpoint.\(Self.uuid).json")
        #expect {
            try Snapshot.load(store: scratch.store)
        } throws: { error in
            guard case .corruptLog(let path, _) = error as? TableLogError else { return false }
            return path == "_delta_log/00000000000000000002.checkpoint.parquet"
        }
    }

    @Test func listingPrefersClassicThenUUIDThenCompleteMultiPartSets() throws {
        let scratch = try table([create, [], [], [], []])
        let store = scratch.store
        try store.put("_delta_log/00000000000000000001.checkpoint.0000000001.0000000002.parquet", [1])
        try store.put("_delta_log/00000000000000000001.checkpoint.0000000002.0000000002.parquet", [1])
        try store.put("_delta_log/00000000000000000003.checkpoint.0000000001.0000000003.parquet", [1])
        try store.put("_delta_log/00000000000000000003.checkpoint.0000000003.0000000003.parquet", [1])
        try store.put("_delta_log/00000000000000000002.checkpoint.\(Self.uuid).parquet", [1])
        try store.put("_delta_log/00000000000000000002.checkpoint.parquet", [1])
        let listing = try LogListing(store: store, root: "", from: nil)
        #expect(listing.checkpoints.keys.sorted() == [1, 2])
        #expect(listing.checkpoints[1]?.kind == .multiPart && listing.checkpoints[1]?.paths.count == 2)
        #expect(listing.checkpoints[2]?.kind == .classic)
        let segment = try LogSegment.build(store: store, root: "", version: 4)
        #expect(segment.checkpoint?.version == 2)
        #expect(
            segment.commitPaths == ["_delta_log/00000000000000000003.json", "_delta_log/00000000000000000004.json"])
        #expect(try LogSegment.build(store: store, root: "", version: 1).checkpoint?.kind == .multiPart)
        #expect(try LogSegment.build(store: store, root: "", version: 0).checkpoint == nil)
    }

    @Test func hintNamingAMissingOrNewerCheckpointIsIgnored() throws {
        let scratch = try table([create + [LogLines.add("a.parquet")], [LogLines.add("b.parquet")]])
        try scratch.store.put("_delta_log/_last_checkpoint", LastCheckpoint(version: 1, size: 3).encoded)
        #expect(try Snapshot.load(store: scratch.store).files.count == 2)
        try scratch.store.put("_delta_log/_last_checkpoint", LastCheckpoint(version: 90, size: 3).encoded)
        #expect(try Snapshot.load(store: scratch.store).files.count == 2)
        try scratch.store.put("_delta_log/_last_checkpoint", Array("{not json".utf8))
        #expect(try Snapshot.load(store: scratch.store, version: 0).files.count == 1)
    }

    @Test func cleanupNamesOnlyExpirableLogFiles() {
        #expect(LogCleanup.version(ofExpirable: "00000000000000000004.json") == 4)
        #expect(LogCleanup.version(ofExpirable: "00000000000000000004.crc") == 4)
        #expect(LogCleanup.version(ofExpirable: "00000000000000000004.checkpoint.parquet") == 4)
        #expect(LogCleanup.version(ofExpirable: "00000000000000000001.00000000000000000003.compacted.json") == 3)
        #expect(LogCleanup.version(ofExpirable: "00000000000000000003.00000000000000000001.compacted.json") == nil)
        #expect(LogCleanup.version(ofExpirable: "_last_checkpoint") == nil)
        #expect(LogCleanup.version(ofExpirable: "_sidecars/x.parquet") == nil)
        #expect(LogCleanup.version(ofExpirable: "0004.json") == nil)
    }
}

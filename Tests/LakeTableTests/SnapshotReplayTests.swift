import LakeCore
import LakeTable
import Testing

@Suite struct SnapshotReplayTests {
    func table(_ commits: [[String]]) throws -> ScratchDirectory {
        let scratch = try ScratchDirectory("replay")
        for (version, lines) in commits.enumerated() { try scratch.writeCommit(Int64(version), lines) }
        return scratch
    }

    var create: [String] { [LogLines.commitInfo, LogLines.protocolLine(), LogLines.metadata()] }

    @Test func replayKeepsNewestActionPerFileAndTransactions() throws {
        let scratch = try table([
            create + [LogLines.add("region=eu/a.parquet"), LogLines.add("region=c%2520d/b.parquet", region: "c d")],
            [
                LogLines.commitInfo, LogLines.remove("region=eu/a.parquet"), LogLines.add("c.parquet", region: nil),
                LogLines.txn("app", 3),
            ],
            [
                LogLines.txn("app", 4), LogLines.txn("other", 1),
                #"{"domainMetadata":{"domain":"gone","configuration":"","removed":true}}"#,
            ],
        ])
        let snapshot = try Snapshot.load(store: scratch.store)
        #expect(snapshot.version == 2)
        #expect(snapshot.files.map(\.path) == ["c.parquet", "region=c%20d/b.parquet"])
        #expect(snapshot.files[0].add.partitionValues == ["region": String?.none])
        #expect(snapshot.tombstones.map(\.path) == ["region=eu/a.parquet"])
        #expect(snapshot.transactionVersion(appId: "app") == 4 && snapshot.transactionVersion(appId: "other") == 1)
        #expect(snapshot.domains.isEmpty)
        #expect(snapshot.commitInfo == nil)
        #expect(snapshot.schema.fields.map(\.name) == ["id", "region"])

        let first = try Snapshot.load(store: scratch.store, version: 0)
        #expect(first.files.map(\.path) == ["region=c%20d/b.parquet", "region=eu/a.parquet"])
        #expect(first.transactions.isEmpty && first.commitInfo?.operation == "WRITE")
    }

    @Test func fileReAddedAfterRemoveIsLiveAgain() throws {
        let scratch = try table([
            create + [LogLines.add("a.parquet")], [LogLines.remove("a.parquet")], [LogLines.add("a.parquet", size: 5)],
        ])
        let snapshot = try Snapshot.load(store: scratch.store)
        #expect(snapshot.files.map(\.add.size) == [5] && snapshot.tombstones.isEmpty)
    }

    @Test func tableInASubfolderOfTheStoreLoads() throws {
        let scratch = try ScratchDirectory("prefix")
        try scratch.store.put(
            "silver/t/_delta_log/" + LogFileName.commitName(0),
            Array((create + [LogLines.add("a.parquet")]).joined(separator: "\n").utf8))
        #expect(try Snapshot.load(store: scratch.store, root: "silver/t").files.map(\.path) == ["a.parquet"])
    }

    @Test func unknownAndCompactionFilesInTheLogAreIgnored() throws {
        let scratch = try table([create, [LogLines.add("a.parquet")]])
        try scratch.store.put("_delta_log/00000000000000000000.00000000000000000001.compacted.json", [0x7B])
        try scratch.store.put("_delta_log/00000000000000000001.crc", [0x7B])
        try scratch.store.put("_delta_log/notes.txt", [0x7B])
        #expect(try Snapshot.load(store: scratch.store).version == 1)
    }

    @Test func missingVersionsAndGapsGiveClearErrors() throws {
        let scratch = try table([create, [LogLines.add("a.parquet")]])
        #expect(throws: TableLogError.versionNotFound(5, latest: 1)) {
            try Snapshot.load(store: scratch.store, version: 5)
        }
        #expect(throws: TableLogError.versionNotFound(-1, latest: 1)) {
            try Snapshot.load(store: scratch.store, version: -1)
        }
        try scratch.writeCommit(3, [LogLines.add("b.parquet")])
        #expect(throws: TableLogError.missingCommit(2)) { try Snapshot.load(store: scratch.store) }
        #expect(try Snapshot.load(store: scratch.store, version: 1).files.count == 1)
        let empty = try ScratchDirectory("empty")
        #expect(throws: TableLogError.notATable("")) { try Snapshot.load(store: empty.store) }
    }

    @Test func historyCleanedUpBehindAnUnreadableCheckpointNamesTheCheckpoint() throws {
        let scratch = try ScratchDirectory("checkpoint")
        try scratch.writeCommit(3, [LogLines.add("b.parquet")])
        try scratch.store.put("_delta_log/00000000000000000002.checkpoint.parquet", [0x50, 0x41, 0x52, 0x31])
        #expect {
            try Snapshot.load(store: scratch.store)
        } throws: { error in
            guard case .corruptLog(let path, _) = error as? TableLogError else { return false }
            return path == "_delta_log/00000000000000000002.checkpoint.parquet"
        }
        let noCheckpoint = try ScratchDirectory("cleaned")
        try noCheckpoint.writeCommit(3, [LogLines.add("b.parquet")])
        #expect(throws: TableLogError.missingCommit(0)) { try Snapshot.load(store: noCheckpoint.store) }
    }

    @Test func corruptLineNamesTheCommitFileAndLine() throws {
        let scratch = try table([create, [LogLines.commitInfo, #"{"add":{"path":"a.parquet","partitionValues":{}"#]])
        #expect {
            try Snapshot.load(store: scratch.store)
        } throws: { error in
            guard case .corruptEntry(let path, let line, _) = error as? TableLogError else { return false }
            return path == "_delta_log/00000000000000000001.json" && line == 2
        }
    }

    @Test func missingRequiredFieldNamesIt() throws {
        let line = #"{"add":{"path":"a.parquet","partitionValues":{},"modificationTime":1,"dataChange":true}}"#
        let scratch = try table([create + [line]])
        #expect(
            throws: TableLogError.corruptEntry(
                path: "_delta_log/00000000000000000000.json", line: 4, reason: "add.size: required field is missing")
        ) { try Snapshot.load(store: scratch.store) }
    }

    @Test(arguments: ["../../etc/passwd", "/etc/passwd", "s3://bucket/x.parquet", "%2e%2e/x.parquet", "_delta_log/x"])
    func pathEscapingTheTableRootIsRefused(path: String) throws {
        let scratch = try table([create + [LogLines.add(path)]])
        #expect {
            try Snapshot.load(store: scratch.store)
        } throws: { error in
            guard case .unsafePath(let raw, _) = error as? TableLogError else { return false }
            return raw == path
        }
    }

    @Test func commitBreakingOnePerKeyRulesIsRefused() throws {
        let twoProtocols = try table([create + [LogLines.protocolLine()]])
        #expect {
            try Snapshot.load(store: twoProtocols.store)
        } throws: { error in
            guard case .corruptLog(_, let reason) = error as? TableLogError else { return false }
            return reason.contains("protocol")
        }
        let noMetadata = try table([[LogLines.protocolLine(), LogLines.add("a.parquet")]])
        #expect {
            try Snapshot.load(store: noMetadata.store)
        } throws: { error in
            guard case .corruptLog(_, let reason) = error as? TableLogError else { return false }
            return reason.contains("commit 0")
        }
    }

    @Test func unsupportedReaderFeaturesAreRefusedByName() throws {
        let unknown = try table([
            [
                LogLines.protocolLine(reader: 3, writer: 7, readerFeatures: ["timestampNtz", "futureThing"]),
                LogLines.metadata(),
            ]
        ])
        #expect(throws: TableLogError.unsupportedFeature("futureThing")) { try Snapshot.load(store: unknown.store) }
        let mapped = try table([
            [
                LogLines.protocolLine(reader: 2, writer: 5),
                LogLines.metadata(configuration: #"{"delta.columnMapping.mode":"name"}"#),
            ]
        ])
        // Column mapping is readable (§11.3), but mode name needs ids and physical names on every field.
        #expect {
            try Snapshot.load(store: mapped.store)
        } throws: { error in
            guard case .invalidSchema(let reason) = error as? TableLogError else { return false }
            return reason.contains("delta.columnMapping.id")
        }
        let tooNew = try table([[LogLines.protocolLine(reader: 4, writer: 7), LogLines.metadata()]])
        #expect(throws: TableLogError.unsupportedProtocol(minReaderVersion: 4, minWriterVersion: 7)) {
            try Snapshot.load(store: tooNew.store)
        }
    }

    @Test func filesWithDeletionVectorsAreLiveLogicalFiles() throws {
        let header = [
            LogLines.protocolLine(reader: 3, writer: 7, readerFeatures: ["deletionVectors", "variantType"]),
            LogLines.metadata(),
        ]
        let plain = try table([header + [LogLines.add("a.parquet")]])
        #expect(try Snapshot.load(store: plain.store).files.count == 1)
        let dv =
            #"{"storageType":"i","pathOrInlineDv":"wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L","#
            + #""sizeInBytes":40,"cardinality":6}"#
        let withVector = try table([header + [LogLines.add("a.parquet", deletionVector: dv)]])
        let files = try Snapshot.load(store: withVector.store).files
        #expect(files.count == 1 && files.first?.add.deletionVector?.cardinality == 6)
    }
}

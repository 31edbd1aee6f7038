import LakeCore
import LakeTable
import Testing

@Suite struct ActionCodecTests {
    let file = "_delta_log/00000000000000000007.json"

    @Test func decodesEveryActionKindDeltaRsWrites() throws {
        let text = [
            LogLines.commitInfo, LogLines.protocolLine(), LogLines.metadata(), LogLines.add("region=eu/a.parquet"),
            LogLines.remove("region=eu/b.parquet"), LogLines.txn("app", 3),
            #"{"domainMetadata":{"domain":"app.cfg","configuration":"{}","removed":false}}"#,
        ].joined(separator: "\n")
        let actions = try CommitFile.actions(in: Array(text.utf8), path: file)
        #expect(actions.map(\.key) == ["commitInfo", "protocol", "metaData", "add", "remove", "txn", "domainMetadata"])
        guard case .commitInfo(let info) = actions[0], case .protocol(let protocolAction) = actions[1],
            case .metadata(let metadata) = actions[2], case .add(let add) = actions[3],
            case .remove(let remove) = actions[4], case .transaction(let txn) = actions[5],
            case .domainMetadata(let domain) = actions[6]
        else {
            Issue.record("unexpected action kinds \(actions)")
            return
        }
        #expect(info.timestamp == 1_735_689_600_123 && info.operation == "WRITE")
        #expect(info.engineInfo == "delta-rs:py-1.6.6" && info.readVersion == nil)
        #expect(protocolAction == ProtocolAction(minReaderVersion: 1, minWriterVersion: 2))
        #expect(
            metadata.name == nil && metadata.partitionColumns == ["region"] && metadata.createdTime == 1_735_689_600_000
        )
        #expect(add.partitionValues == ["region": "eu"] && add.size == 100 && add.tags == nil && add.dataChange)
        #expect(add.stats?.hasPrefix("{\"numRecords\":3") == true)
        #expect(remove.deletionTimestamp == 1_735_689_700_000 && remove.extendedFileMetadata == true)
        #expect(txn == TransactionAction(appId: "app", version: 3, lastUpdated: 1_735_689_600_000))
        #expect(domain == DomainMetadataAction(domain: "app.cfg", configuration: "{}"))
    }

    @Test func encodesFieldsInDeltaRsOrderAndOmitsAbsentOptionals() throws {
        let add = AddAction(
            path: "region=c%2520d/p.parquet", partitionValues: ["region": "c d", "day": nil], size: 7,
            modificationTime: 11, stats: #"{"numRecords":1}"#)
        #expect(
            try Action.add(add).encodedLine()
                == #"{"add":{"path":"region=c%2520d/p.parquet","partitionValues":{"day":null,"region":"c d"},"#
                + #""size":7,"modificationTime":11,"dataChange":true,"stats":"{\"numRecords\":1}"}}"#)
        let protocolAction = ProtocolAction(
            minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"], writerFeatures: ["timestampNtz"]
        )
        #expect(
            try Action.protocol(protocolAction).encodedLine()
                == #"{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["timestampNtz"],"#
                + #""writerFeatures":["timestampNtz"]}}"#)
        let metadata = MetadataAction(id: "x", schemaString: "{}", partitionColumns: ["a"], configuration: ["k": "v"])
        #expect(
            try Action.metadata(metadata).encodedLine()
                == #"{"metaData":{"id":"x","format":{"provider":"parquet","options":{}},"schemaString":"{}","#
                + #""partitionColumns":["a"],"configuration":{"k":"v"}}}"#)
    }

    @Test func decodingThenEncodingReproducesTheSameActions() throws {
        let lines = [
            LogLines.protocolLine(reader: 3, writer: 7, readerFeatures: ["deletionVectors"]), LogLines.metadata(),
            LogLines.add(
                "a.parquet",
                deletionVector: #"{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^","offset":4,"#
                    + #""sizeInBytes":40,"cardinality":6}"#),
            LogLines.remove("b.parquet"), LogLines.txn("app", 9),
        ]
        let actions = try CommitFile.actions(in: Array(lines.joined(separator: "\n").utf8), path: file)
        let encoded = try CommitFile.encode(actions)
        #expect(try CommitFile.actions(in: encoded, path: file) == actions)
        guard case .add(let add) = actions[2] else {
            Issue.record("expected an add")
            return
        }
        #expect(add.deletionVector?.uniqueId == "uab^-aqEH.-t@S}K{vb[*k^@4")
    }

    @Test func ignoresUnknownFieldsAndUnknownActionKinds() throws {
        let text = #"""
            {"cdc":{"path":"_change_data/x.parquet","partitionValues":{},"size":1,"dataChange":false}}
            {"futureAction":{"anything":[1,2,3]}}

            {"txn":{"appId":"a","version":1,"newField":{"nested":true}}}
            """#
        let actions = try CommitFile.actions(in: Array(text.utf8), path: file)
        #expect(actions == [.transaction(TransactionAction(appId: "a", version: 1))])
    }

    @Test(arguments: [
        (#"{"add":{"path":"a","partitionValues":{},"size":"7","modificationTime":1,"dataChange":true}}"#, "add.size"),
        (#"{"add":{"path":"a","partitionValues":{},"modificationTime":1,"dataChange":true}}"#, "add.size"),
        (#"{"protocol":{"minReaderVersion":1.0,"minWriterVersion":2}}"#, "protocol.minReaderVersion"),
        (#"{"protocol":{"minReaderVersion":1,"minWriterVersion":4294967297}}"#, "protocol.minWriterVersion"),
        (
            #"{"metaData":{"id":"x","format":{"provider":"parquet"},"schemaString":"{}","configuration":{}}}"#,
            "metaData.partitionColumns"
        ),
        (
            #"{"add":{"path":"a","partitionValues":{"p":1},"size":1,"modificationTime":1,"dataChange":true}}"#,
            "add.partitionValues.p"
        ),
        (#"{"txn":{"appId":"a"}}"#, "txn.version"),
        (#"{"add":[1]}"#, "add"),
    ])
    func malformedKnownActionNamesFileLineAndField(line: String, field: String) {
        let text = LogLines.commitInfo + "\n" + line + "\n"
        #expect {
            try CommitFile.actions(in: Array(text.utf8), path: file)
        } throws: { error in
            guard case .corruptEntry(let path, let lineNumber, let reason) = error as? TableLogError else {
                return false
            }
            return path == file && lineNumber == 2 && reason.hasPrefix(field + ":")
        }
    }

    @Test(arguments: [
        #"{"add":{"path":"a""#, "[1,2]", #"{"sidecar":{"path":"a.parquet","sizeInBytes":1,"modificationTime":1}}"#,
        #"{"txn":{"appId":"a","version":1},"add":{}}"#, "{}", "not json",
    ])
    func malformedLineIsACorruptEntryOnItsLine(line: String) {
        let text = LogLines.protocolLine() + "\n\n" + line + "\n"
        #expect {
            try CommitFile.actions(in: Array(text.utf8), path: file)
        } throws: { error in
            guard case .corruptEntry(let path, 3, _) = error as? TableLogError else { return false }
            return path == file
        }
    }

    @Test func errorDescriptionNamesFileLineAndField() {
        let error = TableLogError.corruptEntry(path: file, line: 3, reason: "add.size: expected integer, found string")
        #expect(
            error.description
                == "_delta_log/00000000000000000007.json line 3: corrupt log entry: "
                + "add.size: expected integer, found string"
        )
    }
}

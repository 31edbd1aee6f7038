import LakeCore
import LakeTable
import Testing

/// `ColumnMapping` (spec/table-log.md §11.3): the mode is honoured only with the protocol feature, and mapped
/// schemas must carry valid, unique ids and physical names.
@Suite("Column mapping")
struct ColumnMappingTests {
    static func field(_ name: String, id: Int64?, physical: String?, type: DeltaType = .long) -> DeltaField {
        var metadata: JSONObject = [:]
        if let id { metadata[ColumnMapping.idKey] = .int64(id) }
        if let physical { metadata[ColumnMapping.physicalNameKey] = .string(physical) }
        return DeltaField(name: name, type: type, nullable: true, metadata: metadata)
    }

    static func metadata(mode: String?, maxColumnId: String? = nil) -> MetadataAction {
        var configuration: [String: String] = [:]
        if let mode { configuration[ColumnMapping.modeKey] = mode }
        if let maxColumnId { configuration[ColumnMapping.maxColumnIdKey] = maxColumnId }
        return MetadataAction(id: "t", schemaString: "{}", partitionColumns: [], configuration: configuration)
    }

    static let legacy = ProtocolAction(minReaderVersion: 2, minWriterVersion: 5)
    static let features = ProtocolAction(
        minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["columnMapping"], writerFeatures: ["columnMapping"])
    static let mapped = DeltaSchema(fields: [
        field("a", id: 1, physical: "col-a"),
        field("s", id: 2, physical: "col-s", type: .struct([field("inner", id: 3, physical: "col-i")])),
    ])

    @Test(arguments: ["name", "id"])
    func mapsTopLevelColumnsInBothModes(mode: String) throws {
        for protocolAction in [Self.legacy, Self.features] {
            let mapping = try ColumnMapping(
                protocolAction: protocolAction, metadata: Self.metadata(mode: mode, maxColumnId: "3"),
                schema: Self.mapped)
            #expect(mapping.mode.rawValue == mode)
            #expect(mapping.physicalName(of: "a") == "col-a")
            #expect(mapping.fieldIDs == ["a": 1, "s": 2])
            #expect(mapping.logicalName(ofPhysical: "col-s") == "s")
        }
    }

    @Test func modeIsIgnoredWithoutTheProtocolFeature() throws {
        let plain = ProtocolAction(minReaderVersion: 1, minWriterVersion: 2)
        let mapping = try ColumnMapping(
            protocolAction: plain, metadata: Self.metadata(mode: "name"), schema: Self.mapped)
        #expect(mapping == .none)
        #expect(mapping.physicalName(of: "a") == "a")
    }

    @Test func refusesBrokenAnnotations() {
        let metadata = Self.metadata(mode: "name")
        let broken: [DeltaSchema] = [
            DeltaSchema(fields: [Self.field("a", id: nil, physical: "col-a")]),
            DeltaSchema(fields: [Self.field("a", id: 1, physical: nil)]),
            DeltaSchema(fields: [Self.field("a", id: 0, physical: "col-a")]),
            DeltaSchema(fields: [Self.field("a", id: 1 << 40, physical: "col-a")]),
            DeltaSchema(fields: [Self.field("a", id: 1, physical: "x"), Self.field("b", id: 1, physical: "y")]),
            DeltaSchema(fields: [Self.field("a", id: 1, physical: "x"), Self.field("b", id: 2, physical: "x")]),
            DeltaSchema(fields: [
                Self.field("s", id: 1, physical: "col-s", type: .struct([Self.field("inner", id: 2, physical: nil)]))
            ]),
        ]
        for schema in broken {
            #expect(throws: TableLogError.self) {
                try ColumnMapping(protocolAction: Self.legacy, metadata: metadata, schema: schema)
            }
        }
        #expect(throws: TableLogError.self) {
            try ColumnMapping(
                protocolAction: Self.legacy, metadata: Self.metadata(mode: "name", maxColumnId: "2"),
                schema: Self.mapped)
        }
        #expect(throws: TableLogError.self) {
            try ColumnMapping(protocolAction: Self.legacy, metadata: Self.metadata(mode: "names"), schema: Self.mapped)
        }
    }

    /// Mode `id` passes the gate; `DataFileWriter` refuses it when files are written (`ColumnMappingWriteTests`).
    @Test func protocolGateAcceptsMappedTablesForReadingAndWriting() throws {
        let schemaText = try Self.mapped.jsonString()
        let metadata = MetadataAction(
            id: "t", schemaString: schemaText, partitionColumns: [], configuration: [ColumnMapping.modeKey: "id"])
        try ProtocolGate.checkReadable(Self.features, metadata: metadata, schema: Self.mapped, logPath: "log")
        try ProtocolGate.checkWritable(Self.features, schema: Self.mapped, metadata: metadata)
        try ProtocolGate.checkWritable(Self.legacy, schema: Self.mapped, metadata: metadata)
        let withDeletionVectors = ProtocolAction(
            minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["columnMapping", "deletionVectors"],
            writerFeatures: ["columnMapping", "deletionVectors"])
        #expect(throws: TableLogError.unsupportedFeature("deletionVectors")) {
            try ProtocolGate.checkWritable(withDeletionVectors, schema: Self.mapped, metadata: metadata)
        }
    }
}

import LakeColumnar
import LakeCore
import LakeTable
import Testing

@Suite struct DeltaSchemaTests {
    static func schemaText(_ fields: [String]) -> String {
        #"{"type":"struct","fields":["# + fields.joined(separator: ",") + "]}"
    }

    static func field(_ name: String, _ type: String, nullable: Bool = true) -> String {
        #"{"name":"\#(name)","type":\#(type),"nullable":\#(nullable),"metadata":{}}"#
    }

    @Test(arguments: [
        ("\"string\"", DataType.utf8), ("\"long\"", .int64), ("\"integer\"", .int32), ("\"short\"", .int16),
        ("\"byte\"", .int8), ("\"float\"", .float32), ("\"double\"", .float64), ("\"boolean\"", .bool),
        ("\"binary\"", .binary), ("\"date\"", .date32), ("\"timestamp\"", .timestamp(.microseconds, utc: true)),
        ("\"timestamp_ntz\"", .timestamp(.microseconds, utc: false)),
        ("\"decimal(10,2)\"", .decimal(precision: 10, scale: 2)),
        ("\"decimal(38, 0)\"", .decimal(precision: 38, scale: 0)),
    ])
    func primitiveTypeMapsToColumnarType(json: String, expected: DataType) throws {
        let schema = try DeltaSchema(parsing: Self.schemaText([Self.field("c", json, nullable: false)]))
        let columnar = try schema.columnarSchema()
        #expect(columnar.fields == [Field("c", expected, nullable: false)])
        #expect(try DeltaSchema(columnar).fields.map(\.type) == schema.fields.map(\.type))
    }

    @Test func nestedColumnsMapToColumnarTypesAndUnknownTypesAreRefusedWhenProjected() throws {
        let point = #"{"type":"struct","fields":[\#(Self.field("x", "\"double\""))]}"#
        let tags = #"{"type":"array","elementType":"string","containsNull":true}"#
        let scores = #"{"type":"map","keyType":"string","valueType":"long","valueContainsNull":false}"#
        let text = Self.schemaText([
            Self.field("id", "\"long\""), Self.field("point", point), Self.field("tags", tags),
            Self.field("scores", scores), Self.field("v", "\"variant\""),
        ])
        let schema = try DeltaSchema(parsing: text)
        #expect(schema.fields[1].type == .struct([DeltaField(name: "x", type: .double)]))
        #expect(schema.fields[2].type == .array(elementType: .string, containsNull: true))
        #expect(schema.fields[3].type == .map(keyType: .string, valueType: .long, valueContainsNull: false))
        #expect(schema.fields[4].type == .other("variant"))
        #expect(try schema.jsonString() == text)
        #expect(try schema.columnarSchema(projecting: ["id"]).fields == [Field("id", .int64)])
        #expect(
            try schema.columnarSchema(projecting: ["point", "tags", "scores"]).fields.map(\.type) == [
                .struct([Field("x", .float64)]), .list(Field("element", .utf8)),
                .map(key: Field("key", .utf8, nullable: false), value: Field("value", .int64, nullable: false)),
            ])
        #expect(try DeltaSchema(schema.columnarSchema(projecting: ["id", "point", "tags", "scores"])).fields
            == Array(schema.fields.prefix(4)))
        #expect(throws: TableLogError.unsupportedType(column: "v", type: "variant")) {
            try schema.columnarSchema(projecting: ["v"])
        }
    }

    @Test func columnMetadataOfAnyJSONTypeSurvivesARoundTrip() throws {
        let text = Self.schemaText([
            #"{"name":"a","type":"long","nullable":true,"metadata":{"delta.columnMapping.id":3,"#
                + #""delta.columnMapping.physicalName":"col-1","comment":"x"}}"#
        ])
        let schema = try DeltaSchema(parsing: text)
        #expect(try schema.jsonString() == text)
        #expect(try schema.columnarSchema().fields[0].metadata["delta.columnMapping.id"] == "3")
    }

    @Test func columnarTypesWithoutDeltaCounterpartWidenOrAreRefused() throws {
        let schema = Schema([
            Field("u8", .uint8), Field("u64", .uint64), Field("ms", .timestamp(.milliseconds, utc: false)),
        ])
        #expect(
            try DeltaSchema(schema).fields.map(\.type) == [.short, .decimal(precision: 20, scale: 0), .timestampNtz])
        #expect(throws: TableLogError.unsupportedType(column: "ns", type: "timestamp(ns,UTC)")) {
            try DeltaSchema(Schema([Field("ns", .timestamp(.nanoseconds, utc: true))]))
        }
    }

    @Test(arguments: [
        "[1]", #"{"type":"array","elementType":"long","containsNull":true}"#,
        schemaText([field("a", "\"decimal(39,0)\"")]), schemaText([field("a", "\"decimal(5,6)\"")]),
        schemaText([field("a", "\"decimal(5)\"")]), schemaText([field("a", "\"long\""), field("A", "\"string\"")]),
        schemaText([#"{"name":"a","type":"long","metadata":{}}"#]), schemaText([field("a", #"{"type":"union"}"#)]),
        "{not json",
    ])
    func invalidSchemaTextIsRefused(text: String) {
        #expect {
            try DeltaSchema(parsing: text)
        } throws: { error in
            guard case .invalidSchema = error as? TableLogError else { return false }
            return true
        }
    }

    @Test func schemaNestedDeeperThanTheLimitIsRefused() {
        var type = "\"long\""
        for _ in 0..<(TableLimits.schemaDepthMax + 1) {
            type = #"{"type":"array","elementType":\#(type),"containsNull":true}"#
        }
        #expect {
            try DeltaSchema(parsing: Self.schemaText([Self.field("deep", type)]))
        } throws: { error in
            guard case .invalidSchema(let reason) = error as? TableLogError else { return false }
            return reason.contains("deeper than")
        }
    }
}

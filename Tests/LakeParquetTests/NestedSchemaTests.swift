import LakeColumnar
import LakeParquet
import Testing

/// How nested schema trees map to in-memory types, including the backward-compatibility rules of
/// LogicalTypes.md for lists and maps that older writers produce.
@Suite struct NestedSchemaTests {
    static func group(
        _ name: String, _ repetition: FieldRepetitionType?, children: Int32, converted: ConvertedType? = nil,
        logical: LogicalType? = nil
    ) -> SchemaElement {
        SchemaElement(
            repetitionType: repetition, name: name, numChildren: children, convertedType: converted,
            logicalType: logical)
    }

    static func leaf(_ name: String, _ repetition: FieldRepetitionType, _ type: PhysicalType = .int32) -> SchemaElement {
        SchemaElement(type: type, repetitionType: repetition, name: name)
    }

    static func field(_ elements: [SchemaElement]) throws -> ParquetField {
        let schema = try ParquetSchema(elements: [group("schema", nil, children: 1)] + elements)
        return try #require(schema.fields.first)
    }

    static let int32Element = Field("element", .int32, nullable: false)

    @Test func twoLevelListOfPrimitivesHasRequiredElements() throws {
        let field = try Self.field([
            Self.group("a", .optional, children: 1, converted: .list), Self.leaf("array", .repeated),
        ])
        #expect(field.field == Field("a", .list(Self.int32Element)))
    }

    @Test func repeatedFieldWithoutAnnotationIsRequiredListOfRequiredItems() throws {
        let field = try Self.field([Self.leaf("r", .repeated)])
        #expect(field.field == Field("r", .list(Self.int32Element), nullable: false))
        #expect(!field.isFlat)
    }

    @Test func tupleNamedRepeatedGroupIsTheElement() throws {
        let field = try Self.field([
            Self.group("a", .optional, children: 1, converted: .list),
            Self.group("a_tuple", .repeated, children: 1), Self.leaf("x", .required),
        ])
        let element = Field("element", .struct([Field("x", .int32, nullable: false)]), nullable: false)
        #expect(field.field == Field("a", .list(element)))
    }

    @Test func threeLevelListUnderAnyNamesReadsAsElement() throws {
        let field = try Self.field([
            Self.group("a", .required, children: 1, logical: .list),
            Self.group("bag", .repeated, children: 1), Self.leaf("array_element", .optional),
        ])
        #expect(field.field == Field("a", .list(Field("element", .int32)), nullable: false))
    }

    @Test func legacyMapKeyValueAnnotationReadsAsMap() throws {
        let schema = try ParquetSchema(elements: [
            Self.group("schema", nil, children: 1),
            Self.group("m", .optional, children: 1, converted: .mapKeyValue),
            Self.group("map", .repeated, children: 2),
            SchemaElement(type: .byteArray, repetitionType: .required, name: "key", convertedType: .utf8),
            Self.leaf("value", .optional),
        ])
        let field = try #require(schema.fields.first)
        #expect(field.field == Field("m", .map(key: Field("key", .utf8, nullable: false), value: Field("value", .int32))))
        #expect(schema.columns.map(\.name) == ["m.map.key", "m.map.value"])
        #expect(schema.columns.map(\.maxDefinitionLevel) == [2, 3])
        #expect(schema.columns.map(\.maxRepetitionLevel) == [1, 1])
    }

    @Test func groupWithoutFieldsIsUnsupportedButOtherColumnsRead() throws {
        let schema = try ParquetSchema(elements: [
            Self.group("schema", nil, children: 2), Self.group("empty", .optional, children: 0),
            Self.leaf("x", .required),
        ])
        #expect(schema.fields[0].field == nil)
        #expect(schema.fields[0].unsupportedReason != nil)
        #expect(schema.schema.fields == [Field("x", .int32, nullable: false)])
    }

    @Test func listWithoutRepeatedChildIsUnsupported() throws {
        let field = try Self.field([
            Self.group("a", .optional, children: 1, converted: .list), Self.leaf("element", .optional),
        ])
        #expect(field.field == nil)
    }

    @Test func writtenNestedSchemaReadsBackAsTheSameFields() throws {
        let schema = NestedRoundTripTests.schema
        let parsed = try ParquetSchema(elements: try ParquetSchema.elements(for: schema))
        #expect(parsed.schema.fields == schema.fields)
        #expect(parsed.fields.map(\.isFlat) == schema.fields.map { !$0.type.isNested })
        #expect(parsed.columns.contains { $0.name == "attributes.key_value.key" && $0.maxRepetitionLevel == 1 })
        #expect(parsed.columns.contains { $0.name == "matrix.list.element.list.element" && $0.maxDefinitionLevel == 5 })
    }
}

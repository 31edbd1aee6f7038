import LakeColumnar
import Testing

@Suite struct NestedColumnTests {
    static let listType = DataType.list(Field("element", .int32))
    static let structType = DataType.struct([Field("name", .utf8), Field("score", .float64, nullable: false)])
    static let mapType = DataType.map(key: Field("key", .utf8, nullable: false), value: Field("value", .int64))

    static func listColumn() throws -> Column {
        var builder = ColumnBuilder(type: listType)
        for value: Value in [.list([.int(1), .null, .int(3)]), .null, .list([]), .list([.int(4)])] {
            try builder.append(value)
        }
        return builder.build()
    }

    @Test func listRowsKeepItemsNullsAndEmptyLists() throws {
        let column = try Self.listColumn()
        #expect(column.count == 4)
        #expect(column.nullCount == 1)
        #expect(column.value(at: 0) == .list([.int(1), .null, .int(3)]))
        #expect(column.value(at: 1) == .null)
        #expect(column.value(at: 2) == .list([]))
        guard case .list(let offsets, let elements) = column.values else {
            Issue.record("list storage expected")
            return
        }
        #expect(offsets == [0, 3, 3, 3, 4])
        #expect(elements.count == 4)
        #expect(elements.nullCount == 1)
    }

    @Test func sliceAndTakeRebaseListOffsets() throws {
        let column = try Self.listColumn()
        let sliced = column.slice(2..<4)
        #expect((0..<2).map(sliced.value(at:)) == [.list([]), .list([.int(4)])])
        let taken = column.taking([3, 0, 0])
        #expect((0..<3).map(taken.value(at:)) == [
            .list([.int(4)]), .list([.int(1), .null, .int(3)]), .list([.int(1), .null, .int(3)]),
        ])
        guard case .list(let offsets, _) = taken.values else {
            Issue.record("list storage expected")
            return
        }
        #expect(offsets == [0, 1, 4, 7])
    }

    @Test func structRowsHaveOneSlotPerChildEvenWhenNull() throws {
        var builder = ColumnBuilder(type: Self.structType)
        try builder.append(.struct([.string("btc"), .float64(1.5)]))
        builder.appendNull()
        try builder.append(.struct([.null, .float64(-2)]))
        let column = builder.build()
        #expect(column.count == 3)
        #expect(column.value(at: 1) == .null)
        #expect(column.value(at: 2) == .struct([.null, .float64(-2)]))
        guard case .struct(let children, let count) = column.values else {
            Issue.record("struct storage expected")
            return
        }
        #expect(count == 3)
        #expect(children.map(\.count) == [3, 3])
        #expect(column.slice(1..<3) == column.taking([1, 2]))
    }

    @Test func structWithWrongArityIsATypeMismatch() {
        var builder = ColumnBuilder(type: Self.structType)
        #expect(throws: ColumnarError.self) { try builder.append(.struct([.string("only one")])) }
    }

    @Test func mapRowsKeepEntryOrderAndRefuseNullKeys() throws {
        var builder = ColumnBuilder(type: Self.mapType)
        try builder.append(.map(keys: [.string("a"), .string("b")], values: [.int(1), .null]))
        try builder.append(.map(keys: [], values: []))
        let column = builder.build()
        #expect(column.value(at: 0) == .map(keys: [.string("a"), .string("b")], values: [.int(1), .null]))
        #expect(column.value(at: 1) == .map(keys: [], values: []))
        var failing = ColumnBuilder(type: Self.mapType)
        #expect(throws: ColumnarError.nullInRequiredColumn) {
            try failing.append(.map(keys: [.null], values: [.int(1)]))
        }
    }

    @Test func emptyColumnsOfNestedTypesHaveZeroRows() {
        for type in [Self.listType, Self.structType, Self.mapType] {
            let column = Column(empty: type)
            #expect(column.count == 0)
            #expect(column.type == type)
        }
    }

    @Test func formatterRendersNestedValuesWithQuotedStrings() throws {
        let column = try Self.listColumn()
        #expect(ValueFormatter.text(column, row: 0) == "[1, null, 3]")
        #expect(ValueFormatter.text(column, row: 1) == nil)
        let record = Value.struct([.string("say \"hi\""), .float64(2)])
        #expect(ValueFormatter.text(record, type: Self.structType) == "{name: \"say \\\"hi\\\"\", score: 2.0}")
        let entries = Value.map(keys: [.string("k")], values: [.int(7)])
        #expect(ValueFormatter.text(entries, type: Self.mapType) == "{\"k\": 7}")
    }

    @Test func nestedTypesDescribeTheirChildren() {
        #expect(Self.listType.description == "list<int32>")
        #expect(Self.structType.description == "struct<name: utf8, score: float64>")
        #expect(Self.mapType.description == "map<utf8, int64>")
        #expect(Self.mapType.isNested && !DataType.int32.isNested)
    }
}

@Test func alternatingNullAndValidStringsBuildOneColumn() throws {
    // 200k appends: a builder that copied its arrays on every append (as it once did) would take minutes here.
    var builder = ColumnBuilder(type: .utf8)
    for row in 0..<200_000 {
        if row % 2 == 0 { builder.appendNull() } else { try builder.append(.string("x")) }
    }
    let column = builder.build()
    #expect(column.count == 200_000)
    #expect(column.nullCount == 100_000)
    #expect(column.value(at: 199_999) == .string("x"))
}

import LakeColumnar
import LakeSQL
import Testing

@Suite struct TypeNameTests {
    private func type(_ text: String) throws -> DataType? {
        guard case .cast(_, let name) = try SQLParser.parseExpression("CAST(x AS \(text))").kind else { return nil }
        return name.dataType
    }

    @Test func integerAndFloatingNamesFollowDuckDB() throws {
        #expect(try type("int") == .int32)
        #expect(try type("BIGINT") == .int64)
        #expect(try type("smallint") == .int16)
        #expect(try type("tinyint") == .int8)
        #expect(try type("ubigint") == .uint64)
        #expect(try type("float") == .float32)
        #expect(try type("double precision") == .float64)
        #expect(try type("boolean") == .bool)
    }

    @Test func decimalsDefaultAndCheckTheirParameters() throws {
        #expect(try type("DECIMAL") == .decimal(precision: 18, scale: 3))
        #expect(try type("NUMERIC(10)") == .decimal(precision: 10, scale: 0))
        #expect(try type("decimal(38, 9)") == .decimal(precision: 38, scale: 9))
        #expect(try type("decimal(39, 0)") == nil)
        #expect(try type("decimal(5, 6)") == nil)
        #expect(try type("decimal(0)") == nil)
    }

    @Test func stringsBinaryAndTemporalTypes() throws {
        #expect(try type("varchar(20)") == .utf8)
        #expect(try type("character varying") == .utf8)
        #expect(try type("bytea") == .binary)
        #expect(try type("date") == .date32)
        #expect(try type("time") == .time(.microseconds))
        #expect(try type("timestamp") == .timestamp(.microseconds, utc: false))
        #expect(try type("timestamptz") == .timestamp(.microseconds, utc: true))
        #expect(try type("timestamp with time zone") == .timestamp(.microseconds, utc: true))
        #expect(try type("timestamp without time zone") == .timestamp(.microseconds, utc: false))
    }

    @Test func unknownNamesAndMisplacedParametersHaveNoType() throws {
        #expect(try type("money") == nil)
        #expect(try type("int(4)") == nil)
        #expect(try type("varchar(1, 2)") == nil)
    }
}

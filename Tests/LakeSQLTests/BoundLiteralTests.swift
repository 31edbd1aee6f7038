import LakeColumnar
import LakeSQL
import Testing

/// Literals after binding: values, types and their EXPLAIN text.
@Suite struct BoundLiteralTests {
    static let cases: [(sql: String, value: Value, type: DataType, text: String)] = [
        ("1.50", .decimal(150), .decimal(precision: 3, scale: 2), "1.50"),
        (".5", .decimal(5), .decimal(precision: 1, scale: 1), "0.5"),
        (
            "99999999999999999999", .decimal(99_999_999_999_999_999_999), .decimal(precision: 20, scale: 0),
            "99999999999999999999"
        ),
        ("6.02e23", .float64(6.02e23), .float64, "6.02e+23"),
        ("-7", .int(-7), .int64, "-7"),
        ("'it''s'", .string("it's"), .utf8, "'it''s'"),
        ("DATE '2024-02-29'", .int(19_782), .date32, "DATE '2024-02-29'"),
        (
            "TIMESTAMP '2024-01-31T12:30:15.5Z'", .int(1_706_704_215_500_000), .timestamp(.microseconds, utc: false),
            "TIMESTAMP '2024-01-31 12:30:15.500000'"
        ),
        (
            "TIMESTAMP '1969-12-31 23:59:59'", .int(-1_000_000), .timestamp(.microseconds, utc: false),
            "TIMESTAMP '1969-12-31 23:59:59'"
        ),
        ("CAST(5 AS SMALLINT)", .int(5), .int16, "5"),
        ("CAST(NULL AS DATE)", .null, .date32, "NULL"),
    ]

    @Test(arguments: cases)
    func literalBindsToValueAndType(sql: String, value: Value, type: DataType, text: String) throws {
        guard case .query(.project(_, let items)) = try BinderTestCatalog.binder.bind(sql: "SELECT \(sql)") else {
            Issue.record("expected a projection")
            return
        }
        #expect(items[0].expression == .literal(value, type))
        #expect(items[0].expression.text(in: Schema([])) == text)
    }

    @Test(arguments: [
        "DATE '2023-02-29'", "TIMESTAMP '2024-01-01 24:00:00'", "DATE 'yesterday'", "TIMESTAMP '2024-1-01'",
    ])
    func invalidTypedLiteralIsAnError(sql: String) {
        let message = BinderTestCatalog.error("SELECT \(sql)")
        #expect(message?.hasPrefix("invalid literal") == true)
    }

    @Test func intervalsCombineUnitsIntoMonthsDaysAndMicroseconds() throws {
        guard
            case .query(.project(_, let items)) = try BinderTestCatalog.binder.bind(
                sql: "SELECT d + INTERVAL '1 year 2 months 3 weeks 4 days 5 hours 6 minutes' FROM t")
        else { return }
        guard case .addInterval(_, let interval) = items[0].expression.kind else {
            Issue.record("expected an interval addition")
            return
        }
        #expect(interval == IntervalValue(months: 14, days: 25, microseconds: 18_360_000_000))
    }
}

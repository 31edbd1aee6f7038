import LakeColumnar
import LakeExec
import Testing

@Suite struct TypePromotionTests {
    static let types: [DataType] = [
        .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64,
        .decimal(precision: 10, scale: 2), .decimal(precision: 38, scale: 0), .decimal(precision: 5, scale: 5),
        .utf8, .binary, .fixedSizeBinary(width: 4), .date32, .time(.milliseconds), .time(.microseconds),
        .timestamp(.milliseconds, utc: false), .timestamp(.microseconds, utc: false),
        .timestamp(.nanoseconds, utc: false),
    ]

    @Test func knownPairsPromoteAsSpecified() {
        let expectations: [(DataType, DataType, DataType?)] = [
            (.int8, .int32, .int32), (.uint8, .int8, .int16), (.uint32, .int32, .int64),
            (.uint64, .int64, .decimal(precision: 20, scale: 0)), (.uint16, .uint64, .uint64),
            (.float32, .float32, .float32), (.float32, .int8, .float64),
            (.decimal(precision: 10, scale: 2), .float32, .float64),
            (.int64, .decimal(precision: 10, scale: 2), .decimal(precision: 21, scale: 2)),
            (.decimal(precision: 38, scale: 0), .decimal(precision: 5, scale: 5), .decimal(precision: 38, scale: 5)),
            (.date32, .timestamp(.milliseconds, utc: true), .timestamp(.milliseconds, utc: true)),
            (
                .timestamp(.milliseconds, utc: false), .timestamp(.nanoseconds, utc: true),
                .timestamp(.nanoseconds, utc: false)
            ),
            (.time(.milliseconds), .time(.microseconds), .time(.microseconds)),
            (.utf8, .fixedSizeBinary(width: 4), nil), (.binary, .fixedSizeBinary(width: 4), .binary),
            (.utf8, .binary, .binary), (.bool, .int8, nil), (.utf8, .int64, nil), (.date32, .time(.milliseconds), nil),
        ]
        for (lhs, rhs, expected) in expectations {
            #expect(DataType.commonSupertype(lhs, rhs) == expected, "\(lhs) with \(rhs)")
        }
    }

    @Test func theLatticeIsSymmetricAndAbsorbing() {
        func ignoringZone(_ type: DataType?) -> DataType? {
            if case .timestamp(let unit, _)? = type { return .timestamp(unit, utc: false) }
            return type
        }
        for lhs in Self.types {
            #expect(DataType.commonSupertype(lhs, lhs) == lhs)
            for rhs in Self.types {
                let common = DataType.commonSupertype(lhs, rhs)
                #expect(ignoringZone(common) == ignoringZone(DataType.commonSupertype(rhs, lhs)), "\(lhs) with \(rhs)")
                guard let common else { continue }
                #expect(DataType.commonSupertype(lhs, common) == common, "\(lhs) into \(common)")
                #expect(DataType.commonSupertype(rhs, common) == common, "\(rhs) into \(common)")
            }
        }
    }

    @Test func comparisonsBindOperandsToTheCommonSupertype() throws {
        for lhs in Self.types {
            for rhs in Self.types {
                let schema = Schema([Field("a", lhs), Field("b", rhs)])
                let bound = try? (col("a") < col("b")).bound(to: schema)
                #expect((bound != nil) == (DataType.commonSupertype(lhs, rhs) != nil), "\(lhs) with \(rhs)")
            }
        }
    }
}

import LakeColumnar
import Testing

@testable import LakeTextFormats

@Suite struct CSVInferenceTests {
    @Test func infersBoolFromTrueAndFalseInAnyCase() throws {
        let result = try readCSV("flag\ntrue\nFALSE\n\nTrue\n")
        #expect(result.type("flag") == .bool)
        #expect(result.values("flag") == [.bool(true), .bool(false), .bool(true)])
    }

    @Test func infersInt64AndKeepsEmptyFieldsAsNull() throws {
        let result = try readCSV("n\n1\n-42\n\"\"\n+7\n9223372036854775807\n-9223372036854775808\n")
        #expect(result.type("n") == .int64)
        #expect(result.values("n") == [.int(1), .int(-42), .null, .int(7), .int(.max), .int(.min)])
    }

    @Test func infersFloat64WhenIntegersMeetFractionsOrOverflow() throws {
        let result = try readCSV("x,y\n1,9223372036854775808\n2.5,1\n-3e2,2\nnan,3\n")
        #expect(result.type("x") == .float64)
        #expect(result.type("y") == .float64)
        let x = result.values("x")
        #expect(x[0] == .float64(1) && x[1] == .float64(2.5) && x[2] == .float64(-300))
        if case .float64(let value) = x[3] { #expect(value.isNaN) } else { Issue.record("expected NaN") }
        #expect(result.values("y")[0] == .float64(9_223_372_036_854_775_808))
    }

    @Test func keepsNumbersWithLeadingZerosAsText() throws {
        let result = try readCSV("zip,amount\n01234,0.5\n98765,00.5\n")
        #expect(result.type("zip") == .utf8)
        #expect(result.type("amount") == .utf8)
        #expect(result.values("zip") == [.text("01234"), .text("98765")])
    }

    @Test func infersZonedTimestampsAsUTCMicroseconds() throws {
        let result = try readCSV("ts\n2024-01-01T00:00:00Z\n2024-01-01T01:30:00+01:00\n2024-01-01 00:00:00.25-0130\n")
        #expect(result.type("ts") == .timestamp(.microseconds, utc: true))
        #expect(
            result.values("ts") == [
                .int(micros(2024, 1, 1)), .int(micros(2024, 1, 1, 0, 30)),
                .int(micros(2024, 1, 1, 1, 30) + 250_000),
            ])
    }

    @Test func infersUnzonedTimestampsWithoutZone() throws {
        let result = try readCSV("ts\n2024-01-01 00:00:00\n2024-02-29T23:59:59.123456\n")
        #expect(result.type("ts") == .timestamp(.microseconds, utc: false))
        #expect(result.values("ts") == [.int(micros(2024, 1, 1)), .int(micros(2024, 2, 29, 23, 59, 59) + 123_456)])
    }

    @Test func infersNanosecondsWhenFractionsNeedThem() throws {
        let result = try readCSV("ts\n1970-01-01T00:00:00.000000001Z\n1970-01-01T00:00:01Z\n")
        #expect(result.type("ts") == .timestamp(.nanoseconds, utc: true))
        #expect(result.values("ts") == [.int(1), .int(1_000_000_000)])
    }

    @Test func infersDate32AndTreatsDatesAmongTimestampsAsMidnight() throws {
        let dates = try readCSV("d\n2024-01-01\n1969-12-31\n")
        #expect(dates.type("d") == .date32)
        #expect(dates.values("d") == [.int(days(2024, 1, 1)), .int(-1)])
        let mixed = try readCSV("t\n2024-01-01\n2024-01-02 12:00:00\n")
        #expect(mixed.type("t") == .timestamp(.microseconds, utc: false))
        #expect(mixed.values("t") == [.int(micros(2024, 1, 1)), .int(micros(2024, 1, 2, 12))])
    }

    @Test func fallsBackToUTF8ForMixedOrInvalidTemporalValues() throws {
        let result = try readCSV("a,b,c\n2024-01-01T00:00:00Z,2024-02-30,true\n2024-01-01T00:00:00,2024-02-01,1\n")
        #expect(result.type("a") == .utf8)  // zoned mixed with unzoned
        #expect(result.type("b") == .utf8)  // February 30th
        #expect(result.type("c") == .utf8)  // bool mixed with int
    }

    @Test func infersUTF8ForAllNullColumns() throws {
        let result = try readCSV("a,b\n,1\nNULL,2\n", options: CSVOptions(nullStrings: ["NULL"]))
        #expect(result.type("a") == .utf8)
        #expect(result.values("a") == [.null, .null])
        #expect(result.schema.fields.allSatisfy { $0.isNullable })
    }

    @Test func infersFromTheSampleOnlyAndNamesHeaderlessColumns() throws {
        let options = CSVOptions(hasHeader: false, inferenceRowsMax: 2)
        let result = try readCSV("1,x\n2,y\n3,z\n", options: options)
        #expect(result.schema.fields.map(\.name) == ["column1", "column2"])
        #expect(result.values("column1") == [.int(1), .int(2), .int(3)])
    }
}

import LakeColumnar
import LakeCore
import LakePipeline
import Testing

@Suite struct RecordFlattenerTests {
    func flatten(_ text: String) throws -> Batch {
        guard case .array(let records) = try JSONParser.parse(text) else {
            throw PipelineError.stepFailed(step: "t", reason: "not an array")
        }
        return try RecordFlattener.batch(records: records, endpoint: "t", extractedAtMicros: 42)
    }

    @Test func nestedObjectsBecomeUnderscoreJoinedColumns() throws {
        let batch = try flatten(
            #"""
            [{"id": 1, "quote": {"USD": {"price": 91234.5, "volume_24h": 4.1e10}}},
             {"id": 1027, "quote": {"USD": {"price": 3087, "volume_24h": 2.0e10}}}]
            """#)
        #expect(batch.schema.fields.map(\.name) == ["id", "quote_usd_price", "quote_usd_volume_24h", "_extracted_at"])
        #expect(batch.schema.fields.map(\.type) == [.int64, .float64, .float64, .timestamp(.microseconds, utc: true)])
        #expect(batch.columns[1].value(at: 0) == .float64(91234.5))
        #expect(batch.columns[1].value(at: 1) == .float64(3087))
        #expect(batch.columns[3].value(at: 1) == .int(42))
    }

    @Test func typesFollowEveryRecordAndMissingKeysAreNull() throws {
        let batch = try flatten(
            #"""
            [{"a": true, "b": 1, "c": "x", "d": 1, "e": null, "tags": ["pos", "layer-1"]},
             {"a": false, "b": 2, "c": "y", "d": "mixed", "f": 2.5, "tags": []}]
            """#)
        let types = Dictionary(uniqueKeysWithValues: batch.schema.fields.map { ($0.name, $0.type) })
        #expect(types["a"] == .bool)
        #expect(types["b"] == .int64)
        #expect(types["c"] == .utf8)
        #expect(types["d"] == .utf8)
        #expect(types["e"] == .utf8)
        #expect(types["f"] == .float64)
        #expect(types["tags"] == .utf8)
        #expect(batch.column(named: "d")?.value(at: 0) == .string("1"))
        #expect(batch.column(named: "f")?.value(at: 0) == .null)
        #expect(batch.column(named: "tags")?.value(at: 0) == .string(#"["pos","layer-1"]"#))
        #expect(batch.column(named: "tags")?.value(at: 1) == .string("[]"))
        #expect(batch.schema.fields.allSatisfy { $0.isNullable || $0.name == "_extracted_at" })
    }

    @Test func anObjectThatIsSometimesNullLivesOnlyInItsFlattenedColumns() throws {
        let batch = try flatten(
            #"""
            [{"id": 1, "platform": null},
             {"id": 825, "platform": {"id": 1027, "token_address": "0xdac1"}}]
            """#)
        #expect(batch.schema.fields.map(\.name) == ["id", "platform_id", "platform_token_address", "_extracted_at"])
        #expect(batch.column(named: "platform_id")?.value(at: 0) == .null)
        #expect(batch.column(named: "platform_id")?.value(at: 1) == .int(1027))
    }

    @Test func namesAreSanitizedAndCollisionsNumbered() throws {
        let batch = try flatten(#"[{"tag-names": "a", "tag_names": "b", "Tag Names": "c", "": 1}]"#)
        #expect(batch.schema.fields.map(\.name) == ["tag_names", "tag_names_2", "tag_names_3", "_", "_extracted_at"])
        #expect(batch.column(named: "tag_names_2")?.value(at: 0) == .string("b"))
        #expect(RecordFlattener.sanitize("percent_change_24h") == "percent_change_24h")
        #expect(RecordFlattener.sanitize("USD") == "usd")
    }

    @Test func nonObjectRecordsAreRejected() {
        #expect(throws: PipelineError.invalidPayload(endpoint: "t", reason: "record 1 is integer, not an object")) {
            try flatten(#"[{"a": 1}, 7]"#)
        }
    }

    @Test func hugeIntegersFallBackToDoubles() throws {
        let batch = try flatten(#"[{"n": 18446744073709551615}, {"n": 1}]"#)
        #expect(batch.column(named: "n")?.type == .float64)
    }
}

@Suite struct CreditAndLayoutTests {
    @Test func creditRulesRoundUpAndChargeAtLeastOne() {
        #expect(CreditRule.perItems(200).credits(forItems: 0) == 1)
        #expect(CreditRule.perItems(200).credits(forItems: 200) == 1)
        #expect(CreditRule.perItems(200).credits(forItems: 201) == 2)
        #expect(CreditRule.perItems(100).credits(forItems: 5_000) == 50)
        #expect(CreditRule.perRequest(1).credits(forItems: 5_000) == 1)
    }

    @Test func snapshotPathsUseTheRunStartInUTC() {
        #expect(BronzeLayout.timestampText(millis: runStartMillis + 3_723_999) == "20261120_130203")
        #expect(
            BronzeLayout.snapshotPath(endpoint: "listings_latest", millis: runStartMillis)
                == "bronze/listings_latest/listings_latest-20261120_120000.parquet")
        #expect(BronzeLayout.timestampText(millis: 0) == "19700101_000000")
        #expect(BronzeLayout.monthText(millis: runStartMillis) == "2026-11")
    }

    @Test func theLedgerPersistsAndRestartsEachMonth() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let source = APISource.coinMarketCap(monthlyCreditsMax: 100, reserveCredits: 10)
        var ledger = try CreditLedger.load(from: scratch.store, month: "2026-11")
        #expect(ledger.available(for: source) == 90)
        ledger.charge(85, to: "coinmarketcap")
        try ledger.save(to: scratch.store)
        let reloaded = try CreditLedger.load(from: scratch.store, month: "2026-11")
        #expect(reloaded == ledger)
        #expect(throws: PipelineError.creditBudgetExceeded(source: "coinmarketcap", needed: 6, available: 5)) {
            try reloaded.requireRoom(6, for: source)
        }
        try reloaded.requireRoom(5, for: source)
        #expect(try CreditLedger.load(from: scratch.store, month: "2026-12").used.isEmpty)
        try scratch.store.put(CreditLedger.path, Array(#"{"month":"2026-11","used":{"coinmarketcap":-3}}"#.utf8))
        #expect(throws: PipelineError.self) { try CreditLedger.load(from: scratch.store, month: "2026-11") }
    }

    @Test func seenIDsRoundTripInNaturalOrder() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let seen = SeenIDs(byEndpoint: ["cryptocurrency_info": ["1027", "1", "52"], "x": ["b", "a"]])
        try seen.save(to: scratch.store)
        #expect(try SeenIDs.load(from: scratch.store) == seen)
        let text = String(decoding: try scratch.store.read(SeenIDs.path), as: UTF8.self)
        #expect(text == #"{"cryptocurrency_info":["1","52","1027"],"x":["a","b"]}"# + "\n")
    }
}

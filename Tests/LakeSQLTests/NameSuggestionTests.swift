import LakeSQL
import Testing

@Suite struct NameSuggestionTests {
    @Test(arguments: [
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("abc", "", 3),
        ("flaw", "lawn", 2),
        ("form", "from", 1),
        ("same", "same", 0),
    ])
    func editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(a: String, b: String, distance: Int) {
        #expect(NameSuggestion.editDistance(Array(a), Array(b)) == distance)
        #expect(NameSuggestion.editDistance(Array(b), Array(a)) == distance)
    }

    @Test func suggestsTheNearestCandidateCaseInsensitively() {
        let columns = ["price_usd", "market_cap", "volume_24h", "symbol"]
        #expect(NameSuggestion.suggestion(for: "prce_usd", among: columns) == "price_usd")
        #expect(NameSuggestion.suggestion(for: "MARKET_CAP", among: columns) == "market_cap")
        #expect(NameSuggestion.suggestion(for: "volume_42h", among: columns) == "volume_24h")
        #expect(NameSuggestion.suggestion(for: "FORM", among: ["FROM", "WHERE"]) == "FROM")
    }

    @Test func suggestsNothingWhenNoCandidateIsClose() {
        #expect(NameSuggestion.suggestion(for: "zzz", among: ["price", "symbol"]) == nil)
        #expect(NameSuggestion.suggestion(for: "x", among: ["yy"]) == nil)
        #expect(NameSuggestion.suggestion(for: "", among: ["a"]) == nil)
        #expect(NameSuggestion.suggestion(for: "a", among: []) == nil)
    }

    @Test func tiesGoToTheEarliestCandidate() {
        #expect(NameSuggestion.suggestion(for: "ab", among: ["ax", "ay"]) == "ax")
    }

    @Test func overlongNamesAreNeverCompared() {
        let long = String(repeating: "a", count: NameSuggestion.nameCharactersMax + 1)
        #expect(NameSuggestion.suggestion(for: long, among: [long + "b"]) == nil)
        #expect(NameSuggestion.suggestion(for: "a", among: [long]) == nil)
    }
}

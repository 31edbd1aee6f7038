import LakeCore
import Testing

@Suite struct JSONObjectTests {
    @Test(arguments: [0, 1, 8, 9, 50])
    func lookupFindsEveryKeyOnBothSidesOfTheIndexThreshold(count: Int) throws {
        var object = JSONObject()
        for position in 0..<count { object["key\(position)"] = .int64(Int64(position)) }
        #expect(object.count == count)
        for position in 0..<count {
            #expect(object["key\(position)"] == .int64(Int64(position)))
            #expect(object.index(forKey: "key\(position)") == position)
        }
        #expect(object["missing"] == nil)
        #expect(object.keys == (0..<count).map { "key\($0)" })
    }

    @Test func replacingKeepsThePositionAndRemovingKeepsTheOrder() {
        var object = JSONObject()
        for position in 0..<12 { object["k\(position)"] = .int64(Int64(position)) }
        #expect(object.updateValue("new", forKey: "k3") == 3)
        #expect(object.index(forKey: "k3") == 3)
        #expect(object.removeValue(forKey: "k0") == 0)
        #expect(object.removeValue(forKey: "k0") == nil)
        #expect(object.index(forKey: "k11") == 10)
        #expect(object["k3"] == "new")
        for position in 1..<9 { object["k\(position)"] = nil }
        #expect(object.keys == ["k9", "k10", "k11"])
        #expect(object["k10"] == 10)
    }

    @Test func literalsAndSequencesWithRepeatedKeysKeepTheLastValueAtTheFirstPosition() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object.values == [3, 2])
    }

    @Test func equalityFollowsMemberOrder() {
        let ab: JSONObject = ["a": 1, "b": 2]
        let ba: JSONObject = ["b": 2, "a": 1]
        #expect(ab != ba)
        #expect(ab == JSONObject([("a", 1), ("b", 2)]))
        #expect(Set([JSONValue.object(ab), .object(ab), .object(ba)]).count == 2)
    }

    @Test func numbersCompareByKindAndValue() {
        #expect(JSONNumber.int64(5) == .uint64(5))
        #expect(JSONNumber(5) == .int64(5))
        #expect(JSONNumber(UInt64.max) == .uint64(.max))
        #expect(Set<JSONNumber>([.int64(5), .uint64(5)]).count == 1)
        #expect(JSONNumber.int64(1) != .double(1))
        #expect(JSONNumber.int64(-1) != .uint64(.max))
        #expect(JSONNumber.double(-0.0) == .double(0.0))
        #expect(JSONNumber.uint64(.max).int64Value == nil)
        #expect(JSONNumber.int64(-1).uint64Value == nil)
        #expect(JSONNumber.uint64(.max).doubleValue == 18446744073709551615.0)
    }

    @Test func accessorsReturnNilForOtherKinds() {
        let value: JSONValue = ["s": "x", "i": 1, "d": 1.5, "b": true, "a": [1], "o": [:], "n": nil]
        #expect(value["s"]?.stringValue == "x")
        #expect(value["i"]?.int64Value == 1)
        #expect(value["i"]?.doubleValue == 1)
        #expect(value["d"]?.int64Value == nil)
        #expect(value["d"]?.doubleValue == 1.5)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["a"]?[0] == 1)
        #expect(value["a"]?[1] == nil)
        #expect(value["o"]?.objectValue == JSONObject())
        #expect(value["n"]?.isNull == true)
        #expect(value["s"]?.boolValue == nil)
        #expect(value["s"]?["x"] == nil)
        #expect(value[0] == nil)
        #expect(value["missing"] == nil)
    }

    @Test func requireHelpersNameTheFullPathAndTheKinds() throws {
        let add = try #require(
            try JSONParser.parse(#"{"size":"12","n":null,"big":18446744073709551615,"d":1.0,"tags":{"a":1}}"#)
                .objectValue)
        #expect(throws: JSONError.wrongType("add.size", expected: "integer", found: "string")) {
            try add.requireInt64("size", in: "add")
        }
        #expect(throws: JSONError.missingField("add.path")) { try add.requireString("path", in: "add") }
        #expect(throws: JSONError.missingField("path")) { try add.requireString("path") }
        #expect(throws: JSONError.wrongType("add.n", expected: "boolean", found: "null")) {
            try add.requireBool("n", in: "add")
        }
        #expect(throws: JSONError.wrongType("add.big", expected: "integer", found: "integer above \(Int64.max)")) {
            try add.requireInt64("big", in: "add")
        }
        #expect(throws: JSONError.wrongType("add.d", expected: "integer", found: "number")) {
            try add.requireInt64("d", in: "add")
        }
        #expect(throws: JSONError.wrongType("add.tags", expected: "array", found: "object")) {
            try add.requireArray("tags", in: "add")
        }
        #expect(throws: JSONError.wrongType("add.tags.a", expected: "string", found: "integer")) {
            try add.requireObject("tags", in: "add").requireString("a", in: "add.tags")
        }
        #expect(
            JSONError.wrongType("add.size", expected: "integer", found: "string").description
                == "add.size: expected integer, found string")
        #expect(JSONError.missingField("add.path").description == "add.path: required field is missing")
        #expect(try add.requireDouble("d") == 1)
        #expect(try add.requireDouble("big") == 18446744073709551615.0)
        #expect(try add.require("n") == .null)
    }

    @Test func optionalHelpersAcceptAbsentAndNullButNotOtherKinds() throws {
        let object: JSONObject = ["stats": nil, "tags": ["k": "v"], "size": "x"]
        #expect(try object.optionalString("stats") == nil)
        #expect(try object.optionalString("missing") == nil)
        #expect(try object.optionalObject("tags") == ["k": "v"])
        #expect(try object.optionalArray("missing") == nil)
        #expect(try object.optionalBool("missing") == nil)
        #expect(try object.optionalDouble("missing") == nil)
        #expect(object.optional("stats") == nil)
        #expect(throws: JSONError.wrongType("remove.size", expected: "integer", found: "string")) {
            try object.optionalInt64("size", in: "remove")
        }
    }

    @Test func pathsJoinKeysAndIndices() {
        #expect(JSONError.path("", key: "add") == "add")
        #expect(JSONError.path("add", key: "size") == "add.size")
        #expect(JSONError.path("add.tags", index: 2) == "add.tags[2]")
    }
}

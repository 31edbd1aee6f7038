import Foundation
import LakeCore
import LakeTestSupport
import Testing

/// Cross-checks the parser and writer against Python's `json` module, in both directions.
///
/// Every value is compared through a type-tagged form in which integers are decimal text and doubles are their
/// IEEE bit patterns, so `1` vs `1.0`, `-0.0` vs `0.0` and the last bit of every double count. The tests fail,
/// never skip, when `python3` is missing.
@Suite struct JSONPythonCrossCheckTests {
    static let script = #"""
        import json, random, struct, sys

        def tag(v):
            if v is None: return ["null"]
            if isinstance(v, bool): return ["bool", v]
            if isinstance(v, int): return ["int", str(v)]
            if isinstance(v, float): return ["float", str(struct.unpack("<Q", struct.pack("<d", v))[0])]
            if isinstance(v, str): return ["str", v]
            if isinstance(v, list): return ["arr", [tag(e) for e in v]]
            return ["obj", [[k, tag(e)] for k, e in v.items()]]

        def text(rng):
            chars = []
            for _ in range(rng.randrange(12)):
                kind = rng.randrange(6)
                if kind == 0: cp = rng.randrange(0x20)
                elif kind == 1: cp = rng.choice([0x22, 0x5C, 0x2F, 0x7F, 0x2028, 0xFEFF])
                elif kind == 2: cp = rng.randrange(0x80, 0xD800)
                elif kind == 3: cp = rng.randrange(0x10000, 0x110000)
                else: cp = rng.randrange(0x20, 0x7F)
                chars.append(chr(cp))
            return "".join(chars)

        def number(rng):
            kind = rng.randrange(6)
            if kind == 0: return rng.choice([-2**63, 2**63 - 1, 2**64 - 1, 2**63, 0, -1])
            if kind == 1: return rng.randrange(-2**63, 2**64)
            if kind == 2: return rng.uniform(-1e6, 1e6)
            if kind == 3: return rng.choice([0.0, -0.0, 5e-324, 1e308, 1.7976931348623157e308, 0.1, 1e16, 1e-7])
            while True:
                v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
                if v == v and v not in (float("inf"), float("-inf")): return v

        def key(rng):
            return text(rng) if rng.random() < 0.5 else "k%d" % rng.randrange(20)

        def value(rng, depth):
            kind = rng.randrange(9 if depth < 4 else 6)
            if kind == 0: return None
            if kind == 1: return rng.random() < 0.5
            if kind in (2, 3): return number(rng)
            if kind in (4, 5): return text(rng)
            if kind in (6, 7):
                return {key(rng): value(rng, depth + 1) for _ in range(rng.randrange(6))}
            return [value(rng, depth + 1) for _ in range(rng.randrange(6))]

        def variants(v):
            return [json.dumps(v, separators=(",", ":"), allow_nan=False),
                    json.dumps(v, ensure_ascii=False, separators=(",", ":"), allow_nan=False),
                    json.dumps(v, indent=2, ensure_ascii=False, allow_nan=False),
                    json.dumps(v, indent="\t", allow_nan=False),
                    json.dumps(v, allow_nan=False)]

        path, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        out = []
        with open(path, "rb") as f:
            for line in f.read().split(b"\n"):
                if line:
                    v = json.loads(line.decode("utf-8"))
                    out.append(json.dumps({"tagged": tag(v), "texts": variants(v)}))
        rng = random.Random(seed)
        for _ in range(count):
            v = value(rng, 0)
            out.append(json.dumps({"tagged": tag(v), "texts": variants(v)}))
        sys.stdout.write("\n".join(out) + "\n")
        """#

    /// The same form as the script's `tag`.
    static func tagged(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null: ["null"]
        case .bool(let flag): ["bool", .bool(flag)]
        case .number(.int64(let integer)): ["int", .string(String(integer))]
        case .number(.uint64(let integer)): ["int", .string(String(integer))]
        case .number(.double(let double)): ["float", .string(String(double.bitPattern))]
        case .string(let text): ["str", .string(text)]
        case .array(let elements): ["arr", .array(elements.map(tagged))]
        case .object(let object): ["obj", .array(object.map { [.string($0.key), tagged($0.value)] })]
        }
    }

    @Test func pythonReadsOurDocumentsAndWeReadPythonsExactly() throws {
        let swiftDocumentCount = 300
        let pythonDocumentCount = 300
        var generator = JSONRandomDocuments(seed: 0x9E_7A)
        let documents = (0..<swiftDocumentCount).map { _ in generator.document() }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("lake-json-\(UUID().uuidString)")
        try Data(try JSONLines.serialize(documents)).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }

        let result = try ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", Self.script, input.path, "7", String(pythonDocumentCount)],
            environment: ["PYTHONIOENCODING": "utf-8"], secondsMax: 120)
        try #require(
            result.exitStatus == 0,
            "python3 failed (exit \(result.exitStatus)); it must be installed: \(result.standardError)")
        let reports = try JSONLines.parse([UInt8](result.standardOutput))
        try #require(reports.count == swiftDocumentCount + pythonDocumentCount)

        for (position, report) in reports.enumerated() {
            let expectedTagged = try report.requireObject(at: "").require("tagged")
            if position < swiftDocumentCount {
                // Python read our text as the value we wrote.
                #expect(Self.tagged(documents[position]) == expectedTagged, "document \(position)")
            }
            let texts = try report.requireObject(at: "").requireArray("texts")
            #expect(texts.count == 5)
            for (variant, text) in texts.enumerated() {
                let parsed = try JSONParser.parse(try text.requireString(at: "texts[\(variant)]"))
                #expect(Self.tagged(parsed) == expectedTagged, "document \(position), variant \(variant)")
                if position < swiftDocumentCount {
                    #expect(
                        try JSONWriter.serialize(parsed) == JSONWriter.serialize(documents[position]),
                        "document \(position), variant \(variant)")
                }
            }
        }
    }
}

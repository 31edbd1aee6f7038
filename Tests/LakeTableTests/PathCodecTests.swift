import LakeCore
import LakeTable
import Testing

@Suite struct PathCodecTests {
    @Test func decodesPercentEscapesExactlyOnce() throws {
        #expect(try PathCodec.decode("region=c%2520d%252Fe/part-0.parquet") == "region=c%20d%2Fe/part-0.parquet")
        #expect(try PathCodec.decode("a%20b/%C3%A9.parquet") == "a b/é.parquet")
        #expect(try PathCodec.decode("plain.parquet") == "plain.parquet")
    }

    @Test(arguments: [
        "/etc/passwd", "../outside.parquet", "a/../../b.parquet", "%2e%2e/x.parquet", "s3://bucket/t/a.parquet",
        "file:/tmp/a.parquet", "_delta_log/00000000000000000000.json", "a//b.parquet", "./a.parquet", "a\\b.parquet",
        "a%00b", "%ff.parquet", "bad%zz", "trailing%2", "", "%2Fetc/passwd",
    ])
    func unsafeOrMalformedPathIsRefused(raw: String) {
        #expect {
            try PathCodec.decode(raw)
        } throws: { error in
            guard case .unsafePath(let path, _) = error as? TableLogError else { return false }
            return path == raw
        }
    }

    @Test func encodingThenDecodingGivesBackRandomPaths() throws {
        var rng = SeededGenerator(seed: 0x7A_B1E)
        let alphabet = Array("abcXYZ019 %=._-~+é/:#?")
        for _ in 0..<500 {
            let components = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                "c"
                    + String(
                        (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                            alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                        }
                    ).replacingOccurrences(of: "/", with: "s")
            }
            let path = components.joined(separator: "/")
            let encoded = PathCodec.encode(path)
            #expect(try PathCodec.decode(encoded) == path, "path \(path) encoded as \(encoded)")
        }
    }

    @Test func encodingEscapesHiveDirectoryPercentSignsAsDeltaRsDoes() {
        #expect(PathCodec.encode("region=c%20d%2Fe/part-1.parquet") == "region=c%2520d%252Fe/part-1.parquet")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

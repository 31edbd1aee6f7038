import LakeTable
import Testing

@Suite struct LogFileNameTests {
    static let version = "00000000000000000012"
    static let uuid = "0b8d6f5e-1c2a-4b3d-9e8f-7a6b5c4d3e2f"

    @Test(arguments: [
        ("\(version).json", LogFileName?.some(.commit(version: 12))),
        ("\(version).checkpoint.parquet", .checkpoint(version: 12)),
        ("\(version).checkpoint.0000000002.0000000003.parquet", .multiPartCheckpoint(version: 12, part: 2, parts: 3)),
        ("\(version).checkpoint.\(uuid).json", .uuidCheckpoint(version: 12, uuid: uuid, isParquet: false)),
        ("\(version).checkpoint.\(uuid).parquet", .uuidCheckpoint(version: 12, uuid: uuid, isParquet: true)),
        ("_last_checkpoint", .lastCheckpoint),
        ("00000000000000000001.00000000000000000003.compacted.json", nil), ("\(version).crc", nil),
        ("0000000000000000012.json", nil), ("000000000000000000012.json", nil), ("\(version).json.tmp", nil),
        ("\(version).checkpoint.0000000001.0000000001.parquet", nil),
        ("\(version).checkpoint.0000000004.0000000003.parquet", nil), ("\(version).checkpoint.not-a-uuid.json", nil),
        ("-0000000000000000012.json", nil), ("_sidecars/x.parquet", nil), (".\(version).json.crc", nil),
    ])
    func classifiesNamesByExactGrammar(name: String, expected: LogFileName?) {
        #expect(LogFileName(fileName: name) == expected)
    }

    @Test func commitNamesHaveTwentyDigits() {
        #expect(LogFileName.commitName(0) == "00000000000000000000.json")
        #expect(LogFileName.commitName(Int64.max) == "09223372036854775807.json")
        #expect(LogFileName(fileName: LogFileName.commitName(Int64.max)) == .commit(version: Int64.max))
    }
}

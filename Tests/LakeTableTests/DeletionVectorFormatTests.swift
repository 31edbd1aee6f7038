import LakeColumnar
import LakeCore
import LakeTestSupport
import Synchronization
import Testing

@testable import LakeTable

/// The encodings under deletion vectors (spec/table-log.md §6): Z85, CRC-32, the 64-bit Roaring serialization,
/// and `DeletionVectorLoader`'s framing checks. Hostile bytes must throw, never trap.
@Suite("Deletion vector formats")
struct DeletionVectorFormatTests {
    @Test func z85MatchesTheSpecificationExample() throws {
        let bytes: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(Z85.encode(bytes) == "HelloWorld")
        #expect(try Z85.decode("HelloWorld") == bytes)
    }

    @Test(arguments: [0, 1, 3, 4, 5, 16, 37])
    func z85RoundTripsSeededBytesPaddedToFour(count: Int) throws {
        var generator = SeededGenerator(seed: 0x285 + UInt64(count))
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let decoded = try Z85.decode(Z85.encode(bytes))
        #expect(Array(decoded.prefix(count)) == bytes)
        #expect(decoded.count == (count + 3) / 4 * 4)
        #expect(decoded.dropFirst(count).allSatisfy { $0 == 0 })
    }

    @Test func z85RefusesBadLengthsCharactersAndOverflowingGroups() throws {
        #expect(throws: Z85.InvalidText.self) { try Z85.decode("Hello1") }
        #expect(throws: Z85.InvalidText(offset: 2, reason: "character 126 is not in the Z85 alphabet")) {
            try Z85.decode("He~lo")
        }
        // "#####" is 85^5 - 1 > UInt32.max; "%nSc0" is exactly UInt32.max.
        #expect(throws: Z85.InvalidText.self) { try Z85.decode("#####") }
        #expect(try Z85.decode("%nSc0") == [0xFF, 0xFF, 0xFF, 0xFF])
    }

    @Test func crc32MatchesTheCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    /// Row sets that give array, bitset and run containers, several containers and several buckets.
    static let rowSets: [[UInt64]] = [
        [],
        [0],
        [1, 3, 5],
        Array(stride(from: 0, to: 8_190, by: 3)),
        Array(stride(from: 65_536, to: 131_072, by: 2)),
        Array(131_072..<196_608),
        Array(0..<70_000) + Array(stride(from: 200_000, to: 300_000, by: 7)),
        [5, 1 << 32, (1 << 32) + 65_535, (7 << 32) + 1],
        [UInt64(Int64.max)],
    ]

    @Test(arguments: rowSets.indices)
    func roaringBitmapArrayRoundTrips(index: Int) throws {
        let rows = Self.rowSets[index]
        let bitmap = RoaringBitmapArray(rows)
        #expect(bitmap.rows == rows)
        #expect(bitmap.cardinality == Int64(rows.count))
        #expect(bitmap.maximum == rows.last)
        let parsed = try RoaringBitmapArray(deserializing: bitmap.serialized)
        #expect(parsed == bitmap)
        for row in rows.prefix(50) { #expect(parsed.contains(row)) }
        if let first = rows.first, first > 0 { #expect(!parsed.contains(first - 1)) }
    }

    @Test func containerKindsAreChosenBySize() {
        #expect(RoaringContainer(values: [1, 3, 5]) == .array([1, 3, 5]))
        #expect(RoaringContainer(values: Array(10...500)) == .runs([.init(start: 10, lengthMinusOne: 490)]))
        let even = RoaringContainer(values: stride(from: 0, through: 65_534, by: 2).map { UInt16($0) })
        guard case .bitset = even else {
            Issue.record("32768 alternating values should be a bitset, got \(even)")
            return
        }
        #expect(even.cardinality == 32_768)
    }

    @Test func forEachInRangeMatchesContains() {
        var generator = SeededGenerator(seed: 0xF0E)
        var rows: Set<UInt64> = []
        for _ in 0..<3_000 { rows.insert(UInt64.random(in: 0..<300_000, using: &generator)) }
        rows.formUnion(100_000..<140_000)
        let bitmap = RoaringBitmapArray(rows)
        for (low, high) in [(0, 999), (65_530, 65_545), (99_990, 140_010), (131_000, 299_999), (0, 400_000)] {
            var seen: [UInt64] = []
            bitmap.forEach(in: UInt64(low)...UInt64(high)) { seen.append($0) }
            #expect(seen == rows.filter { (UInt64(low)...UInt64(high)).contains($0) }.sorted())
        }
    }

    @Test func readsAThirdPartyStyleSerializationWithRunCookieAndOffsets() throws {
        // Four containers (array, bitset, run, array): the run cookie with offsets, as make_dv_fixtures.py writes.
        let rows: [UInt64] =
            Array(stride(from: 0, to: 8_190, by: 3)) + Array(stride(from: 65_536, to: 131_072, by: 2))
            + Array(131_072..<196_608) + Array(stride(from: 196_608, to: 200_000, by: 5))
        let bytes = RoaringBitmapArray(rows).serialized
        #expect(bytes[16] == 0x3B && bytes[17] == 0x30)  // cookie 12347 after magic, count and key
        #expect(try RoaringBitmapArray(deserializing: bytes).rows == rows)
    }

    @Test func everyTruncationThrowsInsteadOfTrapping() {
        let bytes = RoaringBitmapArray(Array(0..<70_000) + [1 << 32, (1 << 32) + 9]).serialized
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
            #expect(throws: RoaringFormatError.self) {
                try RoaringBitmapArray(deserializing: Array(bytes.prefix(length)))
            }
        }
        #expect(throws: RoaringFormatError.self) { try RoaringBitmapArray(deserializing: bytes + [0]) }
    }

    @Test func randomDamageNeverTraps() {
        var generator = SeededGenerator(seed: 0xDA3A6E)
        let originals = Self.rowSets.map { RoaringBitmapArray($0).serialized }
        for round in 0..<2_000 {
            var bytes = originals[round % originals.count]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: .min ... .max, using: &generator)
            }
            // Either outcome is fine; the point is that neither traps nor allocates without bound.
            if let parsed = try? RoaringBitmapArray(deserializing: bytes) {
                #expect(parsed.cardinality >= 0)
            }
        }
    }

    @Test func strictChecksNameTheOffset() {
        var bytes = RoaringBitmapArray([1, 2]).serialized
        bytes[0] ^= 1
        #expect(throws: RoaringFormatError(offset: 0, reason: "magic 1681511376 is not 1681511377")) {
            try RoaringBitmapArray(deserializing: bytes)
        }
        // Bucket key with the high bit set.
        bytes = RoaringBitmapArray([1]).serialized
        bytes[15] = 0x80
        #expect(throws: RoaringFormatError(offset: 12, reason: "bucket key 2147483648 has its high bit set")) {
            try RoaringBitmapArray(deserializing: bytes)
        }
        // An array container whose header says 3 values where 2 follow.
        bytes = RoaringBitmapArray([1, 2]).serialized
        bytes[26] = 2
        #expect(throws: RoaringFormatError.self) { try RoaringBitmapArray(deserializing: bytes) }
    }

    // MARK: Loader

    static func descriptor(inline rows: [UInt64]) -> DeletionVectorDescriptor {
        let bytes = RoaringBitmapArray(rows).serialized
        return DeletionVectorDescriptor(
            storageType: "i", pathOrInlineDv: Z85.encode(bytes), offset: nil, sizeInBytes: Int32(bytes.count),
            cardinality: Int64(rows.count))
    }

    @Test func loadsAnInlineDeletionVector() throws {
        let scratch = try ScratchDirectory("dv-inline")
        let store = scratch.store
        let bitmap = try DeletionVectorLoader.load(
            Self.descriptor(inline: [0, 7, 9]), dataFile: "a.parquet", rowCount: 10, store: store, root: "t")
        #expect(bitmap.rows == [0, 7, 9])
    }

    @Test func loadsAFileDeletionVectorAtAnOffsetAndChecksItsFrame() throws {
        let scratch = try ScratchDirectory("dv-file")
        let store = scratch.store
        let uuidText = Z85.encode((0..<16).map { UInt8($0 * 7) })
        let descriptor = DeletionVectorDescriptor(
            storageType: "u", pathOrInlineDv: "x1" + uuidText, offset: 5, sizeInBytes: 0, cardinality: 2)
        let path = try descriptor.relativeFilePath()
        #expect(path == "x1/deletion_vector_00070e15-1c23-2a31-383f-464d545b6269.bin")
        let bitmap = RoaringBitmapArray([3, 4]).serialized
        func frame(version: UInt8 = 1, size: UInt32 = UInt32(bitmap.count), crc: UInt32 = CRC32.checksum(bitmap))
            -> [UInt8]
        {
            func bigEndian(_ value: UInt32) -> [UInt8] {
                (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
            }
            return [version, 0, 0, 0, 0] + bigEndian(size) + bitmap + bigEndian(crc)
        }
        var sized = descriptor
        sized.sizeInBytes = Int32(bitmap.count)
        func load(_ bytes: [UInt8]) throws(TableLogError) -> RoaringBitmapArray {
            do {
                try store.put("t/" + path, bytes)
            } catch {
                throw .io(.io(path: path, operation: "put", code: 0, message: "\(error)"))
            }
            return try DeletionVectorLoader.load(sized, dataFile: "a.parquet", rowCount: 5, store: store, root: "t")
        }
        #expect(try load(frame()).rows == [3, 4])
        let checksumOffset = Int64(5 + 4 + bitmap.count)
        #expect(throws: TableLogError.self) { try load(frame(crc: 1)) }
        do {
            _ = try load(frame(crc: 1))
        } catch {
            guard case .corruptDeletionVector(let dataFile, let location, let offset, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(dataFile == "a.parquet" && location == path && offset == checksumOffset)
        }
        #expect(throws: TableLogError.self) { try load(frame(version: 2)) }
        #expect(throws: TableLogError.self) { try load(frame(size: 99)) }
        #expect(throws: TableLogError.self) { try load(Array(frame().dropLast())) }
    }

    @Test func refusesRowsBeyondTheFileAndWrongCardinality() throws {
        let scratch = try ScratchDirectory("dv-rows")
        let store = scratch.store
        #expect(throws: TableLogError.self) {
            try DeletionVectorLoader.load(
                Self.descriptor(inline: [0, 10]), dataFile: "a.parquet", rowCount: 10, store: store, root: "")
        }
        var wrong = Self.descriptor(inline: [0, 1])
        wrong.cardinality = 1
        #expect(throws: TableLogError.self) {
            try DeletionVectorLoader.load(wrong, dataFile: "a.parquet", rowCount: 10, store: store, root: "")
        }
        var huge = Self.descriptor(inline: [0])
        huge.sizeInBytes = .max
        #expect(throws: TableLogError.self) {
            try DeletionVectorLoader.load(huge, dataFile: "a.parquet", rowCount: 10, store: store, root: "")
        }
    }

    @Test func refusesUnsafePathsBeforeReading() throws {
        let scratch = try ScratchDirectory("dv-unsafe")
        let store = CountingStore(base: scratch.store)
        let uuidText = Z85.encode([UInt8](repeating: 1, count: 16))
        for prefix in ["../", "a/b", "é"] {
            let descriptor = DeletionVectorDescriptor(
                storageType: "u", pathOrInlineDv: prefix + uuidText, offset: 1, sizeInBytes: 20, cardinality: 1)
            #expect(throws: TableLogError.self) {
                try DeletionVectorLoader.load(descriptor, dataFile: "a", rowCount: 10, store: store, root: "")
            }
        }
        let absolute = DeletionVectorDescriptor(
            storageType: "p", pathOrInlineDv: "file:///tmp/t/dv.bin", offset: 1, sizeInBytes: 20, cardinality: 1)
        #expect(
            throws: TableLogError.unsafePath(
                "file:///tmp/t/dv.bin", reason: "absolute deletion-vector paths are only read from local tables")
        ) {
            try DeletionVectorLoader.load(absolute, dataFile: "a", rowCount: 10, store: store, root: "")
        }
        #expect(store.calls.withLock { $0 } == 0)
    }

    @Test func acceptsAnAbsolutePathOnlyInsideALocalTable() throws {
        let scratch = try ScratchDirectory("dv-absolute")
        let store = LocalObjectStore(root: scratch.url.path)
        let bitmap = RoaringBitmapArray([2]).serialized
        var content: [UInt8] = [1]
        content += (0..<4).map { UInt8(truncatingIfNeeded: UInt32(bitmap.count) >> (24 - 8 * $0)) }
        content += bitmap
        content += (0..<4).map { UInt8(truncatingIfNeeded: CRC32.checksum(bitmap) >> (24 - 8 * $0)) }
        try store.put("t/dv%20x.bin", content)
        let inside = DeletionVectorDescriptor(
            storageType: "p", pathOrInlineDv: "file://" + scratch.url.path + "/t/dv%2520x.bin", offset: 1,
            sizeInBytes: Int32(bitmap.count), cardinality: 1)
        #expect(try DeletionVectorLoader.load(inside, dataFile: "a", rowCount: 3, store: store, root: "t").rows == [2])
        var outside = inside
        outside.pathOrInlineDv = "file://" + scratch.url.path + "/u/dv.bin"
        #expect(throws: TableLogError.self) {
            try DeletionVectorLoader.load(outside, dataFile: "a", rowCount: 3, store: store, root: "t")
        }
        outside.pathOrInlineDv = "file://" + scratch.url.path + "/t/../u/dv.bin"
        #expect(throws: TableLogError.self) {
            try DeletionVectorLoader.load(outside, dataFile: "a", rowCount: 3, store: store, root: "t")
        }
    }

    @Test func droppingMarksRowsByTheirPositionInTheFile() {
        var builder = ColumnBuilder(type: .int64)
        for value in 0..<10 { try? builder.append(.int(Int64(value))) }
        let batch = Batch(schema: Schema([Field("id", .int64)]), columns: [builder.build()])
        let deleted = RoaringBitmapArray([(1 << 32) + 2, (1 << 32) + 3, (1 << 32) + 12])
        let kept = TableScan.dropping(deleted, firstRow: 1 << 32, from: batch, predicates: [])
        #expect(kept?.rowCount == 8)
        let none = TableScan.dropping(RoaringBitmapArray(0..<10), firstRow: 0, from: batch, predicates: [])
        #expect(none == nil)
    }
}

/// A store that counts every call, to prove that refused paths are never touched.
private final class CountingStore: ObjectStore {
    let base: LocalObjectStore
    let calls = Mutex(0)

    init(base: LocalObjectStore) { self.base = base }

    private func count() { calls.withLock { $0 += 1 } }
    func list(prefix: String, after start: String?) throws -> [ObjectInfo] {
        count()
        return try base.list(prefix: prefix, after: start)
    }
    func head(_ path: String) throws -> ObjectInfo {
        count()
        return try base.head(path)
    }
    func read(_ path: String, range: Range<Int64>?) throws -> [UInt8] {
        count()
        return try base.read(path, range: range)
    }
    func put(_ path: String, _ bytes: [UInt8]) throws {
        count()
        try base.put(path, bytes)
    }
    func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws {
        count()
        try base.putIfAbsent(path, bytes)
    }
    func delete(_ path: String) throws {
        count()
        try base.delete(path)
    }
    func makeWriter(_ path: String) throws -> any ObjectWriter {
        count()
        return try base.makeWriter(path)
    }
}

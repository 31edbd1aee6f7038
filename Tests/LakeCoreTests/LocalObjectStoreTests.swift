import Dispatch
import Glibc
import LakeCore
import Synchronization
import Testing

@Suite struct LocalObjectStoreTests {
    let store = LocalObjectStore(root: "/tmp/lake-store-tests-\(UInt64.random(in: 0...UInt64.max))")

    @Test func putThenReadReturnsTheBytesAndRanges() throws {
        try store.put("a/b/c.bin", Array(0..<100))
        #expect(try store.read("a/b/c.bin") == Array(0..<100))
        #expect(try store.read("a/b/c.bin", range: 10..<13) == [10, 11, 12])
        #expect(try store.head("a/b/c.bin").sizeBytes == 100)
    }

    @Test func readPastTheEndThrowsOutOfRange() throws {
        try store.put("x", [1, 2, 3])
        #expect(throws: ObjectStoreError.outOfRange(path: "x", requested: 2..<5, size: 3)) {
            try store.read("x", range: 2..<5)
        }
    }

    @Test func missingObjectsThrowNotFound() {
        #expect(throws: ObjectStoreError.notFound(path: "nope")) { try store.read("nope") }
        #expect(throws: ObjectStoreError.notFound(path: "nope")) { try store.head("nope") }
    }

    @Test func listIsSortedByBytesAndHonoursPrefixAndStart() throws {
        for name in ["t/_log/00002.json", "t/_log/00001.json", "t/_log/00010.json", "t/data.parquet", "u/z"] {
            try store.put(name, [0])
        }
        #expect(try store.list(prefix: "t/_log/", after: nil).map(\.path) == [
            "t/_log/00001.json", "t/_log/00002.json", "t/_log/00010.json",
        ])
        #expect(try store.list(prefix: "t/_log/", after: "t/_log/00001.json").map(\.path) == [
            "t/_log/00002.json", "t/_log/00010.json",
        ])
        #expect(try store.list(prefix: "t/", after: nil).count == 4)
        #expect(try store.list(prefix: "missing/", after: nil).isEmpty)
    }

    @Test func listAfterComparesBytesNotCharacters() throws {
        for name in ["n/a", "n/\u{E9}", "n/z"] { try store.put(name, [0]) }
        // UTF-8 byte order puts "é" (C3 A9) after "z" (7A).
        #expect(try store.list(prefix: "n/", after: "n/z").map(\.path) == ["n/\u{E9}"])
    }

    @Test func listingNeitherFollowsSymbolicLinksNorEscapesTheRoot() throws {
        try store.put("s/real", [1])
        #expect(symlink(store.root, store.root + "/s/loop") == 0)
        #expect(try store.list(prefix: "s/", after: nil).map(\.path) == ["s/real"])
        #expect(throws: ObjectStoreError.self) { try store.list(prefix: "../", after: nil) }
    }

    @Test func putIfAbsentFailsWhenTheObjectExists() throws {
        try store.putIfAbsent("v/1", [1])
        #expect(throws: ObjectStoreError.alreadyExists(path: "v/1")) { try store.putIfAbsent("v/1", [2]) }
        #expect(try store.read("v/1") == [1])
    }

    @Test func exactlyOneOfManyRacingPutIfAbsentWins() throws {
        let winners = Atomic<Int>(0)
        let store = self.store
        DispatchQueue.concurrentPerform(iterations: 16) { attempt in
            if (try? store.putIfAbsent("race/00000.json", [UInt8(attempt)])) != nil {
                winners.add(1, ordering: .relaxed)
            }
        }
        #expect(winners.load(ordering: .relaxed) == 1)
        #expect(try store.list(prefix: "race/", after: nil).map(\.path) == ["race/00000.json"])
    }

    @Test func deleteIsIdempotent() throws {
        try store.put("d", [1])
        try store.delete("d")
        try store.delete("d")
        #expect(throws: ObjectStoreError.notFound(path: "d")) { try store.read("d") }
    }

    @Test func abortedWriterLeavesNothingBehind() throws {
        let writer = try store.makeWriter("w/file")
        try writer.write([1, 2, 3])
        writer.abort()
        #expect(try store.list(prefix: "w/", after: nil).isEmpty)
        let finished = try store.makeWriter("w/file")
        try finished.write([4, 5])
        #expect(throws: ObjectStoreError.notFound(path: "w/file")) { try store.read("w/file") }
        try finished.finish()
        #expect(try store.read("w/file") == [4, 5])
    }

    @Test(arguments: ["", "/etc/passwd", "a/../b", "../x", "a//b", "./a", "a/.", "a/\0b"])
    func pathsThatCouldEscapeTheRootAreRejected(path: String) {
        #expect(throws: ObjectStoreError.self) { try store.put(path, [1]) }
        #expect(throws: ObjectStoreError.self) { try store.read(path) }
    }
}

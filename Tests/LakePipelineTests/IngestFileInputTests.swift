import Foundation
import LakeCore
import LakePipeline
import Testing

/// The local-file pieces of `lake ingest`: `IngestFileInput` (plain and followed) and `RejectedLineFile`.
@Suite struct IngestFileInputTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "lake-ingest-file-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    @Test func aPlainFileEndsAtItsEndAndAFollowedOneWaitsForMore() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("in.jsonl")
        try Data("ab\n".utf8).write(to: url)
        let plain = try IngestFileInput(path: url.path)
        #expect(plain.offsetsAreStable && plain.name == url.path)
        #expect(try plain.read(bytesMax: 2, waitMilliseconds: 0) == .bytes(Array("ab".utf8)))
        #expect(try plain.read(bytesMax: 10, waitMilliseconds: 0) == .bytes(Array("\n".utf8)))
        #expect(try plain.read(bytesMax: 10, waitMilliseconds: 0) == .end)
        try append("cd\n", to: url)
        #expect(try plain.read(bytesMax: 10, waitMilliseconds: 0) == .end, "a plain input stays ended")

        let followed = try IngestFileInput(path: url.path, follow: true)
        #expect(try followed.read(bytesMax: 100, waitMilliseconds: 0) == .bytes(Array("ab\ncd\n".utf8)))
        #expect(try followed.read(bytesMax: 100, waitMilliseconds: 10) == .waiting)
        try append("ef\n", to: url)
        #expect(try followed.read(bytesMax: 100, waitMilliseconds: 10) == .bytes(Array("ef\n".utf8)))
    }

    @Test func aDevicePathStreamsLikeStandardInput() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let device = try IngestFileInput(path: "/dev/null", follow: true)
        #expect(!device.offsetsAreStable, "a device's offsets do not name the same bytes on each run")
        #expect(try device.read(bytesMax: 10, waitMilliseconds: 10) == .end, "follow applies to regular files only")
    }

    @Test func aMissingFileIsAStorageError() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("absent.jsonl").path
        #expect {
            _ = try IngestFileInput(path: path)
        } throws: { error in
            guard case PipelineError.storage(let failing, let reason) = error else { return false }
            return failing == path && reason.contains("cannot open")
        }
    }

    @Test func theRejectedLineFileKeepsEachResumableRecordOnceAcrossReopens() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t_rejected.jsonl").path
        let first = RejectedLine(source: "in.jsonl", line: 3, column: 1, offset: 40, reason: "bad", text: "x\u{1}\"")
        let second = RejectedLine(source: "in.jsonl", line: 9, offset: 90, reason: "worse", bytes: Array("y".utf8))
        try RejectedLineFile(path: path).record([first], appId: "a", rejectedAtMillis: 5, isResumable: true)
        // A crash before the commit: the restart records the batch again, plus a new line.
        try RejectedLineFile(path: path).record([first, second], appId: "a", rejectedAtMillis: 6, isResumable: true)
        // Stream input: offsets are not stable, so nothing is deduplicated.
        let log = try RejectedLineFile(path: path)
        try log.record([first], appId: "s", rejectedAtMillis: 7, isResumable: false)
        let records = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONParser.parse(Array($0.utf8))
        }
        #expect(records.count == 3)
        guard case .object(let object) = records[0] else {
            Issue.record("not an object: \(records[0])")
            return
        }
        #expect(object["line"] == .number(.int64(3)) && object["column"] == .number(.int64(1)))
        #expect(object["text"] == .string("x\u{1}\"") && object["appId"] == .string("a"))
        #expect(object["rejectedAtMillis"] == .number(.int64(5)) && object["reason"] == .string("bad"))
        guard case .object(let streamed) = records[2] else { return }
        #expect(streamed["appId"] == .string("s") && streamed["offset"] == .number(.int64(40)))
    }

    @Test func aTornLastRecordIsClosedBeforeTheNextAppend() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("t_rejected.jsonl")
        try Data("{\"source\":\"in.jsonl\",\"off".utf8).write(to: url)
        let line = RejectedLine(source: "in.jsonl", line: 1, offset: 0, reason: "bad", text: "{")
        try RejectedLineFile(path: url.path).record([line], appId: "a", rejectedAtMillis: 1, isResumable: true)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect((try? JSONParser.parse(Array(lines[1].utf8))) != nil)
    }
}

import Foundation
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// Every file in `Fixtures/parquet/bad` must make the reader throw the `ParquetError` kind its manifest entry
/// names, with the file's path in the error; and every such file must have a manifest entry (so a new bad file
/// cannot slip in without a test).
@Suite("Parquet bad files")
struct ParquetBadFileTests {
    @Test(
        "each bad fixture throws the manifest's error kind and names the file",
        arguments: try FixturePaths.manifest().bad.map(\.path)
    )
    func badFileThrows(path: String) throws {
        let entry = try #require(try FixturePaths.manifest().badFile(path))
        let kind = try #require(ParquetError.Kind(rawValue: entry.expectedError), "unknown kind \(entry.expectedError)")
        let store = LocalObjectStore(root: try FixturePaths.parquetDirectory().path)
        do throws(ParquetError) {
            let reader = try ParquetFileReader(store: store, path: path)
            let batches = try reader.readAll()
            Issue.record("\(path) read as \(batches.map(\.rowCount)) rows; expected \(kind) (\(entry.mutation))")
        } catch {
            #expect(error.kind == kind, "\(path): \(error) — expected \(kind) because \(entry.reason)")
            #expect(error.file == path, "\(path): the error does not name the file: \(error)")
            #expect(error.description.contains(path))
            if let column = Self.mutatedColumn(entry.mutation) {
                #expect(error.column == column, "\(path): the error does not name column '\(column)': \(error)")
            }
        }
    }

    /// The column a mutation description names ("... of column int64 ..."), if any.
    static func mutatedColumn(_ mutation: String) -> String? {
        guard let range = mutation.range(of: "of column ") else { return nil }
        let name = mutation[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," && $0 != ":" }
        return name.isEmpty ? nil : String(name)
    }

    @Test("every file in Fixtures/parquet/bad has a manifest entry")
    func everyBadFileIsListed() throws {
        let listed = Set(try FixturePaths.manifest().bad.map(\.path))
        let unlisted = try FixturePaths.parquetFiles(in: "bad").filter { !listed.contains($0) }
        #expect(unlisted.isEmpty, "bad files without a manifest entry (and so without a test): \(unlisted)")
    }

    @Test("every bad manifest entry names a file that exists")
    func everyBadEntryExists() throws {
        let onDisk = Set(try FixturePaths.parquetFiles(in: "bad"))
        let missing = try FixturePaths.manifest().bad.map(\.path).filter { !onDisk.contains($0) }
        #expect(missing.isEmpty, "manifest entries without a file: \(missing)")
    }

    @Test("a missing file throws io naming the path")
    func missingFile() throws {
        let store = LocalObjectStore(root: try FixturePaths.parquetDirectory().path)
        #expect {
            _ = try ParquetFileReader(store: store, path: "bad/does_not_exist.parquet")
        } throws: { error in
            guard let error = error as? ParquetError else { return false }
            return error.kind == .io && error.file == "bad/does_not_exist.parquet"
        }
    }
}

import ArgumentParser
import LakeColumnar
import LakeParquet

struct ParquetInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a Parquet file's schema, row groups, column encodings, codecs, sizes and statistics.")

    @Argument(help: "The Parquet file.") var file: String
    @Flag(help: "Also list every page of every column chunk (from the offset index).") var pages = false

    func run() throws {
        let local = LocalFile(file)
        let reader = try ParquetFileReader(store: local.store, path: local.name)
        print(try ParquetLayoutReport(reader: reader).render(pages: pages))
    }
}

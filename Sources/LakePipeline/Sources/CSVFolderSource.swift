import LakeColumnar
import LakeTextFormats

/// A folder where CSV files are dropped, snapshotted into bronze as they arrive.
///
/// Each run takes the files under `folder` (directly inside it, named `*.csv` in any letter case) that earlier
/// runs did not take, and writes them together as one snapshot `bronze/<name>/<name>-<yyyyMMdd_HHmmss>.parquet`.
/// A file is taken once, by path: replacing a taken file with new content under the same name does not take it
/// again.
///
/// Spec: spec/pipeline.md#csv-folder-sources
public struct CSVFolderSource: Sendable, Hashable {
    /// Key of the source: the bronze folder, the run records' `endpoint`, the state entry.
    public var name: String
    /// Folder in the inbox store holding the dropped files, `/`-terminated (`""` for the store's root).
    public var folder: String
    /// Declared column types. Nil infers them from the first file of the run (`CSVReader`'s sample), and the
    /// later files of the run must fit those types.
    public var schema: Schema?
    /// Delimiter, quote, header and null markers of the files.
    public var options: CSVOptions
    /// Largest file read, in bytes (files are read whole).
    public var fileBytesMax: Int64

    public init(
        name: String, folder: String, schema: Schema? = nil, options: CSVOptions = CSVOptions(),
        fileBytesMax: Int64 = 1 << 30
    ) {
        precondition(!name.isEmpty && !name.contains("/"), "a source name is one path component")
        self.name = name
        self.folder = folder.isEmpty || folder.hasSuffix("/") ? folder : folder + "/"
        self.schema = schema
        self.options = options
        self.fileBytesMax = fileBytesMax
    }

    /// Column added to every snapshot row: the path (in the inbox store) of the file the row came from.
    public static let sourceFileColumn = "_source_file"
    /// `source` of the run records.
    public static let recordSource = "csv"
}

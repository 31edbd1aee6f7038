/// A `[postgres_source.<name>]` section of the pipeline file: a PostgreSQL table extracted into
/// `bronze/<name>/` by the extract stage, and the environment variable holding the database's URL.
///
/// The URL is never written in the pipeline file (it usually carries a password): the runner reads the variable
/// named by `urlEnvironmentVariable` when the source runs, and fails the source when it is unset or not a
/// PostgreSQL URL.
///
/// Spec: spec/pipeline.md#sources-in-the-pipeline-file
public struct PostgresSourceDefinition: Sendable, Hashable {
    /// What to extract; `source.name` is the bronze name and the extract step's name.
    public var source: PostgresSource
    /// Name of the environment variable holding the `postgresql://` URL (`[A-Z_][A-Z0-9_]*`).
    public var urlEnvironmentVariable: String
    /// Line of the section header in the pipeline file.
    public var line: Int

    public init(source: PostgresSource, urlEnvironmentVariable: String, line: Int) {
        self.source = source
        self.urlEnvironmentVariable = urlEnvironmentVariable
        self.line = line
    }

    public var name: String { source.name }
}

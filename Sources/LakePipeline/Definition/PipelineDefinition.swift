/// The whole pipeline as data: which endpoints and sources (CSV folders, PostgreSQL tables) are extracted, when
/// (frequency groups), which SQL models build silver tables from bronze, which tables are loaded into the
/// warehouse, and the steps after that.
///
/// Built by `PipelineDefinition.parse` from a pipeline file (spec/pipeline.md#pipeline-file), which also
/// validates it: every reference resolves, names are unique, model dependencies have no cycle and every model's
/// SQL parses and reads exactly its declared inputs.
///
/// Spec: spec/pipeline.md#pipeline-definition-and-scheduling
public struct PipelineDefinition: Sendable, Hashable {
    public var name: String
    /// In the order of the pipeline file's `endpoints` list; ids inputs come after their sources.
    public var endpoints: [Endpoint]
    /// CSV folders snapshotted into bronze, in file order; extracted after the endpoints.
    public var csvSources: [CSVFolderSource]
    /// PostgreSQL tables extracted into bronze, in file order; extracted after the CSV sources.
    public var postgresSources: [PostgresSourceDefinition]
    public var groups: [FrequencyGroup]
    /// In dependency order: a model comes after every model whose output it reads (file order otherwise).
    public var models: [ModelDefinition]
    /// In dependency order: a load comes after the loads of the tables its foreign-key filters reference.
    public var loads: [LoadDefinition]
    public var postLoadSteps: [PostLoadStep]
    public var backups: [GoldBackupStep]
    public var maintenance: [MaintenanceStep]

    public init(
        name: String, endpoints: [Endpoint], groups: [FrequencyGroup], models: [ModelDefinition],
        loads: [LoadDefinition], postLoadSteps: [PostLoadStep], backups: [GoldBackupStep],
        maintenance: [MaintenanceStep], csvSources: [CSVFolderSource] = [],
        postgresSources: [PostgresSourceDefinition] = []
    ) {
        self.name = name
        self.endpoints = endpoints
        self.csvSources = csvSources
        self.postgresSources = postgresSources
        self.groups = groups
        self.models = models
        self.loads = loads
        self.postLoadSteps = postLoadSteps
        self.backups = backups
        self.maintenance = maintenance
    }

    /// Every name the extract stage can run and models can read as `bronze.<name>`: the endpoints, then the CSV
    /// sources, then the PostgreSQL sources (the extraction order). Names are unique across the three.
    public var extractNames: [String] {
        endpoints.map(\.name) + csvSources.map(\.name) + postgresSources.map(\.name)
    }

    public func group(named name: String) -> FrequencyGroup? { groups.first { $0.name == name } }

    public func model(named name: String) -> ModelDefinition? { models.first { $0.name == name } }

    /// The model that writes `table`, if any.
    public func model(writing table: ModelInput) -> ModelDefinition? { models.first { $0.output == table } }
}

import LakeWarehouse

/// The steps of one pipeline run, in order, for a frequency group (or all of them) and a stage.
///
/// For a group:
/// - **extract**: the group's endpoints, in the pipeline's endpoint order, then its CSV and PostgreSQL sources
///   (each in file order); a source's step is `.extract(endpoint: <source name>)`;
/// - **transform**: the models reading a bronze input of those endpoints, and every model downstream of them
///   (reading their outputs), in dependency order. Whether each actually runs is decided at run time by
///   `ModelRunState` (only models with unprocessed input snapshots run);
/// - **load**: the loads of those models' outputs (in foreign-key order), then the post-load steps whose
///   `after` tables are among the loaded ones (or that have no `after`, when anything is loaded), then the
///   gold backups listing the group;
/// - **maintain**: the maintenance steps of the group.
///
/// With no group (`--frequency all`) every endpoint, source, model, load, post-load step, backup and maintenance step
/// is planned once.
///
/// Spec: spec/pipeline.md#pipeline-plans
public struct PipelinePlan: Sendable, Hashable {
    /// Nil for all groups.
    public var group: String?
    public var stage: PipelineStage
    public var steps: [PipelineStep]

    /// Plans `stage` for `group` (nil: every group). Throws `invalidDefinition` for an unknown group.
    public init(definition: PipelineDefinition, group: String?, stage: PipelineStage) throws(PipelineError) {
        self.group = group
        self.stage = stage
        var endpoints = Set(definition.extractNames)
        if let group {
            guard let frequency = definition.group(named: group) else {
                throw .invalidDefinition(
                    location: "frequency",
                    reason: "unknown frequency group \(group) (known: "
                        + definition.groups.map(\.name).joined(separator: ", ") + ")")
            }
            endpoints = Set(frequency.endpoints)
        }
        var models: [ModelDefinition] = []
        var produced: Set<ModelInput> = []
        for model in definition.models {
            let selected =
                group == nil
                || model.inputs.contains {
                    ($0.layer == .bronze && endpoints.contains($0.name)) || produced.contains($0)
                }
            if selected {
                models.append(model)
                produced.insert(model.output)
            }
        }
        let loads = definition.loads.filter { produced.contains($0.source) }
        let loadedTables = Set(loads.map(\.target))
        let postLoad = definition.postLoadSteps.filter { step in
            step.after.isEmpty ? !loads.isEmpty : step.after.contains { loadedTables.contains(TableName(parsing: $0)) }
        }
        let backups = definition.backups.filter { group == nil || $0.groups.contains(group ?? "") }
        let maintenance = definition.maintenance.filter { group == nil || $0.group == group }

        var steps: [PipelineStep] = []
        if stage.includes(.extract) {
            steps += definition.extractNames.filter { endpoints.contains($0) }.map { .extract(endpoint: $0) }
        }
        if stage.includes(.transform) { steps += models.map { .runModel($0.name) } }
        if stage.includes(.load) {
            steps += loads.map { .load($0.name) }
            steps += postLoad.map { .postLoad($0.name) }
            steps += backups.map { .backup($0.name) }
        }
        if stage.includes(.maintain) { steps += maintenance.map { .maintain($0.name) } }
        self.steps = steps
    }

    /// A readable listing of the plan, one numbered step per line under stage headings, with what each step
    /// reads and writes.
    public func explain(_ definition: PipelineDefinition) -> String {
        var lines = [
            "plan for \(group.map { "frequency group \($0)" } ?? "all frequency groups"), stage \(stage.rawValue): "
                + "\(steps.count) step\(steps.count == 1 ? "" : "s")"
        ]
        if let group, let frequency = definition.group(named: group) {
            let times = frequency.times.map(\.description).joined(separator: ", ")
            lines.append("schedule: \(frequency.cadence) at \(times) (\(frequency.zone))")
        }
        var currentStage: PipelineStage?
        for (index, step) in steps.enumerated() {
            if step.stage != currentStage {
                currentStage = step.stage
                lines.append(step.stage.rawValue)
            }
            lines.append("  \(index + 1). \(step): \(detail(of: step, in: definition))")
        }
        if steps.isEmpty { lines.append("  (nothing to do)") }
        return lines.joined(separator: "\n")
    }

    private func detail(of step: PipelineStep, in definition: PipelineDefinition) -> String {
        switch step {
        case .extract(let name):
            if let source = definition.csvSources.first(where: { $0.name == name }) {
                let typed = source.schema == nil ? "types inferred" : "declared schema"
                return "csv files in \(source.folder) (\(typed)) -> bronze/\(name)/"
            }
            if let declared = definition.postgresSources.first(where: { $0.name == name }) {
                var text = "postgres \(declared.source.table) at $\(declared.urlEnvironmentVariable)"
                if let cursor = declared.source.cursorColumn { text += " (incremental on \(cursor))" }
                return text + " -> bronze/\(name)/"
            }
            guard let endpoint = definition.endpoints.first(where: { $0.name == name }) else { return name }
            var text = "\(endpoint.source) \(endpoint.path) -> bronze/\(name)/"
            if let ids = endpoint.ids { text += " (ids from \(ids.sourceEndpoint))" }
            return text
        case .runModel(let name):
            guard let model = definition.model(named: name) else { return name }
            var text = model.inputs.map(\.description).joined(separator: ", ") + " -> \(model.output) ("
            text += "\(model.writeMode)"
            if !model.partitionColumns.isEmpty {
                text += ", partitioned by " + model.partitionColumns.joined(separator: ", ")
            }
            return text + ", \(model.sqlFile))"
        case .load(let name):
            guard let load = definition.loads.first(where: { $0.name == name }) else { return name }
            var text = "\(load.source) -> warehouse \(load.target) (\(load.mode.rawValue)"
            if let keys = load.keyColumns { text += " on " + keys.joined(separator: ", ") }
            for filter in load.foreignKeyFilters {
                text +=
                    ", keep \(filter.columns.joined(separator: ", ")) found in \(filter.referencedTable)("
                    + filter.referencedColumns.joined(separator: ", ") + ")"
            }
            return text + ")"
        case .postLoad(let name):
            guard let step = definition.postLoadSteps.first(where: { $0.name == name }) else { return name }
            return "run \(step.sqlFile) in the warehouse"
        case .backup(let name):
            guard let step = definition.backups.first(where: { $0.name == name }) else { return name }
            return "warehouse \(step.source) -> \(step.target) (new version)"
        case .maintain(let name):
            guard let step = definition.maintenance.first(where: { $0.name == name }) else { return name }
            return "\(step.action) " + step.tables.map(\.description).joined(separator: ", ")
        }
    }
}

import LakeCore
import LakeSQL
import LakeWarehouse

extension PipelineDefinition {
    /// SQL files larger than this are refused.
    public static let sqlFileBytesMax = 1 << 20

    /// Reads the pipeline file at `path` in `store`; SQL files are read relative to its folder.
    public static func load(path: String, store: any ObjectStore, catalog: [Endpoint] = Endpoint.referenceCatalog)
        throws(PipelineError) -> PipelineDefinition
    {
        let text: String
        do {
            let bytes = try store.read(path)
            guard bytes.count <= PipelineFileParser.textBytesMax else {
                throw PipelineError.invalidDefinition(location: path, reason: "pipeline file too large")
            }
            text = String(decoding: bytes, as: UTF8.self)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .invalidDefinition(location: path, reason: "cannot read the pipeline file: \(error)")
        }
        let folder = path.contains("/") ? String(path[...(path.lastIndex(of: "/") ?? path.startIndex)]) : ""
        return try parse(text, file: path, catalog: catalog) { relative in
            guard let bytes = try? store.read(folder + relative), bytes.count <= sqlFileBytesMax else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Parses and validates a pipeline file. `readFile` returns the text of a file named relative to the
    /// pipeline file's folder, or nil when it is missing or unreadable. Errors are
    /// `PipelineError.invalidDefinition` located at `file:line` (or `sqlFile:line:column` for SQL).
    public static func parse(
        _ text: String, file: String, catalog: [Endpoint] = Endpoint.referenceCatalog,
        readFile: (String) -> String?
    ) throws(PipelineError) -> PipelineDefinition {
        let sections = try PipelineFileParser.parse(text, file: file)
        return try withoutActuallyEscaping(readFile) { readFile throws(PipelineError) in
            var builder = PipelineDefinitionBuilder(file: file, catalog: catalog, readFile: readFile)
            for section in sections { try builder.add(section) }
            return try builder.build()
        }
    }
}

/// Collects sections into definitions, then resolves and orders them.
struct PipelineDefinitionBuilder {
    static let namePattern = "lower-case letters, digits and _"

    let file: String
    let catalog: [Endpoint]
    let readFile: (String) -> String?

    var name: String?
    var endpointNames: [String] = []
    var endpointsLine = 0
    var pipelineLine: Int?
    var groups: [FrequencyGroup] = []
    var groupLines: [String: Int] = [:]
    var models: [ModelDefinition] = []
    var loads: [LoadDefinition] = []
    var postLoadSteps: [PostLoadStep] = []
    var backups: [GoldBackupStep] = []
    var maintenance: [MaintenanceStep] = []
    var csvSources: [CSVFolderSource] = []
    var postgresSources: [PostgresSourceDefinition] = []
    /// Section line of each CSV and PostgreSQL source.
    var sourceLines: [String: Int] = [:]

    init(file: String, catalog: [Endpoint], readFile: @escaping (String) -> String?) {
        self.file = file
        self.catalog = catalog
        self.readFile = readFile
    }

    func error(_ reason: String, line: Int) -> PipelineError {
        .invalidDefinition(location: "\(file):\(line)", reason: reason)
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                    || $0 == UInt8(ascii: "_")
            }
    }

    mutating func add(_ section: PipelineFileSection) throws(PipelineError) {
        var reader = PipelineSectionReader(section, file: file)
        if section.kind == "pipeline" {
            guard section.name == nil else { throw reader.error("[pipeline] takes no name") }
            pipelineLine = section.line
            name = try reader.requiredString("name")
            endpointNames = try reader.strings("endpoints") ?? []
            endpointsLine = reader.line(of: "endpoints")
            try reader.checkAllUsed()
            return
        }
        guard let sectionName = section.name else {
            throw reader.error("[\(section.kind)] needs a name: [\(section.kind).<name>]")
        }
        guard Self.isName(sectionName) else {
            throw reader.error("name \(sectionName) must be \(Self.namePattern)")
        }
        switch section.kind {
        case "group": try addGroup(sectionName, &reader)
        case "model": try addModel(sectionName, &reader)
        case "load": try addLoad(sectionName, &reader)
        case "post_load": try addPostLoad(sectionName, &reader)
        case "backup": try addBackup(sectionName, &reader)
        case "maintenance": try addMaintenance(sectionName, &reader)
        case "csv_source": try addCSVSource(sectionName, &reader)
        case "postgres_source": try addPostgresSource(sectionName, &reader)
        default:
            throw reader.error(
                "unknown section kind \(section.kind) (known: pipeline, csv_source, postgres_source, group, model, "
                    + "load, post_load, backup, maintenance)")
        }
        try reader.checkAllUsed()
    }

    mutating func addGroup(_ name: String, _ reader: inout PipelineSectionReader) throws(PipelineError) {
        let cadenceText = try reader.requiredString("cadence")
        let weekdayText = try reader.string("weekday")
        let cadence: GroupCadence
        switch cadenceText {
        case "daily": cadence = .daily
        case "weekdays": cadence = .weekdays
        case "weekly":
            guard let weekdayText else { throw reader.error("a weekly group needs weekday = \"<day>\"") }
            guard let day = Weekday(parsing: weekdayText) else {
                throw reader.error("unknown weekday \(weekdayText)", line: reader.line(of: "weekday"))
            }
            cadence = .weekly(day)
        default:
            throw reader.error(
                "cadence must be daily, weekdays or weekly, found \(cadenceText)", line: reader.line(of: "cadence"))
        }
        if cadenceText != "weekly", weekdayText != nil {
            throw reader.error("weekday is only for weekly groups", line: reader.line(of: "weekday"))
        }
        guard let timeTexts = try reader.strings("times"), !timeTexts.isEmpty else {
            throw reader.error("[group.\(name)] needs times = [\"HH:MM\", ...]")
        }
        var times: [TimeOfDay] = []
        for text in timeTexts {
            guard let time = TimeOfDay(parsing: text) else {
                throw reader.error("time \(text) is not HH:MM (00:00 to 23:59)", line: reader.line(of: "times"))
            }
            times.append(time)
        }
        let zoneText = try reader.string("zone") ?? "UTC"
        guard let zone = ScheduleZone(parsing: zoneText) else {
            throw reader.error(
                "zone \(zoneText) is not UTC, a UTC offset (+05:30), a POSIX TZ rule (CET-1CEST,M3.5.0,M10.5.0/3) "
                    + "or one of the known zone names (Europe/Paris, America/New_York, ...)",
                line: reader.line(of: "zone"))
        }
        let endpoints = try reader.strings("endpoints") ?? []
        groupLines[name] = reader.line(of: "endpoints")
        groups.append(FrequencyGroup(name: name, cadence: cadence, times: times, zone: zone, endpoints: endpoints))
    }

    mutating func addModel(_ name: String, _ reader: inout PipelineSectionReader) throws(PipelineError) {
        let sqlFile = try reader.requiredString("sql")
        guard let inputs = try reader.tables("inputs", layers: [.bronze, .silver, .gold]), !inputs.isEmpty else {
            throw reader.error("[model.\(name)] needs inputs = [\"bronze.<endpoint>\" or \"silver.<table>\", ...]")
        }
        let output =
            try reader.table("output", layers: [.silver, .gold]) ?? ModelInput(layer: .silver, name: name)
        guard Self.isName(output.name) else {
            throw reader.error("output table name must be \(Self.namePattern)", line: reader.line(of: "output"))
        }
        let partitionColumns = try reader.strings("partition_by") ?? []
        let modeText = try reader.string("mode") ?? "overwrite"
        let keys = try reader.strings("keys")
        let writeMode: ModelWriteMode
        switch modeText {
        case "overwrite": writeMode = .overwrite
        case "append": writeMode = .append
        case "merge":
            guard let keys, !keys.isEmpty else { throw reader.error("mode = \"merge\" needs keys = [...]") }
            writeMode = .merge(keys: keys)
        default:
            throw reader.error(
                "mode must be overwrite, append or merge, found \(modeText)", line: reader.line(of: "mode"))
        }
        if modeText != "merge", keys != nil {
            throw reader.error("keys is only for mode = \"merge\"", line: reader.line(of: "keys"))
        }
        let query = try parseModelSQL(model: name, sqlFile: sqlFile, line: reader.line(of: "sql"))
        try checkReferences(of: query, model: name, sqlFile: sqlFile, inputs: inputs, line: reader.line(of: "inputs"))
        if let columns = ModelOutputColumns.names(of: query) {
            for column in partitionColumns + (keys ?? []) where !columns.contains(column.lowercased()) {
                throw reader.error(
                    "model \(name): column \(column) is not in the output of \(sqlFile) (columns: "
                        + columns.joined(separator: ", ") + ")",
                    line: reader.line(of: partitionColumns.contains(column) ? "partition_by" : "keys"))
            }
        }
        models.append(
            ModelDefinition(
                name: name, sqlFile: sqlFile, inputs: inputs, output: output, partitionColumns: partitionColumns,
                writeMode: writeMode, query: query, line: reader.section.line))
    }

    func parseModelSQL(model: String, sqlFile: String, line: Int) throws(PipelineError) -> Query {
        guard let text = readFile(sqlFile) else {
            throw error("model \(model): SQL file \(sqlFile) is missing or unreadable", line: line)
        }
        let statements: [Statement]
        do {
            statements = try SQLParser.parseScript(text)
        } catch {
            throw .invalidDefinition(
                location: "\(sqlFile):\(error.location.line):\(error.location.column)",
                reason: "model \(model): \(error.reason)")
        }
        guard statements.count == 1, case .query(let query) = statements[0] else {
            throw self.error(
                "model \(model): \(sqlFile) must hold exactly one query (SELECT or WITH ... SELECT), found "
                    + "\(statements.count) statement(s)", line: line)
        }
        return query
    }

    func checkReferences(of query: Query, model: String, sqlFile: String, inputs: [ModelInput], line: Int)
        throws(PipelineError)
    {
        let references = ModelTableReferences(query)
        if let unsupported = references.unsupportedSources.first {
            throw .invalidDefinition(
                location: "\(sqlFile):\(unsupported.location.line):\(unsupported.location.column)",
                reason: "model \(model): reads \(unsupported.text); models read only their declared inputs")
        }
        var read: Set<ModelInput> = []
        for (name, location) in references.tables {
            let parts = name.parts.map { $0.value.lowercased() }
            guard parts.count == 2, let table = ModelInput(parsing: parts.joined(separator: ".")),
                inputs.contains(table)
            else {
                throw .invalidDefinition(
                    location: "\(sqlFile):\(location.line):\(location.column)",
                    reason: "model \(model): table \(name) is not one of its inputs ("
                        + inputs.map(\.description).joined(separator: ", ") + ")")
            }
            read.insert(table)
        }
        for input in inputs where !read.contains(input) {
            throw error("model \(model): input \(input) is never read by \(sqlFile)", line: line)
        }
    }

    mutating func addLoad(_ name: String, _ reader: inout PipelineSectionReader) throws(PipelineError) {
        guard let source = try reader.table("source", layers: [.silver, .gold]) else {
            throw reader.error("[load.\(name)] needs source = \"silver.<table>\"")
        }
        let target = TableName(parsing: try reader.string("target") ?? source.name)
        let modeText = try reader.string("mode") ?? LoadMode.append.rawValue
        guard let mode = LoadMode(rawValue: modeText) else {
            throw reader.error(
                "mode must be append or insert-missing, found \(modeText)", line: reader.line(of: "mode"))
        }
        let keys = try reader.strings("keys")
        if mode == .append, keys != nil {
            throw reader.error("keys is only for mode = \"insert-missing\"", line: reader.line(of: "keys"))
        }
        var filters: [ForeignKey] = []
        for text in try reader.strings("foreign_keys") ?? [] {
            guard let filter = Self.foreignKey(parsing: text) else {
                throw reader.error(
                    "foreign key \(text) is not \"col[, col] -> table(col[, col])\"",
                    line: reader.line(of: "foreign_keys"))
            }
            filters.append(filter)
        }
        loads.append(
            LoadDefinition(
                name: name, source: source, target: target, mode: mode, keyColumns: keys, foreignKeyFilters: filters,
                line: reader.section.line))
    }

    /// `a, b -> schema.table(x, y)`.
    static func foreignKey(parsing text: String) -> ForeignKey? {
        let sides = text.split(separator: "->", omittingEmptySubsequences: false)
        guard sides.count == 2, let open = sides[1].firstIndex(of: "("), sides[1].hasSuffix(")") else { return nil }
        let columns = sides[0].split(separator: ",").map { $0.trimmingSpaces() }
        let table = sides[1][..<open].trimmingSpaces()
        let referenced = sides[1][sides[1].index(after: open)..<sides[1].index(before: sides[1].endIndex)]
            .split(separator: ",").map { $0.trimmingSpaces() }
        guard !columns.isEmpty, columns.count == referenced.count, !table.isEmpty,
            (columns + referenced).allSatisfy({ !$0.isEmpty })
        else { return nil }
        return ForeignKey(columns: columns, references: TableName(parsing: table), referenced)
    }

    mutating func addPostLoad(_ name: String, _ reader: inout PipelineSectionReader) throws(PipelineError) {
        let sqlFile = try reader.requiredString("sql")
        let after = try reader.strings("after") ?? []
        guard let text = readFile(sqlFile), text.contains(where: { !$0.isWhitespace }) else {
            throw reader.error("post-load SQL file \(sqlFile) is missing or empty", line: reader.line(of: "sql"))
        }
        postLoadSteps.append(PostLoadStep(name: name, sqlFile: sqlFile, after: after, line: reader.section.line))
    }

    mutating func addBackup(_ name: String, _ reader: inout PipelineSectionReader) throws(PipelineError) {
        let source = TableName(parsing: try reader.requiredString("source"))
        guard let target = try reader.table("target", layers: [.gold]) else {
            throw reader.error("[backup.\(name)] needs target = \"gold.<table>\"")
        }
        guard let groups = try reader.strings("groups"), !groups.isEmpty else {
            throw reader.error("[backup.\(name)] needs groups = [\"<group>\", ...]")
        }
        backups.append(
            GoldBackupStep(name: name, source: source, target: target, groups: groups, line: reader.section.line))
    }

    mutating func addMaintenance(_ name: String, _ reader: inout PipelineSectionReader) throws(PipelineError) {
        let actionText = try reader.requiredString("action")
        let zOrder = try reader.strings("zorder_by")
        let retainHours = try reader.integer("retain_hours")
        let action: MaintenanceStep.Action
        switch actionText {
        case "checkpoint": action = .checkpoint
        case "optimize": action = .optimize(zOrderBy: zOrder ?? [])
        case "vacuum":
            let hours = retainHours ?? 168
            guard hours >= 0 else {
                throw reader.error("retain_hours must not be negative", line: reader.line(of: "retain_hours"))
            }
            action = .vacuum(retainHours: hours)
        default:
            throw reader.error(
                "action must be checkpoint, optimize or vacuum, found \(actionText)", line: reader.line(of: "action"))
        }
        if zOrder != nil, actionText != "optimize" {
            throw reader.error("zorder_by is only for optimize", line: reader.line(of: "zorder_by"))
        }
        if retainHours != nil, actionText != "vacuum" {
            throw reader.error("retain_hours is only for vacuum", line: reader.line(of: "retain_hours"))
        }
        guard let tables = try reader.tables("tables", layers: [.silver, .gold]), !tables.isEmpty else {
            throw reader.error("[maintenance.\(name)] needs tables = [\"silver.<table>\", ...]")
        }
        let group = try reader.requiredString("group")
        maintenance.append(
            MaintenanceStep(name: name, action: action, tables: tables, group: group, line: reader.section.line))
    }

    // MARK: resolving

    func build() throws(PipelineError) -> PipelineDefinition {
        guard let name, pipelineLine != nil else {
            throw error("the file needs a [pipeline] section with a name", line: 1)
        }
        var endpoints: [Endpoint] = []
        for endpointName in endpointNames {
            guard let endpoint = catalog.first(where: { $0.name == endpointName }) else {
                if sourceLines[endpointName] != nil {
                    throw error(
                        "\(endpointName) is a declared source: list it in the endpoints of its groups, not here",
                        line: endpointsLine)
                }
                throw error(
                    "unknown endpoint \(endpointName) (known: \(catalog.map(\.name).joined(separator: ", ")))",
                    line: endpointsLine)
            }
            if let ids = endpoint.ids, !endpoints.contains(where: { $0.name == ids.sourceEndpoint }) {
                throw error(
                    "endpoint \(endpointName) takes ids from \(ids.sourceEndpoint), which must be listed before it",
                    line: endpointsLine)
            }
            endpoints.append(endpoint)
        }
        // What groups may list and models may read as `bronze.<name>`: endpoints and declared sources.
        let extractable = try checkSourceNames(endpoints: Set(endpointNames))
        for group in groups {
            for endpoint in group.endpoints where !extractable.contains(endpoint) {
                throw error(
                    "group \(group.name): \(endpoint) is neither one of the pipeline's endpoints nor a declared "
                        + "source", line: groupLines[group.name] ?? 1)
            }
        }
        let groupNames = Set(groups.map(\.name))
        var outputs: [ModelInput: String] = [:]
        for model in models {
            if let other = outputs[model.output] {
                throw error("models \(other) and \(model.name) both write \(model.output)", line: model.line)
            }
            outputs[model.output] = model.name
        }
        for model in models {
            for input in model.inputs {
                switch input.layer {
                case .bronze:
                    guard extractable.contains(input.name) else {
                        throw error(
                            "model \(model.name): input \(input) is neither a pipeline endpoint nor a declared source",
                            line: model.line)
                    }
                case .silver, .gold:
                    guard outputs[input] != nil || backups.contains(where: { $0.target == input }) else {
                        throw error(
                            "model \(model.name): input \(input) is written by no model or backup", line: model.line)
                    }
                }
            }
        }
        let orderedModels = try ModelDependencyOrder.sorted(models, file: file)
        var loadTargets: [TableName: String] = [:]
        for load in loads {
            guard outputs[load.source] != nil || backups.contains(where: { $0.target == load.source }) else {
                throw error("load \(load.name): source \(load.source) is written by no model", line: load.line)
            }
            if let other = loadTargets[load.target] {
                throw error("loads \(other) and \(load.name) both write \(load.target)", line: load.line)
            }
            loadTargets[load.target] = load.name
        }
        for load in loads {
            for filter in load.foreignKeyFilters where loadTargets[filter.referencedTable] == nil {
                throw error(
                    "load \(load.name): foreign key references \(filter.referencedTable), which no load writes",
                    line: load.line)
            }
        }
        for load in loads {
            guard let writer = models.first(where: { $0.output == load.source }),
                let columns = ModelOutputColumns.names(of: writer.query)
            else { continue }
            let named = (load.keyColumns ?? []) + load.foreignKeyFilters.flatMap(\.columns)
            for column in named where !columns.contains(column.lowercased()) {
                throw error(
                    "load \(load.name): column \(column) is not in the output of model \(writer.name)", line: load.line)
            }
        }
        for step in maintenance {
            guard case .optimize(let zOrder) = step.action else { continue }
            for table in step.tables {
                guard let writer = models.first(where: { $0.output == table }),
                    let columns = ModelOutputColumns.names(of: writer.query)
                else { continue }
                for column in zOrder where !columns.contains(column.lowercased()) {
                    throw error(
                        "maintenance \(step.name): column \(column) is not in the output of model \(writer.name)",
                        line: step.line)
                }
            }
        }
        let orderedLoads = try loadOrder(loads)
        for step in postLoadSteps {
            for table in step.after where loadTargets[TableName(parsing: table)] == nil {
                throw error("post_load \(step.name): \(table) is loaded by no load", line: step.line)
            }
        }
        var goldTargets: Set<ModelInput> = []
        for backup in backups {
            guard goldTargets.insert(backup.target).inserted, outputs[backup.target] == nil else {
                throw error("backup \(backup.name): \(backup.target) is written by another step", line: backup.line)
            }
            for group in backup.groups where !groupNames.contains(group) {
                throw error("backup \(backup.name): unknown group \(group)", line: backup.line)
            }
        }
        for step in maintenance {
            guard groupNames.contains(step.group) else {
                throw error("maintenance \(step.name): unknown group \(step.group)", line: step.line)
            }
            for table in step.tables where outputs[table] == nil && !goldTargets.contains(table) {
                throw error("maintenance \(step.name): \(table) is written by no model or backup", line: step.line)
            }
        }
        return PipelineDefinition(
            name: name, endpoints: endpoints, groups: groups, models: orderedModels, loads: orderedLoads,
            postLoadSteps: postLoadSteps, backups: backups, maintenance: maintenance, csvSources: csvSources,
            postgresSources: postgresSources)
    }

    /// Loads ordered so that a table referenced by a foreign-key filter is loaded first.
    func loadOrder(_ loads: [LoadDefinition]) throws(PipelineError) -> [LoadDefinition] {
        var remaining = loads
        var ordered: [LoadDefinition] = []
        var done: Set<TableName> = []
        while !remaining.isEmpty {
            guard
                let index = remaining.firstIndex(where: { load in
                    load.foreignKeyFilters.allSatisfy {
                        done.contains($0.referencedTable) || $0.referencedTable == load.target
                    }
                })
            else {
                throw error(
                    "foreign-key filters of loads form a cycle: " + remaining.map(\.name).joined(separator: ", "),
                    line: remaining[0].line)
            }
            let load = remaining.remove(at: index)
            done.insert(load.target)
            ordered.append(load)
        }
        return ordered
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

/// Typed access to one section's entries, with errors located at `file:line`, and a check that no entry was
/// left unread (a misspelt key is an error, not a silent default).
struct PipelineSectionReader {
    let section: PipelineFileSection
    let file: String
    private(set) var used: Set<String> = []

    init(_ section: PipelineFileSection, file: String) {
        self.section = section
        self.file = file
    }

    var title: String { section.name.map { "[\(section.kind).\($0)]" } ?? "[\(section.kind)]" }

    func error(_ reason: String, line: Int? = nil) -> PipelineError {
        .invalidDefinition(location: "\(file):\(line ?? section.line)", reason: reason)
    }

    func line(of key: String) -> Int { section.entry(key)?.line ?? section.line }

    mutating func string(_ key: String) throws(PipelineError) -> String? {
        used.insert(key)
        guard let entry = section.entry(key) else { return nil }
        guard case .string(let text) = entry.value else {
            throw error("\(key) must be a string, found \(entry.value.kindName)", line: entry.line)
        }
        return text
    }

    mutating func requiredString(_ key: String) throws(PipelineError) -> String {
        guard let text = try string(key) else { throw error("\(title) needs \(key)") }
        return text
    }

    mutating func integer(_ key: String) throws(PipelineError) -> Int64? {
        used.insert(key)
        guard let entry = section.entry(key) else { return nil }
        guard case .integer(let value) = entry.value else {
            throw error("\(key) must be an integer, found \(entry.value.kindName)", line: entry.line)
        }
        return value
    }

    mutating func strings(_ key: String) throws(PipelineError) -> [String]? {
        used.insert(key)
        guard let entry = section.entry(key) else { return nil }
        guard case .array(let items) = entry.value else {
            throw error("\(key) must be an array of strings, found \(entry.value.kindName)", line: entry.line)
        }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                throw error("\(key) must hold strings only, found \(item.kindName)", line: entry.line)
            }
            guard !texts.contains(text) else { throw error("\(key) lists \(text) twice", line: entry.line) }
            texts.append(text)
        }
        return texts
    }

    mutating func table(_ key: String, layers: Set<ModelInput.Layer>) throws(PipelineError) -> ModelInput? {
        guard let text = try string(key) else { return nil }
        guard let table = ModelInput(parsing: text), layers.contains(table.layer) else {
            let allowed = layers.map { "\($0.rawValue).<name>" }.sorted().joined(separator: " or ")
            throw error("\(key) must be \(allowed), found \(text)", line: line(of: key))
        }
        return table
    }

    mutating func tables(_ key: String, layers: Set<ModelInput.Layer>) throws(PipelineError) -> [ModelInput]? {
        guard let texts = try strings(key) else { return nil }
        var tables: [ModelInput] = []
        for text in texts {
            guard let table = ModelInput(parsing: text), layers.contains(table.layer) else {
                let allowed = layers.map { "\($0.rawValue).<name>" }.sorted().joined(separator: " or ")
                throw error("\(key): \(text) is not \(allowed)", line: line(of: key))
            }
            tables.append(table)
        }
        return tables
    }

    /// Throws for the first entry no accessor asked for.
    func checkAllUsed() throws(PipelineError) {
        for entry in section.entries where !used.contains(entry.key) {
            let known = used.sorted().joined(separator: ", ")
            throw error("unknown key \(entry.key) in \(title) (known keys: \(known))", line: entry.line)
        }
    }
}

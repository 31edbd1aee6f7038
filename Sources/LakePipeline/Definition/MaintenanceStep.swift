/// Table maintenance run on a schedule: checkpoint, optimize (compaction, optional Z-order) or vacuum.
///
/// Spec: spec/pipeline.md#maintenance
public struct MaintenanceStep: Sendable, Hashable {
    public enum Action: Sendable, Hashable, CustomStringConvertible {
        case checkpoint
        case optimize(zOrderBy: [String])
        case vacuum(retainHours: Int64)

        public var description: String {
            switch self {
            case .checkpoint: "checkpoint"
            case .optimize(let columns):
                columns.isEmpty ? "optimize" : "optimize zorder by (\(columns.joined(separator: ", ")))"
            case .vacuum(let hours): "vacuum retain \(hours) hours"
            }
        }
    }

    public var name: String
    public var action: Action
    /// Lake tables (`silver.x`, `gold.x`).
    public var tables: [ModelInput]
    /// The frequency group whose plans include it.
    public var group: String
    public var line: Int

    public init(name: String, action: Action, tables: [ModelInput], group: String, line: Int = 0) {
        self.name = name
        self.action = action
        self.tables = tables
        self.group = group
        self.line = line
    }
}

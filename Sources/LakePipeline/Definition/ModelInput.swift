/// A dataset a model reads: a bronze endpoint's snapshots or a lake table (`silver.<name>`, `gold.<name>`).
///
/// In model SQL it is written as the same two-part name: `FROM bronze.listings_latest`,
/// `JOIN silver.dim_crypto_id`. A bronze input stands for the snapshots the model has not processed yet
/// (`ModelRunState`); a table input stands for the table's latest version.
///
/// Spec: spec/pipeline.md#models
public struct ModelInput: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Layer: String, Sendable, Hashable, CaseIterable {
        case bronze, silver, gold
    }

    public var layer: Layer
    public var name: String

    public init(layer: Layer, name: String) {
        self.layer = layer
        self.name = name
    }

    /// Parses `layer.name`; nil when the layer is unknown or the name empty.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let layer = Layer(rawValue: String(parts[0])), !parts[1].isEmpty else { return nil }
        self.init(layer: layer, name: String(parts[1]))
    }

    public var description: String { "\(layer.rawValue).\(name)" }

    public static func < (lhs: ModelInput, rhs: ModelInput) -> Bool { lhs.description < rhs.description }
}

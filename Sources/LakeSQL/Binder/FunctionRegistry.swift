import LakeColumnar

/// The functions SQL may call, by name: scalar, aggregate and window functions with their argument rules.
///
/// Names match case-insensitively. Aliases resolve to one canonical name (`substr` → `substring`, `mean` →
/// `avg`, `stddev` → `stddev_samp`, `max_by` → `arg_max`), which is what bound plans carry. `date_part` and
/// `EXTRACT` are bound to `BoundExpression.Kind.extract`; `date_trunc` checks its unit at bind time.
///
/// Spec: spec/sql.md §8.4.
public struct FunctionRegistry: Sendable {
    public private(set) var signatures: [String: FunctionSignature]
    public private(set) var aliases: [String: String]

    /// A registry with no functions, to build on.
    public init(signatures: [FunctionSignature] = [], aliases: [String: String] = [:]) {
        self.signatures = [:]
        self.aliases = aliases
        for signature in signatures { self.signatures[signature.name] = signature }
    }

    public mutating func register(_ signature: FunctionSignature) {
        signatures[signature.name] = signature
    }

    /// The signature for `name` in any case, following aliases, or nil.
    public func signature(named name: String) -> FunctionSignature? {
        signatures[canonicalName(name)]
    }

    public func canonicalName(_ name: String) -> String {
        let lower = name.lowercased()
        return aliases[lower] ?? lower
    }

    /// Every callable name (canonical names and aliases), sorted, for suggestions.
    public var names: [String] { (Array(signatures.keys) + Array(aliases.keys)).sorted() }

    /// The functions of spec/sql.md §8.4.
    public static let standard: FunctionRegistry = {
        var registry = FunctionRegistry(aliases: [
            "substr": "substring", "ceiling": "ceil", "mean": "avg", "stddev": "stddev_samp",
            "variance": "var_samp", "max_by": "arg_max", "min_by": "arg_min", "pow": "power",
            "current_timestamp": "now", "string_split": "split",
        ])
        for signature in StandardFunctions.scalar + StandardFunctions.aggregate + StandardFunctions.window {
            registry.register(signature)
        }
        return registry
    }()
}

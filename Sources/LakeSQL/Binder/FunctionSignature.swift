import LakeColumnar

/// What the registry knows of one function: its kind, how many arguments it takes, and how argument types map
/// to the argument conversions and the result type.
///
/// Spec: spec/sql.md §8.4.
public struct FunctionSignature: Sendable {
    public enum Kind: Sendable, Hashable {
        /// Row by row: `lower(s)`.
        case scalar
        /// Folds groups; also usable as a window function with OVER.
        case aggregate
        /// Only with OVER: ranking and offset functions.
        case window
    }

    /// The outcome of checking argument types.
    public enum Resolution: Sendable, Hashable {
        /// The call is valid: convert argument i to `arguments[i]`, the result has type `result`.
        case valid(arguments: [DataType], result: DataType)
        /// Argument `index` (0-based) has a type the function does not take; `expected` reads like `a string`.
        case mismatch(index: Int, expected: String)
    }

    /// Canonical lower-case name.
    public var name: String
    public var kind: Kind
    public var minimumArguments: Int
    /// nil: any number from the minimum.
    public var maximumArguments: Int?
    /// Maps argument types (nil for an untyped NULL literal) to a resolution; called with a valid count only.
    public var resolve: @Sendable ([DataType?]) -> Resolution

    public init(
        _ name: String, _ kind: Kind, arguments: ClosedRange<Int>, variadic: Bool = false,
        resolve: @escaping @Sendable ([DataType?]) -> Resolution
    ) {
        self.name = name
        self.kind = kind
        self.minimumArguments = arguments.lowerBound
        self.maximumArguments = variadic ? nil : arguments.upperBound
        self.resolve = resolve
    }

    public func accepts(count: Int) -> Bool {
        count >= minimumArguments && count <= (maximumArguments ?? .max)
    }

    /// `1`, `1 or 2`, `2 to 4`, `at least 1`, for error messages.
    public var arityText: String {
        guard let maximum = maximumArguments else { return "at least \(minimumArguments)" }
        if maximum == minimumArguments { return "\(maximum)" }
        if maximum == minimumArguments + 1 { return "\(minimumArguments) or \(maximum)" }
        return "\(minimumArguments) to \(maximum)"
    }
}

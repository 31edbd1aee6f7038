/// `INTERVAL '1 day'`, `INTERVAL '2 hours 30 minutes'`, `INTERVAL '3' DAY`, `INTERVAL 3 DAYS`.
///
/// The parser reads the text into components; the executor turns them into months, days and microseconds.
///
/// Spec: spec/sql.md §2.4.
public struct IntervalLiteral: Sendable, Hashable {
    public struct Component: Sendable, Hashable {
        /// May be negative (`'-1 day'`).
        public var quantity: Int64
        /// Always an interval unit (`isIntervalUnit`).
        public var unit: DateTimeField

        public init(quantity: Int64, unit: DateTimeField) {
            precondition(unit.isIntervalUnit, "\(unit) is not an interval unit")
            self.quantity = quantity
            self.unit = unit
        }
    }

    /// In the order written; never empty.
    public var components: [Component]

    public init(components: [Component]) {
        precondition(!components.isEmpty, "an interval has at least one component")
        self.components = components
    }

    /// The text inside the quotes as the formatter writes it: `1 day 2 hours`.
    public var text: String {
        components.map { component in
            let plural = component.quantity == 1 || component.quantity == -1 ? "" : "s"
            return "\(component.quantity) \(component.unit.rawValue)\(plural)"
        }.joined(separator: " ")
    }
}

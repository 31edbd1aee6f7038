import LakeColumnar

/// A node of a physical plan: pulls batches from its children and hands out its own, one at a time.
///
/// Contract: every batch has `schema`; `next()` returns nil at the end and keeps returning nil afterwards; an error
/// ends the stream. Operators are single-consumer objects (classes carry their iteration state); the parallel ones
/// fan work out to threads internally and restore input order before returning.
///
/// Spec: spec/executor.md (operator contracts)
public protocol PhysicalOperator: AnyObject {
    var schema: Schema { get }
    /// The operator's line in `explain` output, e.g. `Filter (price > 10)`.
    var label: String { get }
    var children: [any PhysicalOperator] { get }
    func next() throws(ExecutionError) -> Batch?
}

extension PhysicalOperator {
    /// Pulls every remaining batch.
    public func collect() throws(ExecutionError) -> [Batch] {
        var batches: [Batch] = []
        for _ in 0..<Int.max {
            guard let batch = try next() else { break }
            batches.append(batch)
        }
        return batches
    }

    /// The operator tree, one operator per line, children indented.
    public func explain() -> String {
        var lines: [String] = []
        func visit(_ node: any PhysicalOperator, depth: Int) {
            lines.append(String(repeating: "  ", count: depth) + node.label)
            for child in node.children { visit(child, depth: depth + 1) }
        }
        visit(self, depth: 0)
        return lines.joined(separator: "\n")
    }
}

/// A schema whose fields all accept nulls (outputs of expressions and outer joins).
func nullableSchema(_ fields: [Field]) -> Schema {
    Schema(fields.map { Field($0.name, $0.type, nullable: true, metadata: $0.metadata) })
}

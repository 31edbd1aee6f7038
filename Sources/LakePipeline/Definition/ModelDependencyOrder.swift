/// Orders models so each comes after the models whose outputs it reads, keeping file order among models that
/// are ready together; a cycle is an error naming the models on it.
///
/// Spec: spec/pipeline.md#models
enum ModelDependencyOrder {
    static func sorted(_ models: [ModelDefinition], file: String) throws(PipelineError) -> [ModelDefinition] {
        let writer = Dictionary(
            models.enumerated().map { ($0.element.output, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let dependencies = models.map { model in Set(model.inputs.compactMap { writer[$0] }) }
        var placed = [Bool](repeating: false, count: models.count)
        var ordered: [ModelDefinition] = []
        for _ in 0..<models.count {
            guard let next = models.indices.first(where: { !placed[$0] && dependencies[$0].allSatisfy { placed[$0] } })
            else { break }
            placed[next] = true
            ordered.append(models[next])
        }
        guard ordered.count < models.count else { return ordered }
        let cycle = findCycle(dependencies: dependencies, among: models.indices.filter { !placed[$0] })
        let names = cycle.map { models[$0].name }
        throw .invalidDefinition(
            location: "\(file):\(models[cycle[0]].line)",
            reason: "models depend on each other in a cycle: " + (names + [names[0]]).joined(separator: " -> "))
    }

    /// A cycle among `candidates` (every one of which has an unplaced dependency): walk dependencies until a
    /// model repeats.
    private static func findCycle(dependencies: [Set<Int>], among candidates: [Int]) -> [Int] {
        let open = Set(candidates)
        var path: [Int] = []
        var current = candidates[0]
        for _ in 0...candidates.count {
            if let start = path.firstIndex(of: current) { return Array(path[start...]) }
            path.append(current)
            guard let next = dependencies[current].filter({ open.contains($0) }).min() else { break }
            current = next
        }
        return path
    }
}

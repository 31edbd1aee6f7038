/// What every operator of one query shares: the options and the memory budget.
public struct ExecutionContext: Sendable {
    public let options: ExecutionOptions
    public let memory: MemoryBudget

    public init(options: ExecutionOptions = ExecutionOptions()) {
        self.options = options
        memory = MemoryBudget(limitBytes: options.memoryLimitBytes)
    }
}

import LakeExec
import Testing

@Test func memoryLimitErrorNamesOperatorAndSizes() {
    let error = ExecutionError.memoryLimitExceeded(operator: "hash aggregate", limitBytes: 10, requestedBytes: 20)
    #expect(error.description == "hash aggregate needs 20 bytes, above the memory limit of 10 bytes")
}

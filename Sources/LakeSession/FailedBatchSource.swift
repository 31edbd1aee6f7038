import LakeColumnar
import LakeExec

/// A source whose opening failed: it reports the failure on the first pull, so a plan's sources open when it runs.
struct FailedBatchSource: BatchSource {
    let schema: Schema
    let error: SessionError

    mutating func nextBatch() throws -> Batch? { throw error }
}

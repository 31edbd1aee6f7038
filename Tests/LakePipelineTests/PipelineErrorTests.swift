import LakePipeline
import Testing

@Test func stepFailureNamesTheStep() {
    #expect(PipelineError.stepFailed(step: "extract listings", reason: "timeout").description
        == "step extract listings failed: timeout")
}

import LakeHTTP
import Testing

@Test func statusErrorNamesURLAndCode() {
    #expect(
        HTTPError.status(url: "http://127.0.0.1:1/x", code: 503).description == "http://127.0.0.1:1/x: HTTP status 503")
}

@Test func redactionReachesNestedErrors() {
    let error = HTTPError.retriesExhausted(
        url: "http://h/x", attempts: 3, last: .transport(url: "http://h/x", reason: "echo s3cr3t-key"))
    let cleaned = error.redacting(["s3cr3t-key"])
    #expect(!cleaned.description.contains("s3cr3t-key"))
    #expect(cleaned.description.contains("<redacted>"))
}

@Test func sensitiveHeadersNeverPrint() {
    let header = HTTPHeader("X-CMC_PRO_API_KEY", "abc-123-secret", isSensitive: true)
    let request = HTTPRequest(url: "http://h/x", headers: [header, HTTPHeader("Accept", "application/json")])
    var dumped = ""
    dump(request, to: &dumped)
    for text in ["\(header)", String(reflecting: header), "\(request)", String(reflecting: request), dumped] {
        #expect(!text.contains("abc-123-secret"), "\(text)")
    }
    #expect("\(request)".contains("X-CMC_PRO_API_KEY: <redacted>"))
    #expect("\(request)".contains("Accept: application/json"))
}

@Test func credentialsComeFromTheNamedVariable() throws {
    let credential = APICredential(headerName: "X-Key", environmentVariable: "LAKE_TEST_KEY")
    let header = try credential.header(environment: ["LAKE_TEST_KEY": "value-1"])
    #expect(header.name == "X-Key" && header.value == "value-1" && header.isSensitive)
    #expect(throws: HTTPError.missingCredential(variable: "LAKE_TEST_KEY")) {
        try credential.header(environment: ["LAKE_TEST_KEY": ""])
    }
    #expect(throws: HTTPError.missingCredential(variable: "LAKE_UNSET_VARIABLE_FOR_TESTS")) {
        try APICredential(headerName: "X", environmentVariable: "LAKE_UNSET_VARIABLE_FOR_TESTS")
            .headerFromProcessEnvironment()
    }
    #expect("\(credential)" == "X-Key from $LAKE_TEST_KEY")
}

import LakeHTTP
import Testing

@Test func statusErrorNamesURLAndCode() {
    #expect(HTTPError.status(url: "http://127.0.0.1:1/x", code: 503).description == "http://127.0.0.1:1/x: HTTP status 503")
}

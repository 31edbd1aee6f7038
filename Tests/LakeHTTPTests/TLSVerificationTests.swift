import Foundation
import LakeHTTP
import LakeTestSupport
import Testing

/// TLS peer verification is always on: a server with a self-signed certificate is refused.
///
/// The server is `Tests/interop/https_test_server.py` (Python's `ssl`), the certificate is made by `openssl` for
/// this test run.
@Suite struct TLSVerificationTests {
    @Test func aSelfSignedCertificateIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lake-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let made = try ChildProcess.run(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ], secondsMax: 60)
        try #require(made.exitStatus == 0, "openssl failed: \(made.standardError)")

        let portFile = directory.appendingPathComponent("port").path
        let script = try FixturePaths.repositoryRoot().appendingPathComponent("Tests/interop/https_test_server.py")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", script.path, cert, key, portFile]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            // SIGKILL: the test runner's threads may block SIGTERM, and a child inherits that mask.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        var port: String?
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), !text.isEmpty {
                port = text
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let listening = try #require(port, "the HTTPS test server did not start")

        let client = HTTPClient(options: HTTPClientOptions(connectTimeoutMillis: 5_000, totalTimeoutMillis: 10_000))
        #expect {
            try client.send(HTTPRequest(url: "https://127.0.0.1:\(listening)/"))
        } throws: { error in
            guard case HTTPError.transport(_, let reason) = error else { return false }
            return reason.lowercased().contains("certificate")
        }
    }
}

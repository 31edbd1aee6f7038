#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an API key comes from and how it is sent: the value of an environment variable, in a header.
///
/// The key itself is never stored here, so a credential can be printed, logged or saved in a pipeline file;
/// the header it produces is marked sensitive and prints as `<redacted>`.
///
/// Spec: spec/pipeline.md#credentials
public struct APICredential: Sendable, Hashable, CustomStringConvertible {
    /// e.g. `X-CMC_PRO_API_KEY`.
    public var headerName: String
    /// e.g. `CMC_PRO_API_KEY`.
    public var environmentVariable: String

    public init(headerName: String, environmentVariable: String) {
        self.headerName = headerName
        self.environmentVariable = environmentVariable
    }

    public var description: String { "\(headerName) from $\(environmentVariable)" }

    /// The sensitive header carrying the key found in `environment`.
    /// - Throws: `missingCredential` when the variable is absent or empty.
    public func header(environment: [String: String]) throws(HTTPError) -> HTTPHeader {
        guard let value = environment[environmentVariable], !value.isEmpty else {
            throw .missingCredential(variable: environmentVariable)
        }
        return HTTPHeader(headerName, value, isSensitive: true)
    }

    /// The sensitive header carrying the key found in the process environment.
    /// - Throws: `missingCredential` when the variable is unset or empty.
    public func headerFromProcessEnvironment() throws(HTTPError) -> HTTPHeader {
        guard let raw = getenv(environmentVariable) else { throw .missingCredential(variable: environmentVariable) }
        return try header(environment: [environmentVariable: String(cString: raw)])
    }
}

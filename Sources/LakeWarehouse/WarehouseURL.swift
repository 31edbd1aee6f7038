import CLibPQ

/// Where the warehouse is: a libpq connection URI (`postgres://user@host:port/db?sslmode=require`) or key/value
/// string (`host=... dbname=...`), validated by libpq's own parser and never printed in full.
///
/// The password may come from the URL, `PGPASSWORD` or `~/.pgpass` (libpq reads both when the URL has none); TLS
/// settings (`sslmode`, `sslrootcert`, ...) pass through to libpq unchanged. `description` shows the target
/// without the password, and `redact(_:)` removes the password from any text before it reaches an error or log.
///
/// Spec: spec/warehouse.md §1 (connection).
public struct WarehouseURL: Sendable, CustomStringConvertible {
    /// The environment variable the `lake` tool reads when `--to` is not given.
    public static let environmentVariable = "LAKE_WAREHOUSE_URL"

    /// The text handed to libpq; kept private so it cannot be printed by accident.
    let connectionString: String
    private let password: String?
    /// `postgres://user@host:port/dbname?sslmode=...`, without the password.
    public let description: String

    /// Parses `text` with libpq (`PQconninfoParse`).
    /// - Throws: `invalidURL` with libpq's reason, redacted.
    public init(_ text: String) throws(WarehouseError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "libpq could not parse it"
            if let errorMessage { PQfreemem(errorMessage) }
            throw .invalidURL(Self.redactCredentials(in: reason.trimmingNewlines(), text: text))
        }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var option = options
        // The option array ends with an entry whose keyword is NULL; libpq has a few dozen options.
        for _ in 0..<1_000 {
            guard let keyword = option.pointee.keyword else { break }
            if let value = option.pointee.val { values[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        connectionString = text
        password = values["password"].flatMap { $0.isEmpty ? nil : $0 }
        let user = values["user"].map { $0 + "@" } ?? ""
        let host = values["host"] ?? values["hostaddr"] ?? "localhost"
        let port = values["port"].map { ":" + $0 } ?? ""
        let database = values["dbname"].map { "/" + $0 } ?? ""
        let ssl = values["sslmode"].map { "?sslmode=" + $0 } ?? ""
        description = "postgres://\(user)\(host)\(port)\(database)\(ssl)"
    }

    /// `message` with the password (if any) replaced by `***`.
    public func redact(_ message: String) -> String {
        Self.redactCredentials(in: message, text: connectionString, password: password)
    }

    /// Replaces `password`, and the password part of any `scheme://user:password@` in `text`, inside `message`.
    static func redactCredentials(in message: String, text: String, password: String? = nil) -> String {
        var secrets: [String] = password.map { [$0] } ?? []
        if let schemeEnd = text.firstRange(of: "://") {
            let rest = text[schemeEnd.upperBound...]
            if let at = rest.firstIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                let secret = String(rest[rest.index(after: colon)..<at])
                if !secret.isEmpty { secrets.append(secret) }
            }
        }
        for pair in text.split(separator: " ") where pair.hasPrefix("password=") {
            let secret = String(pair.dropFirst("password=".count))
            if !secret.isEmpty { secrets.append(secret) }
        }
        var result = message
        for secret in secrets.sorted(by: { $0.count > $1.count }) {
            result = result.replacing(secret, with: "***")
        }
        return result
    }
}

extension String {
    func trimmingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last.isNewline || last == " " { text.removeLast() }
        return String(text)
    }

}

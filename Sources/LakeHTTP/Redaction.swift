/// Replaces secrets in text meant for people (errors, descriptions, logs).
///
/// Spec: spec/pipeline.md#credentials
public enum Redaction {
    /// What a secret is replaced with.
    public static let marker = "<redacted>"

    /// `text` with every occurrence of each non-empty string of `secrets` replaced by `marker`.
    ///
    /// - Complexity: O(text × secrets).
    public static func redact(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where !secret.isEmpty {
            result = replacing(secret, in: result)
        }
        return result
    }

    private static func replacing(_ secret: String, in text: String) -> String {
        let needle = Array(secret.utf8)
        let haystack = Array(text.utf8)
        guard needle.count <= haystack.count else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(haystack.count)
        var index = 0
        while index < haystack.count {
            if index + needle.count <= haystack.count, haystack[index] == needle[0],
                haystack[index..<(index + needle.count)].elementsEqual(needle)
            {
                output.append(contentsOf: marker.utf8)
                index += needle.count
            } else {
                output.append(haystack[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

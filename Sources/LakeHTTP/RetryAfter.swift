/// Parses the `Retry-After` header: delay-seconds or an HTTP-date.
///
/// Spec: RFC 9110 §10.2.3 (Retry-After), §5.6.7 (HTTP-date: IMF-fixdate, obsolete RFC 850 and asctime forms).
public enum RetryAfter {
    /// Seconds are capped here before converting to milliseconds, so absurd values cannot overflow.
    public static let secondsMax: Int64 = 86_400 * 365

    /// Milliseconds to wait according to `value`: delay-seconds × 1000, or the time from `nowMillis` until the
    /// date (0 when it is in the past). nil when `value` is neither form.
    public static func delayMillis(_ value: String, nowMillis: Int64) -> Int64? {
        let trimmed = value.trimmingSpaces()
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            let seconds = trimmed.utf8.count > 12 ? secondsMax : min(Int64(trimmed) ?? secondsMax, secondsMax)
            return seconds * 1_000
        }
        guard let dateMillis = HTTPDate.parseMillis(trimmed) else { return nil }
        return max(0, dateMillis - nowMillis)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}

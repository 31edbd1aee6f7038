/// Random (version 4) UUIDs in canonical text form, for table ids, data file names and `commitInfo.txnId`.
///
/// Spec: RFC 9562 §5.4; spec/table-log.md §2 (data file names carry a random UUID).
enum UUIDText {
    /// A new random UUID such as `3f2c1a9e-8d4b-4c7e-9a21-0b5d6e7f8a90`, lowercase.
    static func random<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { PathCodec.hexDigits($0).lowercased() }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }

    /// A new random UUID from the system generator.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }
}

/// Z85, the ZeroMQ base-85 text encoding of binary data (RFC 32/Z85), as Delta uses it for inline deletion
/// vectors and for the UUIDs that name deletion-vector files.
///
/// Every 4 bytes, read as a big-endian `UInt32`, become 5 characters, most significant base-85 digit first.
/// Decoding is strict: the text length must be a multiple of 5, every character must be in the alphabet, and no
/// group may exceed `UInt32.max`. Encoding pads the input with zero bytes to a multiple of 4; callers that know
/// the real length (`sizeInBytes`) cut the decoded bytes back.
///
/// - Complexity: O(n) both ways.
///
/// Spec: spec/table-log.md §6.1; https://rfc.zeromq.org/spec/32/.
enum Z85 {
    /// Why a text is not valid Z85; `offset` is the character position of the first bad group or character.
    struct InvalidText: Error, Equatable {
        var offset: Int
        var reason: String
    }

    static let alphabet = Array(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)

    /// Digit value of each ASCII byte; 0xFF for bytes outside the alphabet.
    private static let digits: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// The bytes `text` encodes: 4 per 5 characters.
    /// - Throws: `InvalidText` for a length that is not a multiple of 5, a character outside the alphabet, or a
    ///   group above `UInt32.max`.
    static func decode(_ text: some StringProtocol) throws(InvalidText) -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count % 5 == 0 else {
            throw InvalidText(
                offset: characters.count - characters.count % 5,
                reason: "Z85 text of \(characters.count) characters is not a multiple of 5 long")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 5 * 4)
        var start = 0
        while start < characters.count {
            var value: UInt64 = 0
            for position in start..<(start + 5) {
                let digit = digits[Int(characters[position])]
                guard digit != 0xFF else {
                    throw InvalidText(
                        offset: position, reason: "character \(characters[position]) is not in the Z85 alphabet")
                }
                value = value * 85 + UInt64(digit)
            }
            guard let group = UInt32(exactly: value) else {
                throw InvalidText(offset: start, reason: "Z85 group \(value) exceeds 32 bits")
            }
            bytes += [
                UInt8(group >> 24), UInt8(truncatingIfNeeded: group >> 16), UInt8(truncatingIfNeeded: group >> 8),
                UInt8(truncatingIfNeeded: group),
            ]
            start += 5
        }
        return bytes
    }

    /// The Z85 text of `bytes`, zero-padded to a multiple of 4 bytes first.
    static func encode(_ bytes: [UInt8]) -> String {
        var padded = bytes
        padded += [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
        var text: [UInt8] = []
        text.reserveCapacity(padded.count / 4 * 5)
        var start = 0
        while start < padded.count {
            var value = padded[start..<(start + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            var group = [UInt8](repeating: 0, count: 5)
            for position in stride(from: 4, through: 0, by: -1) {
                group[position] = alphabet[Int(value % 85)]
                value /= 85
            }
            text += group
            start += 4
        }
        return String(decoding: text, as: UTF8.self)
    }
}

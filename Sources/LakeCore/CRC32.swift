/// CRC-32 as zlib, gzip and PNG compute it (IEEE 802.3 polynomial, reflected form `0xEDB88320`, initial value and
/// final XOR `0xFFFFFFFF`): `CRC32.checksum(Array("123456789".utf8)) == 0xCBF43926`.
///
/// Used where a format stores this checksum next to untrusted bytes, such as Delta deletion-vector files.
///
/// - Complexity: O(n), one table lookup per byte.
///
/// Spec: ITU-T V.42 CRC-32; spec/table-log.md §6.3.
public enum CRC32 {
    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        let table = Self.table
        var register: UInt32 = 0xFFFF_FFFF
        for byte in bytes { register = table[Int((register ^ UInt32(byte)) & 0xFF)] ^ (register >> 8) }
        return register ^ 0xFFFF_FFFF
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        return value
    }
}

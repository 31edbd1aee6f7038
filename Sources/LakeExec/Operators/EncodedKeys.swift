/// The hash keys of a batch's rows, row-major in one buffer: row `i` is `data[offsets[i]..<offsets[i+1]]`,
/// hashed into `hashes[i]`. Built by `RowKeyEncoder`; probed into a `KeyHashTable`.
struct EncodedKeys {
    var data: [UInt8]
    var offsets: [Int]
    var hashes: [UInt64]

    var count: Int { hashes.count }

    init(data: [UInt8], offsets: [Int], hashes: [UInt64]) {
        precondition(offsets.count == hashes.count + 1, "one offset per row plus one")
        self.data = data
        self.offsets = offsets
        self.hashes = hashes
    }

    /// Keys with their hashes computed.
    init(data: [UInt8], offsets: [Int]) {
        let hashes = data.withUnsafeBytes { bytes in
            (0..<(offsets.count - 1)).map { row in
                KeyHash.hash(UnsafeRawBufferPointer(rebasing: bytes[offsets[row]..<offsets[row + 1]]))
            }
        }
        self.init(data: data, offsets: offsets, hashes: hashes)
    }
}

/// A fast non-cryptographic 64-bit hash of byte strings (8 bytes per step, multiply-xorshift mixing).
///
/// Deterministic across runs and platforms, so hash-table layouts (and therefore nothing observable) never depend
/// on a random seed. Keys come from the query's own data; an adversary could force collisions, which costs time,
/// not correctness.
enum KeyHash {
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return z ^ (z >> 32)
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            state = mix(state ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        if index < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            state = mix(state ^ tail ^ 0xFF)
        }
        return state
    }
}

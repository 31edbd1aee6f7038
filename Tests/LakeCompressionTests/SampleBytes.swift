import LakeCompression
import LakeCore

/// Seeded test inputs with different compressibility.
enum SampleBytes {
    /// Uniformly random bytes: incompressible, so codecs hit their worst-case bounds.
    static func random(count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// Text-like bytes: words from a small vocabulary, digits and long runs, the way CSV-ish page data looks.
    static func compressible(count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        let words = ["bitcoin", "ethereum", "price", "volume", "2024-01-", ",", "\n", "usd", "0.000", "market_cap"]
            .map { Array($0.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 64)
        while bytes.count < count {
            switch generator.next() % 8 {
            case 0:
                bytes.append(contentsOf: repeatElement(UInt8(generator.next() % 4), count: Int(generator.next() % 48)))
            case 1:
                bytes.append(contentsOf: String(generator.next() % 100_000).utf8)
            default:
                bytes.append(contentsOf: words[Int(generator.next() % UInt64(words.count))])
            }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}

/// The inputs every codec must round-trip.
enum SampleKind: String, CaseIterable, Sendable {
    case empty
    case oneByte
    case random64KiB
    case compressible1MiB
    /// Random and compressible halves, 4 MiB in total: more than one Hadoop block and one zlib window.
    case mixed4MiB

    var bytes: [UInt8] {
        switch self {
        case .empty: []
        case .oneByte: [0x5A]
        case .random64KiB: SampleBytes.random(count: 64 << 10, seed: 0xC0DE_0001)
        case .compressible1MiB: SampleBytes.compressible(count: 1 << 20, seed: 0xC0DE_0002)
        case .mixed4MiB:
            SampleBytes.compressible(count: 2 << 20, seed: 0xC0DE_0003)
                + SampleBytes.random(count: 2 << 20, seed: 0xC0DE_0004)
        }
    }
}

/// Every codec this module implements, at default levels.
let supportedCodecs: [Codec] = [.uncompressed, .snappy, .gzip(), .zstd(), .lz4Raw, .lz4Hadoop]

/// Every supported codec except `.uncompressed`.
let compressingCodecs: [Codec] = supportedCodecs.filter { $0 != .uncompressed }

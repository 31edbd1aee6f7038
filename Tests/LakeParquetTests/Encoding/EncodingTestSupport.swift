import LakeCore
import Testing

@testable import LakeParquet

/// Shared data and helpers of the encoding tests.
enum EncodingTestSupport {
    /// Value counts that cross the group (8), miniblock (32) and block (128) boundaries of the encodings.
    static let counts = [0, 1, 7, 8, 9, 127, 128, 129, 1023, 1024, 5000]

    /// Runs `body` on the bytes of `input` and returns its result.
    @discardableResult
    static func withEncodedBytes<Result>(
        _ input: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows
        -> Result
    {
        try input.withUnsafeBytes { try body($0) }
    }

    /// The `ParquetError` that `body` throws, or nil if it returns; any other error is recorded as an issue.
    static func parquetError<Ignored>(_ body: () throws -> Ignored) -> ParquetError? {
        do {
            _ = try body()
            return nil
        } catch let error as ParquetError {
            return error
        } catch {
            Issue.record("expected a ParquetError, got \(error)")
            return nil
        }
    }

    /// Strings that exercise byte-array encoders: empty, ASCII, multi-byte UTF-8, long, and repeated prefixes.
    static func sampleStrings(count: Int, using generator: inout SeededGenerator) -> [[UInt8]] {
        let fixed: [String] = [
            "", "a", "axis", "axle", "babble", "babyhood", "héllo wörld", "日本語テキスト", "🦆🦆", "",
        ]
        return (0..<count).map { index in
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return Array(fixed[index % fixed.count].utf8)
            case 1:
                return (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                    UInt8.random(in: 0...255, using: &generator)
                }
            case 2: return Array("prefix/shared/\(Int.random(in: 0..<50, using: &generator))".utf8)
            default: return Array(String(repeating: "x", count: Int.random(in: 0..<300, using: &generator)).utf8)
            }
        }
    }

    /// Concatenated bytes and end offsets (with a leading 0) of `strings`.
    static func flatten(_ strings: [[UInt8]]) -> (data: [UInt8], offsets: [Int32]) {
        var data: [UInt8] = []
        var offsets: [Int32] = [0]
        for string in strings {
            data.append(contentsOf: string)
            offsets.append(Int32(data.count))
        }
        return (data, offsets)
    }

    /// The strings stored in `data` at `offsets`.
    static func unflatten(data: [UInt8], offsets: [Int32]) -> [[UInt8]] {
        (0..<(offsets.count - 1)).map { Array(data[Int(offsets[$0])..<Int(offsets[$0 + 1])]) }
    }

    /// Variants of `bytes` damaged the way corrupt files are: truncated, bytes overwritten, bytes inserted.
    static func corruptedVariants(of bytes: [UInt8], count: Int, using generator: inout SeededGenerator) -> [[UInt8]] {
        var variants: [[UInt8]] = []
        for _ in 0..<count {
            var damaged = bytes
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                damaged = Array(damaged.prefix(Int.random(in: 0...max(0, damaged.count), using: &generator)))
            case 1:
                for _ in 0..<Int.random(in: 1...4, using: &generator) where !damaged.isEmpty {
                    damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
            case 2:
                if !damaged.isEmpty {
                    damaged[Int.random(in: 0..<min(damaged.count, 16), using: &generator)] = 0xFF
                }
            default:
                let position = Int.random(in: 0...damaged.count, using: &generator)
                damaged.insert(
                    contentsOf: (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                        UInt8.random(in: 0...255, using: &generator)
                    }, at: position)
            }
            variants.append(damaged)
        }
        return variants
    }
}

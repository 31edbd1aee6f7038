import LakeSQL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard input for `lake sql` and `lake shell`: whether a person is typing, and reading it whole or by line.
enum StandardInput {
    /// True when standard input is a terminal.
    static var isTerminal: Bool { isatty(STDIN_FILENO) != 0 }

    /// Everything left on standard input, decoded as UTF-8 (invalid sequences replaced).
    /// - Throws: a runtime failure when reading fails, or when the text is longer than `SQLLimits.textBytesMax`
    ///   (nothing beyond one byte past the limit is kept in memory).
    static func readAll() throws(StatementFailure) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count <= SQLLimits.textBytesMax {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw StatementFailure(
                    message: "error: cannot read standard input: \(String(cString: strerror(errno)))", status: .failure)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard bytes.count <= SQLLimits.textBytesMax else {
            throw StatementFailure(
                message: "error: the script on standard input is longer than \(SQLLimits.textBytesMax) bytes",
                status: .failure)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The next line without its line break, or nil at the end of input.
    static func readLine() -> String? {
        Swift.readLine(strippingNewline: true)
    }
}

import LakeCore
import LakeSQL
import Testing

/// Seeded random inputs: the parser must return a tree or throw `SQLError`, never trap or hang. Trees it returns
/// must round-trip through the formatter, and errors must point inside the text at a consistent line and column.
@Suite struct ParserFuzzTests {
    private static let pool: [String] = {
        var pool = Keyword.allCases.map(\.rawValue) + Symbol.allCases.map(\.rawValue)
        pool += ["a", "b", "t", "silver", "price", "count", "lag", "x1", "\"q\"\"x\"", "`b`", "\"select\""]
        pool += ["0", "1", "42", "2.5", ".5", "1e3", "99999999999999999999", "'x'", "'it''s'", "'1 day'", "''"]
        pool += ["-- c\n", "/* c */", "\n", "(", ")", ",", "*", "DAY", "HOURS", "year"]
        return pool
    }()

    @Test(arguments: [0x5EED_0001, 0x5EED_0002, 0x5EED_0003] as [UInt64])
    func randomTokenSoupsNeverCrash(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<1_500 {
            let count = Int.random(in: 1...40, using: &random)
            let tokens = (0..<count).map { _ in Self.pool.randomElement(using: &random) ?? "" }
            check(tokens.joined(separator: " "), seed: seed)
        }
    }

    @Test(arguments: [0xC0DE_0001, 0xC0DE_0002] as [UInt64])
    func mutatedCorpusStatementsNeverCrash(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let corpus = try RoundTripCorpus.statements.map { try Lexer.tokenize($0).dropLast().map(\.text) }
        var parsedCount = 0
        for _ in 0..<1_500 {
            guard var tokens = corpus.randomElement(using: &random), !tokens.isEmpty else { continue }
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<tokens.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: if tokens.count > 1 { tokens.remove(at: index) }
                case 1: tokens.insert(tokens[index], at: index)
                case 2: tokens[index] = Self.pool.randomElement(using: &random) ?? ""
                default: tokens.swapAt(index, Int.random(in: 0..<tokens.count, using: &random))
                }
            }
            if check(tokens.joined(separator: " "), seed: seed) { parsedCount += 1 }
        }
        // Mutations keep many statements valid, so the round trip is exercised on more than the corpus.
        #expect(parsedCount > 100)
    }

    @Test(arguments: [0xB17E_0001, 0xB17E_0002] as [UInt64])
    func randomCharactersNeverCrash(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let alphabet = Array("aZ_09.,;:()'\"`*+-/%|<>=!#?@$ \n\t\réЖ€😀\u{0}")
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...60, using: &random)
            check(String((0..<count).map { _ in alphabet.randomElement(using: &random) ?? " " }), seed: seed)
        }
    }

    /// Parses `text`; returns true when it parsed. Records an issue when a parsed script does not round-trip or an
    /// error's location is inconsistent with the text.
    @discardableResult
    private func check(_ text: String, seed: UInt64) -> Bool {
        do {
            let statements = try SQLParser.parseScript(text)
            let formatted = SQLFormatter().format(statements)
            do {
                let reparsed = try SQLParser.parseScript(formatted)
                #expect(reparsed == statements, "seed \(seed): \(text)\nformatted as:\n\(formatted)")
            } catch {
                Issue.record(
                    "seed \(seed): formatted text does not parse: \(error)\n\(text)\nformatted as:\n\(formatted)")
            }
            return true
        } catch {
            #expect(error.location == location(atOffset: error.location.offset, in: text), "seed \(seed): \(text)")
            #expect(error.location.offset + error.length <= text.utf8.count, "seed \(seed): \(text)")
            #expect(error.rendered(in: text).hasPrefix("error: \(error.reason)"))
            return false
        }
    }

    /// The line and column (in scalars) of a UTF-8 offset, counted independently of the lexer.
    private func location(atOffset offset: Int, in text: String) -> LakeSQL.SourceLocation {
        var line = 1
        var column = 1
        var bytes = 0
        for scalar in text.unicodeScalars {
            guard bytes < offset else { break }
            bytes += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return LakeSQL.SourceLocation(line: line, column: column, offset: offset)
    }
}

import ArgumentParser

/// A size given on the command line: plain bytes or a number with a unit, `2GiB`, `512MB`, `64k`.
///
/// Units are binary whatever their spelling (`KB` = `KiB` = 1,024 bytes), as in `lake optimize --target-size`.
struct ByteCount: ExpressibleByArgument, Equatable {
    let bytes: Int

    /// Units, longest suffix first so `MiB` is not read as `B`.
    private static let units: [(suffix: String, scale: Int)] = [
        ("TIB", 1 << 40), ("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10),
        ("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10),
        ("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1),
    ]

    init(bytes: Int) {
        self.bytes = bytes
    }

    /// Nil (a usage error) for text that is not a positive size, or one that overflows `Int`.
    init?(argument: String) {
        let text = argument.uppercased().filter { $0 != " " }
        var number = Substring(text)
        var scale = 1
        for unit in Self.units where text.hasSuffix(unit.suffix) {
            number = text.dropLast(unit.suffix.count)
            scale = unit.scale
            break
        }
        guard let value = Int(number), value > 0, value <= Int.max / scale else { return nil }
        bytes = value * scale
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

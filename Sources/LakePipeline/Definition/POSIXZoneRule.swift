/// Reads POSIX `TZ` rules: `STD offset [DST [offset] ,start[/time],end[/time]]` with `Mm.w.d` dates.
/// Offsets are hours west of UTC (`EST5`), `[+-]h[h][:mm[:ss]]`; names are three or more letters or `<...>`.
/// Julian-day dates (`Jn`, `n`) are not supported.
enum POSIXZoneRule {
    /// The standard offset (seconds east) and the DST rule, or nil when `text` is not a supported rule.
    static func parse(_ text: String) -> (offset: Int64, daylightSaving: DaylightSavingRule?)? {
        var rest = Substring(text)
        guard skipName(&rest), let standardWest = offset(&rest), abs(standardWest) <= 18 * 3_600 else { return nil }
        let standard = -standardWest
        if rest.isEmpty { return (standard, nil) }
        guard skipName(&rest) else { return nil }
        var daylight = standard + 3_600
        if let first = rest.first, first != "," {
            guard let west = offset(&rest), abs(west) <= 18 * 3_600 else { return nil }
            daylight = -west
        }
        guard rest.first == "," else { return nil }
        rest = rest.dropFirst()
        guard let start = transition(&rest), rest.first == "," else { return nil }
        rest = rest.dropFirst()
        guard let end = transition(&rest), rest.isEmpty else { return nil }
        return (standard, DaylightSavingRule(dstOffsetSeconds: daylight, start: start, end: end))
    }

    private static func skipName(_ rest: inout Substring) -> Bool {
        if rest.first == "<" {
            guard let close = rest.firstIndex(of: ">") else { return false }
            rest = rest[rest.index(after: close)...]
            return true
        }
        let letters = rest.prefix { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
        guard letters.count >= 3 else { return false }
        rest = rest.dropFirst(letters.count)
        return true
    }

    /// `[+-]h[h][:mm[:ss]]` in seconds.
    private static func offset(_ rest: inout Substring) -> Int64? {
        var sign: Int64 = 1
        if rest.first == "+" || rest.first == "-" {
            sign = rest.first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        guard let seconds = clock(&rest, hoursMax: 24) else { return nil }
        return sign * seconds
    }

    private static func clock(_ rest: inout Substring, hoursMax: Int64) -> Int64? {
        var total: Int64 = 0
        for (index, scale) in [Int64(3_600), 60, 1].enumerated() {
            if index > 0 {
                guard rest.first == ":" else { break }
                rest = rest.dropFirst()
            }
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard (1...2).contains(digits.count), let value = Int64(digits) else { return nil }
            guard index == 0 ? value <= hoursMax : value < 60 else { return nil }
            total += value * scale
            rest = rest.dropFirst(digits.count)
        }
        return total
    }

    /// `Mm.w.d[/time]`.
    private static func transition(_ rest: inout Substring) -> DaylightSavingRule.Transition? {
        guard rest.first == "M" else { return nil }
        rest = rest.dropFirst()
        var numbers: [Int] = []
        for index in 0..<3 {
            if index > 0 {
                guard rest.first == "." else { return nil }
                rest = rest.dropFirst()
            }
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard (1...2).contains(digits.count), let value = Int(digits) else { return nil }
            numbers.append(value)
            rest = rest.dropFirst(digits.count)
        }
        guard (1...12).contains(numbers[0]), (1...5).contains(numbers[1]), (0...6).contains(numbers[2]) else {
            return nil
        }
        var time: Int64 = 7_200
        if rest.first == "/" {
            rest = rest.dropFirst()
            guard let seconds = clock(&rest, hoursMax: 167) else { return nil }
            time = seconds
        }
        return DaylightSavingRule.Transition(
            month: numbers[0], week: numbers[1], weekday: numbers[2], secondOfDay: time)
    }
}

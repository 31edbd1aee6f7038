import LakeColumnar

/// Vectorized string functions over UTF-8 `.bytes` columns: one pass over offsets and data per batch.
///
/// Characters are Unicode scalars. Inputs are valid UTF-8 (the `utf8` type's invariant). Spec: spec/executor.md
enum StringKernel {
    /// Builds a utf8 column row by row from byte slices, tracking validity.
    struct Output {
        var offsets: [Int32] = [0]
        var data: [UInt8] = []
        var valid: [Bool] = []

        init(capacity: Int) {
            offsets.reserveCapacity(capacity + 1)
            valid.reserveCapacity(capacity)
        }

        mutating func append<C: Collection>(_ bytes: C) throws(ExecutionError) where C.Element == UInt8 {
            data.append(contentsOf: bytes)
            guard data.count <= Int(Int32.max) else { throw .arithmeticOverflow(operation: "string longer than 2 GiB") }
            offsets.append(Int32(data.count))
            valid.append(true)
        }

        mutating func appendNull() {
            offsets.append(Int32(data.count))
            valid.append(false)
        }

        func column() -> Column {
            Column.make(.utf8, .bytes(offsets: offsets, data: data), validity: Bitmap.fromBools(valid))
        }
    }

    static func lower(_ column: Column) throws(ExecutionError) -> Column {
        try mapText(column) { bytes in
            bytes.allSatisfy { $0 < 0x80 }
                ? bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
                : Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
        }
    }

    static func upper(_ column: Column) throws(ExecutionError) -> Column {
        try mapText(column) { bytes in
            bytes.allSatisfy { $0 < 0x80 }
                ? bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
                : Array(String(decoding: bytes, as: UTF8.self).uppercased().utf8)
        }
    }

    static func trim(_ column: Column) throws(ExecutionError) -> Column {
        try mapText(column) { bytes in
            guard let first = bytes.firstIndex(where: { $0 != 32 }) else { return [] }
            let last = bytes.lastIndex(where: { $0 != 32 }) ?? first
            return Array(bytes[first...last])
        }
    }

    /// Applies `transform` to the bytes of each valid row.
    static func mapText(_ column: Column, _ transform: (ArraySlice<UInt8>) -> [UInt8]) throws(ExecutionError)
        -> Column
    {
        let (offsets, data) = try column.byteStrings()
        var output = Output(capacity: column.count)
        output.data.reserveCapacity(data.count)
        for row in 0..<column.count {
            if column.isValid(row) {
                try output.append(transform(data[Int(offsets[row])..<Int(offsets[row + 1])]))
            } else {
                output.appendNull()
            }
        }
        return output.column()
    }

    /// Byte offsets (relative to `range.lowerBound`) where each character of `data[range]` starts.
    @inline(__always) static func isCharacterStart(_ byte: UInt8) -> Bool { byte & 0xC0 != 0x80 }

    static func length(_ column: Column) throws(ExecutionError) -> Column {
        let (offsets, data) = try column.byteStrings()
        let countCharacters = column.type == .utf8
        var result = [Int64](repeating: 0, count: column.count)
        for row in 0..<column.count {
            let range = Int(offsets[row])..<Int(offsets[row + 1])
            result[row] =
                countCharacters
                ? Int64(data[range].reduce(0) { $0 + (isCharacterStart($1) ? 1 : 0) }) : Int64(range.count)
        }
        return Column.make(.int64, .int64(result), validity: column.validity)
    }

    /// SQL `substring(s FROM start FOR length)`: characters `start ..< start + length` (1-based) clipped to the
    /// string; without a length, to the end.
    static func substring(_ text: Column, start: Column, length: Column?) throws(ExecutionError) -> Column {
        let (offsets, data) = try text.byteStrings()
        let starts = try start.int64Values()
        let lengths = try length?.int64Values()
        let validity = Bitmap.intersection(Bitmap.intersection(text.validity, start.validity), length?.validity)
        var output = Output(capacity: text.count)
        for row in 0..<text.count {
            guard validity?[row] ?? true else {
                output.appendNull()
                continue
            }
            let first = starts[row]
            var last = Int64.max
            if let lengths {
                guard lengths[row] >= 0 else {
                    throw .invalidArgument(function: "substring", reason: "negative length \(lengths[row])")
                }
                let (end, overflow) = first.addingReportingOverflow(lengths[row])
                last = overflow ? .max : end
            }
            let slice = data[Int(offsets[row])..<Int(offsets[row + 1])]
            var position: Int64 = 0
            var begin = slice.endIndex
            var end = slice.endIndex
            for index in slice.indices where isCharacterStart(slice[index]) {
                position += 1
                if position == max(first, 1) && begin == slice.endIndex { begin = index }
                if position == last {
                    end = index
                    break
                }
            }
            if last <= max(first, 1) { begin = end }
            try output.append(begin < end ? slice[begin..<end] : slice[slice.endIndex...])
        }
        return output.column()
    }

    /// SQL `concat`: null arguments count as empty; never null.
    static func concat(_ columns: [Column], rowCount: Int) throws(ExecutionError) -> Column {
        var parts: [(offsets: [Int32], data: [UInt8])] = []
        for column in columns { parts.append(try column.byteStrings()) }
        var output = Output(capacity: rowCount)
        for row in 0..<rowCount {
            var bytes: [UInt8] = []
            for (column, part) in zip(columns, parts) where column.isValid(row) {
                bytes.append(contentsOf: part.data[Int(part.offsets[row])..<Int(part.offsets[row + 1])])
            }
            try output.append(bytes)
        }
        return output.column()
    }

    /// `split_part(s, delimiter, n)`.
    static func splitPart(_ text: Column, delimiter: Column, index: Column) throws(ExecutionError) -> Column {
        let (offsets, data) = try text.byteStrings()
        let (delimiterOffsets, delimiterData) = try delimiter.byteStrings()
        let indices = try index.int64Values()
        let validity = Bitmap.intersection(Bitmap.intersection(text.validity, delimiter.validity), index.validity)
        var output = Output(capacity: text.count)
        for row in 0..<text.count {
            guard validity?[row] ?? true else {
                output.appendNull()
                continue
            }
            guard indices[row] != 0 else {
                throw .invalidArgument(function: "split_part", reason: "field position must not be zero")
            }
            let value = Array(data[Int(offsets[row])..<Int(offsets[row + 1])])
            let separator = Array(delimiterData[Int(delimiterOffsets[row])..<Int(delimiterOffsets[row + 1])])
            let fields = split(value, by: separator)
            let position =
                indices[row] > 0 ? Int(clamping: indices[row]) - 1 : fields.count + Int(clamping: indices[row])
            try output.append(fields.indices.contains(position) ? fields[position] : [])
        }
        return output.column()
    }

    private static func split(_ value: [UInt8], by separator: [UInt8]) -> [ArraySlice<UInt8>] {
        guard !separator.isEmpty else { return [value[...]] }
        if value.isEmpty { return [] }
        var fields: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index + separator.count <= value.count {
            if value[index..<index + separator.count].elementsEqual(separator) {
                fields.append(value[start..<index])
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        fields.append(value[start...])
        return fields
    }

    /// `s LIKE pattern`.
    static func like(_ text: Column, pattern: Column) throws(ExecutionError) -> Column {
        let (offsets, data) = try text.byteStrings()
        let (patternOffsets, patternData) = try pattern.byteStrings()
        let validity = Bitmap.intersection(text.validity, pattern.validity)
        var result = [Bool](repeating: false, count: text.count)
        var cachedRange: Range<Int>? = nil
        var compiled: [LikeToken] = []
        for row in 0..<text.count where validity?[row] ?? true {
            let patternRange = Int(patternOffsets[row])..<Int(patternOffsets[row + 1])
            if cachedRange.map({ patternData[$0].elementsEqual(patternData[patternRange]) }) != true {
                compiled = try LikeToken.compile(patternData[patternRange])
                cachedRange = patternRange
            }
            result[row] = LikeToken.matches(compiled, data[Int(offsets[row])..<Int(offsets[row + 1])])
        }
        return Column.make(.bool, .bool(result), validity: validity)
    }
}

/// A compiled LIKE pattern element.
enum LikeToken: Equatable {
    /// Exactly these bytes.
    case literal([UInt8])
    /// `_`: one character.
    case anyCharacter
    /// `%`: any run of characters.
    case anyRun

    static func compile(_ pattern: ArraySlice<UInt8>) throws(ExecutionError) -> [LikeToken] {
        var tokens: [LikeToken] = []
        var literal: [UInt8] = []
        var escaped = false
        func flush() {
            if !literal.isEmpty { tokens.append(.literal(literal)) }
            literal = []
        }
        for byte in pattern {
            if escaped {
                literal.append(byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "%") {
                flush()
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            } else if byte == UInt8(ascii: "_") {
                flush()
                tokens.append(.anyCharacter)
            } else {
                literal.append(byte)
            }
        }
        guard !escaped else { throw .invalidArgument(function: "like", reason: "pattern ends with an escape") }
        flush()
        return tokens
    }

    /// Whether `text` matches the whole pattern (backtracking over `%`, linear for patterns with one `%`).
    static func matches(_ tokens: [LikeToken], _ text: ArraySlice<UInt8>) -> Bool {
        match(tokens[...], text)
    }

    private static func match(_ tokens: ArraySlice<LikeToken>, _ text: ArraySlice<UInt8>) -> Bool {
        var rest = text
        var index = tokens.startIndex
        while index < tokens.endIndex {
            switch tokens[index] {
            case .literal(let bytes):
                guard rest.starts(with: bytes) else { return false }
                rest = rest.dropFirst(bytes.count)
            case .anyCharacter:
                guard let first = rest.first else { return false }
                rest = rest.dropFirst(characterLength(first))
            case .anyRun:
                let remaining = tokens[(index + 1)...]
                if remaining.isEmpty { return true }
                var start = rest.startIndex
                while true {
                    if match(remaining, rest[start...]) { return true }
                    guard start < rest.endIndex else { return false }
                    start += characterLength(rest[start])
                    start = min(start, rest.endIndex)
                }
            }
            index += 1
        }
        return rest.isEmpty
    }

    @inline(__always) private static func characterLength(_ lead: UInt8) -> Int {
        switch lead {
        case ..<0xC0: 1
        case ..<0xE0: 2
        case ..<0xF0: 3
        default: 4
        }
    }
}

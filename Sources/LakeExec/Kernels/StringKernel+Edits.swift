import LakeColumnar

extension StringKernel {
    /// `ltrim` (leading), `rtrim` (trailing): spaces (U+0020) removed at one end.
    static func trim(_ column: Column, leading: Bool, trailing: Bool) throws(ExecutionError) -> Column {
        try mapText(column) { bytes in
            var slice = bytes
            if leading { slice = slice.drop { $0 == 32 } }
            if trailing {
                while slice.last == 32 { slice = slice.dropLast() }
            }
            return Array(slice)
        }
    }

    /// `reverse(s)`: the characters (Unicode scalars) of each string in reverse order.
    static func reverse(_ column: Column) throws(ExecutionError) -> Column {
        try mapText(column) { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var end = bytes.endIndex
            var index = bytes.endIndex
            while index > bytes.startIndex {
                index -= 1
                if isCharacterStart(bytes[index]) {
                    result.append(contentsOf: bytes[index..<end])
                    end = index
                }
            }
            return result
        }
    }

    /// `left(s, n)` (`fromStart`) or `right(s, n)`: the first or last n characters; a negative n keeps all but
    /// the last (for left) or first (for right) |n| characters.
    static func prefix(_ text: Column, length: Column, fromStart: Bool) throws(ExecutionError) -> Column {
        let (offsets, data) = try text.byteStrings()
        let counts = try length.int64Values()
        let validity = Bitmap.intersection(text.validity, length.validity)
        return try buildText(count: text.count, validity: validity) { (row) throws(ExecutionError) in
            let slice = data[Int(offsets[row])..<Int(offsets[row + 1])]
            var starts: [Int] = []
            for index in slice.indices where isCharacterStart(slice[index]) { starts.append(index) }
            let characters = Int64(starts.count)
            let requested = counts[row]
            // Characters kept: n, or all but |n| for a negative n; never more than there are.
            let kept = Int(
                requested >= 0 ? min(requested, characters) : max(0, characters + max(requested, -characters)))
            if fromStart { return slice[slice.startIndex..<(kept < starts.count ? starts[kept] : slice.endIndex)] }
            return slice[(kept == 0 ? slice.endIndex : starts[starts.count - kept])..<slice.endIndex]
        }
    }

    /// A utf8 column of `count` rows: `body(row)` for the rows `validity` marks valid, null for the others.
    private static func buildText(
        count: Int, validity: Bitmap?, _ body: (Int) throws(ExecutionError) -> ArraySlice<UInt8>
    ) throws(ExecutionError) -> Column {
        var output = Output(capacity: count)
        for row in 0..<count {
            if validity?[row] ?? true {
                try output.append(try body(row))
            } else {
                output.appendNull()
            }
        }
        return output.column()
    }

    /// `replace(s, from, to)`: non-overlapping occurrences of `from`, scanned left to right, replaced by `to`; an
    /// empty `from` changes nothing. Byte matching is character matching because UTF-8 is self-synchronizing.
    static func replace(_ text: Column, pattern: Column, with replacement: Column) throws(ExecutionError) -> Column {
        let (offsets, data) = try text.byteStrings()
        let (patternOffsets, patternData) = try pattern.byteStrings()
        let (replacementOffsets, replacementData) = try replacement.byteStrings()
        let validity = Bitmap.intersection(
            Bitmap.intersection(text.validity, pattern.validity), replacement.validity)
        return try buildText(count: text.count, validity: validity) { row in
            let slice = data[Int(offsets[row])..<Int(offsets[row + 1])]
            let needle = patternData[Int(patternOffsets[row])..<Int(patternOffsets[row + 1])]
            let substitute = replacementData[Int(replacementOffsets[row])..<Int(replacementOffsets[row + 1])]
            guard !needle.isEmpty else { return slice }
            var result: [UInt8] = []
            result.reserveCapacity(slice.count)
            var index = slice.startIndex
            while index < slice.endIndex {
                if slice[index] == needle.first && slice[index...].starts(with: needle) {
                    result.append(contentsOf: substitute)
                    index += needle.count
                } else {
                    result.append(slice[index])
                    index += 1
                }
            }
            return result[...]
        }
    }

    /// `starts_with`, `ends_with`, `contains` of `text` and `part`, as bool.
    static func search(_ function: ScalarFunction, _ text: Column, _ part: Column) throws(ExecutionError) -> Column {
        let (offsets, data) = try text.byteStrings()
        let (partOffsets, partData) = try part.byteStrings()
        let validity = Bitmap.intersection(text.validity, part.validity)
        var result = [Bool](repeating: false, count: text.count)
        for row in 0..<text.count where validity?[row] ?? true {
            let slice = data[Int(offsets[row])..<Int(offsets[row + 1])]
            let needle = partData[Int(partOffsets[row])..<Int(partOffsets[row + 1])]
            switch function {
            case .startsWith: result[row] = slice.starts(with: needle)
            case .endsWith: result[row] = slice.reversed().starts(with: needle.reversed())
            default: result[row] = contains(slice, needle)
            }
        }
        return Column.make(.bool, .bool(result), validity: validity)
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: ArraySlice<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index...].starts(with: needle) { return true }
            index += 1
        }
        return false
    }
}

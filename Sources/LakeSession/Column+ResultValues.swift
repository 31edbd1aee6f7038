import LakeColumnar

extension Column {
    /// A utf8 column of `strings` (nil entries are null), for command results.
    /// - Precondition: the strings' total size fits the 32-bit offsets of a column (command results are small).
    public static func utf8(_ strings: [String?]) -> Column {
        var offsets: [Int32] = [0]
        var data: [UInt8] = []
        offsets.reserveCapacity(strings.count + 1)
        for string in strings {
            if let string { data.append(contentsOf: string.utf8) }
            offsets.append(Int32(data.count))
        }
        let validity = strings.contains(where: { $0 == nil }) ? Bitmap(strings.map { $0 != nil }) : nil
        return Column(type: .utf8, values: .bytes(offsets: offsets, data: data), validity: validity)
    }

    /// An int64 column of `values` (nil entries are null), for command results.
    public static func int64(_ values: [Int64?]) -> Column {
        let validity = values.contains(where: { $0 == nil }) ? Bitmap(values.map { $0 != nil }) : nil
        return Column(type: .int64, values: .int64(values.map { $0 ?? 0 }), validity: validity)
    }
}

import LakeColumnar

extension BinaryCopyEncoder {
    /// One column's values over a row range, converted to the target type's binary form: fixed-width values as
    /// big-endian words, variable-width values as offsets into bytes. Null slots are never converted or checked.
    struct FieldWriter {
        enum Payload {
            case width1([UInt8])
            case width2([UInt16])
            case width4([UInt32])
            case width8([UInt64])
            /// Value `i` of the range is `data[offsets[first + i]..<offsets[first + i + 1]]`.
            case variable(offsets: [Int32], data: [UInt8], first: Int)
            /// Value `i` of the range is `data[(first + i) * width ..< (first + i + 1) * width]`.
            case fixedBytes(width: Int, data: [UInt8], first: Int)
        }

        let validity: Bitmap?
        let rows: Range<Int>
        let payload: Payload

        init(plan: ColumnPlan, column: Column, rows: Range<Int>) throws(WarehouseError) {
            self.rows = rows
            validity = column.validity
            let valid: (Int) -> Bool = { [validity] index in validity?[index] ?? true }
            func converted<Source, Target: FixedWidthInteger>(
                _ values: [Source], _ convert: (Source) -> Target
            ) -> [Target] {
                var output = [Target](repeating: 0, count: rows.count)
                output.withUnsafeMutableBufferPointer { target in
                    values.withUnsafeBufferPointer { source in
                        for index in 0..<rows.count {
                            target[index] = convert(source[rows.lowerBound + index]).bigEndian
                        }
                    }
                }
                return output
            }
            func checked<Source: BinaryInteger, Target: FixedWidthInteger>(
                _ values: [Source], _ reason: String, _ convert: (Int64) -> Target?
            ) throws(WarehouseError) -> [Target] {
                var output = [Target](repeating: 0, count: rows.count)
                for index in 0..<rows.count where valid(rows.lowerBound + index) {
                    guard let value = convert(Int64(values[rows.lowerBound + index])) else {
                        throw .valueOutOfRange(column: plan.name, row: rows.lowerBound + index, reason: reason)
                    }
                    output[index] = value.bigEndian
                }
                return output
            }
            func integerWords<Source: BinaryInteger>(_ values: [Source]) throws(WarehouseError) -> Payload {
                switch plan.target {
                case .smallint:
                    return .width2(converted(values) { UInt16(truncatingIfNeeded: Int16(truncatingIfNeeded: $0)) })
                case .integer:
                    return .width4(converted(values) { UInt32(truncatingIfNeeded: Int32(truncatingIfNeeded: $0)) })
                case .bigint:
                    return .width8(converted(values) { UInt64(truncatingIfNeeded: Int64(truncatingIfNeeded: $0)) })
                case .numeric:
                    return Self.numerics(count: rows.count, scale: 0, valid: { valid(rows.lowerBound + $0) }) {
                        Int128(values[rows.lowerBound + $0])
                    }
                default: throw .typeMismatch(column: plan.name, source: "\(plan.source)", target: "\(plan.target)")
                }
            }

            switch (column.values, plan.source) {
            case (.bool(let values), _): payload = .width1(converted(values) { $0 ? UInt8(1) : 0 })
            case (.int8(let values), _): payload = try integerWords(values)
            case (.int16(let values), _): payload = try integerWords(values)
            case (.int32(let values), .date32):
                payload = .width4(
                    try checked(values, "date outside PostgreSQL's range (4714 BC to 5874897 AD)") { day -> UInt32? in
                        let shifted = day - PostgresTemporal.epochDays
                        return PostgresTemporal.dateRange.contains(shifted)
                            ? UInt32(truncatingIfNeeded: Int32(shifted)) : nil
                    })
            case (.int32(let values), .time(let unit)):
                payload = .width8(
                    try checked(values, "time of day outside 00:00:00...24:00:00") {
                        Self.timeOfDay($0, unit: unit)
                    })
            case (.int32(let values), _): payload = try integerWords(values)
            case (.int64(let values), .timestamp(let unit, _)):
                payload = .width8(
                    try checked(values, "timestamp outside PostgreSQL's range (4714 BC to 294276 AD)") {
                        PostgresTemporal.postgresTimestamp($0, unit: unit).map { UInt64(bitPattern: $0) }
                    })
            case (.int64(let values), .time(let unit)):
                payload = .width8(
                    try checked(values, "time of day outside 00:00:00...24:00:00") {
                        Self.timeOfDay($0, unit: unit)
                    })
            case (.int64(let values), _): payload = try integerWords(values)
            case (.uint8(let values), _): payload = try integerWords(values)
            case (.uint16(let values), _): payload = try integerWords(values)
            case (.uint32(let values), _): payload = try integerWords(values)
            case (.uint64(let values), _): payload = try integerWords(values)
            case (.float32(let values), _):
                payload =
                    plan.target == .real
                    ? .width4(converted(values) { $0.bitPattern })
                    : .width8(converted(values) { Double($0).bitPattern })
            case (.float64(let values), _): payload = .width8(converted(values) { $0.bitPattern })
            case (.int128(let values), .decimal(_, let scale)):
                payload = Self.numerics(count: rows.count, scale: scale, valid: { valid(rows.lowerBound + $0) }) {
                    values[rows.lowerBound + $0]
                }
            case (.bytes(let offsets, let data), _):
                payload = .variable(offsets: offsets, data: data, first: rows.lowerBound)
            case (.fixedBytes(let width, let data), _):
                payload = .fixedBytes(width: width, data: data, first: rows.lowerBound)
            default:
                throw .unsupportedType(column: plan.name, type: "\(plan.source)")
            }
        }

        /// A time of day in `unit` as PostgreSQL microseconds since midnight, big-endian; nil outside a day.
        private static func timeOfDay(_ value: Int64, unit: TimeUnit) -> UInt64? {
            guard let micros = PostgresTemporal.microseconds(value, unit: unit),
                micros >= 0 && micros <= PostgresTemporal.dayMicroseconds
            else { return nil }
            return UInt64(micros)
        }

        /// Pre-encoded binary numerics for `count` rows (empty for null rows).
        private static func numerics(
            count: Int, scale: Int, valid: (Int) -> Bool, unscaled: (Int) -> Int128
        ) -> Payload {
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(count + 1)
            var data: [UInt8] = []
            data.reserveCapacity(count * 16)
            for index in 0..<count {
                if valid(index) { PostgresNumeric.append(unscaled: unscaled(index), scale: scale, to: &data) }
                offsets.append(Int32(data.count))
            }
            return .variable(offsets: offsets, data: data, first: 0)
        }

        /// Adds each valid row's payload bytes to `sizes` and takes the payload bytes off null rows (a null
        /// field is its length word alone).
        func addPayloadSizes(to sizes: inout [Int]) {
            let fixedWidth: Int
            switch payload {
            case .width1: fixedWidth = 1
            case .width2: fixedWidth = 2
            case .width4: fixedWidth = 4
            case .width8: fixedWidth = 8
            case .fixedBytes(let width, _, _): fixedWidth = width
            case .variable(let offsets, _, let first):
                offsets.withUnsafeBufferPointer { offsets in
                    for index in 0..<sizes.count where isValid(index) {
                        sizes[index] += Int(offsets[first + index + 1] - offsets[first + index])
                    }
                }
                return
            }
            for index in 0..<sizes.count where isValid(index) { sizes[index] += fixedWidth }
        }

        @inline(__always) func isValid(_ index: Int) -> Bool {
            guard let validity else { return true }
            return validity[rows.lowerBound + index]
        }

        /// Writes each row's length word and value at `cursors[row]` and advances the cursors.
        func write(into base: UnsafeMutableRawPointer, cursors: inout [Int]) {
            switch payload {
            case .width1(let values): writeWords(values, into: base, cursors: &cursors)
            case .width2(let values): writeWords(values, into: base, cursors: &cursors)
            case .width4(let values): writeWords(values, into: base, cursors: &cursors)
            case .width8(let values): writeWords(values, into: base, cursors: &cursors)
            case .variable(let offsets, let data, let first):
                offsets.withUnsafeBufferPointer { offsets in
                    data.withUnsafeBytes { data in
                        for index in 0..<cursors.count {
                            let cursor = cursors[index]
                            guard isValid(index) else {
                                base.storeBytes(of: UInt32.max, toByteOffset: cursor, as: UInt32.self)
                                cursors[index] = cursor + 4
                                continue
                            }
                            let start = Int(offsets[first + index])
                            let length = Int(offsets[first + index + 1]) - start
                            base.storeBytes(of: UInt32(length).bigEndian, toByteOffset: cursor, as: UInt32.self)
                            if length > 0, let source = data.baseAddress {
                                (base + cursor + 4).copyMemory(from: source + start, byteCount: length)
                            }
                            cursors[index] = cursor + 4 + length
                        }
                    }
                }
            case .fixedBytes(let width, let data, let first):
                data.withUnsafeBytes { data in
                    for index in 0..<cursors.count {
                        let cursor = cursors[index]
                        guard isValid(index) else {
                            base.storeBytes(of: UInt32.max, toByteOffset: cursor, as: UInt32.self)
                            cursors[index] = cursor + 4
                            continue
                        }
                        base.storeBytes(of: UInt32(width).bigEndian, toByteOffset: cursor, as: UInt32.self)
                        if width > 0, let source = data.baseAddress {
                            (base + cursor + 4).copyMemory(from: source + (first + index) * width, byteCount: width)
                        }
                        cursors[index] = cursor + 4 + width
                    }
                }
            }
        }

        private func writeWords<Word: FixedWidthInteger>(
            _ values: [Word], into base: UnsafeMutableRawPointer, cursors: inout [Int]
        ) {
            let lengthWord = UInt32(MemoryLayout<Word>.size).bigEndian
            let step = 4 + MemoryLayout<Word>.size
            values.withUnsafeBufferPointer { values in
                cursors.withUnsafeMutableBufferPointer { cursors in
                    if validity == nil {
                        for index in 0..<cursors.count {
                            let cursor = cursors[index]
                            base.storeBytes(of: lengthWord, toByteOffset: cursor, as: UInt32.self)
                            base.storeBytes(of: values[index], toByteOffset: cursor + 4, as: Word.self)
                            cursors[index] = cursor + step
                        }
                        return
                    }
                    for index in 0..<cursors.count {
                        let cursor = cursors[index]
                        if isValid(index) {
                            base.storeBytes(of: lengthWord, toByteOffset: cursor, as: UInt32.self)
                            base.storeBytes(of: values[index], toByteOffset: cursor + 4, as: Word.self)
                            cursors[index] = cursor + step
                        } else {
                            base.storeBytes(of: UInt32.max, toByteOffset: cursor, as: UInt32.self)
                            cursors[index] = cursor + 4
                        }
                    }
                }
            }
        }
    }
}

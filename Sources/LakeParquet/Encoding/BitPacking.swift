/// Little-endian bit packing as the RLE/bit-packing hybrid, DELTA_BINARY_PACKED and PLAIN BOOLEAN use it.
///
/// Values are packed from the least significant bit of each byte to the most significant; a value that crosses a
/// byte boundary continues in the low bits of the next byte. Eight values of width `w` fill exactly `w` bytes,
/// which is why the decoders work in groups of eight. (The deprecated BIT_PACKED encoding packs in the opposite
/// bit order and is not implemented here.)
///
/// Spec: parquet-format Encodings.md, "Run Length Encoding / Bit-Packing Hybrid", note 1.
enum BitPacking {
    /// Bytes that `valueCount` values of `bitWidth` bits occupy, rounded up to a whole byte.
    static func byteCount(valueCount: Int, bitWidth: Int) -> Int {
        precondition(valueCount >= 0 && bitWidth >= 0 && bitWidth <= 64, "bit packing: invalid count or width")
        return (valueCount >> 3) * bitWidth + ((valueCount & 7) * bitWidth + 7) >> 3
    }

    /// Bits needed to represent `value` (0 for 0).
    static func bitWidth<Word: FixedWidthInteger & UnsignedInteger>(of value: Word) -> Int {
        Word.bitWidth - value.leadingZeroBitCount
    }

    // MARK: Unpacking

    /// Unpacks `count` values of `bitWidth` bits from the start of `input` into `output[0..<count]`.
    ///
    /// Reads `byteCount(valueCount: count, bitWidth: bitWidth)` bytes; bits past the last value are ignored.
    /// - Throws: `.invalidData` if `bitWidth` is negative or wider than `Word`, `.truncated` if `input` is short.
    /// - Complexity: O(`count`); groups of eight values whose bytes are followed by at least 8 more input bytes are
    ///   decoded with one unaligned 64-bit load per value and a width known at compile time.
    static func unpack<Word: FixedWidthInteger & UnsignedInteger>(
        _ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: UnsafeMutablePointer<Word>
    ) throws(ParquetError) {
        guard bitWidth >= 0 && bitWidth <= Word.bitWidth else {
            throw .invalidData("bit packing: bit width \(bitWidth) exceeds \(Word.bitWidth)")
        }
        precondition(count >= 0, "bit packing: negative count")
        let needed = byteCount(valueCount: count, bitWidth: bitWidth)
        guard input.count >= needed else {
            throw .truncated(
                at: 0, needed: needed - input.count, what: "bit-packed values (\(count) × \(bitWidth) bits)")
        }
        guard count > 0 else { return }
        guard bitWidth > 0, let base = input.baseAddress else {
            output.update(repeating: 0, count: count)
            return
        }
        let fullGroupCount = count >> 3
        // A group starting at byte g*w reads at most up to byte g*w + w + 8 (one load per value, plus one byte for
        // widths above 56), so groups whose start leaves w + 8 bytes of input take the fast path.
        let fastGroupCount = input.count >= 8 + bitWidth ? min(fullGroupCount, (input.count - 8) / bitWidth) : 0
        unpackGroups(from: base, groupCount: fastGroupCount, bitWidth: bitWidth, into: output)
        var done = fastGroupCount << 3
        guard done < count else { return }
        // The remaining groups (and a final partial group) are copied into a zeroed scratch buffer first so that
        // the 64-bit loads stay inside memory we own.
        withUnsafeTemporaryAllocation(byteCount: 80, alignment: 8) { scratch in
            withUnsafeTemporaryAllocation(of: Word.self, capacity: 8) { group in
                guard let scratchBase = scratch.baseAddress, let groupBase = group.baseAddress else { return }
                while done < count {
                    let groupStart = (done >> 3) * bitWidth
                    let available = min(bitWidth, input.count - groupStart)
                    scratch.initializeMemory(as: UInt8.self, repeating: 0)
                    scratchBase.copyMemory(from: base + groupStart, byteCount: available)
                    unpackGroups(
                        from: UnsafeRawPointer(scratchBase), groupCount: 1, bitWidth: bitWidth, into: groupBase)
                    let taken = min(8, count - done)
                    (output + done).update(from: groupBase, count: taken)
                    done += taken
                }
            }
        }
    }

    /// Dispatches to a kernel whose bit width is a compile-time constant, so the eight shifts and byte offsets of a
    /// group fold into immediates.
    private static func unpackGroups<Word: FixedWidthInteger & UnsignedInteger>(
        from source: UnsafeRawPointer, groupCount: Int, bitWidth: Int, into output: UnsafeMutablePointer<Word>
    ) {
        guard groupCount > 0 else { return }
        switch bitWidth {
        case 1: unpackGroupKernel(source, groupCount, 1, output)
        case 2: unpackGroupKernel(source, groupCount, 2, output)
        case 3: unpackGroupKernel(source, groupCount, 3, output)
        case 4: unpackGroupKernel(source, groupCount, 4, output)
        case 5: unpackGroupKernel(source, groupCount, 5, output)
        case 6: unpackGroupKernel(source, groupCount, 6, output)
        case 7: unpackGroupKernel(source, groupCount, 7, output)
        case 8: unpackGroupKernel(source, groupCount, 8, output)
        case 9: unpackGroupKernel(source, groupCount, 9, output)
        case 10: unpackGroupKernel(source, groupCount, 10, output)
        case 11: unpackGroupKernel(source, groupCount, 11, output)
        case 12: unpackGroupKernel(source, groupCount, 12, output)
        case 13: unpackGroupKernel(source, groupCount, 13, output)
        case 14: unpackGroupKernel(source, groupCount, 14, output)
        case 15: unpackGroupKernel(source, groupCount, 15, output)
        case 16: unpackGroupKernel(source, groupCount, 16, output)
        case 17: unpackGroupKernel(source, groupCount, 17, output)
        case 18: unpackGroupKernel(source, groupCount, 18, output)
        case 19: unpackGroupKernel(source, groupCount, 19, output)
        case 20: unpackGroupKernel(source, groupCount, 20, output)
        case 21: unpackGroupKernel(source, groupCount, 21, output)
        case 22: unpackGroupKernel(source, groupCount, 22, output)
        case 23: unpackGroupKernel(source, groupCount, 23, output)
        case 24: unpackGroupKernel(source, groupCount, 24, output)
        case 25: unpackGroupKernel(source, groupCount, 25, output)
        case 26: unpackGroupKernel(source, groupCount, 26, output)
        case 27: unpackGroupKernel(source, groupCount, 27, output)
        case 28: unpackGroupKernel(source, groupCount, 28, output)
        case 29: unpackGroupKernel(source, groupCount, 29, output)
        case 30: unpackGroupKernel(source, groupCount, 30, output)
        case 31: unpackGroupKernel(source, groupCount, 31, output)
        case 32: unpackGroupKernel(source, groupCount, 32, output)
        default: unpackGroupKernel(source, groupCount, bitWidth, output)
        }
    }

    @inline(__always)
    private static func unpackGroupKernel<Word: FixedWidthInteger & UnsignedInteger>(
        _ source: UnsafeRawPointer, _ groupCount: Int, _ bitWidth: Int, _ output: UnsafeMutablePointer<Word>
    ) {
        let mask: UInt64 = bitWidth >= 64 ? ~0 : (1 &<< UInt64(bitWidth)) &- 1
        var source = source
        var output = output
        for _ in 0..<groupCount {
            for index in 0..<8 {
                let bit = index &* bitWidth
                let byte = bit &>> 3
                let shift = UInt64(bit & 7)
                var word = source.loadUnaligned(fromByteOffset: byte, as: UInt64.self) &>> shift
                if Int(shift) &+ bitWidth > 64 {
                    word |= UInt64(source.load(fromByteOffset: byte &+ 8, as: UInt8.self)) &<< (64 &- shift)
                }
                output[index] = Word(truncatingIfNeeded: word & mask)
            }
            source += bitWidth
            output += 8
        }
    }

    /// Unpacks `count` booleans, one bit each, least significant bit first (PLAIN BOOLEAN, bit-packed RLE runs).
    ///
    /// - Throws: `.truncated` if `input` holds fewer than `(count + 7) / 8` bytes.
    static func unpackBooleans(
        _ input: UnsafeRawBufferPointer, count: Int, into output: UnsafeMutablePointer<Bool>
    ) throws(ParquetError) {
        precondition(count >= 0, "bit packing: negative count")
        let needed = (count + 7) >> 3
        guard input.count >= needed else {
            throw .truncated(at: 0, needed: needed - input.count, what: "bit-packed booleans (\(count) values)")
        }
        guard count > 0, let base = input.baseAddress else { return }
        let target = UnsafeMutableRawPointer(output)
        let fullBytes = count >> 3
        for index in 0..<fullBytes {
            // Spread the 8 bits of one byte over 8 bytes holding 0 or 1 (valid `Bool` representations).
            var spread = UInt64(base.load(fromByteOffset: index, as: UInt8.self))
            spread = (spread | spread &<< 28) & 0x0000_000F_0000_000F
            spread = (spread | spread &<< 14) & 0x0003_0003_0003_0003
            spread = (spread | spread &<< 7) & 0x0101_0101_0101_0101
            target.storeBytes(of: spread, toByteOffset: index &<< 3, as: UInt64.self)
        }
        if count & 7 != 0 {
            let last = base.load(fromByteOffset: fullBytes, as: UInt8.self)
            for bit in 0..<(count & 7) {
                output[(fullBytes << 3) + bit] = (last >> UInt8(bit)) & 1 != 0
            }
        }
    }

    // MARK: Packing

    /// Appends `values` packed at `bitWidth` bits each: exactly `byteCount(valueCount:bitWidth:)` bytes, the unused
    /// bits of the last byte zero. Bits of a value above `bitWidth` are dropped (callers choose a width that fits).
    /// - Complexity: O(`values.count`).
    static func pack<Word: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<Word>, bitWidth: Int, into output: inout [UInt8]
    ) {
        precondition(bitWidth >= 0 && bitWidth <= Word.bitWidth, "bit packing: width \(bitWidth) out of range")
        let total = byteCount(valueCount: values.count, bitWidth: bitWidth)
        guard total > 0 else { return }
        let mask: UInt64 = bitWidth >= 64 ? ~0 : (1 &<< UInt64(bitWidth)) &- 1
        output.withAppendedSpace(total, filler: 0) { buffer in
            guard let target = UnsafeMutableRawPointer(buffer.baseAddress) else { return }
            var accumulator: UInt64 = 0
            var pendingBits = 0
            var position = 0
            for value in values {
                let bits = UInt64(truncatingIfNeeded: value) & mask
                accumulator |= bits &<< UInt64(pendingBits)
                pendingBits &+= bitWidth
                if pendingBits >= 64 {
                    target.storeBytes(of: accumulator.littleEndian, toByteOffset: position, as: UInt64.self)
                    position &+= 8
                    pendingBits &-= 64
                    // The high `pendingBits` bits of this value did not fit in the word just stored.
                    accumulator = pendingBits == 0 ? 0 : bits &>> UInt64(bitWidth &- pendingBits)
                }
            }
            while pendingBits > 0 {
                target.storeBytes(of: UInt8(truncatingIfNeeded: accumulator), toByteOffset: position, as: UInt8.self)
                accumulator &>>= 8
                position &+= 1
                pendingBits &-= 8
            }
        }
    }

    /// Appends `values` as bits, least significant bit first, `(values.count + 7) / 8` bytes, zero-padded.
    static func packBooleans(_ values: UnsafeBufferPointer<Bool>, into output: inout [UInt8]) {
        let total = (values.count + 7) >> 3
        guard total > 0, let source = UnsafeRawPointer(values.baseAddress) else { return }
        output.withAppendedSpace(total, filler: 0) { buffer in
            let fullBytes = values.count >> 3
            for index in 0..<fullBytes {
                // Eight bytes of 0 or 1 gather into the top byte of the product, first value in the lowest bit.
                let bytes = source.loadUnaligned(fromByteOffset: index &<< 3, as: UInt64.self)
                buffer[index] = UInt8(truncatingIfNeeded: (bytes &* 0x0102_0408_1020_4080) &>> 56)
            }
            if values.count & 7 != 0 {
                var last: UInt8 = 0
                for bit in 0..<(values.count & 7) where values[(fullBytes << 3) + bit] {
                    last |= 1 << UInt8(bit)
                }
                buffer[fullBytes] = last
            }
        }
    }
}

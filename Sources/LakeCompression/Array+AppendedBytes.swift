extension Array where Element == UInt8 {
    /// Appends up to `byteCountMax` bytes that `body` writes into uninitialized space.
    ///
    /// `body` receives a pointer to `byteCountMax` writable bytes (never null, even for zero bytes, because C
    /// libraries reject null destinations) and returns how many leading bytes it wrote; only those are kept. When
    /// `body` throws, the array is left as it was. Capacity grows geometrically, so appending many pages to one
    /// array stays linear.
    mutating func appendBytes<E: Error>(
        byteCountMax: Int, _ body: (UnsafeMutableRawPointer) throws(E) -> Int
    ) throws(E) {
        precondition(byteCountMax >= 0, "negative space requested")
        let spaceBytes = Swift.max(byteCountMax, 1)
        if capacity - count < spaceBytes {
            reserveCapacity(Swift.max(count + spaceBytes, capacity * 2))
        }
        var failure: E?
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
            append(addingCapacity: spaceBytes) { (span: inout OutputSpan<UInt8>) in
                span.withUnsafeMutableBufferPointer { space, initializedCount in
                    guard let base = space.baseAddress else { return }
                    do throws(E) {
                        let written = try body(UnsafeMutableRawPointer(base))
                        precondition(0 <= written && written <= byteCountMax, "codec wrote outside its space")
                        initializedCount = written
                    } catch {
                        failure = error
                    }
                }
            }
        } else {
            // Older Apple systems lack `OutputSpan`: zero-fill the space first, then trim it.
            let start = count
            append(contentsOf: repeatElement(0, count: spaceBytes))
            var written = 0
            withUnsafeMutableBytes { bytes in
                guard let base = UnsafeMutableRawBufferPointer(rebasing: bytes[start...]).baseAddress else { return }
                do throws(E) {
                    written = try body(base)
                    precondition(0 <= written && written <= byteCountMax, "codec wrote outside its space")
                } catch {
                    failure = error
                }
            }
            removeLast(spaceBytes - written)
        }
        if let failure { throw failure }
    }

    /// Appends the bytes of `source` with one `memcpy`.
    mutating func append(copying source: UnsafeRawBufferPointer) {
        guard let base = source.baseAddress else { return }
        appendBytes(byteCountMax: source.count) { destination in
            destination.copyMemory(from: base, byteCount: source.count)
            return source.count
        }
    }

    /// Appends `value` as 4 big-endian bytes.
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ])
    }
}

extension Array where Element: BitwiseCopyable {
    /// Grows the array by `count` copies of `filler`, then lets `body` overwrite those new elements in place.
    ///
    /// Decoders use this to write straight into the caller's array without a per-value `append`. If `body`
    /// throws, the array is shrunk back to its original length, so a failed decode leaves no partial values.
    /// - Complexity: O(`count`) for the fill, plus `body`.
    mutating func withAppendedSpace<Result, Failure: Error>(
        _ count: Int, filler: Element, _ body: (UnsafeMutableBufferPointer<Element>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        precondition(count >= 0, "negative append count")
        let start = self.count
        append(contentsOf: repeatElement(filler, count: count))
        do {
            return try withUnsafeMutableBufferPointer { (buffer) throws(Failure) -> Result in
                try body(UnsafeMutableBufferPointer(rebasing: buffer[start...]))
            }
        } catch {
            removeSubrange(start...)
            throw error
        }
    }
}

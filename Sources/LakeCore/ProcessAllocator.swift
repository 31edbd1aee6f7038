#if canImport(Glibc)
    import CMalloc
#endif

/// Process-wide allocator settings for engine processes (the `lake` tool, benchmark workers).
///
/// Columnar work allocates and frees buffers of many megabytes per row group. glibc serves such sizes with
/// `mmap` and returns them to the kernel on `free`, so every row group pays page faults on fresh zeroed pages.
/// Raising the mmap and trim thresholds keeps those buffers in the heap for reuse, which is what engines get
/// from jemalloc or mimalloc (pyarrow's default pool is jemalloc). Call once, before any heavy allocation.
public enum ProcessAllocator {
    /// Allocations below this size come from the heap rather than fresh mappings. 32 MiB covers the buffers of a
    /// million-row row group; 64 MiB made the writer 1.5x slower (the heap then also served its largest buffers).
    public static let mmapThresholdBytes: Int32 = 32 << 20
    /// Free heap memory kept before it is returned to the kernel.
    public static let trimThresholdBytes: Int32 = 1 << 30

    public static func configureForColumnarWork() {
        #if canImport(Glibc)
            _ = mallopt(M_MMAP_THRESHOLD, mmapThresholdBytes)
            _ = mallopt(M_TRIM_THRESHOLD, trimThresholdBytes)
        #endif
    }
}

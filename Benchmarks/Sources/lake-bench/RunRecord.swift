/// What one run of one task reports: the child prints it as `RESULT {json}`; the parent adds the peak RSS.
struct RunRecord: Codable {
    /// Seconds of the timed section only.
    var seconds: Double
    /// Rows the timed section processed: rows written, or rows in the file read (whatever the projection).
    var rows: Int
    /// Bytes of the file written, or of the file read.
    var bytes: Int
    /// Peak RSS of the child before its clock started (the write input held in memory), in KiB.
    var rssBeforeKiB: Int
    /// Rows the read returned (reads only).
    var resultRows: Int?
    var info: RunInfo
    /// Peak RSS of the child process over its whole life, in KiB (`wait4`'s `ru_maxrss`).
    var peakRSSKiB: Int?

    enum CodingKeys: String, CodingKey {
        case seconds, rows, bytes, info
        case rssBeforeKiB = "rss_before_kb"
        case resultRows = "result_rows"
        case peakRSSKiB = "peak_rss_kb"
    }
}

/// Facts a run reports besides its time, compared between lake and pyarrow (all untimed).
struct RunInfo: Codable {
    var rowGroups: Int?
    var rowsWritten: Int?
    /// Writes: seconds an fsync of the finished file took (pyarrow only; lake's writer fsyncs inside its clock).
    var fsyncSeconds: Double?
    var columns: Int?
    var nullCounts: [Int]?
    var cryptoIDSum: Int?
    var priceSum: Double?

    enum CodingKeys: String, CodingKey {
        case columns
        case rowGroups = "row_groups"
        case rowsWritten = "rows_written"
        case fsyncSeconds = "fsync_seconds"
        case nullCounts = "null_counts"
        case cryptoIDSum = "crypto_id_sum"
        case priceSum = "price_sum"
    }
}

/// pyarrow's verdict on a file lake wrote (`pyarrow_parquet.py check`).
struct PeerCheck: Codable {
    var rows: Int
    var expectedRows: Int
    var rowGroups: Int
    var createdBy: String?
    var columnsEqual: Bool
    var mismatched: [String]

    enum CodingKeys: String, CodingKey {
        case rows, mismatched
        case expectedRows = "expected_rows"
        case rowGroups = "row_groups"
        case createdBy = "created_by"
        case columnsEqual = "columns_equal"
    }
}

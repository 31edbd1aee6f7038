/// A page ready to be written: its header and its (possibly compressed) body, plus what the page index needs.
struct EncodedPage {
    var header: PageHeader
    var body: [UInt8]
    /// Index of the page's first row within its row group.
    var firstRow: Int64
    /// Non-null values the page holds (a page without any is a null page of the column index).
    var valueCount: Int
    /// Statistics of the page's values (data pages only, when statistics are enabled).
    var statistics: ValueStatistics?

    /// Header plus body bytes.
    var byteCount: Int { header.encode().count + body.count }
}

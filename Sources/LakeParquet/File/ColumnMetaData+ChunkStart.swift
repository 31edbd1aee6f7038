extension ColumnMetaData {
    /// File offset of the chunk's first page: the dictionary page when there is one, else the first data page.
    ///
    /// Some writers store `dictionary_page_offset` 0 for chunks without a dictionary; offsets inside the leading
    /// magic (below 4) therefore mean "absent".
    var chunkStart: Int64 {
        guard let dictionary = dictionaryPageOffset, dictionary >= 4 else { return dataPageOffset }
        return min(dictionary, dataPageOffset)
    }
}

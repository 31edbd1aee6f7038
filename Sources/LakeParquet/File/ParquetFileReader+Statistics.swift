import LakeColumnar

extension ParquetFileReader {
    /// The min/max statistics of one column chunk as values of the column's type, when the file has usable ones.
    public func statisticsBounds(rowGroup: Int, column: Int) -> (minimum: Value, maximum: Value)? {
        let chunk = metadata.rowGroups[rowGroup].columns[column]
        return StatisticsValues.bounds(chunk.metaData?.statistics, column: parquetSchema.columns[column])
    }

    /// `statisticsBounds` rendered as text (dates, timestamps and decimals formatted for their type).
    public func statisticsText(rowGroup: Int, column: Int) -> (String?, String?) {
        guard let (minimum, maximum) = statisticsBounds(rowGroup: rowGroup, column: column),
            let type = parquetSchema.columns[column].dataType
        else { return (nil, nil) }
        return (ValueFormatter.text(minimum, type: type), ValueFormatter.text(maximum, type: type))
    }
}

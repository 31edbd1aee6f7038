import LakeCore

extension ActiveFile {
    /// Live rows of the logical file: `numRecords` of its statistics minus the cardinality of its deletion vector;
    /// nil when the statistics lack `numRecords` (or do not parse).
    ///
    /// Spec: spec/table-log.md §6.
    public var recordCount: Int64? {
        guard let text = add.stats, let records = (try? JSONParser.parse(text))?.objectValue?["numRecords"]?.int64Value
        else { return nil }
        return records - (add.deletionVector?.cardinality ?? 0)
    }
}

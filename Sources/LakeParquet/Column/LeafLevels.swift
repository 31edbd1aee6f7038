/// The content of one leaf column in Parquet's terms: a definition and a repetition level per entry, and the
/// non-null values (one per entry whose definition level is the leaf's maximum), in entry order.
///
/// An entry is one slot of the leaf: a value, a null at some depth, or an empty list. A record (a top-level row)
/// starts at each entry with repetition level 0.
///
/// Spec: parquet-format README "Nested Encoding"; spec/parquet.md#nested-columns
struct LeafLevels {
    var definition: [UInt32]
    var repetition: [UInt32]
    var values: PhysicalValues

    var entryCount: Int { definition.count }
}

/// Where the records of a payload are. Each record becomes one bronze row.
///
/// Spec: spec/pipeline.md#flattening
public enum RecordLayout: Sendable, Hashable {
    /// `data` is an array of records (listings, map, categories, exchange assets).
    case dataArray
    /// `data` is an object of records keyed by id (cryptocurrency/info v2, exchange/info).
    case dataObjectValues
    /// `data` is one record (global metrics, fear and greed).
    case dataObject
    /// `data` is one object whose array member `key` holds the records; the object's other scalar members are
    /// copied into every record under `prefix` (cryptocurrency/category: the category's fields and its coins).
    case dataChildArray(key: String, prefix: String)
    /// The body is an array of records (CoinGecko coins/markets).
    case topLevelArray
}

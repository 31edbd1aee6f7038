import LakeHTTP

/// One API endpoint the extraction stage reads into bronze.
///
/// Spec: spec/pipeline.md#endpoints
public struct Endpoint: Sendable, Hashable {
    /// Names the bronze folder and files (`bronze/<name>/<name>-<yyyyMMdd_HHmmss>.parquet`) and the run records;
    /// lower-case letters, digits and `_` only.
    public var name: String
    /// The `APISource.name` it belongs to.
    public var source: String
    /// Appended to the source's base URL, starting with `/`.
    public var path: String
    /// Fixed query parameters sent with every request.
    public var parameters: [HTTPQueryItem]
    public var paging: EndpointPaging
    public var ids: EndpointIDInput?
    public var layout: RecordLayout
    public var credits: CreditRule

    public init(
        name: String, source: String, path: String, parameters: [HTTPQueryItem] = [], paging: EndpointPaging = .none,
        ids: EndpointIDInput? = nil, layout: RecordLayout, credits: CreditRule
    ) {
        precondition(
            !name.isEmpty
                && name.utf8.allSatisfy {
                    ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                        || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                        || $0 == UInt8(ascii: "_")
                }, "endpoint names are lower-case letters, digits and _")
        precondition(path.hasPrefix("/"), "endpoint paths start with /")
        self.name = name
        self.source = source
        self.path = path
        self.parameters = parameters
        self.paging = paging
        self.ids = ids
        self.layout = layout
        self.credits = credits
    }
}

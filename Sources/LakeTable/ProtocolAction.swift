import LakeCore

/// The `protocol` action: the reader and writer versions (and, on 3/7, the named table features) a client must
/// support to read or write the table.
///
/// Feature lists are kept exactly as read; whether they apply depends on the versions (§11.1), which
/// `ProtocolGate` decides.
///
/// Spec: spec/table-log.md §3.1.
public struct ProtocolAction: Sendable, Hashable {
    public var minReaderVersion: Int32
    public var minWriterVersion: Int32
    /// Reader features; meaningful only with `minReaderVersion == 3`.
    public var readerFeatures: [String]?
    /// Writer features; meaningful only with `minWriterVersion == 7`.
    public var writerFeatures: [String]?

    public init(
        minReaderVersion: Int32, minWriterVersion: Int32, readerFeatures: [String]? = nil,
        writerFeatures: [String]? = nil
    ) {
        self.minReaderVersion = minReaderVersion
        self.minWriterVersion = minWriterVersion
        self.readerFeatures = readerFeatures
        self.writerFeatures = writerFeatures
    }

    /// Decodes the body of a `protocol` action; `path` names it in errors (`protocol`).
    public init(json: JSONObject, at path: String) throws(JSONError) {
        minReaderVersion = try json.requireInt32("minReaderVersion", in: path)
        minWriterVersion = try json.requireInt32("minWriterVersion", in: path)
        readerFeatures = try json.optionalStringArray("readerFeatures", in: path)
        writerFeatures = try json.optionalStringArray("writerFeatures", in: path)
    }

    /// The action body, fields in the order delta-rs writes them.
    public var json: JSONObject {
        var object: JSONObject = [
            "minReaderVersion": .int64(Int64(minReaderVersion)), "minWriterVersion": .int64(Int64(minWriterVersion)),
        ]
        object.setIfPresent("readerFeatures", readerFeatures.map(JSONValue.stringArray))
        object.setIfPresent("writerFeatures", writerFeatures.map(JSONValue.stringArray))
        return object
    }
}

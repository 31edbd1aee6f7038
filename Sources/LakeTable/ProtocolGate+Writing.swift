extension ProtocolGate {
    /// Writer features this writer honours on 3/7 tables.
    public static let supportedWriterFeatures: Set<String> = ["appendOnly", "invariants", "timestampNtz"]

    /// Checks that this writer may commit to a table with `protocol` and `schema` (after `checkReadable`).
    ///
    /// Legacy writer versions 1 and 2 are writable (version 2's `appendOnly` is enforced by the writes, and
    /// `invariants` are refused when a column declares one, since we do not evaluate them yet); versions 3–6 imply
    /// features we do not write (constraints, change data feed, generated columns, column mapping, identity
    /// columns); on version 7 every listed writer feature must be in `supportedWriterFeatures`.
    /// - Throws: `unsupportedFeature` naming the first feature this writer cannot honour.
    public static func checkWritable(_ protocolAction: ProtocolAction, schema: DeltaSchema) throws(TableLogError) {
        switch protocolAction.minWriterVersion {
        case 1, 2: break
        case 3: throw .unsupportedFeature("checkConstraints")
        case 4: throw .unsupportedFeature("changeDataFeed")
        case 5: throw .unsupportedFeature("columnMapping")
        case 6: throw .unsupportedFeature("identityColumns")
        default:
            for feature in protocolAction.writerFeatures ?? [] where !supportedWriterFeatures.contains(feature) {
                throw .unsupportedFeature(feature)
            }
        }
        if schema.fields.contains(where: { $0.metadata["delta.invariants"] != nil }) {
            throw .unsupportedFeature("invariants")
        }
    }
}

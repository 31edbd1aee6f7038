extension ProtocolGate {
    /// Writer features this writer honours on 3/7 tables. `columnMapping`: mode `name` only (`DataFileWriter`
    /// refuses mode `id`, whose files need Parquet field ids).
    public static let supportedWriterFeatures: Set<String> = [
        "appendOnly", "invariants", "timestampNtz", "columnMapping",
    ]

    /// Checks that this writer may commit to a table with `protocol` and `schema` (after `checkReadable`).
    ///
    /// Legacy writer versions 1 and 2 are writable (version 2's `appendOnly` is enforced by the writes, and
    /// `invariants` are refused when a column declares one, since we do not evaluate them yet); versions 3, 4 and 6
    /// imply features we do not write (constraints, change data feed, generated and identity columns). Version 5
    /// (which adds `columnMapping` to those of 4) is writable only when `metadata` is given and shows the implied
    /// features unused: no `delta.constraints.*` property, `delta.enableChangeDataFeed` not true, no
    /// `delta.generationExpression` on a column. On version 7 every listed writer feature must be in
    /// `supportedWriterFeatures`. Tables with `deletionVectors` stay refused until VACUUM keeps the DV files of
    /// live files.
    /// - Throws: `unsupportedFeature` naming the first feature this writer cannot honour.
    public static func checkWritable(
        _ protocolAction: ProtocolAction, schema: DeltaSchema, metadata: MetadataAction? = nil
    ) throws(TableLogError) {
        switch protocolAction.minWriterVersion {
        case 1, 2: break
        case 3: throw .unsupportedFeature("checkConstraints")
        case 4: throw .unsupportedFeature("changeDataFeed")
        case 5:
            guard let metadata else { throw .unsupportedFeature("columnMapping") }
            if metadata.configuration.keys.contains(where: { $0.hasPrefix("delta.constraints.") }) {
                throw .unsupportedFeature("checkConstraints")
            }
            if metadata.configuration["delta.enableChangeDataFeed"]?.lowercased() == "true" {
                throw .unsupportedFeature("changeDataFeed")
            }
            if schema.fields.contains(where: { $0.metadata["delta.generationExpression"] != nil }) {
                throw .unsupportedFeature("generatedColumns")
            }
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

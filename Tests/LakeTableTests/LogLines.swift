/// Hand-written commit lines shaped like those delta-rs 1.6.6 writes, for replay and decoding tests.
enum LogLines {
    static let schemaString =
        #"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"#
        + #"{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}"#

    static let commitInfo =
        #"{"commitInfo":{"timestamp":1735689600123,"operation":"WRITE","operationParameters":{"mode":"Append"},"#
        + #""engineInfo":"delta-rs:py-1.6.6"}}"#

    static func protocolLine(reader: Int = 1, writer: Int = 2, readerFeatures: [String]? = nil) -> String {
        var body = #"{"protocol":{"minReaderVersion":\#(reader),"minWriterVersion":\#(writer)"#
        if let readerFeatures {
            let names = readerFeatures.map { "\"\($0)\"" }.joined(separator: ",")
            body += #","readerFeatures":[\#(names)],"writerFeatures":[\#(names)]"#
        }
        return body + "}}"
    }

    static func metadata(partitionColumns: String = #"["region"]"#, configuration: String = "{}") -> String {
        #"{"metaData":{"id":"5f2b1c3e-0000-4000-8000-000000000001","name":null,"description":null,"#
            + #""format":{"provider":"parquet","options":{}},"schemaString":"\#(schemaString)","#
            + #""partitionColumns":\#(partitionColumns),"createdTime":1735689600000,"#
            + #""configuration":\#(configuration)}}"#
    }

    static func add(_ path: String, region: String? = "eu", size: Int = 100, deletionVector: String? = nil) -> String {
        let value = region.map { "\"\($0)\"" } ?? "null"
        let dv = deletionVector.map { #","deletionVector":\#($0)"# } ?? ""
        return #"{"add":{"path":"\#(path)","partitionValues":{"region":\#(value)},"size":\#(size),"#
            + #""modificationTime":1735689600000,"dataChange":true,"#
            + #""stats":"{\"numRecords\":3,\"minValues\":{\"id\":1},\"maxValues\":{\"id\":3},"#
            + #"\"nullCount\":{\"id\":0}}","#
            + #""tags":null,"baseRowId":null,"defaultRowCommitVersion":null,"clusteringProvider":null\#(dv)}}"#
    }

    static func remove(_ path: String) -> String {
        #"{"remove":{"path":"\#(path)","deletionTimestamp":1735689700000,"dataChange":true,"#
            + #""extendedFileMetadata":true,"partitionValues":{"region":"eu"},"size":100}}"#
    }

    static func txn(_ appId: String, _ version: Int) -> String {
        #"{"txn":{"appId":"\#(appId)","version":\#(version),"lastUpdated":1735689600000}}"#
    }
}

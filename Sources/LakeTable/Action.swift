import LakeCore

/// One line of a commit file: exactly one action.
///
/// Decoding follows the protocol's forward-compatibility rules: unknown fields inside a known action and
/// unknown action kinds are ignored (`decode` returns nil for the latter). A known field with the wrong JSON type,
/// a missing required field, or a line holding anything but a one-member object is an error naming the file, the
/// line and the field.
///
/// Spec: spec/table-log.md §3.
public enum Action: Sendable, Hashable {
    case `protocol`(ProtocolAction)
    case metadata(MetadataAction)
    case add(AddAction)
    case remove(RemoveAction)
    case transaction(TransactionAction)
    case commitInfo(CommitInfo)
    case domainMetadata(DomainMetadataAction)

    /// The key naming this action kind in the log (`protocol`, `metaData`, `add`, ...).
    public var key: String {
        switch self {
        case .protocol: "protocol"
        case .metadata: "metaData"
        case .add: "add"
        case .remove: "remove"
        case .transaction: "txn"
        case .commitInfo: "commitInfo"
        case .domainMetadata: "domainMetadata"
        }
    }

    /// Decodes one line of text.
    /// - Parameters:
    ///   - line: the JSON text of the line, without its `\n`.
    ///   - file: the log file, for error messages (`_delta_log/00000000000000000003.json`).
    ///   - lineNumber: the 1-based line within `file`.
    /// - Returns: the action, or nil for an action kind this version does not know (`cdc`, future kinds).
    /// - Throws: `TableLogError.corruptEntry` for malformed JSON or a malformed known action.
    public static func decode(line: String, file: String, lineNumber: Int) throws(TableLogError) -> Action? {
        let document: JSONValue
        do {
            document = try JSONParser.parse(line)
        } catch {
            throw .corruptEntry(path: file, line: lineNumber, reason: error.description)
        }
        return try decode(document, file: file, lineNumber: lineNumber)
    }

    /// Decodes one parsed line; see `decode(line:file:lineNumber:)`.
    public static func decode(_ document: JSONValue, file: String, lineNumber: Int) throws(TableLogError) -> Action? {
        guard let object = document.objectValue else {
            throw .corruptEntry(path: file, line: lineNumber, reason: "expected an object, found \(document.kindName)")
        }
        guard object.count == 1, let (key, body) = object.first else {
            let keys = object.keys.joined(separator: ", ")
            throw .corruptEntry(
                path: file, line: lineNumber, reason: "an action has exactly one key, found \(object.count) (\(keys))")
        }
        do {
            return try decode(key: key, body: body)
        } catch {
            throw .corruptEntry(path: file, line: lineNumber, reason: error.description)
        }
    }

    private static func decode(key: String, body: JSONValue) throws(JSONError) -> Action? {
        let known = ["protocol", "metaData", "add", "remove", "txn", "commitInfo", "domainMetadata"]
        guard known.contains(key) else { return nil }
        guard let object = body.objectValue else {
            throw .wrongType(key, expected: "object", found: body.kindName)
        }
        switch key {
        case "protocol": return .protocol(try ProtocolAction(json: object, at: key))
        case "metaData": return .metadata(try MetadataAction(json: object, at: key))
        case "add": return .add(try AddAction(json: object, at: key))
        case "remove": return .remove(try RemoveAction(json: object, at: key))
        case "txn": return .transaction(try TransactionAction(json: object, at: key))
        case "commitInfo": return .commitInfo(CommitInfo(json: object))
        default: return .domainMetadata(try DomainMetadataAction(json: object, at: key))
        }
    }

    /// The line object `{"<key>": body}`.
    public var json: JSONValue {
        let body: JSONObject
        switch self {
        case .protocol(let action): body = action.json
        case .metadata(let action): body = action.json
        case .add(let action): body = action.json
        case .remove(let action): body = action.json
        case .transaction(let action): body = action.json
        case .commitInfo(let action): body = action.json
        case .domainMetadata(let action): body = action.json
        }
        return .object([key: .object(body)])
    }

    /// The action as one JSON line without the trailing `\n`, without insignificant white space. The same action
    /// always gives the same bytes (maps are written with sorted keys).
    /// - Throws: `TableLogError.corruptEntry` only if a `commitInfo` holds a non-finite number, which JSON cannot
    ///   represent.
    public func encodedLine() throws(TableLogError) -> String {
        do {
            return try JSONWriter.serializedString(json)
        } catch {
            throw .corruptEntry(path: "<new commit>", line: 0, reason: error.description)
        }
    }
}

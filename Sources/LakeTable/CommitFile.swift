import LakeCore

/// Decoding and encoding of whole commit files (`_delta_log/<version>.json`).
///
/// Spec: spec/table-log.md §3.
public enum CommitFile {
    /// Action kinds that only V2 checkpoints may hold; inside a commit they are corrupt (§3.8).
    static let checkpointOnlyKeys: Set<String> = ["sidecar", "checkpointMetadata"]

    /// The known actions of a commit file, in line order; unknown action kinds are skipped, blank lines ignored,
    /// `sidecar` and `checkpointMetadata` refused.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - path: the file's path, for error messages.
    /// - Throws: `TableLogError.corruptEntry` naming the first bad line.
    public static func actions(in bytes: [UInt8], path: String) throws(TableLogError) -> [Action] {
        let options = JSONParser.Options(bytesMax: TableLimits.logLineBytesMax)
        var actions: [Action] = []
        do {
            try bytes.withUnsafeBytes { buffer in
                try JSONLines.forEach(in: buffer, options: options) { line, document in
                    if let key = document.objectValue?.keys.first, checkpointOnlyKeys.contains(key),
                        document.objectValue?.count == 1
                    {
                        throw TableLogError.corruptEntry(
                            path: path, line: line, reason: "\(key) actions are only valid inside V2 checkpoints")
                    }
                    if let action = try Action.decode(document, file: path, lineNumber: line) {
                        actions.append(action)
                    }
                }
            }
        } catch let error as TableLogError {
            throw error
        } catch let error as JSONError {
            throw .corruptEntry(path: path, line: error.line ?? 0, reason: error.description)
        } catch {
            throw .corruptEntry(path: path, line: 0, reason: "\(error)")
        }
        return actions
    }

    /// The bytes of a commit file holding `actions`, one line each, every line ending with `\n`.
    public static func encode(_ actions: [Action]) throws(TableLogError) -> [UInt8] {
        var bytes: [UInt8] = []
        for action in actions {
            bytes.append(contentsOf: try action.encodedLine().utf8)
            bytes.append(0x0A)
        }
        return bytes
    }
}

extension JSONError {
    /// The 1-based line a parse error points at, nil for errors without a position.
    var line: Int? {
        switch self {
        case .syntax(let line, _, _), .nestingTooDeep(let line, _, _), .documentTooLarge(let line, _, _): line
        case .missingField, .wrongType, .unrepresentable: nil
        }
    }
}

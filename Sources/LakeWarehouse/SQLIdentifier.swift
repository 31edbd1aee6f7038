/// The one place where names become SQL text: every table and column name in generated SQL goes through
/// `quote(_:)`. Values never become SQL text; they travel as statement parameters or COPY data.
///
/// Spec: spec/warehouse.md §1 (SQL text rules).
public enum SQLIdentifier {
    /// PostgreSQL keeps at most this many bytes of a name (NAMEDATALEN - 1) and silently truncates longer ones,
    /// which could merge two distinct names; longer names are refused instead.
    public static let nameBytesMax = 63

    /// `name` as a double-quoted identifier, with embedded quotes doubled: `a"b` becomes `"a""b"`.
    /// - Throws: `invalidIdentifier` for an empty name, a NUL character or more than `nameBytesMax` UTF-8 bytes.
    public static func quote(_ name: String) throws(WarehouseError) -> String {
        let bytes = name.utf8
        guard !bytes.isEmpty, bytes.count <= nameBytesMax, !bytes.contains(0) else {
            throw .invalidIdentifier(name)
        }
        var quoted = "\""
        for character in name.unicodeScalars {
            if character == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(character) }
        }
        return quoted + "\""
    }

    /// A comma-separated list of quoted names.
    static func quoteList(_ names: [String]) throws(WarehouseError) -> String {
        var parts: [String] = []
        for name in names { parts.append(try quote(name)) }
        return parts.joined(separator: ", ")
    }
}

/// How `binary` and `fixed_size_binary` values are written in text input.
public enum BinaryTextEncoding: String, Sendable, Hashable, CaseIterable {
    /// Two hexadecimal digits per byte, either letter case, no prefix or separators (`00ff10`). The default: it
    /// carries any bytes through a text file that must itself be UTF-8.
    case hex
    /// The field's bytes as they are (for CSV after removing the quoting; for JSON the string's UTF-8 bytes).
    case raw
}

/// Finds a column by key bytes: first the predicted column (keys tend to come in the same order on every line),
/// then a dictionary.
struct ColumnLookup {
    private let names: [[UInt8]]
    private let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names.map { Array($0.utf8) }
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() where indexByName[name] == nil { indexByName[name] = index }
        self.indexByName = indexByName
    }

    func index(of key: UnsafeBufferPointer<UInt8>, predicted: Int) -> Int? {
        if predicted < names.count {
            let matches = names[predicted].withUnsafeBufferPointer { candidate in
                candidate.count == key.count && (key.isEmpty || bytesEqual(candidate, key))
            }
            if matches { return predicted }
        }
        return indexByName[String(decoding: key, as: UTF8.self)]
    }

    private func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }
}

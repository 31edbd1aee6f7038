/// The members of a JSON object, in insertion order, with lookup by key.
///
/// Order is kept because Delta writers and golden tests compare serialized bytes: `JSONWriter` emits members in
/// this order, and a parsed object keeps the order of its text.
///
/// Duplicate keys: the last value wins and keeps the position of the first occurrence (Python's `json` and
/// delta-kernel-rs behave the same way). RFC 8259 leaves duplicates to the implementation; accepting them keeps
/// logs written by lax writers readable.
///
/// Equality is member-by-member in order, like swift-collections' `OrderedDictionary`: objects with the same
/// members in another order are different, which matches "serializes to the same bytes".
///
/// - Complexity: lookup is O(1) on average: objects up to `linearLookupCountMax` members scan their keys (faster
///   than hashing for the handful of keys a log action has), larger ones keep a dictionary from key to position.
///   Appending is amortized O(1); removing is O(n).
///
/// Spec: RFC 8259 section 4.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: JSONValue)
    public typealias Index = Int

    /// Objects with at most this many members have no index dictionary.
    public static let linearLookupCountMax = 8

    private(set) var keysStorage: [String]
    private(set) var valuesStorage: [JSONValue]
    /// Position of each key; nil while `count <= linearLookupCountMax`.
    private(set) var positions: [String: Int]?

    /// An empty object.
    public init() {
        keysStorage = []
        valuesStorage = []
        positions = nil
    }

    /// An object with `members` in order; a repeated key keeps its first position and its last value.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// The keys, in order.
    public var keys: [String] { keysStorage }
    /// The values, in the order of `keys`.
    public var values: [JSONValue] { valuesStorage }

    public var startIndex: Int { 0 }
    public var endIndex: Int { keysStorage.count }
    public subscript(position: Int) -> Element { (keysStorage[position], valuesStorage[position]) }

    /// The position of `key`, or nil when the object has no such member.
    public func index(forKey key: String) -> Int? {
        if let positions { return positions[key] }
        return keysStorage.firstIndex(of: key)
    }

    /// The value of member `key`; setting nil removes the member, setting a present key replaces its value in
    /// place.
    public subscript(key: String) -> JSONValue? {
        get { index(forKey: key).map { valuesStorage[$0] } }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Sets member `key`: replaces the value in place when present, else appends. Returns the replaced value.
    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey key: String) -> JSONValue? {
        if let position = index(forKey: key) {
            let old = valuesStorage[position]
            valuesStorage[position] = value
            return old
        }
        appendNew(key, value)
        return nil
    }

    /// Removes member `key`, keeping the order of the others. Returns the removed value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = index(forKey: key) else { return nil }
        keysStorage.remove(at: position)
        let old = valuesStorage.remove(at: position)
        rebuildPositions()
        return old
    }

    /// Appends a member whose key is known to be absent.
    mutating func appendNew(_ key: String, _ value: JSONValue) {
        let position = keysStorage.count
        keysStorage.append(key)
        valuesStorage.append(value)
        if positions != nil {
            positions?[key] = position
        } else if keysStorage.count > Self.linearLookupCountMax {
            rebuildPositions()
        }
    }

    private mutating func rebuildPositions() {
        guard keysStorage.count > Self.linearLookupCountMax else {
            positions = nil
            return
        }
        var table = [String: Int](minimumCapacity: keysStorage.count)
        for (position, key) in keysStorage.enumerated() { table[key] = position }
        positions = table
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.keysStorage == rhs.keysStorage && lhs.valuesStorage == rhs.valuesStorage
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keysStorage)
        hasher.combine(valuesStorage)
    }
}

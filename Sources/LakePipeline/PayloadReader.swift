import LakeCore

/// Checks one response body and takes its records out, according to the source's envelope and the endpoint's
/// layout.
///
/// Spec: spec/pipeline.md#flattening
enum PayloadReader {
    struct Payload {
        var records: [JSONValue]
        /// The credits the API says the call cost (CoinMarketCap `status.credit_count`), when it says.
        var creditCount: Int64?
    }

    static func records(from body: [UInt8], endpoint: String, envelope: ResponseEnvelope, layout: RecordLayout)
        throws(PipelineError) -> Payload
    {
        let root: JSONValue
        do {
            root = try JSONParser.parse(body)
        } catch {
            throw .invalidPayload(endpoint: endpoint, reason: "\(error)")
        }
        var data = root
        var creditCount: Int64?
        if envelope == .coinMarketCapStatus {
            guard case .object(let object) = root, case .object(let status)? = object["status"] else {
                throw .invalidPayload(endpoint: endpoint, reason: "missing status object")
            }
            let code = status["error_code"]?.int64Value ?? 0
            if code != 0 {
                let message = status["error_message"]?.stringValue ?? "no message"
                throw .apiError(endpoint: endpoint, code: code, message: message)
            }
            creditCount = status["credit_count"]?.int64Value
            guard let payload = object["data"] else {
                throw .invalidPayload(endpoint: endpoint, reason: "missing data")
            }
            data = payload
        }
        return Payload(records: try records(in: data, layout: layout, endpoint: endpoint), creditCount: creditCount)
    }

    private static func records(in data: JSONValue, layout: RecordLayout, endpoint: String) throws(PipelineError)
        -> [JSONValue]
    {
        switch layout {
        case .dataArray, .topLevelArray:
            guard case .array(let items) = data else {
                throw .invalidPayload(
                    endpoint: endpoint, reason: "expected an array of records, found \(data.kindName)")
            }
            return items
        case .dataObject:
            guard case .object = data else {
                throw .invalidPayload(endpoint: endpoint, reason: "expected one record object, found \(data.kindName)")
            }
            return [data]
        case .dataObjectValues:
            guard case .object(let byID) = data else {
                throw .invalidPayload(
                    endpoint: endpoint, reason: "expected records keyed by id, found \(data.kindName)")
            }
            var items: [JSONValue] = []
            for (_, value) in byID {
                // Lookups by symbol answer an array of records per key.
                if case .array(let many) = value { items.append(contentsOf: many) } else { items.append(value) }
            }
            return items
        case .dataChildArray(let key, let prefix):
            guard case .object(let parent) = data else {
                throw .invalidPayload(endpoint: endpoint, reason: "expected an object, found \(data.kindName)")
            }
            let children: [JSONValue]
            switch parent[key] {
            case .array(let items)?: children = items
            case nil, .null?: children = []
            case let other?:
                throw .invalidPayload(endpoint: endpoint, reason: "\(key) is \(other.kindName), not an array")
            }
            let inherited = parent.filter { $0.key != key }.map { (prefix + $0.key, $0.value) }
            return children.map { child in
                guard case .object(let members) = child else { return child }
                return .object(JSONObject(inherited + members.map { ($0.key, $0.value) }))
            }
        }
    }
}

import CCurl

/// The mutable state of one libcurl transfer, reached from libcurl's C callbacks through an opaque pointer.
///
/// Owned by a single `HTTPClient.send` call and touched only on that call's thread (libcurl's easy interface
/// runs callbacks on the thread that called `curl_easy_perform`).
final class CurlTransfer {
    let bytesMax: Int
    var body: [UInt8] = []
    var headers: [HTTPHeader] = []
    /// Set when the body would have passed `bytesMax`; the transfer is then aborted.
    var exceededLimit = false

    init(bytesMax: Int) {
        self.bytesMax = bytesMax
    }

    /// Appends body bytes. Returns false (abort) when they would exceed the limit.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= bytesMax - body.count else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Records one raw header line. A status line starts a new response (after a redirect or `100 Continue`),
    /// so the headers of earlier responses are dropped.
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        // Trim the line end as bytes: as a `String`, "\r\n" is one character and would survive a check for "\n".
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon])
        var value = Substring(line[line.index(after: colon)...])
        while value.first == " " || value.first == "\t" { value.removeFirst() }
        while value.last == " " || value.last == "\t" { value.removeLast() }
        headers.append(HTTPHeader(name, String(value)))
    }

    static let writeBody: lake_curl_data_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        let (total, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow else { return 0 }
        guard total > 0, let data else { return total }
        let accepted = transfer.appendBody(UnsafeRawBufferPointer(start: data, count: total))
        return accepted ? total : 0
    }

    static let writeHeader: lake_curl_data_callback = { data, size, count, userdata in
        guard let userdata else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        let (total, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow else { return 0 }
        guard total > 0, let data else { return total }
        transfer.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: total))
        return total
    }
}

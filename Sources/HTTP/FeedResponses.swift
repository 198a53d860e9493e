import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The open-data feeds' bodies, ready to send: rendered once per version of the projections (log
/// position and minute, since the next free slots move with time), kept in a `ByteBuffer` that
/// every response shares without copying, with its gzip encoding for clients that accept it, and
/// a weak ETag so that a map tool polling the feed gets a 304 while nothing changed.
final class FeedResponses: Sendable {
    private struct Entry: Sendable {
        let version: String
        let identity: ByteBuffer
        let gzip: ByteBuffer?
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The response for `feed` at `version`; `render` gives the body and the version it belongs to
    /// when the cache does not hold it.
    func response(_ feed: String, version: String, request: Request, contentType: String, headers: HTTPFields,
                  render: () -> (version: String, bytes: [UInt8])) -> Response {
        var fields = headers
        fields[.vary] = "Accept-Encoding"
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag: Self.etag(version)) {
            fields[.eTag] = Self.etag(version)
            return Response(status: .notModified, headers: fields)
        }
        let entry = entries.withLock { $0[feed] }.flatMap { $0.version == version ? $0 : nil } ?? store(feed, render())
        fields[.eTag] = Self.etag(entry.version)
        fields[.contentType] = contentType
        if Self.acceptsGzip(request.headers[.acceptEncoding]), let gzip = entry.gzip {
            fields[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: fields, body: .init(byteBuffer: gzip))
        }
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: entry.identity))
    }

    private func store(_ feed: String, _ rendered: (version: String, bytes: [UInt8])) -> Entry {
        let identity = ByteBuffer(bytes: rendered.bytes)
        var input = identity
        let gzip = try? input.compress(with: .gzip())
        let entry = Entry(version: rendered.version, identity: identity, gzip: gzip)
        entries.withLock { $0[feed] = entry }
        return entry
    }

    /// A weak validator: the gzip and identity bodies are the same representation's content.
    static func etag(_ version: String) -> String { "W/\"\(version)\"" }

    /// `If-None-Match` with weak comparison (RFC 9110, 13.1.2).
    static func matches(_ header: String, etag: String) -> Bool {
        let opaque = { (tag: Substring) -> Substring in
            let trimmed = tag.drop { $0 == " " }
            return trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
        }
        let wanted = opaque(Substring(etag))
        return header.split(separator: ",").contains { candidate in
            let tag = opaque(candidate).prefix { $0 != " " }
            return tag == "*" || tag == wanted
        }
    }

    /// Whether `Accept-Encoding` allows gzip (not `gzip;q=0`).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.lowercased().split(separator: ",").contains { coding in
            let parts = coding.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }
}

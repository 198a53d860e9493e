#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A plain HTTP/1.1 client over a POSIX socket that reads a Server-Sent Events response as it
/// arrives (the test client of Hummingbird waits for the whole body, which a stream never ends).
final class SSEClient: @unchecked Sendable {
    private let socket: Int32
    private(set) var received = ""
    private var raw: [UInt8] = []
    /// True once the server ended the response (last chunk or connection closed).
    private(set) var ended = false

    /// Connects to 127.0.0.1:`port` and sends `GET path` with `headers`.
    init(port: Int, path: String, headers: [String: String]) throws {
        guard let connection = RawConnection(port: port) else { throw POSIXError(.ECONNREFUSED) }
        socket = connection.descriptor
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
    }

    deinit { close(socket) }

    /// The `id:` of every SSE event received so far, in order.
    /// (Split on bytes: as a String, `\r\n` is one character and would hide the line after a chunk size.)
    var ids: [UInt64] {
        received.utf8.split(separator: 10).compactMap { bytes in
            let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return line.hasPrefix("id: ") ? UInt64(line.dropFirst(4)) : nil
        }
    }

    /// Reads until `done` holds for what was received, the response ends, or `timeout` passes.
    /// Returns whether `done` holds. The blocking reads run on a thread of their own, never on
    /// the cooperative pool that the server under test needs.
    @discardableResult
    func read(timeout: Duration, until done: @escaping @Sendable (SSEClient) -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.blockingRead(timeout: timeout, until: done)) }
            thread.start()
        }
    }

    private func blockingRead(timeout: Duration, until done: (SSEClient) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !done(self) && !ended && ContinuousClock.now < deadline {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count == 0 { ended = true; break }
            if count < 0 { continue }  // the 100 ms receive timeout
            raw.append(contentsOf: buffer[0..<count])
            received = String(decoding: raw, as: UTF8.self)
            if raw.count >= 5, Array(raw.suffix(5)) == Array("0\r\n\r\n".utf8) { ended = true }
        }
        return done(self)
    }
}

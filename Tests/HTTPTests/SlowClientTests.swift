import EventLog
import Foundation
import HTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP connection to 127.0.0.1, for clients that never finish their request.
struct RawConnection {
    let descriptor: Int32

    init?(port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { _ = Glibc.close(fd); return nil }
        descriptor = fd
    }

    /// Sends `text`; false when the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count
    }

    /// Whether the server has closed the connection (end of stream or reset), without waiting.
    var isClosedByServer: Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        let read = recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT))
        return read == 0 || (read < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    func close() { _ = Glibc.close(descriptor) }

    /// A whole `GET` on a fresh connection (`Connection: close`): the status code, nil on failure.
    /// Each call connects anew, so a keep-alive connection the server closed when idle cannot fail it.
    static func get(_ path: String, port: Int) -> Int? {
        guard let connection = RawConnection(port: port) else { return nil }
        defer { connection.close() }
        guard connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n") else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(connection.descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let head = String(decoding: received.prefix(12), as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(head.dropFirst(9).prefix(3))
    }
}

@Suite struct SlowClientTests {
    /// Issue 13: 3,000 connections that never finished their headers were held 40 s and more.
    @Test func connectionsThatNeverFinishTheirHeadersAreClosedAndHealthStillAnswers() async throws {
        let fixture = try ServerFixture()
        fixture.dependencies.connectionIdleTimeout = .seconds(1)
        try await fixture.run { client in
            let port = try #require(client.port)
            let connections = (0..<200).compactMap { _ in RawConnection(port: port) }
            defer { connections.forEach { $0.close() } }
            #expect(connections.count == 200)
            for connection in connections { connection.send("GET /heal") }
            let trickler = try #require(RawConnection(port: port))
            defer { trickler.close() }
            trickler.send("GET /health HTTP/1.1\r\nX-Lent: ")

            // A functional check, not a benchmark (the whole suite runs alongside on a shared
            // machine, where any request may stall for a moment): a third of nine answers within
            // 100 ms and none takes 5 s.
            var durations: [Duration] = []
            for _ in 0..<9 {
                let started = ContinuousClock.now
                let status = RawConnection.get("/health", port: port)
                durations.append(ContinuousClock.now - started)
                #expect(status == 200)
            }
            #expect(durations.filter { $0 < .milliseconds(100) }.count >= 3, "/health answers while 200 clients hang: \(durations)")
            #expect(durations.allSatisfy { $0 < .seconds(5) }, "\(durations)")

            // Headers trickled a byte every 100 ms do not keep a connection open either.
            let deadline = ContinuousClock.now + .seconds(4)
            var tricklerClosed = false
            while ContinuousClock.now < deadline {
                if !trickler.send("a") || trickler.isClosedByServer { tricklerClosed = true }
                if tricklerClosed, connections.allSatisfy(\.isClosedByServer) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(tricklerClosed, "a client trickling its headers is closed")
            let open = connections.filter { !$0.isClosedByServer }.count
            #expect(open == 0, "\(open) of 200 half-open connections still open after the timeout")
            #expect(RawConnection.get("/health", port: port) == 200)
        }
    }
}

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

            // A functional check, not a benchmark (timings belong to the campaign
            // tools/reliability/slow-clients, which prints /health's latency meanwhile): every one of
            // nine /health requests is answered while 200 clients hang.
            for _ in 0..<9 {
                #expect(RawConnection.get("/health", port: port) == 200, "/health answers while 200 clients hang")
            }

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

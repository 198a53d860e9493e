import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `mutualise-bench round-trip --port P --owner-tokens FILE --borrower-token T [--connections 32]
/// [--seconds 10] [--runs N] [--json PATH]`: the command round trip through HTTP. Every connection
/// (one thread, one keep-alive socket, blocking I/O: the client costs little next to the server)
/// requests a loan of half an hour in room `salle-<c>` as the borrower, then approves it as the
/// room's owner, over and over. Room `salle-c` belongs to `structure-c` (see ``TerritoryGenerator``);
/// line c of the owner tokens file is structure-c's token. Slots are taken in 2027–2028 inside the
/// room's weekly openings, never twice (runs continue the slot counter).
enum RoundTrip {
    struct Settings {
        var port: UInt16 = 8080
        var ownerTokens: [String] = []
        var borrowerToken = ""
        var connections = 32
        var seconds = 10.0
        var runs = 3
        var json: String?
        /// The first half-hour slot used (another client run against the same data must start after the last one used).
        var firstSlot = 0

        static func parse(_ arguments: [String]) throws -> Settings {
            var s = Settings()
            var rest = arguments[...]
            while let argument = rest.popFirst() {
                guard let v = rest.popFirst() else { throw BenchError("\(argument) needs a value") }
                switch argument {
                case "--port": s.port = UInt16(v) ?? 0
                case "--owner-tokens":
                    s.ownerTokens = try String(contentsOfFile: v, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
                case "--borrower-token": s.borrowerToken = v
                case "--connections": s.connections = Int(v) ?? 32
                case "--seconds": s.seconds = Double(v) ?? 10
                case "--runs": s.runs = max(1, Int(v) ?? 3)
                case "--json": s.json = v
                case "--first-slot": s.firstSlot = Int(v) ?? 0
                default: throw BenchError("round-trip: unknown argument \(argument)")
                }
            }
            guard s.ownerTokens.count >= s.connections else { throw BenchError("round-trip: need \(s.connections) owner tokens, got \(s.ownerTokens.count)") }
            guard !s.borrowerToken.isEmpty else { throw BenchError("round-trip: --borrower-token is required") }
            return s
        }
    }

    /// What one connection measured in one run.
    final class Lane: @unchecked Sendable {
        var roundTrips: [Double] = []
        var requests: [Double] = []
        var errors = 0
        var firstError: String?
        var slot = 0
    }

    static func run(_ s: Settings, progress: (String) -> Void) throws -> [Figure] {
        let lanes = (0..<s.connections).map { _ in Lane() }
        for lane in lanes { lane.slot = s.firstSlot }
        var throughput: [Double] = [], p50: [Double] = [], p99: [Double] = [], p999: [Double] = [], requestP99: [Double] = []
        let nonce = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        for run in 1...s.runs {
            for lane in lanes { lane.roundTrips = []; lane.requests = [] }
            let deadline = ContinuousClock.now + .milliseconds(Int(s.seconds * 1000))
            let done = DispatchGroup()
            let started = ContinuousClock.now
            for (c, lane) in lanes.enumerated() {
                done.enter()
                let thread = Thread {
                    defer { done.leave() }
                    Self.lane(c, lane: lane, settings: s, nonce: "\(nonce)-\(run)", until: deadline)
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
            done.wait()
            let elapsed = (ContinuousClock.now - started).seconds
            let all = lanes.flatMap(\.roundTrips).sorted()
            let requests = lanes.flatMap(\.requests).sorted()
            let errors = lanes.map(\.errors).reduce(0, +)
            if let message = lanes.compactMap(\.firstError).first { progress("round-trip: \(errors) errors, first: \(message)") }
            throughput.append(Double(all.count) / elapsed)
            p50.append(Statistics.quantile(sorted: all, 0.5))
            p99.append(Statistics.quantile(sorted: all, 0.99))
            p999.append(Statistics.quantile(sorted: all, 0.999))
            requestP99.append(Statistics.quantile(sorted: requests, 0.99))
            progress("round-trip run \(run)/\(s.runs): \(all.count) round trips in \(Figure.format(elapsed)) s, p50 \(Figure.format(p50.last!)) ms, p99 \(Figure.format(p99.last!)) ms, \(errors) errors")
            if all.isEmpty { throw BenchError("round-trip: no round trip succeeded") }
        }
        let name = "http.command-round-trip.\(s.connections)-connections"
        var main = Figure(name: name + ".p99", value: Statistics.median(p99), unit: "ms", samples: p99)
        main.target = "p99 < 10 ms"
        main.met = main.value < 10
        return [
            Figure(name: name, value: Statistics.median(throughput), unit: "round trips/s (2 POSTs each)", samples: throughput),
            Figure(name: name + ".p50", value: Statistics.median(p50), unit: "ms", samples: p50),
            main,
            Figure(name: name + ".p99.9", value: Statistics.median(p999), unit: "ms", samples: p999),
            Figure(name: name + ".per-request.p99", value: Statistics.median(requestP99), unit: "ms", samples: requestP99),
        ]
    }

    /// 2027-01-04 is a Monday.
    static let firstMonday2027 = try! LocalDate(iso: "2027-01-04")

    /// The `k`-th half hour of room `c`'s openings from 2027 (openings: weekdays c % 5 and (c + 2) % 5, 09:00–18:00).
    static func slot(room c: Int, _ k: Int) -> (String, String) {
        let week = k / 36, opening = (k % 36) / 18, half = k % 18
        let day = opening == 0 ? c % 5 : (c + 2) % 5
        let date = LocalDate(daysSinceEpoch: firstMonday2027.daysSinceEpoch + week * 7 + day)
        let minutes = 9 * 60 + half * 30
        func text(_ m: Int) -> String {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(date.year)-\(two(date.month))-\(two(date.day))T\(two(m / 60)):\(two(m % 60))"
        }
        return (text(minutes), text(minutes + 30))
    }

    static func lane(_ c: Int, lane: Lane, settings s: Settings, nonce: String, until deadline: ContinuousClock.Instant) {
        var connection: HTTPConnection
        do { connection = try HTTPConnection(port: s.port) } catch {
            lane.errors += 1; lane.firstError = lane.firstError ?? "connect: \(error)"; return
        }
        let room = "salle-\(c)"
        while ContinuousClock.now < deadline {
            let (start, end) = slot(room: c, lane.slot)
            lane.slot += 1
            let loan = "rt-\(nonce)-\(c)-\(lane.slot)"
            let body = #"{"id":"\#(loan)","start":"\#(start)","end":"\#(end)","people":2,"purpose":"Réunion de bureau"}"#
            let t0 = ContinuousClock.now
            do {
                let (status1, text1) = try connection.post("/rooms/\(room)/loans", token: s.borrowerToken, body: body)
                let t1 = ContinuousClock.now
                guard (200..<300).contains(status1) else {
                    lane.errors += 1; lane.firstError = lane.firstError ?? "request \(status1): \(text1.prefix(300))"; continue
                }
                let (status2, text2) = try connection.post("/rooms/\(room)/loans/\(loan)/approve", token: s.ownerTokens[c], body: "{}")
                let t2 = ContinuousClock.now
                guard (200..<300).contains(status2) else {
                    lane.errors += 1; lane.firstError = lane.firstError ?? "approve \(status2): \(text2.prefix(300))"; continue
                }
                lane.requests.append((t1 - t0).seconds * 1000)
                lane.requests.append((t2 - t1).seconds * 1000)
                lane.roundTrips.append((t2 - t0).seconds * 1000)
            } catch {
                lane.errors += 1; lane.firstError = lane.firstError ?? "\(error)"
                guard let again = try? HTTPConnection(port: s.port) else { return }
                connection = again
            }
        }
    }
}

/// A minimal HTTP/1.1 keep-alive client over a blocking loopback socket.
struct HTTPConnection {
    let fd: Int32
    var buffer: [UInt8] = []

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket failed") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { close(fd); throw BenchError("connect to 127.0.0.1:\(port) failed (errno \(errno))") }
    }

    mutating func post(_ path: String, token: String, body: String) throws -> (Int, String) {
        let bodyBytes = Array(body.utf8)
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(bodyBytes.count)\r\n\r\n"
        let request = Array(head.utf8) + bodyBytes
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw BenchError("send failed (errno \(errno))") }
            sent += n
        }
        return try readResponse()
    }

    private mutating func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw BenchError("connection closed by the server") }
        buffer.append(contentsOf: chunk[0..<n])
    }

    private mutating func readResponse() throws -> (Int, String) {
        var headerEnd: Int?
        while headerEnd == nil {
            if buffer.count >= 4 {
                for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 { headerEnd = i; break }
            }
            if headerEnd == nil { try fill() }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        let status = statusParts.count > 1 ? Int(statusParts[1]) ?? 0 : 0
        var length = 0
        var chunked = false
        for line in lines.dropFirst() {
            let lower = line.lowercased()
            if lower.hasPrefix("content-length:") { length = Int(lower.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
            if lower.hasPrefix("transfer-encoding:") && lower.contains("chunked") { chunked = true }
        }
        buffer.removeFirst(headerEnd! + 4)
        if chunked {
            // Reads until the last chunk (0\r\n\r\n); the body is returned raw (only errors print it).
            let end: [UInt8] = Array("0\r\n\r\n".utf8)
            while true {
                if buffer.count >= 5, let i = (0...(buffer.count - 5)).first(where: { Array(buffer[$0..<$0 + 5]) == end && ($0 == 0 || buffer[$0 - 1] == 10) }) {
                    let body = String(decoding: buffer[0..<i], as: UTF8.self)
                    buffer.removeFirst(i + 5)
                    return (status, body)
                }
                try fill()
            }
        }
        while buffer.count < length { try fill() }
        let body = String(decoding: buffer[0..<length], as: UTF8.self)
        buffer.removeFirst(length)
        return (status, body)
    }
}

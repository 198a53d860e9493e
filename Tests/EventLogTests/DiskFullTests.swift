import EventLog
import Foundation
import TestSupport
import Testing

/// A tmpfs of a few MiB mounted for one test (root only: skipped elsewhere).
final class SmallDisk {
    let path: String
    private let folder = TemporaryFolder("disk-full")

    init?(bytes: Int) {
        path = folder.sub("tmpfs")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard SmallDisk.mount(["-t", "tmpfs", "-o", "size=\(bytes)", "mutualisation-test", path]) else { return nil }
    }

    func grow(to bytes: Int) -> Bool { SmallDisk.mount(["-o", "remount,size=\(bytes)", path]) }

    deinit { _ = SmallDisk.run("/bin/umount", [path]) }

    static var possible: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount") }

    private static func mount(_ arguments: [String]) -> Bool { run("/bin/mount", arguments) }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

@Suite(.serialized) struct DiskFullTests {
    /// On a nearly full disk liblmdb cuts a commit short and reports EIO ("short write, filesystem
    /// full?"); that used to stop the log for good (503 `storage.stopped` until a restart, even once
    /// space had returned). It is a full disk: refused like ENOSPC, and appends resume with space.
    @Test(.enabled(if: SmallDisk.possible)) func aFullDiskRefusesAppendsAndTheSameLogResumesOnceSpaceReturns() async throws {
        let disk = try #require(SmallDisk(bytes: 2 << 20), "mount -t tmpfs")
        let directory = disk.path + "/log"
        var acknowledged: UInt64 = 0
        var refusals = 0
        func appendUntilRefused(_ log: EventLog, payload: Int, most: Int) async throws {
            for index in 0..<most {
                do {
                    _ = try await log.append(to: "s\(index % 8)", expected: .any,
                                             events: [event(String(repeating: "x", count: payload))], metadata: tester)
                    acknowledged += 1
                } catch {
                    #expect(error.code == .diskFull, "a full disk is refused as full, never stops the log: \(error)")
                    refusals += 1
                    if refusals % 20 == 0 { return }
                }
            }
        }
        do {
            let log = try EventLog(directory: directory)
            try await appendUntilRefused(log, payload: 3000, most: 5000)
            log.close()
        }
        // After a restart on the full disk, small appends: partial page writes are where EIO came from.
        let log = try EventLog(directory: directory)
        defer { log.close() }
        try await appendUntilRefused(log, payload: 100, most: 2000)
        #expect(refusals >= 40)
        #expect(disk.grow(to: 8 << 20))
        for index in 0..<20 {
            _ = try await log.append(to: "after-\(index)", expected: .noStream, events: [event("encore")], metadata: tester)
            acknowledged += 1
        }
        #expect(try log.headPosition() == acknowledged, "every acknowledged append is there, nothing else")
        #expect(try log.verifyChain().isValid)
    }
}

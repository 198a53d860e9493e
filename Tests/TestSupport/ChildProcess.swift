import Foundation

/// Locates an executable product of this package next to the running test binary
/// (SwiftPM puts test bundles and executables in the same build folder).
public func builtProductPath(_ name: String, file: StaticString = #filePath) -> String? {
    var candidates: [String] = []
    let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    candidates.append(argv0.deletingLastPathComponent().appendingPathComponent(name).path)
    // The .xctest bundle may be a folder on some platforms: look one level up too.
    candidates.append(argv0.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(name).path)
    var root = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
    for _ in 0..<4 { root.deleteLastPathComponent() }
    for configuration in ["debug", "release"] {
        candidates.append(root.appendingPathComponent(".build/\(configuration)/\(name)").path)
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// A child process whose standard output is collected, for crash and CLI tests.
public final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    private let lock = NSLock()
    private var collected = Data()

    /// Starts `executable` with `arguments`, in `workingDirectory` when given.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, workingDirectory: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.collected.append(data)
            self.lock.unlock()
        }
        try process.run()
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Complete lines printed so far.
    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        let text = String(decoding: collected, as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        lines.removeLast()  // an unfinished line (or the empty string after the last newline)
        return lines
    }

    /// Waits until a line satisfies `predicate`, or `timeout` passes.
    public func waitForLine(timeout: Duration = .seconds(20), where predicate: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if lines.contains(where: predicate) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// Sends SIGKILL and waits for the process to end, then drains its output.
    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        drain()
    }

    /// Waits for the process to end and drains its output; returns its exit status.
    @discardableResult
    public func wait() -> Int32 {
        process.waitUntilExit()
        drain()
        return process.terminationStatus
    }

    private func drain() {
        output.fileHandleForReading.readabilityHandler = nil
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        lock.lock()
        collected.append(rest)
        lock.unlock()
    }
}

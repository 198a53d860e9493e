public import Foundation

/// Splits a byte stream read in chunks into `\n`-terminated lines, in linear time: each chunk is
/// scanned once with an index, and only the unfinished tail is kept between chunks (a line may
/// span any number of chunks). Lines are handed over without their `\n`; empty lines too.
public struct LineSplitter {
    private var tail: [UInt8] = []

    /// A splitter with nothing pending.
    public init() {}

    /// Bytes of an unfinished line kept from earlier chunks.
    public var pendingCount: Int { tail.count }

    /// Hands every line that `chunk` completes to `line`, in order, and keeps the rest.
    public mutating func feed(_ chunk: Data, _ line: (ArraySlice<UInt8>) throws -> Void) rethrows {
        let bytes = [UInt8](chunk)
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] == 10 {
                if tail.isEmpty {
                    try line(bytes[start..<index])
                } else {
                    tail.append(contentsOf: bytes[start..<index])
                    let whole = tail
                    tail.removeAll(keepingCapacity: true)
                    try line(whole[...])
                }
                start = index + 1
            }
            index += 1
        }
        if start < count { tail.append(contentsOf: bytes[start..<count]) }
    }

    /// Hands over the last line when the stream did not end with `\n`.
    public mutating func finish(_ line: (ArraySlice<UInt8>) throws -> Void) rethrows {
        guard !tail.isEmpty else { return }
        let whole = tail
        tail.removeAll()
        try line(whole[...])
    }
}

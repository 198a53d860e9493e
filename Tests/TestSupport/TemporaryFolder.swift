import Foundation

/// A fresh folder under the system's temporary directory, removed when the test ends.
public final class TemporaryFolder {
    /// The folder's path.
    public let path: String

    /// Creates the folder.
    public init(_ label: String = "eventlog") {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mutualisation-\(label)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func sub(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

extension TemporaryFolder {
    /// Damages a record of the closed log in this folder: flips one bit of the byte eight bytes
    /// after `marker` (text the record's payload holds) in every copy of it in `data.mdb` (LMDB
    /// copies pages on write, so stale copies may linger in free pages). Returns the copies altered.
    @discardableResult
    public func flipByte(after marker: String) throws -> Int {
        let url = URL(fileURLWithPath: sub("data.mdb"))
        var data = try Data(contentsOf: url)
        let needle = Data(marker.utf8)
        var found = 0
        var searchFrom = data.startIndex
        while let range = data.range(of: needle, in: searchFrom..<data.endIndex) {
            data[range.lowerBound + 8] ^= 0x01
            searchFrom = range.upperBound
            found += 1
        }
        try data.write(to: url)
        return found
    }
}

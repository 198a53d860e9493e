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

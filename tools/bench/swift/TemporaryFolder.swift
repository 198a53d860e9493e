import Foundation

/// A fresh folder under a parent, removed by ``remove()``.
struct TemporaryFolder: Sendable {
    /// The folder's path.
    let path: String

    /// Creates `parent/mutualise-bench-<label>-<uuid>`.
    init(parent: String, label: String) throws {
        path = "\(parent)/mutualise-bench-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Removes the folder and everything in it (errors ignored: it is a temporary folder).
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

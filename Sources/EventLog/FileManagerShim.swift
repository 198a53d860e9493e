import Foundation

enum FileManagerShim {
    /// Creates `path` as an owner-only folder if missing; refuses a folder that already holds files.
    static func createEmptyDirectory(_ path: String) throws(EventLogError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw EventLogError(.storage, "\(path) exists and is not a folder") }
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            guard contents.isEmpty else { throw EventLogError(.storage, "\(path) is not empty") }
        } else {
            try DataFolder.createOwnerOnly(path)
        }
    }
}

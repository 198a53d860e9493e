import Foundation

enum FileManagerShim {
    /// Creates `path` as a folder if missing; refuses a folder that already holds files.
    static func createEmptyDirectory(_ path: String) throws(EventLogError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw EventLogError(.storage, "\(path) exists and is not a folder") }
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            guard contents.isEmpty else { throw EventLogError(.storage, "\(path) is not empty") }
        } else {
            do {
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw EventLogError(.storage, "cannot create \(path): \(error.localizedDescription)")
            }
        }
    }
}

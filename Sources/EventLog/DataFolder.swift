import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder that holds a log's files, made and checked so that nothing in it is readable by
/// other users and nothing in it leads elsewhere.
///
/// - The folder is created owner-only (0700) and tightened to 0700 when an older version left it
///   wider; every file in it is tightened to 0600.
/// - A folder owned by another user, or holding a symbolic link or a file owned by another user,
///   is refused: a server running as root would otherwise follow a link planted there and write
///   over a file elsewhere.
public enum DataFolder {
    /// Creates `path` (owner-only) when missing, then checks it and its files.
    /// - Throws: ``EventLogError/Code/storage`` with a message naming the file and the reason, in
    ///   French: it reaches the person who runs the command.
    public static func prepare(_ path: String) throws(EventLogError) {
        var status = stat()
        if lstat(path, &status) != 0 {
            guard errno == ENOENT else { throw failure(path, "ne peut pas être lu (\(String(cString: strerror(errno))))") }
            try createOwnerOnly(path)
            return
        }
        try check(path, status, isFolder: true)
        if status.st_mode & 0o077 != 0 { chmod(path, 0o700) }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw failure(path, "ne peut pas être listé : \(error.localizedDescription)")
        }
        for entry in entries.sorted() {
            let file = Self.file(entry, in: path)
            var fileStatus = stat()
            guard lstat(file, &fileStatus) == 0 else { continue }
            try check(file, fileStatus, isFolder: nil)
            if fileStatus.st_mode & S_IFMT == S_IFREG, fileStatus.st_mode & 0o077 != 0 { chmod(file, 0o600) }
        }
    }

    /// Creates `path` and any missing parent; the last folder is owner-only from its creation.
    public static func createOwnerOnly(_ path: String) throws(EventLogError) {
        // Not NSString's deletingLastPathComponent: Foundation traps on a one-component relative
        // path such as `mutualise-data` (the default folder).
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        let parent = trimmed.lastIndex(of: "/").map { String(trimmed[..<$0]) } ?? ""
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw failure(parent, "ne peut pas être créé : \(error.localizedDescription)")
            }
        }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw failure(path, "ne peut pas être créé (\(String(cString: strerror(errno))))")
        }
        // mkdir applies the umask, which may only remove bits: 0700 or narrower.
    }

    /// The path of `name` inside the folder `directory` (plain string joining: Foundation's path
    /// helpers trap on some relative paths).
    public static func file(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func check(_ path: String, _ status: stat, isFolder: Bool?) throws(EventLogError) {
        let kind = status.st_mode & S_IFMT
        if kind == S_IFLNK {
            throw failure(path, "est un lien symbolique : un dossier de données doit contenir ses propres fichiers (supprimez le lien, ou donnez à --data le vrai dossier)")
        }
        if isFolder == true, kind != S_IFDIR { throw failure(path, "existe et n’est pas un dossier") }
        let owner = geteuid()
        if status.st_uid != owner {
            throw failure(path, "appartient à un autre utilisateur (uid \(status.st_uid) ; ce programme tourne sous l’uid \(owner)) : lancez-le sous cet utilisateur ou changez le propriétaire")
        }
    }

    private static func failure(_ path: String, _ reason: String) -> EventLogError {
        EventLogError(.storage, "dossier de données refusé : \(path) \(reason)")
    }
}

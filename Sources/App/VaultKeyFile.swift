import Crypto
import EventLog
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The key-encryption keys of the ``PersonalDataVault``: a small owner-only file beside the log
/// (`vault.keys`), never inside LMDB.
///
/// LMDB copies pages on write and leaves freed pages in its data file, so a secret once written
/// there may survive its deletion for a long time. The persons' keys are therefore stored in LMDB
/// only wrapped (AES-GCM) by a key-encryption key of this file; erasing a person rotates that key
/// (a new one wraps every other person's key), after which the old one exists nowhere: the erased
/// person's wrapped key left in freed pages can no longer be opened.
///
/// The file is replaced whole (write a new file, `fsync`, `rename`, `fsync` the folder), so it is
/// always either the old or the new content. During a rotation it holds two generations (the
/// current and the next); ``PersonalDataVault`` keeps the one its table was committed with.
/// Hand-written: no kept library manages a key file with an atomic replace.
struct VaultKeyFile: Sendable {
    /// One key-encryption key and its generation number (the table records which wrapped each key).
    struct Generation: Sendable {
        let epoch: UInt64
        private let keyBytes: [UInt8]
        /// The key-encryption key.
        var key: SymmetricKey { SymmetricKey(data: keyBytes) }

        init(epoch: UInt64, key: SymmetricKey) {
            self.epoch = epoch
            self.keyBytes = key.withUnsafeBytes { Array($0) }
        }
    }

    static let fileName = "vault.keys"
    private static let magic = Array("MUTKEK1\n".utf8)
    let path: String
    let directory: String

    init(directory: String) {
        self.directory = directory
        self.path = DataFolder.file(Self.fileName, in: directory)
    }

    /// The generations in the file; nil when there is no file.
    func read() throws(AppError) -> [Generation]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw failure("cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw failure("cannot be read (\(String(cString: strerror(errno))))") }
            if count == 0 { break }
            bytes += buffer[0..<count]
            guard bytes.count <= 1 << 16 else { throw failure("is too large to be a key file") }
        }
        return try parse(bytes)
    }

    /// Replaces the file with `generations`, durably (the old content is gone from the folder once this returns).
    func write(_ generations: [Generation]) throws(AppError) {
        var bytes = Self.magic
        bytes.append(UInt8(generations.count))
        for generation in generations {
            withUnsafeBytes(of: generation.epoch.bigEndian) { bytes += $0 }
            generation.key.withUnsafeBytes { bytes += $0 }
        }
        bytes += SHA256.hash(data: bytes)
        let temporary = path + ".new"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot be written (\(String(cString: strerror(errno))))") }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else {
            unlink(temporary)
            throw failure("could not be written in full")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure("could not be replaced (\(String(cString: strerror(errno))))")
        }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Runs `body` while holding the folder's vault lock (`vault.lock`, `flock`), so that one
    /// process at a time rotates or creates the key file. Waits without blocking a thread.
    func withLock<T>(_ body: () async throws(AppError) -> T) async throws(AppError) -> T {
        let lockPath = DataFolder.file("vault.lock", in: directory)
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("lock cannot be opened (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var waited = 0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, waited < 30_000 else {
                throw failure("lock is held by another process for too long")
            }
            try? await Task.sleep(for: .milliseconds(5))
            waited += 5
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }

    private func parse(_ bytes: [UInt8]) throws(AppError) -> [Generation] {
        let header = Self.magic.count + 1
        guard bytes.count >= header + 32, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw failure("is not a key file of this program")
        }
        let body = Array(bytes.dropLast(32))
        guard Array(SHA256.hash(data: body)) == Array(bytes.suffix(32)) else { throw failure("is damaged (its checksum does not match)") }
        let count = Int(body[Self.magic.count])
        guard body.count == header + count * 40 else { throw failure("is damaged (wrong length)") }
        return (0..<count).map { index in
            let start = header + index * 40
            let epoch = body[start..<start + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return Generation(epoch: epoch, key: SymmetricKey(data: body[start + 8..<start + 40]))
        }
    }

    private func failure(_ reason: String) -> AppError {
        AppError.storage(EventLogError(.storage, "the key file \(path) \(reason)"))
    }
}

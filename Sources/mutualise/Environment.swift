import App
import Domain
import EventLog
import Foundation

extension DataOptions {
    /// Opens the log of the data folder with the application's side tables.
    ///
    /// `MUTUALISE_MAP_SIZE` (bytes, undocumented in `--help`: for tests and the disk-full campaign)
    /// sets the initial size of the LMDB map, which then doubles whenever it is full.
    ///
    /// A folder written by a version that kept the persons' keys in clear is upgraded first
    /// (``PersonalDataVault/migrateDataFolder(_:configuration:)``).
    func openLog() async throws -> EventLog {
        var configuration = EventLog.Configuration.application
        if let text = ProcessInfo.processInfo.environment["MUTUALISE_MAP_SIZE"] {
            guard let bytes = Int(text), bytes >= 64 * 1024 else {
                throw Refusal("MUTUALISE_MAP_SIZE doit être un nombre d’octets d’au moins 65536 (reçu « \(text) »)")
            }
            configuration.initialMapSize = bytes
        }
        do {
            if try await PersonalDataVault.migrateDataFolder(data, configuration: configuration) {
                FileHandle.standardError.write(Data("clés des personnes protégées par vault.keys ; fichier de données compacté\n".utf8))
            }
        } catch {
            throw Refusal("impossible de préparer le coffre des données personnelles dans \(data) : \(error.description)")
        }
        do {
            return try EventLog(directory: data, configuration: configuration)
        } catch {
            throw Refusal("impossible d’ouvrir le journal dans \(data) : \(error.message)")
        }
    }
}

/// Maps application errors to refusals with their French message.
func refusal(_ error: AppError) -> Refusal {
    switch error {
    case .refused(let domain): return Refusal("\(domain.message) (\(domain.code.rawValue))")
    default: return Refusal(error.description)
    }
}

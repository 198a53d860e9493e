import App
import Domain
import EventLog
import EventLog
import Foundation

extension DataOptions {
    /// Opens the log of the data folder with the application's side tables.
    func openLog() throws -> EventLog {
        do {
            return try EventLog(directory: data, configuration: .application)
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

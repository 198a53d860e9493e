import App
import Domain
import EventLog
import ArgumentParser
import Domain
import Foundation

/// `mutualise token issue|revoke|list`: bearer tokens, kept hashed.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Issue, revoke and list bearer tokens.",
        subcommands: [Issue.self, Revoke.self, List.self]
    )

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a token; it is printed once, only its hash is kept.")
        @OptionGroup var dataOptions: DataOptions
        @Option(help: "coordinator, structure or porteur.") var role: String
        @Option(help: "The structure a structure token acts for.") var structure: String?
        @Option(help: "A label for people.") var label: String = ""

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("--role must be coordinator, structure or porteur") }
            if role == "structure" && structure == nil { throw ValidationError("--role structure needs --structure ID") }
        }

        func run() async throws {
            let log = try await dataOptions.openLog()
            defer { log.close() }
            let structureID = try structure.map(parseStructureID)
            do {
                let (token, grant) = try await AccessTokens(log: log).issue(role: Role(rawValue: role)!, structure: structureID, label: label)
                print(token)
                FileHandle.standardError.write(Data("jeton \(grant.id) (\(grant.role.rawValue)\(grant.structure.map { ", " + $0 } ?? "")\(grant.person.map { ", personne " + $0 } ?? "")) : gardez-le, il ne sera plus affiché.\n".utf8))
            } catch {
                throw refusal(error)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id.")
        @OptionGroup var dataOptions: DataOptions
        @Argument(help: "The token's id (see `token list`).") var id: String

        func run() async throws {
            let log = try await dataOptions.openLog()
            defer { log.close() }
            guard (try? await AccessTokens(log: log).revoke(id: id)) == true else { throw Refusal("aucun jeton « \(id) »") }
            print("jeton \(id) révoqué")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (ids, roles, labels; never the tokens).")
        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            let log = try await dataOptions.openLog()
            defer { log.close() }
            let grants: [AccessGrant]
            do { grants = try AccessTokens(log: log).list() } catch { throw refusal(error) }
            for grant in grants {
                let state = grant.revokedAt == nil ? "actif" : "révoqué"
                print("\(grant.id)\t\(grant.role.rawValue)\t\(grant.structure ?? grant.person ?? "-")\t\(state)\t\(grant.label)")
            }
        }
    }
}

/// `mutualise invite`: a one-time sign-in link for the web application.
struct InviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite", abstract: "Print a one-time sign-in link for the web application (valid 14 days, works once)."
    )
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "coordinator, structure or porteur.") var role: String
    @Option(help: "The structure a structure invitation acts for.") var structure: String?
    @Option(help: "A label for people (who is invited).") var label: String = ""
    @Option(name: .customLong("base-url"), help: "The address people reach the server at.") var baseURL: String = ProcessInfo.processInfo.environment["MUTUALISE_PUBLIC_URL"] ?? "http://127.0.0.1:8080"

    func validate() throws {
        guard Role(rawValue: role) != nil else { throw ValidationError("--role must be coordinator, structure or porteur") }
        if role == "structure" && structure == nil { throw ValidationError("--role structure needs --structure ID") }
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else { throw ValidationError("--base-url must start with http:// or https://") }
    }

    func run() async throws {
        let log = try await dataOptions.openLog()
        defer { log.close() }
        let structureID = try structure.map(parseStructureID)
        do {
            let (code, invitation) = try await WebSessions(log: log).invite(role: Role(rawValue: role)!, structure: structureID, label: label)
            let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            print("\(base)/app/invitation/\(code)")
            FileHandle.standardError.write(Data("invitation \(invitation.id) (\(invitation.role.rawValue)\(invitation.structure.map { ", " + $0 } ?? "")) : ce lien sert une fois, jusqu’au \(ParisTime.french(invitation.expiresAt)).\n".utf8))
        } catch {
            throw refusal(error)
        }
    }
}

/// A structure id from the command line, refused with the domain's French message.
func parseStructureID(_ raw: String) throws -> StructureID {
    do { return try StructureID(raw) } catch { throw Refusal(error.message) }
}

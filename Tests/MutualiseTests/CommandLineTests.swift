import EventLog
import Foundation
import TestSupport
import Testing

/// Runs the built `mutualise` binary and returns its exit status and standard output.
func mutualise(_ arguments: [String], environment: [String: String]? = nil) async throws -> (status: Int32, output: String) {
    let binary = try #require(builtProductPath("mutualise"), "the mutualise executable is built with the tests")
    let process = try ChildProcess(binary, arguments, environment: environment)
    let status = process.wait()
    return (status, process.lines.joined(separator: "\n"))
}

@Suite(.serialized) struct CommandLineTests {
    /// `tools/serve`'s default folder is relative (`mutualise-data`): Foundation's path helpers
    /// trapped on such a path before any data was written.
    @Test func aRelativeDataFolderIsCreatedAndServed() async throws {
        let folder = TemporaryFolder("cli")
        let binary = try #require(builtProductPath("mutualise"))
        for arguments in [["demo", "--data", "mutualise-data"], ["audit", "verify", "--data", "mutualise-data"], ["backup", "copie", "--data", "mutualise-data"]] {
            let process = try ChildProcess(binary, arguments, workingDirectory: folder.path)
            let status = process.wait()
            #expect(status == 0, "\(arguments): \(process.lines.joined(separator: "\n").prefix(2000))")
        }
        #expect(FileManager.default.fileExists(atPath: folder.sub("mutualise-data/data.mdb")))
        #expect(FileManager.default.fileExists(atPath: folder.sub("mutualise-data/vault.keys")))
        #expect(FileManager.default.fileExists(atPath: folder.sub("copie/vault.keys")))
    }

    @Test func theDemoGivesThe2012FiguresAndTheChainVerifies() async throws {
        let folder = TemporaryFolder("cli")
        let data = folder.sub("data")
        let demo = try await mutualise(["demo", "--data", data])
        #expect(demo.status == 0, "\(demo.output)")
        let again = try await mutualise(["demo", "--data", data])
        #expect(again.status == 1, "a folder that holds events is refused")

        let report = try await mutualise(["report", "2012", "--data", data, "--format", "json"])
        #expect(report.status == 0)
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        #expect((figures["loansHeld"] as? Int ?? 0) >= 8)
        #expect(figures["projectsHosted"] as? Int == 5)
        #expect(figures["projectEntries"] as? Int == 1)
        #expect(figures["projectExits"] as? Int == 1)

        let verify = try await mutualise(["audit", "verify", "--data", data])
        #expect(verify.status == 0 && verify.output.contains("chaîne intègre"))

        let history = try await mutualise(["history", "phare", "--data", data])
        #expect(history.status == 0)
        #expect(history.output.contains("23/01/2012 10 h — la coordination fixe la capacité du Phare à 4\u{202F}000 m²"), "\(history.output)")
        #expect(history.output.contains("Scarabée biocoop demande 450 m² au Phare, usage commerce") && !history.output.contains("phare.spaceRequested"))
        let json = try await mutualise(["history", "phare", "--format", "json", "--data", data])
        let first = try #require(json.output.split(separator: "\n").first.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(first["type"] as? String == "phare.capacitySet.v1" && (first["data"] as? [String: Any])?["total"] as? Double == 4000)

        let asOf = try await mutualise(["replay", "--until", "2012-06-30T23:59:59+02:00", "--data", data])
        #expect(asOf.status == 0 && asOf.output.contains("2012-06"))
    }

    @Test func exportThenImportRebuildsTheSameChainAndABrokenExportIsRefused() async throws {
        let folder = TemporaryFolder("cli")
        let data = folder.sub("data")
        #expect(try await mutualise(["demo", "--data", data]).status == 0)
        let export = try await mutualise(["export", "--data", data])
        #expect(export.status == 0)
        // Every line carries its event readable as `data`; personal data stay sealed in a file.
        let objects = export.output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!objects.isEmpty && objects.allSatisfy { ($0["data"] as? [String: Any])?.isEmpty == false })
        let application = try #require(objects.first { $0["type"] as? String == "pepiniere.applicationSubmitted.v1" })
        let submitted = try #require(application["data"] as? [String: Any])
        #expect((submitted["contact"] as? [String: Any])?["sealed"] as? Bool == true, "\(submitted)")
        #expect(!export.output.contains("@example.org"))
        let loan = try #require(objects.first { $0["type"] as? String == "room.loanRequested.v1" }?["data"] as? [String: Any])
        #expect(loan["borrower"] is String && loan["people"] is Int && (loan["period"] as? [String: Any])?["start"] is String)
        let file = folder.sub("events.jsonl")
        try (export.output + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await mutualise(["import", file, "--data", folder.sub("copy")])
        #expect(imported.status == 0, "\(imported.output)")
        let source = try EventLog(directory: data, configuration: .init())
        let copy = try EventLog(directory: folder.sub("copy"), configuration: .init())
        #expect(try source.head().hash == (try copy.head()).hash)
        source.close()
        copy.close()

        var lines = export.output.split(separator: "\n").map(String.init)
        lines[3] = lines[3].replacingOccurrences(of: "\"actor\":\"", with: "\"actor\":\"x")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try await mutualise(["import", file, "--data", folder.sub("tampered")])
        #expect(refused.status == 1)
        let empty = try EventLog(directory: folder.sub("tampered"), configuration: .init())
        #expect(try empty.headPosition() == 0, "a refused import writes nothing")
        empty.close()
    }

    @Test func tokensAreIssuedOnceListedAndRevoked() async throws {
        let folder = TemporaryFolder("cli")
        let data = folder.sub("data")
        let issued = try await mutualise(["token", "issue", "--role", "coordinator", "--label", "essai", "--data", data])
        #expect(issued.status == 0 && issued.output.hasPrefix("mut_"))
        let list = try await mutualise(["token", "list", "--data", data])
        #expect(list.output.contains("coordinator") && !list.output.contains(issued.output))
        let id = String(list.output.split(separator: "\t").first ?? "")
        #expect(try await mutualise(["token", "revoke", id, "--data", data]).status == 0)
        #expect(try await mutualise(["token", "list", "--data", data]).output.contains("révoqué"))
    }

    @Test func aTinyInitialMapSizeGrowsAsTheLogFills() async throws {
        // MUTUALISE_MAP_SIZE lets the disk-full campaign start the server with a tiny map.
        let folder = TemporaryFolder("cli")
        let data = folder.sub("data")
        var environment = ProcessInfo.processInfo.environment
        environment["MUTUALISE_MAP_SIZE"] = "65536"
        let demo = try await mutualise(["demo", "--data", data], environment: environment)
        #expect(demo.status == 0, "\(demo.output)")
        let log = try EventLog(directory: data, configuration: .init())
        #expect(try log.headPosition() > 100)
        #expect(try log.verifyChain().isValid)
        log.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: data + "/data.mdb")[.size] as? Int)
        #expect(size > 65536, "the demo history needs more than the initial map")
        environment["MUTUALISE_MAP_SIZE"] = "beaucoup"
        #expect(try await mutualise(["audit", "verify", "--data", data], environment: environment).status == 1)
    }

    @Test func usageErrorsExitWithTwo() async throws {
        #expect(try await mutualise(["report", "nineteen"]).status == 2)
        #expect(try await mutualise(["token", "issue", "--role", "king"]).status == 2)
        #expect(try await mutualise(["no-such-command"]).status == 2)
        let help = try await mutualise(["--help"])
        #expect(help.status == 0 && help.output.contains("serve") && help.output.contains("erase-person"))
    }
}

/// `mutualise erase-person` on the demo history: the key goes, the chain still verifies, the id
/// cannot be given a token that acts, and a second erasure has nothing left to do.
@Suite struct ErasePersonCommandTests {
    @Test func erasingADemoPorteurKeepsTheChainAndRefusesASecondErasure() async throws {
        let folder = TemporaryFolder("cli")
        let data = folder.sub("data")
        #expect(try await mutualise(["demo", "--data", data]).status == 0)
        let erased = try await mutualise(["erase-person", "porteur-01", "--data", data])
        #expect(erased.status == 0, "\(erased.output)")
        #expect(erased.output.contains("effacées"))
        let again = try await mutualise(["erase-person", "porteur-01", "--data", data])
        #expect(again.status == 1, "nothing left to erase: refused")
        let malformed = try await mutualise(["erase-person", "Porteur 01!", "--data", data])
        #expect(malformed.status != 0)
        let verify = try await mutualise(["audit", "verify", "--data", data])
        #expect(verify.status == 0 && verify.output.contains("chaîne intègre"))
    }
}

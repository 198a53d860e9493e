import App
import ArgumentParser
import Domain
import EventLog
import Foundation
import Projections

/// `mutualise audit verify`.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit the log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute every checksum and the SHA-256 chain; report the first bad position.")
        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            let log = try await dataOptions.openLog()
            defer { log.close() }
            var progress = Progress("vérification")
            let verification: ChainVerification
            do {
                verification = try log.verifyChain { progress.update(Int($0)) }
            } catch {
                throw Refusal("vérification impossible : \(error.message)")
            }
            progress.finish()
            if let failure = verification.failure {
                print("ÉCHEC à la position \(failure.position) : \(failure.reason) (\(verification.checkedRecords) enregistrements vérifiés avant)")
                throw ExitCode(1)
            }
            print("chaîne intègre : \(verification.checkedRecords) enregistrements, tête \(verification.headPosition), empreinte \(verification.lastHash.hex)")
        }
    }
}

/// `mutualise history STREAM`: every event of one stream, as French sentences (or JSON).
struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tell every event of one stream (e.g. room-salle-radiance-formation): when, who, what.")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The stream id.") var stream: String
    @Option(help: "text (sentences, Paris time) or json (one record per line with its event as data).") var format: String = "text"

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
    }

    func run() async throws {
        let log = try await dataOptions.openLog()
        defer { log.close() }
        let records: [RecordedEvent]
        do { records = try log.readStream(stream) } catch { throw Refusal(error.message) }
        guard !records.isEmpty else { throw Refusal("aucun événement dans le flux « \(stream) »") }
        if format == "json" {
            let vault = PersonalDataVault(log: log)
            for record in records {
                print(record.jsonLine(adding: RecordData.json(of: record, vault: vault, openContacts: false).map { ["data": $0] } ?? [:]))
            }
            return
        }
        // Names of structures and rooms the stream itself does not give, from the projections.
        let state: ProjectionState
        do { state = try ProjectionRunner.replay(log, until: .position(try log.headPosition())) } catch { throw Refusal("relecture impossible : \(error)") }
        let structures = state.structures
        let rooms = Dictionary(state.availability.rooms.map { ($0.id, $0.details.name) }, uniquingKeysWith: { first, _ in first })
        var narrator = EventNarrator(names: .init(structure: { structures.name(of: $0) }, room: { rooms[$0] }))
        for record in records {
            let told = narrator.narrate(record)
            print("\(told.when) — \(told.sentence)")
        }
    }
}

/// `mutualise backup DEST`.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a consistent, compacted copy of the data folder while the server runs.")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "A new (or empty) folder.") var destination: String

    func run() async throws {
        let log = try await dataOptions.openLog()
        defer { log.close() }
        // The key file of the personal-data vault goes with the data (without it, the sealed
        // contacts of the copy could never be opened).
        do { try await PersonalDataVault(log: log).backup(to: destination) } catch { throw refusal(error) }
        let copy = try await DataOptions.parse(["--data", destination]).openLog()
        defer { copy.close() }
        let head = (try? copy.head())
        print("sauvegarde écrite dans \(destination) : tête \(head?.position ?? 0), empreinte \(head?.hash.hex ?? "-")")
    }
}

/// `mutualise export [--from N]`: JSON Lines on standard output.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the log as JSON Lines to standard output.")
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "First position to export.") var from: UInt64 = 1

    func run() async throws {
        let log = try await dataOptions.openLog()
        defer { log.close() }
        let vault = PersonalDataVault(log: log)
        var progress = Progress("export")
        var count = 0
        let output = FileHandle.standardOutput
        do {
            try log.scan(from: from, pageSize: 1024) { page in
                var chunk = ""
                for record in page {
                    // The decoded event as `data` (personal data stay sealed, or say erased): a
                    // person or another program reads the export; import reads only the record.
                    let data = RecordData.json(of: record, vault: vault, openContacts: false)
                    chunk += record.jsonLine(adding: data.map { ["data": $0] } ?? [:]) + "\n"
                }
                output.write(Data(chunk.utf8))
                count += page.count
                progress.update(count)
                return true
            }
        } catch {
            throw Refusal("export interrompu : \(error)")
        }
        progress.finish()
    }
}

/// `mutualise import FILE`: appends exported records, verifying the chain; refuses a broken one.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import JSON Lines written by `export` into a data folder (the chain must continue it).")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The file to import (- for standard input).") var file: String

    func run() async throws {
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else { throw Refusal("fichier introuvable : \(file)") }
            handle = opened
        }
        let log = try await dataOptions.openLog()
        defer { log.close() }
        var progress = Progress("import")
        var batch: [RecordedEvent] = []
        var imported = 0
        var lineNumber = 0
        var lines = LineSplitter()
        func flush() async throws {
            guard !batch.isEmpty else { return }
            do { try await log.importRecords(batch) } catch { throw Refusal("import refusé à la ligne \(lineNumber) : \(error.message) ; \(imported) enregistrements importés avant") }
            imported += batch.count
            batch.removeAll(keepingCapacity: true)
            progress.update(imported)
        }
        func decode(_ line: ArraySlice<UInt8>) throws {
            lineNumber += 1
            guard !line.isEmpty else { return }
            do { batch.append(try RecordedEvent(jsonLine: String(decoding: line, as: UTF8.self))) } catch { throw Refusal("ligne \(lineNumber) : \(error.message)") }
        }
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            try lines.feed(chunk, decode)
            if batch.count >= 1000 { try await flush() }
        }
        try lines.finish(decode)
        try await flush()
        progress.finish()
        print("\(imported) enregistrements importés, chaîne vérifiée")
    }
}

/// `mutualise erase-person ID`: crypto-erasure of a porteur's personal data.
struct ErasePerson: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "erase-person", abstract: "Erase a person's personal data (their key); the log stays verifiable.")
    @OptionGroup var dataOptions: DataOptions
    @Argument(help: "The person's id.") var id: String

    func run() async throws {
        let log = try await dataOptions.openLog()
        defer { log.close() }
        let person: PersonIDArgument = try PersonIDArgument(id)
        let outcome: PersonErasure.Outcome
        do { outcome = try await PersonErasure(log: log).erase(person.value) } catch { throw refusal(error) }
        guard outcome.keyErased || outcome.accessRevoked > 0 else { throw Refusal("aucune donnée personnelle ni aucun accès pour « \(id) »") }
        print("données personnelles de \(id) effacées" + (outcome.accessRevoked > 0 ? " ; \(outcome.accessRevoked) accès révoqué(s)" : ""))
    }
}

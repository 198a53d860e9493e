import Domain
import EventLog
import Foundation
@testable import Projections
import Testing

/// The fold's tables: structure slots, month tables, shared type names.
@Suite struct InternerTests {
    @Test func slotsAreDenseAndStable() throws {
        var table = Interner<StructureID>()
        let a = try StructureID("radiance"), b = try StructureID("cridev")
        #expect(table.slot(for: a) == 0)
        #expect(table.slot(for: b) == 1)
        #expect(table.slot(for: a) == 0)
        #expect(table.existingSlot(b) == 1)
        #expect(table.existingSlot(try StructureID("inconnue")) == nil)
        #expect(table[1] == b && table.count == 2)
    }

    @Test func aSlotTableAnswersAsADictionaryWould() {
        var table = SlotTable()
        var keys: [String] = []
        func slot(_ key: String) -> Int32? { table.slot(of: key) { keys[Int($0)] == key } }
        #expect(slot("salle-1") == nil && table.count == 0)
        // Short (inline) and long identifiers, keys sharing their first eight bytes, growth.
        let all = (0..<5_000).map { i in i % 3 == 0 ? "s\(i)" : "room-0000000\(i)-\(String(repeating: "x", count: i % 40))" }
        for key in all {
            table.insert(key, slot: Int32(keys.count))
            keys.append(key)
        }
        #expect(table.count == all.count)
        for (i, key) in all.enumerated() { #expect(slot(key) == Int32(i), "\(key)") }
        for absent in ["", "s", "room-", "room-00000001-", "salle-inconnue", all[10] + "y"] {
            #expect(slot(absent) == nil, "\(absent)")
        }
        // Non-ASCII text hashes as well (identifiers are ASCII, stream ids need not be).
        table.insert("salle-été", slot: Int32(keys.count))
        keys.append("salle-été")
        #expect(slot("salle-été") == 5_000 && slot("salle-ete") == nil)
    }

    @Test func aMonthTableKeepsTouchedMonthsLikeADictionary() {
        var table = MonthTable<Int>()
        var dictionary: [YearMonth: Int] = [:]
        let changes = [(YearMonth(year: 2012, month: 4), 120), (YearMonth(year: 2012, month: 4), -120),
                       (YearMonth(year: 2011, month: 12), 60), (YearMonth(year: 2013, month: 1), 30), (YearMonth(year: 2012, month: 1), 0)]
        for (month, minutes) in changes {
            table.update(month, initial: 0) { $0 += minutes }
            dictionary[month, default: 0] += minutes
        }
        #expect(table.dictionary == dictionary)
        #expect(table.dictionary[YearMonth(year: 2012, month: 4)] == 0, "a month back to zero stays, as a dictionary entry would")
        var order: [YearMonth] = []
        table.forEach { month, _ in order.append(month) }
        #expect(order == order.sorted())
        #expect(MonthTable<Int>().isEmpty && MonthTable<Int>().dictionary.isEmpty)
    }

    @Test func typeNamesAreSharedAndExact() {
        var table = TypeNameTable()
        let names = ["room.loanRequested.v1", "room.loanApproved.v1", "room.loanDeclined.v1", "phare", "p", "", "pepiniere.deskAdded.v1",
                     "room.loanRequested.v2", "structure.registered.v1", "salle-é"]
        for _ in 0..<2 {
            for name in names {
                let bytes = Array(name.utf8)
                let found = bytes.withUnsafeBytes { table.name($0) }
                #expect(found == name)
            }
        }
        #expect(table.names == names)
    }

    @Test func foldingInPlaceEqualsFoldingCopiedRecords() async throws {
        let f = try ProjectionFixture()
        try await f.loadRooms()
        try await f.loadPepiniere()
        var copied = ProjectionState()
        for record in try f.log.read(from: 1, limit: 100_000) { copied.apply(record) }
        var inPlace = ProjectionState()
        try f.log.scanInPlace(pageSize: 5) { inPlace.apply($0); return true }
        #expect(inPlace.position == copied.position && inPlace.position > 0)
        #expect(digest(inPlace, f) == digest(copied, f))
        #expect(inPlace.structures.entries == copied.structures.entries)
        #expect(inPlace.history.positionsByStructure == copied.history.positionsByStructure)
        #expect(inPlace.reciprocity.byMonth == copied.reciprocity.byMonth)
        #expect(inPlace.availability.rooms.map(\.allLoans) == copied.availability.rooms.map(\.allLoans))
    }
}

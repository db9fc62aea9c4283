import Foundation
import GRDB
import Model
import PSEATestSupport
import Scoring
import Testing

@testable import Store

/// The outcomes' trails kept apart from their values (`entry_facts.trails`, the row's last column): ranking reads
/// the values alone, the feedback reports read both, and a database written with the trails inside the outcomes
/// gets them moved when it is opened.
@Suite("Store: the outcomes' trails apart")
struct TrailsApartTests {
    /// A store with three entries scored under the frozen effective-change rubric (two before the freeze, one after).
    static func frozenRound() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        func ingest(_ id: String, _ minute: Int) throws {
            let application = try Fixture.application(id)
            _ = try temp.store.ingest(
                application: application, canonical: try Fixture.canonical(application), source: "\(id).xml", actor: "intake",
                at: Fixture.at(minute))
        }
        try ingest("PG-T1", 1)
        try ingest("PG-T2", 2)
        let text = try String(contentsOf: TestPaths.rubrics.appendingPathComponent("2568/effective-change.yaml"), encoding: .utf8)
        _ = try temp.store.freezeRubric(
            RubricFreeze(year: 2568, type: "effective-change", sha256: Ledger.sha256Hex(Data(text.utf8)), text: text), actor: "opdc",
            at: Fixture.at(3))
        try ingest("PG-T3", 4)
        return temp
    }

    static func rows(_ path: String) throws -> [(id: String, outcomes: String, trails: String?)] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT application, outcomes, trails FROM entry_facts ORDER BY application").map {
                ($0["application"], $0["outcomes"], $0["trails"])
            }
        }
    }

    @Test("outcomes hold each value with an empty trail, trails hold the texts in the same order; each reading gives its part")
    func storedApartAndReadBack() throws {
        let temp = try Self.frozenRound()
        let rows = try Self.rows(temp.path)
        #expect(rows.map(\.id) == ["PG-T1", "PG-T2", "PG-T3"])
        var full: [StoredFacts] = []
        try temp.store.forEachFacts(trails: true) { full += $0 }
        var brief: [StoredFacts] = []
        try temp.store.forEachFacts(trails: false) { brief += $0 }
        for (row, (facts, short)) in zip(rows, zip(full, brief)) {
            let values = try Ledger.decode([AutomaticOutcome].self, from: row.outcomes)
            #expect(!values.isEmpty && values.allSatisfy(\.trail.isEmpty), "\(row.id)")
            let trails = try Ledger.decode([[LocalizedText]].self, from: try #require(row.trails))
            let outcomes = try #require(facts.outcomes)
            #expect(trails == outcomes.map(\.trail) && trails.contains { !$0.isEmpty }, "\(row.id)")
            let application = try #require(try temp.store.entry(id: row.id)?.application)
            let freeze = try #require(try temp.store.frozenRubrics().first)
            let rubric = try #require(FactsProjection.loadable(freeze))
            #expect(outcomes == Scorer.outcomes(application, rubric: rubric), "\(row.id)")
            #expect(try temp.store.facts(of: row.id) == facts)
            #expect(short.outcomes == values && short.facts == facts.facts && short.profile == facts.profile)
        }
        #expect(try temp.store.verify().ok)
        #expect(try temp.store.sealed())
    }

    @Test("outcomes and trails that do not pair up are not read as facts")
    func mismatchedTrailsAreRefused() throws {
        let temp = try Self.frozenRound()
        let row = try #require(try Self.rows(temp.path).first)
        let trails = try #require(row.trails)
        let full = try FactsProjection.decoded(outcomes: row.outcomes, trails: trails)
        #expect(full.contains { !$0.trail.isEmpty })
        let values = try FactsProjection.decoded(outcomes: row.outcomes, trails: nil)
        #expect(values.map(\.criterion) == full.map(\.criterion) && values.allSatisfy(\.trail.isEmpty))
        #expect(throws: PSEAError.self) { try FactsProjection.decoded(outcomes: row.outcomes, trails: "[]") }
        #expect(try FactsProjection.encoded(outcomes: full) == StoredOutcomes(outcomes: row.outcomes, trails: trails))
    }

    @Test("a database with the trails inside its outcomes gets them moved when opened: sealed, verified, the same facts")
    func olderLayoutIsMoved() throws {
        let temp = try Self.frozenRound()
        var before: [StoredFacts] = []
        try temp.store.forEachFacts(trails: true) { before += $0 }
        // The table as an earlier psea wrote it: no trails column, each row's outcomes with their trails, sealed so.
        var configuration = Configuration()
        configuration.prepareDatabase { db in try Seal.register(db) }
        let queue = try DatabaseQueue(path: temp.path, configuration: configuration)
        try queue.write { db in
            for trigger in Seal.triggers(of: "entry_facts", columns: try Seal.columns(of: "entry_facts", db)) {
                try db.execute(sql: "DROP TRIGGER \(trigger.name)")
            }
            for facts in before {
                try db.execute(
                    sql: "UPDATE entry_facts SET outcomes = ? WHERE application = ?",
                    arguments: [try Ledger.canonicalJSON(try #require(facts.outcomes)), facts.id])
            }
            try db.execute(sql: "ALTER TABLE entry_facts DROP COLUMN trails")
            let columns = try Seal.columns(of: "entry_facts", db)
            for trigger in Seal.triggers(of: "entry_facts", columns: columns) { try db.execute(sql: trigger.sql) }
            let seal = Seal.data(of: try Seal.sum(of: "entry_facts", columns: columns, db))
            try db.execute(sql: "UPDATE seals SET digest = ? WHERE tbl = 'entry_facts'", arguments: [seal])
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v10-trails-apart'")
        }
        try queue.close()

        let reopened = try CompetitionStore(path: temp.path)
        var after: [StoredFacts] = []
        try reopened.forEachFacts(trails: true) { after += $0 }
        #expect(after == before)
        #expect(try Self.rows(temp.path).allSatisfy { $0.trails != nil && !$0.outcomes.contains("\"en\"") })
        #expect(try reopened.sealed())
        #expect(try reopened.verify().ok)
    }

    @Test("a column added to a sealed table moves its seal with the rows' new terms; a table edited behind its seal stays unsealed")
    func addedColumnMovesTheSeal() throws {
        for edited in [false, true] {
            let temp = try Fixture.populated()
            var configuration = Configuration()
            configuration.prepareDatabase { db in try Seal.register(db) }
            let queue = try DatabaseQueue(path: temp.path, configuration: configuration)
            try queue.write { db in
                let previous = try Seal.columns(of: "judges", db)
                if edited {
                    for trigger in Seal.triggers(of: "judges", columns: previous) { try db.execute(sql: "DROP TRIGGER \(trigger.name)") }
                    try db.execute(sql: "UPDATE judges SET name = 'x' WHERE id = 'J1'")
                }
                try db.execute(sql: "ALTER TABLE judges ADD COLUMN note TEXT")
                try Seal.columnAdded(to: "judges", previous: previous, db)
            }
            try queue.close()
            #expect(try temp.store.sealed() == !edited, "edited: \(edited)")
        }
    }
}
